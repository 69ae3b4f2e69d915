#!/usr/bin/env bash
# Cold start of secrets4j on its real runtime class path vs a plain Java program on its own.
#
#   benchmarks/cold-start.sh [--no-build] [time|classes|phases] [RUNS]
#
# Builds first (mvn package + dependency:build-classpath), unless --no-build is given and a
# previous build left the class path files in providers-env/target and providers-file/target.
#
#   time     (default) RUNS fresh JVMs of each program (default 21), alternating plain,
#            secrets4j env, secrets4j env+file, after one unrecorded run of each; prints the
#            median, min and max wall time of each and the ratios of the medians.
#   classes  one run of each with -Xlog:class+load: how many classes each loads, by origin
#            (the JDK's CDS archive or not) and by group (lambda/indy, reflection, secrets4j,
#            Caffeine, SLF4J, jinjava...).
#   phases   RUNS runs (default 11) of the secrets4j program with --phases: the median
#            milliseconds of each phase of a first getValue (lambda bootstrap, SLF4J, discovery,
#            slug normaliser, runtime, each secret built and read).
#
# Class paths (nothing from the 40 MB benchmark jar):
#   plain      benchmarks/target/classes (only ColdStartPlain is loaded from it)
#   secrets4j  benchmarks/target/classes, the secrets4j-provider-env and -file jars, and the
#              runtime dependencies Maven resolves for those two modules (secrets4j-api,
#              jinjava and its dependencies, Caffeine, SLF4J API; no SLF4J binding).
# Set S4J_EXTRA_CP to add entries to the secrets4j class path (an SLF4J binding, say), MVN_ARGS to
# pass options to Maven (-o for offline), JAVA to use another java.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

build=1
if [[ "${1:-}" == "--no-build" ]]; then
  build=0
  shift
fi
command=${1:-time}
runs=${2:-}
java=${JAVA:-java}

if [[ ! -f providers-env/target/runtime-classpath.txt || ! -f providers-file/target/runtime-classpath.txt
      || ! -d benchmarks/target/classes ]]; then
  build=1
fi
if (( build )); then
  # One reactor invocation: the runtime class paths then name the jars just packaged in
  # */target, never stale ones from the local repository.
  # shellcheck disable=SC2086
  mvn -B -q ${MVN_ARGS:-} package dependency:build-classpath -pl benchmarks -am -DskipTests \
    -DincludeScope=runtime -Dmdep.outputFile=target/runtime-classpath.txt
fi

app="$root/benchmarks/target/classes"
version_jar() { ls "$root/$1"/target/secrets4j-*-[0-9]*.jar | grep -v -e '-tests.jar' -e '-sources.jar' -e '-javadoc.jar' | head -1; }
env_jar=$(version_jar providers-env)
file_jar=$(version_jar providers-file)
deps=$( { tr ':' '\n' <"$root/providers-env/target/runtime-classpath.txt"; echo;
          tr ':' '\n' <"$root/providers-file/target/runtime-classpath.txt"; } | awk 'NF && !seen[$0]++' | paste -sd: -)
plain_cp="$app"
s4j_cp="$app:$env_jar:$file_jar:$deps${S4J_EXTRA_CP:+:$S4J_EXTRA_CP}"

base=$(mktemp -d)
trap 'rm -rf "$base"' EXIT
mkdir -p "$base/nyc"
printf 'csr1-password\n' >"$base/nyc/csr1.txt"
export COLD_START_TOKEN=cold-start-token-value

run_plain() { "$java" "$@" -cp "$plain_cp" io.github.secrets4j.benchmarks.ColdStartPlain "$base"; }
run_s4j() { local mode=$1; shift; "$java" "$@" -cp "$s4j_cp" io.github.secrets4j.benchmarks.ColdStartApp "$mode" "$base"; }

# Wall milliseconds of one run of "$@", output discarded; fails if the run fails.
wall_ms() {
  local start=$EPOCHREALTIME end
  "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  end=$EPOCHREALTIME
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f\n", (e - s) * 1000 }'
}

