#!/bin/sh
# Start-up of the secrets4j command against a plain java hello-world, whole processes, in pairs
# (A B A B ...) so that a drift of the machine's speed hits both: prints each side's median wall
# time in ms and the median of the per-pair ratios. Needs the distribution built:
#   mvn -B -q -DskipTests -Dmaven.javadoc.skip=true package -pl cli -am
#   benchmarks/cli-startup.sh [RUNS] [secrets4j arguments...]   (default: 15 check env:HOME)
set -eu
here=$(cd -P -- "$(dirname -- "$0")" && pwd -P)
root=$(dirname -- "$here")
runs=${1:-15}
[ $# -gt 0 ] && shift
[ $# -eq 0 ] && set -- check env:HOME
cli=$root/cli/target/secrets4j/bin/secrets4j
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' \
  > "$scratch/Hello.java"
javac -d "$scratch" "$scratch/Hello.java"
now() { date +%s%N; }
: > "$scratch/a"; : > "$scratch/b"; : > "$scratch/r"
"$cli" "$@" >/dev/null 2>&1 || true; java -cp "$scratch" Hello >/dev/null   # warm-up
i=0
while [ "$i" -lt "$runs" ]; do
  t0=$(now); "$cli" "$@" >/dev/null 2>&1 || true; t1=$(now)
  java -cp "$scratch" Hello >/dev/null; t2=$(now)
  a=$(( (t1 - t0) / 1000 )); b=$(( (t2 - t1) / 1000 ))
  echo "$a" >> "$scratch/a"; echo "$b" >> "$scratch/b"
  awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f\n", a / b }' >> "$scratch/r"
  i=$((i + 1))
done
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m }'; }
echo "secrets4j $*: median $(( $(median "$scratch/a" | cut -d. -f1) / 1000 )) ms"
echo "java Hello: median $(( $(median "$scratch/b" | cut -d. -f1) / 1000 )) ms"
echo "ratio per pair: median $(median "$scratch/r"), runs $runs"
