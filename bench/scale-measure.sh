#!/bin/bash
# The scale measurements (docs/performance.md "A log at 10^7 entries"): run after ScaleLog build
# and sizes. Each figure is preceded by the time and
# the load average. Expects the 10^3 log's server already up on port 3133.
B=${B:-/var/tmp/waxseal-scale}
LD="nice -n 15 java -cp $B/benchmarks.jar dev.waxseal.bench.load.LoadDriver"
say() { echo; echo "=== $* | $(date -u +%T) | $(uptime | sed 's/.*load/load/')"; }
start() { # dir port cache
  local t0=$(date +%s.%N)
  (WAXSEAL_DATA_DIR=$B/$1 SERVER_PORT=$2 WAXSEAL_LOG_TILE_CACHE_SIZE=$3 nice -n 15 java -Xmx3g -jar $B/waxseal-server.jar > $B/$1-server-$3.log 2>&1 & echo $! > $B/$1-server.pid)
  until curl -sf localhost:$2/api/v1/log > /dev/null; do sleep 0.5; done
  local t1=$(date +%s.%N)
  curl -sf "localhost:$2/api/v1/log/entries?logIndex=1234567" > /dev/null
  curl -sf "localhost:$2/api/v1/log/proof?firstSize=1234567&lastSize=9000000" > /dev/null
  local t2=$(date +%s.%N)
  echo "started $1 cache $3: ready after $(echo "$t1 - $t0" | bc) s, first entry+proof read $(echo "$t2 - $t1" | bc) s later"
}
stop() { kill $(cat $B/$1-server.pid); while [ -e $B/$1/postgres/postmaster.pid ]; do sleep 0.5; done; }
read_run() { # port duration extra...
  local port=$1 d=$2; shift 2
  $LD read --url http://127.0.0.1:$port -c 16 -d $d --warmup 0s "$@" | grep -v 'status\|^load'
}

say "A: big log, default tile cache (16384)"
start big 3132 16384
for i in 1 2; do say "A$i proofs uniform 10s (cold)"; read_run 3132 10s --entry-share 0; done
say "A3 mixed uniform 15s"; read_run 3132 15s
say "A4 mixed skewed (90% in newest 100000) 15s"; read_run 3132 15s --recent-window 100000

say "W: writes, 10^3 log vs big log, back to back"
for target in 3133 3132; do
  say "W port $target write -c 64 15s"
  $LD write --url http://127.0.0.1:$target -c 64 -d 15s --warmup 5s --entries 20000 --verify 50 | grep -v 'status\|^load'
done
say "K: 10^3 log reads, mixed uniform 15s"; read_run 3133 15s
stop big

say "B: big log, tile cache 60000"
start big 3132 60000
for i in 1 2 3 4; do say "B$i proofs uniform 10s (ramp)"; read_run 3132 10s --entry-share 0; done
say "B5 mixed uniform 15s"; read_run 3132 15s
say "B6 mixed skewed (90% in newest 100000) 15s"; read_run 3132 15s --recent-window 100000
ps -o rss= -p $(cat $B/big-server.pid) | awk '{print "server RSS " $1/1024 " MiB"}'
stop big
say "done"
