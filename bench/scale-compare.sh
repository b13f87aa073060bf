#!/bin/bash
# The issue-20 comparison, in one command, for a quiet machine (docs/capacity.md, "Re-measuring"):
# builds a log of N entries and a log of 10^3 entries with ScaleLog (same code, same settings),
# gives both embedded PostgreSQLs the same sizing, serves both, and measures back to back:
# appends/s (LoadDriver write, 64 connections, sampled inclusion proofs verified) at 10^3 and at N,
# proofs/s on the N log with uniform and with recent-skewed access, and bytes per entry. Prints one
# compact table at the end.
#
#   bench/scale-compare.sh N DIR
#
# DIR gets DIR/big (N entries) and DIR/small (10^3); a log already built there with the same N is
# reused (delete DIR to rebuild). Needs server/target/waxseal-server.jar and
# bench/target/benchmarks.jar (./mvnw -B -pl server,bench -am package -DskipTests). Settings, from
# the environment:
#   SHARED_BUFFERS (4GB), EFFECTIVE_CACHE_SIZE (3 x SHARED_BUFFERS), MAINTENANCE_WORK_MEM (1GB):
#       written to DIR/*/postgres/waxseal-bench.conf, included by postgresql.conf: the server's
#       embedded PostgreSQL has no knob for them, and its own command-line settings (fsync,
#       synchronous_commit, full_page_writes, max_connections) stay as they are.
#   SERVER_HEAP (3g), TILE_CACHE (the server's default), DURATION (20s per run), ROUNDS (3 write
#   pairs, the median is reported), WRITE_ENTRIES (100000 generated per write run: more than the
#   rate times 5 s + DURATION, or the figure is marked "!"), RECENT (100000:
#   the skewed reads send 90 % of requests to the newest RECENT entries), DEFER_INDEXES (yes: build
#   the random-key indexes after the load, 2.2x faster at 10^6; "no" grows them as the appender
#   does, ~30 % larger), PORT_BIG (3151), PORT_SMALL (3152), BUILD_ONLY (no: "yes" builds the
#   logs and stops, so that a long build can run beside other work and the measuring run that
#   reuses them is the only thing on a quiet machine), PG_MEMORY (none: a limit such as 3800M caps
#   each PostgreSQL's memory, page cache included, with bench/pg-memory-cap.sh once it is up, so the
#   N log meets the cache misses of a larger log; needs root and a cgroup memory controller),
#   EXTRA_CONF (none: more PostgreSQL settings for both logs, lines as in postgresql.conf, e.g.
#   "max_wal_size = '200MB'" to bring checkpoints closer when the log stands in for a larger one),
#   SERVER_ENV (none: NAME=value pairs, space-separated, given to both servers, e.g.
#   "WAXSEAL_SHARD_MAX_SIZE=10000000": the N log rotates to a new shard at its first batch).
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 N DIR" >&2
  exit 2
