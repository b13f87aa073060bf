#!/usr/bin/env bash
# Fuzzes @FuzzTest targets one after another, each for DURATION, outside Maven (one JVM per
# target, as Jazzer requires), and prints each target's executions and findings.
#   fuzz/run.sh 3m merkle  NoteFuzzTest#checkpoint ...        (class names are resolved below)
#   fuzz/run.sh 5m server  RpmFuzzTest#rpmPackage ...
# FUZZ_HEAP sets each JVM's -Xmx (default 1536m, as -Pfuzz). Write the module's test classpath first:
#   ./mvnw -o -pl server -am test-compile dependency:build-classpath \
#     -Dmdep.outputFile=target/fuzz-classpath.txt -Dmdep.includeScope=test
# The same runs are available through Maven: ./mvnw -Pfuzz -pl server -am test -Dtest=Class#method
set -euo pipefail
cd "$(dirname "$0")/.."
duration=$1 module=$2
shift 2
root=$PWD
cp="$root/$module/target/test-classes:$root/$module/target/classes:$(cat "$root/$module/target/fuzz-classpath.txt")"
mkdir -p "$module/target/fuzz-logs"
for target in "$@"; do
  class=${target%#*}
  fqcn=$(cd "$module/src/test/java" && find . -name "$class.java" | sed 's|^\./||; s|\.java$||; s|/|.|g')
  log="$module/target/fuzz-logs/${target/\#/.}.log"
  # Run from the module directory: Jazzer keeps its generated corpus in .cifuzz-corpus/ there and
  # writes crashing inputs into src/test/resources/<package>/<Class>Inputs/<method>/.
  (cd "$module" && JAZZER_FUZZ=1 nice -n 15 java -Xmx"${FUZZ_HEAP:-1536m}" \
    -Djazzer.hooks=true -Djazzer.instrument="${JAZZER_INSTRUMENT:-dev.waxseal.**}" \
    -Djazzer.max_duration="$duration" \
    -Djunit.jupiter.execution.timeout.mode=disabled \
    -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-rss_limit_mb=3072 \
    -cp "$cp" "$root/fuzz/FuzzOne.java" "$fqcn#${target#*#}" ) >"$log" 2>&1 || true
  done_line=$(grep -aE '^Done [0-9]+ runs' "$log" | tail -1 || true)
  # Each finding is an input Jazzer wrote for the regression corpus.
  findings=$(grep -ac 'Test unit written to' "$log" || true)
  echo "$target | ${done_line:-no Done line} | findings: $findings | log: $log"
done
