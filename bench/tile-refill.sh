#!/bin/bash
# How long a restarted server takes to refill its tile cache (issue 20, docs/capacity.md): serves
# DIR/big (a log built by bench/scale-compare.sh), times the start to ready and to the first
# entry+proof read, then sends uniform proof reads and prints, every STEP seconds, the tiles held,
# the cache's hit rate over the step and the proofs answered in it (from the server's own
# waxseal_tile_cache_* and http_server_requests series). Stops when a step's hit rate reaches
# HIT_TARGET or after MAX seconds.
#
#   bench/tile-refill.sh DIR
#
# Knobs (environment): TILE_CACHE (90000: WAXSEAL_LOG_TILE_CACHE_SIZE, 16 KiB a tile; the default
# 16384 holds a sixth of a 2x10^7 log's level-0 tiles), STEP (10), MAX (300), HIT_TARGET (0.99),
# CONCURRENCY (16), SERVER_HEAP (3g), PORT (3154), PG_MEMORY (none: as in scale-compare.sh).
# Needs server/target/waxseal-server.jar and bench/target/benchmarks.jar (or SERVER_JAR, BENCH_JAR).
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
DIR=$(cd "$1" && pwd)
# shellcheck source=bench/scale-lib.sh
. "$(dirname "$0")/scale-lib.sh"
TILE_CACHE=${TILE_CACHE:-90000}
STEP=${STEP:-10}
MAX=${MAX:-300}
HIT_TARGET=${HIT_TARGET:-0.99}
CONCURRENCY=${CONCURRENCY:-16}
PORT=${PORT:-3154}
[ -d "$DIR/big" ] || { echo "$DIR/big is missing: build it with bench/scale-compare.sh" >&2; exit 2; }

t0=$(date +%s.%N)
WAXSEAL_DATA_DIR=$DIR/big SERVER_PORT=$PORT WAXSEAL_LOG_TILE_CACHE_SIZE=$TILE_CACHE \
  java -Xmx"${SERVER_HEAP:-3g}" -jar "$SERVER_JAR" > "$DIR/big-refill-server.log" 2>&1 &
server=$!
reader=
trap 'kill $reader $server 2> /dev/null || true; wait $server 2> /dev/null || true' EXIT
await_server $server "$PORT" "$DIR/big-refill-server.log"
t1=$(date +%s.%N)
[ -z "${PG_MEMORY:-}" ] || "$W/bench/pg-memory-cap.sh" "$DIR/big/postgres" "$PG_MEMORY"
size=$(tree_size "$PORT")
curl -sf "localhost:$PORT/api/v1/log/entries?logIndex=$((size / 2))" > /dev/null
t2=$(date +%s.%N)
echo "tile-refill: $size entries, tile cache $TILE_CACHE, $(nproc) cores, $(uptime | sed 's/.*load/load/')"
awk -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN {printf "start to ready %.1f s; first entry+proof read %.2f s later\n", b - a, c - b}'

# One scrape: tiles held, hits, misses, proofs answered so far.
scrape() {
  curl -sf "localhost:$PORT/actuator/prometheus" | awk '
    /^waxseal_tile_cache_tiles\{.*log="rekor_v1"/ {tiles = $NF}
    /^waxseal_tile_cache_lookups_total\{.*log="rekor_v1".*result="hit"/ {hit = $NF}
    /^waxseal_tile_cache_lookups_total\{.*log="rekor_v1".*result="miss"/ {miss = $NF}
    /^http_server_requests_seconds_count\{.*uri="\/api\/v1\/log\/proof"/ {proofs += $NF}
    END {printf "%d %d %d %d\n", tiles, hit, miss, proofs}'
}

$LD read --url "http://127.0.0.1:$PORT" \
  -c "$CONCURRENCY" -d "${MAX}s" --warmup 0s --entry-share 0 > "$DIR/big-refill-reads.log" 2>&1 &
reader=$!
printf '%8s %10s %10s %12s\n' "seconds" "tiles" "hit rate" "proofs/s"
read -r _ h0 m0 p0 <<< "$(scrape)"
for ((t = STEP; t <= MAX; t += STEP)); do
  sleep "$STEP"
  read -r tiles h1 m1 p1 <<< "$(scrape)"
  rate=$(awk -v h=$((h1 - h0)) -v m=$((m1 - m0)) 'BEGIN {printf "%.3f", (h + m > 0) ? h / (h + m) : 0}')
  printf '%8d %10d %10s %12.0f\n' "$t" "$tiles" "$rate" "$(((p1 - p0) / STEP))"
  h0=$h1 m0=$m1 p0=$p1
  if awk -v r="$rate" -v target="$HIT_TARGET" 'BEGIN {exit !(r >= target)}'; then break; fi
done
