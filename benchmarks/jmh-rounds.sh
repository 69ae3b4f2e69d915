#!/usr/bin/env bash
# Runs the JMH benchmarks in rounds and prints, for each target of BENCHMARKS.md, the ratio of its
# two sides in every round and the median over the rounds. Both sides of a ratio are in one JMH
# class, so one round measures both, close together in time; the median of the rounds is the
# figure to quote (one round on a shared 2-core machine can swing widely).
#
#   benchmarks/jmh-rounds.sh [ROUNDS] [JMH options...]   run ROUNDS rounds (default 3), then report
#   benchmarks/jmh-rounds.sh --report DIR                report the rounds already in DIR
#
# Every round runs with -prof gc (B/op) and writes DIR/round-N.csv and round-N.txt, DIR being
# benchmarks/target/jmh-rounds/<date-time>. JMH options after ROUNDS select or tune the run, e.g.
#   benchmarks/jmh-rounds.sh 3 -f 1 -wi 5 -i 5          all benchmarks
#   benchmarks/jmh-rounds.sh 3 -f 1 FileBenchmark       one class
# Needs the benchmark jar: mvn -B -q package -pl benchmarks -am -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."

report() {
  local dir=$1
  awk -F, '
    function median(values, count,    i, j, t, a) {
      for (i = 1; i <= count; i++) a[i] = values[i]
      for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return (count % 2) ? a[(count + 1) / 2] : (a[count / 2] + a[count / 2 + 1]) / 2
    }
    FNR == 1 { round++; next }
    {
      gsub(/["\r]/, "")
      name = $1; sub(/^io\.github\.secrets4j\.benchmarks\./, "", name)
      score = $5 + 0; unit = $7
      if (name ~ /:gc\.alloc\.rate\.norm$/) { sub(/:.*/, "", name); bytes[round, name] = score; next }
      if (name ~ /:/) next
      if (unit == "ops/us") ns = 1000 / score
      else if (unit == "ops/s") ns = 1e9 / score
      else if (unit == "us/op") ns = score * 1000
      else if (unit == "ms/op") ns = score * 1e6
      else ns = score
      t[round, name] = ns; threads[name] = $3
      if (!(name in seen)) { seen[name] = 1; order[++names] = name }
    }
    function pair(label, a, b, target,    r, n, v, line) {
      n = 0; line = ""
      for (r = 1; r <= round; r++) {
        if (!((r, a) in t) || !((r, b) in t)) continue
        v[++n] = t[r, a] / t[r, b]; line = line sprintf(" %7.2f", v[n])
      }
      if (n == 0) return
      printf "%-62s %-9s %8.2f  |%s\n", label, target, median(v, n), line
    }
    END {
      printf "%d round(s). Ratios are time per operation of the first side over the second (for\n", round
      printf "throughput benchmarks, the inverse of their throughputs); median first, then each round.\n\n"
      printf "%-62s %-9s %8s  | %s\n", "ratio", "target", "median", "rounds"
      pair("untemplated hit, reused Secret / ConcurrentHashMap.get, 1 thr", "CachedHitBenchmark.secrets4jHit1", "CachedHitBenchmark.chmGet1", "<= 4")
      pair("untemplated hit, reused Secret / ConcurrentHashMap.get, 8 thr", "CachedHitBenchmark.secrets4jHit8", "CachedHitBenchmark.chmGet8", "<= 4")
      pair("untemplated hit, Secret built where used / CHM.get, 1 thr", "CachedHitBenchmark.secrets4jBuildAndHit1", "CachedHitBenchmark.chmGet1", "report")
      pair("untemplated hit, Secret built where used / CHM.get, 8 thr", "CachedHitBenchmark.secrets4jBuildAndHit8", "CachedHitBenchmark.chmGet8", "report")
      pair("aws-secretsmanager-caching-java hit / secrets4j hit, 1 thr", "CachedHitBenchmark.awsCachingHit1", "CachedHitBenchmark.secrets4jHit1", ">= 50")
      pair("aws-secretsmanager-caching-java hit / secrets4j hit, 8 thr", "CachedHitBenchmark.awsCachingHit8", "CachedHitBenchmark.secrets4jHit8", ">= 50")
      pair("templated hit, record / hand-written lookup", "TemplatedHitBenchmark.secrets4jRecord", "TemplatedHitBenchmark.handWrittenRecord", "<= 4")
      pair("templated hit, JavaBean / hand-written lookup", "TemplatedHitBenchmark.secrets4jBean", "TemplatedHitBenchmark.handWrittenBean", "<= 4")
      pair("templated hit, record / bare ConcurrentHashMap.get", "TemplatedHitBenchmark.secrets4jRecord", "TemplatedHitBenchmark.chmGet", "report")
      pair("hand-written lookup (record) / bare ConcurrentHashMap.get", "TemplatedHitBenchmark.handWrittenRecord", "TemplatedHitBenchmark.chmGet", "report")
      pair("env secret / System.getenv", "EnvBenchmark.secrets4jEnv", "EnvBenchmark.rawGetenv", "<= 3")
      pair("templated file / raw read", "FileBenchmark.secrets4jTemplatedFile", "FileBenchmark.rawRead", "<= 2")
      pair("templated file, allowed-roots set / raw read", "FileBenchmark.secrets4jTemplatedFileAllowedRoots", "FileBenchmark.rawRead", "<= 2")
      pair("Nautobot port (shared jinjava, parse per call) / templated file", "FileBenchmark.nautobotPort", "FileBenchmark.secrets4jTemplatedFile", ">= 20")
      pair("encrypted-file getValue, 1,000 entries, cache off / raw read", "EncryptedFileBenchmark.getValue", "EncryptedFileBenchmark.rawRead", "<= 3")
      pair("encrypted-file open 10,000 entries (new runtime+read) / Jackson", "EncryptedFileOpenBenchmark.openAndRead", "EncryptedFileOpenBenchmark.jacksonParse", "report")
      pair("encrypted-file put with fsync / write+fsync+rename (floor)", "EncryptedFilePutBenchmark.put", "EncryptedFilePutBenchmark.rawWriteFsyncRename", "report")
      pair("plan of 1,000 unchanged secrets / reading their values", "PlanBenchmark.plan", "PlanBenchmark.readValues", "<= 2")
      printf "\n%-52s %7s %12s %10s\n", "benchmark", "threads", "ns/op", "B/op"
      for (i = 1; i <= names; i++) {
        name = order[i]; n = 0; m = 0
        for (r = 1; r <= round; r++) {
          if ((r, name) in t) x[++n] = t[r, name]
          if ((r, name) in bytes) y[++m] = bytes[r, name]
        }
        printf "%-52s %7s %12.2f %10s\n", name, threads[name], median(x, n), m ? sprintf("%.0f", median(y, m)) : "-"
      }
      printf "(ns/op of a benchmark run on 8 threads is wall time per operation of all threads together;\n"
      printf " building a Secret has a target of at most 2000 ns/op; puts/s = 1e9 / ns/op.)\n"
    }' "$dir"/round-*.csv
}

if [[ "${1:-}" == "--report" ]]; then
  report "${2:?directory of round-N.csv files}"
  exit 0
fi
rounds=3
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then
  rounds=$1
  shift
fi
jar=benchmarks/target/benchmarks.jar
[[ -f $jar ]] || { echo "no $jar: mvn -B -q package -pl benchmarks -am -DskipTests" >&2; exit 2; }
dir=benchmarks/target/jmh-rounds/$(date +%Y%m%d-%H%M%S)
mkdir -p "$dir"
for ((r = 1; r <= rounds; r++)); do
  echo "round $r of $rounds -> $dir/round-$r.txt" >&2
  java -jar "$jar" -prof gc -rf csv -rff "$dir/round-$r.csv" "$@" >"$dir/round-$r.txt" 2>&1
done
report "$dir" | tee "$dir/report.txt"
