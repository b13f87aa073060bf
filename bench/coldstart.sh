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
# Each run appends one line to $OUT/table.tsv (label, ready wall and CPU, the appends/s of each
# 10 s, load average before and after); `bench/coldstart.sh --table` prints the runs there as a
# table with a median row per label (ABAB runs of two configurations, then one table).
#
# LOAD=0 measures the ready-time only. Besides the wall time, it prints the CPU time the server
# process had used when it was ready (/proc/<pid>/stat), which a machine shared with other work
# inflates much less than the wall time.
#
# Each run migrates a fresh database on an external PostgreSQL (PGHOST/PGPORT/PGUSER, trust
# authentication; default 127.0.0.1:55432, user waxseal), in the production profile with a log key
# file (WAXSEAL_SIGNER_KEY_FILE, required; an ECDSA P-256 PEM) and a tiles key file
# (WAXSEAL_TILES_KEY_FILE, required: an Ed25519 PEM; `openssl genpkey -algorithm ED25519`). The driver generates its entries first, then waits for
# readiness while the server starts, so generating them costs the server nothing.
set -euo pipefail

out=${OUT:-/tmp/coldstart}
if [[ ${1:-} == --table ]]; then
  # Median of each column per label (the middle run; the lower middle of an even count).
  awk -F'\t' '
    { rows[$1] = rows[$1] "\n" $0; n[$1]++; for (i = 2; i <= NF; i++) v[$1, i, n[$1]] = $i; w = NF }
    END {
      printf "%-14s %7s %6s", "run", "ready", "cpu"
      for (i = 1; i <= 6; i++) printf " %7s", (i * 10) "s"
      printf " %6s %6s\n", "load0", "load1"
      for (l in n) {
        split(substr(rows[l], 2), lines, "\n")
        for (k = 1; k <= n[l]; k++) { split(lines[k], f, "\t"); printf "%-14s", f[1]; for (i = 2; i <= w; i++) printf " %7s", f[i]; printf "\n" }
        printf "%-14s", l " median"
        for (i = 2; i <= w; i++) {
          m = 0; for (k = 1; k <= n[l]; k++) a[k] = v[l, i, k]
          for (x = 1; x <= n[l]; x++) for (y = x + 1; y <= n[l]; y++) if (a[y] + 0 < a[x] + 0) { t = a[x]; a[x] = a[y]; a[y] = t }
          printf " %7s", a[int((n[l] + 1) / 2)]
        }
        printf "\n"
      }
    }' "$out/table.tsv"
  exit 0
fi

label=${1:?label}
shift
[[ ${1:-} == -- ]] && shift
(($# > 0)) || { echo "usage: $0 <label> -- <java command>" >&2; exit 2; }

: "${WAXSEAL_SIGNER_KEY_FILE:?a PEM log key}" "${WAXSEAL_TILES_KEY_FILE:?an Ed25519 PEM tiles key}"
PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-55432} PGUSER=${PGUSER:-waxseal}
export PGHOST PGPORT PGUSER
port=${PORT:-3400}
seconds=${SECONDS_MEASURED:-60}
entries=${ENTRIES:-160000}
bench_jar=${BENCH_JAR:-$(dirname "$0")/target/benchmarks.jar}
mkdir -p "$out"
db="coldstart_${label//[^a-zA-Z0-9]/_}_$$"
run="$out/$label-$(date +%H%M%S)"

psql -q -d postgres -c "CREATE DATABASE $db"
server_pid=
driver_pid=
cleanup() {
  [[ -n $driver_pid ]] && kill "$driver_pid" 2>/dev/null
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $db" || true
}
trap cleanup EXIT

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
  driver_pid=
  grep -E '^(interval|total|verify|WARNING)' "$run.driver" >>"$run.summary" || true
fi
echo "uptime   $(uptime)" >>"$run.summary"
echo "== $label ($run)"
cat "$run.summary"
# One line for the table: label, ready s, CPU s, six 10 s intervals (2xx/s; "-" if missing), the
# 1-minute load averages before and after.
awk -v label="$label" '
  /^uptime/ { sub(/.*load average: /, ""); split($0, l, ", "); load[++u] = l[1] }
  /^ready/ { ready = $2; cpu = $8 }
  /^interval/ { rate[++r] = $4 }
  END {
    printf "%s\t%s\t%s", label, ready, cpu
    for (i = 1; i <= 6; i++) printf "\t%s", (i in rate) ? rate[i] : "-"
    printf "\t%s\t%s\n", load[1], load[2]
  }' "$run.summary" >>"$out/table.tsv"
rm -rf "$out/data-$$"
