#!/usr/bin/env bash
# import-rekor throughput (docs/lifecycle.md): starts a Waxseal source on its own embedded PostgreSQL,
# logs N entries to it (every fifth a rekord), then imports it into an empty database with the
# built server jar (and with BEFORE_JAR, if set, e.g. a jar built from an older commit), once
# directly and once through a proxy that adds DELAY seconds to every request (a source across a
# network). Prints, per run, the time from the end of the command's start-up to its OK line.
# Usage: nice -n 15 bash bench/import-rekor/measure.sh [N=3000] [DELAY=0.02]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-3000} DELAY=${2:-0.02}
AFTER=$PWD/server/target/waxseal-server.jar
[[ -f $AFTER ]] || { echo "build the server first: ./mvnw -B package -DskipTests" >&2; exit 2; }
JARS=(AFTER)
[[ -n ${BEFORE_JAR:-} ]] && { BEFORE=$BEFORE_JAR; JARS=(BEFORE AFTER); }
HERE=$PWD/bench/import-rekor
W=$(mktemp -d /tmp/waxseal-import-measure.XXXXXX)
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
P=$(free_port) Q=$(free_port)
WAXSEAL_DATA_DIR=$W/src SERVER_PORT=$P MANAGEMENT_SERVER_PORT=$(free_port) java -jar "$AFTER" > "$W/src.log" 2>&1 &
SRC=$!
python3 "$HERE/latency.py" "$Q" "http://127.0.0.1:$P" "$DELAY" &
PROXY=$!
trap 'kill $SRC $PROXY 2> /dev/null; wait $SRC $PROXY 2> /dev/null; rm -rf "$W"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$P/api/v1/log" > /dev/null && break; sleep 1; done
java "$HERE/Load.java" "http://127.0.0.1:$P" "$N"
stamp() { python3 -c 'import sys,time; t0=time.time(); [print("%.3f %s" % (time.time()-t0, l), end="") for l in sys.stdin]'; }
for url in "http://127.0.0.1:$P" "http://127.0.0.1:$Q"; do
  for which in "${JARS[@]}"; do
    rm -rf "$W/dst"
    WAXSEAL_DATA_DIR=$W/dst java -jar "${!which}" import-rekor "$url" 2>&1 | stamp > "$W/import.log"
    grep -q 'import-rekor: OK' "$W/import.log" || { tail -5 "$W/import.log"; exit 1; }
    python3 - "$W/import.log" "$which" "$url" "$N" << 'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
# The last start-up line (the key files resolved) to the OK line: the import itself.
start = max(float(l.split()[0]) for l in lines if "KeyFileResolver" in l)
end = next(float(l.split()[0]) for l in lines if "import-rekor: OK" in l)
unindexed = sum(int(l.split("; ")[-1].split()[0]) for l in lines if "without search keys" in l)
print(f"{sys.argv[2]} from {sys.argv[3]}: {sys.argv[4]} entries imported in {end - start:.1f} s"
      f" = {int(sys.argv[4]) / (end - start):.0f} entries/s; {unindexed} without search keys")
PY
  done
done