fi
N=$1
DIR=$(mkdir -p "$2" && cd "$2" && pwd)
# shellcheck source=bench/scale-lib.sh
. "$(dirname "$0")/scale-lib.sh"
SHARED_BUFFERS=${SHARED_BUFFERS:-4GB}
EFFECTIVE_CACHE_SIZE=${EFFECTIVE_CACHE_SIZE:-}
MAINTENANCE_WORK_MEM=${MAINTENANCE_WORK_MEM:-1GB}
SERVER_HEAP=${SERVER_HEAP:-3g}
TILE_CACHE=${TILE_CACHE:-}
DURATION=${DURATION:-20s}
ROUNDS=${ROUNDS:-3}
WRITE_ENTRIES=${WRITE_ENTRIES:-100000}
RECENT=${RECENT:-100000}
DEFER_INDEXES=${DEFER_INDEXES:-yes}
PORT_BIG=${PORT_BIG:-3151}
PORT_SMALL=${PORT_SMALL:-3152}
PG_MEMORY=${PG_MEMORY:-}
SERVER_ENV=${SERVER_ENV:-}
if [ -z "$EFFECTIVE_CACHE_SIZE" ]; then
  unit=${SHARED_BUFFERS//[0-9]/}
  EFFECTIVE_CACHE_SIZE=$(( ${SHARED_BUFFERS//[^0-9]/} * 3 ))$unit
fi
[ "$RECENT" -lt "$N" ] || RECENT=$(( N / 10 ))

LOG=$DIR/scale-compare.log
say() { echo "=== $* | $(date -u +%T) | $(uptime | sed 's/.*load/load/')" | tee -a "$LOG"; }

declare -A PIDS=()
start() { # name port
  local env=(WAXSEAL_DATA_DIR="$DIR/$1" SERVER_PORT="$2")
  [ -n "$TILE_CACHE" ] && env+=(WAXSEAL_LOG_TILE_CACHE_SIZE="$TILE_CACHE")
  # shellcheck disable=SC2206 # SERVER_ENV is a list of NAME=value words
  [ -n "$SERVER_ENV" ] && env+=($SERVER_ENV)
  env "${env[@]}" java -Xmx"$SERVER_HEAP" -jar "$SERVER_JAR" > "$DIR/$1-server.log" 2>&1 &
  PIDS[$1]=$!
  await_server "${PIDS[$1]}" "$2" "$DIR/$1-server.log"
}
stop() { # name
  local pid=${PIDS[$1]:-}
  [ -n "$pid" ] || return 0
  kill "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  while [ -e "$DIR/$1/postgres/postmaster.pid" ]; do sleep 0.5; done
  unset "PIDS[$1]"
}
cleanup() { for name in "${!PIDS[@]}"; do stop "$name"; done; }
trap cleanup EXIT

configure() { # name: the PostgreSQL sizing, the same for both logs
  local pg=$DIR/$1/postgres
  cat > "$pg/waxseal-bench.conf" << EOF
shared_buffers = '$SHARED_BUFFERS'
effective_cache_size = '$EFFECTIVE_CACHE_SIZE'
maintenance_work_mem = '$MAINTENANCE_WORK_MEM'
${EXTRA_CONF:-}
EOF
  grep -q "waxseal-bench.conf" "$pg/postgresql.conf" ||
    echo "include_if_exists 'waxseal-bench.conf'" >> "$pg/postgresql.conf"
}

build() { # name entries port
  if [ -f "$DIR/$1/built-$2" ]; then
    say "reusing $DIR/$1 ($2 entries)"
    return
  fi
  rm -rf "${DIR:?}/$1"
  say "build $1: $2 entries"
  start "$1" "$3" # once: schema, tree, keys
  stop "$1"
  configure "$1"
  local defer=()
  [ "$DEFER_INDEXES" = yes ] && defer=(--defer-indexes)
  nice -n 15 java -Xmx4g -cp "$BENCH_JAR" dev.waxseal.bench.scale.ScaleLog build \
    --data-dir "$DIR/$1" --entries "$2" --chunk 32768 "${defer[@]}" | tee -a "$LOG" | grep -E '^(built|rebuilt|stopping)'
  touch "$DIR/$1/built-$2"
}

rate() { grep '^total' | awk '{for (i = 1; i < NF; i++) if ($(i+1) == "req/s") print $i}'; }
# The device under DIR, for its I/O counters: /proc/diskstats has reads completed in field 4 and
# writes completed in field 8.
DEVICE=$(basename "$(df --output=source "$DIR" | tail -1)")
grep -qw "$DEVICE" /proc/diskstats ||
  echo "no I/O counters for $DEVICE in /proc/diskstats: the disk figures will read 0" >&2
disk_ios() { awk -v d="$DEVICE" '$3 == d {print $4, $8}' /proc/diskstats; }
write_run() { # port; also appends "reads writes" per append of the run to DIR/disk-<port>
  local out size0 size1 io0 io1
  size0=$(tree_size "$1") io0=$(disk_ios)
  out=$($LD write --url "http://127.0.0.1:$1" -c 64 -d "$DURATION" --warmup 5s \
    --entries "$WRITE_ENTRIES" --verify 20 2>&1)
  size1=$(tree_size "$1") io1=$(disk_ios)
  echo "$io0 $io1 $size0 $size1" | awk '{n = $6 - $5; printf "%.2f %.2f\n", ($3 - $1) / n, ($4 - $2) / n}' >> "$DIR/disk-$1"
  echo "$out" >> "$LOG"
  echo "disk     $(tail -1 "$DIR/disk-$1") reads and writes of $DEVICE per append (warm-up included)" >> "$LOG"
  # "verify   k of k sampled 201 responses verified": every sampled proof must have verified.
  echo "$out" | awk '$1 == "verify" && $2 == $4 && $2 > 0 {ok = 1} END {exit !ok}' || { echo "write run on $1: proofs not verified" >&2; echo "$out" >&2; exit 1; }
  # A run that used up its entries measured a fraction of DURATION: say so next to the figure.
  if echo "$out" | grep -q '^WARNING  all .* entries were sent'; then
    echo "$(echo "$out" | rate)!"
  else
    echo "$out" | rate
  fi
}
read_run() { # port extra...
  local port=$1 out
  shift
  out=$($LD read --url "http://127.0.0.1:$port" -c 16 -d "$DURATION" --warmup 5s "$@" 2>&1)
  echo "$out" >> "$LOG"
  echo "$out" | rate
}
median() { tr -d '!' | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

say "scale-compare N=$N DIR=$DIR shared_buffers=$SHARED_BUFFERS effective_cache_size=$EFFECTIVE_CACHE_SIZE PG_MEMORY=${PG_MEMORY:-none} TILE_CACHE=${TILE_CACHE:-default} SERVER_ENV=${SERVER_ENV:-none} EXTRA_CONF=${EXTRA_CONF:-none}"
build big "$N" "$PORT_BIG"
build small 1000 "$PORT_SMALL"
if [ "${BUILD_ONLY:-no}" = yes ]; then
  say "built; BUILD_ONLY=yes: run again without it to measure"
  exit 0
fi
configure big
configure small

say "serving both logs"
start big "$PORT_BIG"
start small "$PORT_SMALL"
if [ -n "$PG_MEMORY" ]; then
  for name in big small; do
    "$W/bench/pg-memory-cap.sh" "$DIR/$name/postgres" "$PG_MEMORY" | tee -a "$LOG"
  done
fi
say "warm-up writes (not counted)"
write_run "$PORT_SMALL" > /dev/null
write_run "$PORT_BIG" > /dev/null
rm -f "$DIR/disk-$PORT_BIG" "$DIR/disk-$PORT_SMALL" # the measured rounds' only

small_w=()
big_w=()
for r in $(seq "$ROUNDS"); do
  say "write round $r: 10^3 then N"
  small_w+=("$(write_run "$PORT_SMALL")")
  big_w+=("$(write_run "$PORT_BIG")")
done
say "proof reads"
read_run "$PORT_BIG" --entry-share 0 > /dev/null # the tile cache's first fill, not counted
big_uniform=$(read_run "$PORT_BIG" --entry-share 0)
big_skewed=$(read_run "$PORT_BIG" --entry-share 0 --recent-window "$RECENT")
big_mixed=$(read_run "$PORT_BIG")
big_mixed_skewed=$(read_run "$PORT_BIG" --recent-window "$RECENT")
read_run "$PORT_SMALL" --entry-share 0 > /dev/null # the same first run on the 10^3 log
small_uniform=$(read_run "$PORT_SMALL" --entry-share 0)
small_mixed=$(read_run "$PORT_SMALL")
# The "10^3" log grows by every write run, and a reused one by every earlier run's: say how big.
small_size=$(tree_size "$PORT_SMALL")
stop big
stop small
say "sizes"
sizes=$(java -cp "$BENCH_JAR" dev.waxseal.bench.scale.ScaleLog sizes --data-dir "$DIR/big" 2>&1 | tee -a "$LOG")
per_entry=$(echo "$sizes" | awk '$1 == "database" {print $(NF-1)}')

sw=$(printf '%s\n' "${small_w[@]}" | median)
bw=$(printf '%s\n' "${big_w[@]}" | median)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (a > 0) ? b / a : 0}'; }
{
  echo
  echo "scale-compare: N=$N, shared_buffers=$SHARED_BUFFERS, PostgreSQL memory cap ${PG_MEMORY:-none}, tile cache ${TILE_CACHE:-default}, server env ${SERVER_ENV:-none}, $(nproc) cores, $(date -u +%FT%TZ), $(uptime | sed 's/.*load/load/')"
  printf '%-42s %14s %14s %8s\n' "figure" "10^3 log" "N log" "N/10^3"
  printf '%-42s %14s %14s\n' "entries at the end (all shards)" "$small_size" "-"
  printf '%-42s %14s %14s %8s\n' "appends/s, 64 conns (median of $ROUNDS)" "$sw" "$bw" "$(ratio "$sw" "$bw")"
  printf '%-42s %14s %14s\n' "  each run" "${small_w[*]}" "${big_w[*]}"
  printf '%-42s %14s %14s %8s\n' "proofs/s, uniform" "$small_uniform" "$big_uniform" "$(ratio "$small_uniform" "$big_uniform")"
  printf '%-42s %14s %14s %8s\n' "proofs/s, 90 % in newest $RECENT" "-" "$big_skewed" "$(ratio "$big_uniform" "$big_skewed") x uniform"
  printf '%-42s %14s %14s %8s\n' "entry+proof reads/s, uniform" "$small_mixed" "$big_mixed" "$(ratio "$small_mixed" "$big_mixed")"
  printf '%-42s %14s %14s %8s\n' "entry+proof reads/s, 90 % in newest $RECENT" "-" "$big_mixed_skewed" "$(ratio "$big_mixed" "$big_mixed_skewed") x uniform"
  printf '%-42s %14s %14s\n' "disk reads per append (median)" "$(cut -d' ' -f1 "$DIR/disk-$PORT_SMALL" | median)" "$(cut -d' ' -f1 "$DIR/disk-$PORT_BIG" | median)"
  printf '%-42s %14s %14s\n' "disk writes per append (median)" "$(cut -d' ' -f2 "$DIR/disk-$PORT_SMALL" | median)" "$(cut -d' ' -f2 "$DIR/disk-$PORT_BIG" | median)"
  printf '%-42s %14s %14s\n' "bytes per entry (database)" "-" "$per_entry"
  case "${small_w[*]} ${big_w[*]}" in
    *!*) echo "! a write run used up its WRITE_ENTRIES ($WRITE_ENTRIES) before DURATION ended: raise it" ;;
  esac
  echo "every run's output: $LOG"
} | tee -a "$LOG"