# median min max of the numbers on stdin
stats() { sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f %.1f %.1f\n", m, v[1], v[NR] }'; }

echo "java: $("$java" -version 2>&1 | head -1)"
echo "secrets4j class path: $(tr ':' '\n' <<<"$s4j_cp" | grep -c .) entries:"
tr ':' '\n' <<<"$s4j_cp" | sed -e "s|^$root/||" -e "s|^$HOME/.m2/repository/||" -e 's/^/  /'

case "$command" in
  time)
    runs=${runs:-21}
    run_plain >/dev/null 2>&1; run_s4j env >/dev/null 2>&1; run_s4j env+file >/dev/null 2>&1
    : >"$base/plain"; : >"$base/env"; : >"$base/env+file"
    for ((i = 1; i <= runs; i++)); do
      wall_ms run_plain >>"$base/plain"
      wall_ms run_s4j env >>"$base/env"
      wall_ms run_s4j env+file >>"$base/env+file"
    done
    read -r p pmin pmax < <(stats <"$base/plain")
    read -r e emin emax < <(stats <"$base/env")
    read -r f fmin fmax < <(stats <"$base/env+file")
    printf '\n%d runs each, alternating; wall time of the whole process, ms\n' "$runs"
    printf '%-42s %8s %8s %8s %8s\n' program median min max "/plain"
    printf '%-42s %8s %8s %8s %8s\n' "plain (getenv + Files.readString)" "$p" "$pmin" "$pmax" 1.00
    printf '%-42s %8s %8s %8s %8s\n' "secrets4j env (one env secret)" "$e" "$emin" "$emax" "$(awk -v a="$e" -v b="$p" 'BEGIN { printf "%.2f", a / b }')"
    printf '%-42s %8s %8s %8s %8s\n' "secrets4j env+file (+ templated file)" "$f" "$fmin" "$fmax" "$(awk -v a="$f" -v b="$p" 'BEGIN { printf "%.2f", a / b }')"
    ;;
  classes)
    run_plain -Xlog:class+load:file="$base/plain.log" >/dev/null 2>&1
    run_s4j env -Xlog:class+load:file="$base/env.log" >/dev/null 2>&1
    run_s4j env+file -Xlog:class+load:file="$base/env+file.log" >/dev/null 2>&1
    printf '\nclasses loaded (-Xlog:class+load)\n'
    printf '%-44s %8s %8s %10s\n' group plain env env+file
    # The pattern goes through the environment: awk -v would process its backslashes.
    count() { re=$2 awk '/\[class,load\]/ && $0 ~ ENVIRON["re"] { n++ } END { print n + 0 }' "$base/$1.log"; }
    row() { printf '%-44s %8s %8s %10s\n' "$1" "$(count plain "$2")" "$(count env "$2")" "$(count env+file "$2")"; }
    row "all" "."
    row "  from the JDK's CDS archive" "shared objects file"
    printf '%-44s %8s %8s %10s\n' "  not from the CDS archive" \
      "$(( $(count plain .) - $(count plain 'shared objects file') ))" \
      "$(( $(count env .) - $(count env 'shared objects file') ))" \
      "$(( $(count env+file .) - $(count env+file 'shared objects file') ))"
    row "lambda/indy: hidden classes (\$\$Lambda...)" "\\\$\\\$Lambda|LambdaForm\\\$|Species_"
    row "lambda/indy: java.lang.invoke.*" "\\] java\\.lang\\.invoke\\."
    row "reflection (java.lang.reflect, jdk.internal)" "\\] (java\\.lang\\.reflect|jdk\\.internal\\.reflect)\\."
    row "java.util.regex" "\\] java\\.util\\.regex\\."
    row "java.text (Normalizer...)" "\\] (java\\.text|jdk\\.internal\\.icu)\\."
    row "ServiceLoader" "\\] java\\.util\\.ServiceLoader"
    row "io.github.secrets4j.*" "\\] io\\.github\\.secrets4j\\."
    row "com.github.benmanes.caffeine.*" "\\] com\\.github\\.benmanes\\.caffeine\\."
    row "org.slf4j.*" "\\] org\\.slf4j\\."
    row "com.hubspot.jinjava.* (template engine)" "\\] com\\.hubspot\\."
    ;;
  phases)
    runs=${runs:-11}
    phases() { "$java" -cp "$s4j_cp" io.github.secrets4j.benchmarks.ColdStartApp env+file "$base" --phases 2>/dev/null; }
    phases >/dev/null
    for ((i = 1; i <= runs; i++)); do
      phases >"$base/phases.$i"
    done
    printf '\n%d runs of the secrets4j env+file program with --phases; median ms of each phase\n' "$runs"
    awk '{ ms = $(NF - 1); $NF = ""; $(NF - 1) = ""; sub(/ +$/, ""); name[FNR] = $0; v[FNR, ++n[FNR]] = ms; lines = FNR }
         END { for (l = 1; l <= lines; l++) { c = n[l]; for (i = 1; i <= c; i++) a[i] = v[l, i];
                 for (i = 1; i <= c; i++) for (j = i + 1; j <= c; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
                 m = (c % 2) ? a[(c + 1) / 2] : (a[c / 2] + a[c / 2 + 1]) / 2;
                 printf "%-50s %8.2f ms\n", name[l], m } }' "$base"/phases.*
    ;;
  *)
    echo "unknown command $command: time, classes or phases" >&2
    exit 2
    ;;
esac
