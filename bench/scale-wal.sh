#!/bin/bash
# WAL written per append on the two logs of bench/scale-compare.sh (docs/capacity.md, "Measured on a
# quiet machine"): serves DIR/small and DIR/big in turn, appends for 10 s (not counted), then reads
# pg_stat_wal before and after a write run of DURATION s (64 connections) and prints, per append, the WAL
# records, the full-page images and the WAL bytes, with the PostgreSQL settings that decide them.
#
#   bench/scale-wal.sh DIR          (DIR as given to scale-compare.sh, its logs built)
#
# Knobs (environment):
#   LOGS=small big      which logs, in order
#   DURATION=20         seconds of the measured write run; ENTRIES=100000 entries it may send
#   EXTRA_CONF=...      PostgreSQL settings added to each log's waxseal-bench.conf for the run and
#                       removed after it, e.g. "max_wal_size = '16GB'
#                       checkpoint_timeout = '30min'" (checkpoints further apart)
#   PRE_SQL=...         SQL run on the log's PostgreSQL once its server is up, before any write
#                       (docs/capacity.md used it to set the indexes of an experiment)
#
# Needs server/target/waxseal-server.jar and bench/target/benchmarks.jar (or SERVER_JAR, BENCH_JAR),
# and psql.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
DIR=$(cd "$1" && pwd)
# shellcheck source=bench/scale-lib.sh
. "$(dirname "$0")/scale-lib.sh"
for name in ${LOGS:-small big}; do
  [ -d "$DIR/$name" ] || { echo "$DIR/$name is missing: run bench/scale-compare.sh first" >&2; exit 2; }
  port=3153
  conf=$DIR/$name/postgres/waxseal-bench.conf
  if [ -n "${EXTRA_CONF:-}" ]; then
    cp "$conf" "$conf.before-scale-wal"
    printf '%s\n' "$EXTRA_CONF" >> "$conf"
  fi
  WAXSEAL_DATA_DIR=$DIR/$name SERVER_PORT=$port java -Xmx3g -jar "$SERVER_JAR" > "$DIR/$name-wal-server.log" 2>&1 &
  pid=$!
  # On any exit: stop the server, and give the log back its own settings if EXTRA_CONF changed them.
  trap 'kill $pid 2> /dev/null || true; [ ! -f "$conf.before-scale-wal" ] || mv "$conf.before-scale-wal" "$conf"' EXIT
  await_server $pid $port "$DIR/$name-wal-server.log"
  pgport=$(sed -n 4p "$DIR/$name/postgres/postmaster.pid")
  q() { psql -h 127.0.0.1 -p "$pgport" -U postgres -d postgres -Atc "$1"; }
  [ -z "${PRE_SQL:-}" ] || q "$PRE_SQL"
  wal="select wal_records || ' ' || wal_fpi || ' ' || wal_bytes from pg_stat_wal"
  $LD write --url "http://127.0.0.1:$port" -c 64 -d 10s --warmup 0s --entries 40000 > /dev/null 2>&1
  before=$(q "$wal") size0=$(tree_size $port)
  run=$($LD write --url "http://127.0.0.1:$port" -c 64 -d "${DURATION:-20}s" --warmup 0s --entries "${ENTRIES:-100000}" 2>&1 | grep '^total')
  after=$(q "$wal") size1=$(tree_size $port)
  settings=$(q "select string_agg(name || '=' || current_setting(name), ' ' order by name) from pg_settings
    where name in ('full_page_writes', 'wal_compression', 'max_wal_size', 'checkpoint_timeout', 'shared_buffers')")
  python3 - "$name" "$before" "$after" "$size0" "$size1" "$run" "$settings" << 'PY'
import sys
name, before, after, size0, size1, run, settings = sys.argv[1:]
b, a = [list(map(int, x.split())) for x in (before, after)]
n = int(size1) - int(size0)
print(f"{name}: {n} appends; per append {(a[0] - b[0]) / n:.1f} WAL records, "
      f"{(a[1] - b[1]) / n:.2f} full-page images, {(a[2] - b[2]) / n / 1024:.1f} KiB of WAL | {run} | {settings}")
PY
  kill $pid
  wait $pid 2> /dev/null || true
  while [ -e "$DIR/$name/postgres/postmaster.pid" ]; do sleep 0.5; done
  [ ! -f "$conf.before-scale-wal" ] || mv "$conf.before-scale-wal" "$conf"
done
