#!/usr/bin/env bash
# Cold start of the server as its container runs it: ready-time (process start ->
# /actuator/health/readiness 200) and time to full speed (verified appends per second of each
# interval from the moment it is ready). docs/operations.md "Fast start" has the figures.
#
#   bench/coldstart.sh <label> -- <java command line up to and including the jar or main class>
#
# e.g. (the image's JVM flags, a 1 GiB container emulated with -XX:MaxRAM):
#   bench/coldstart.sh jdk17 -- java -XX:MaxRAM=1g -XX:MaxRAMPercentage=75 -jar server/target/waxseal-server.jar
#
# LOAD=0 measures the ready-time only. Besides the wall time, it prints the CPU time the server
# process had used when it was ready (/proc/<pid>/stat), which a machine shared with other work
# inflates much less than the wall time.
#
# Each run migrates a fresh database on an external PostgreSQL (PGHOST/PGPORT/PGUSER, trust
# authentication; default 127.0.0.1:55432, user waxseal), in the production profile with a log key
# file (WAXSEAL_SIGNER_KEY_FILE, required). The driver generates its entries first, then waits for
# readiness while the server starts, so generating them costs the server nothing.
set -euo pipefail

label=${1:?label}
shift
[[ ${1:-} == -- ]] && shift
(($# > 0)) || { echo "usage: $0 <label> -- <java command>" >&2; exit 2; }

: "${WAXSEAL_SIGNER_KEY_FILE:?a PEM log key}"
PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-55432} PGUSER=${PGUSER:-waxseal}
export PGHOST PGPORT PGUSER
port=${PORT:-3400}
seconds=${SECONDS_MEASURED:-60}
entries=${ENTRIES:-160000}
bench_jar=${BENCH_JAR:-$(dirname "$0")/target/benchmarks.jar}
out=${OUT:-/tmp/coldstart}
mkdir -p "$out"
db="coldstart_${label//[^a-zA-Z0-9]/_}_$$"
run="$out/$label-$(date +%H%M%S)"

psql -q -d postgres -c "CREATE DATABASE $db"
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $db" || true
}
trap cleanup EXIT

driver_pid=
if [[ ${LOAD:-1} != 0 ]]; then
java -cp "$bench_jar" dev.waxseal.bench.load.LoadDriver write --url "http://127.0.0.1:$port" \
  -c 64 --warmup 0s -d "${seconds}s" --entries "$entries" --verify 50 --interval 10s --wait-ready \
  >"$run.driver" 2>&1 &
driver_pid=$!
until grep -q '^generate' "$run.driver"; do
  kill -0 "$driver_pid" 2>/dev/null || { cat "$run.driver"; exit 1; }
  sleep 0.2
done
fi

echo "uptime   $(uptime)" >"$run.summary"
start=$(date +%s%N)
SERVER_PORT=$port SPRING_PROFILES_ACTIVE=production \
  SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db" SPRING_DATASOURCE_USERNAME="$PGUSER" \
  WAXSEAL_DATA_DIR="$out/data-$$" WAXSEAL_LOG_FORMAT=ecs "$@" >"$run.server" 2>&1 &
server_pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness"; do
  kill -0 "$server_pid" 2>/dev/null || { tail -20 "$run.server"; exit 1; }
  sleep 0.02
done
ready=$(date +%s%N)
read -r -a stat <"/proc/$server_pid/stat"
cpu_ticks=$((stat[13] + stat[14]))
printf 'ready    %.2f s after the process started, %.2f s of CPU\n' \
  "$(((ready - start) / 1000000))e-3" "$((cpu_ticks * 1000 / $(getconf CLK_TCK)))e-3" >>"$run.summary"
if [[ -n $driver_pid ]]; then
  wait "$driver_pid" || echo "driver exited with $?" >>"$run.summary"
  grep -E '^(interval|total|verify|WARNING)' "$run.driver" >>"$run.summary" || true
fi
echo "uptime   $(uptime)" >>"$run.summary"
echo "== $label ($run)"
cat "$run.summary"
rm -rf "$out/data-$$"
