# What bench/scale-compare.sh, scale-wal.sh and tile-refill.sh share: the jars, and serving a log
# built by ScaleLog. Sourced, not run.
W=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SERVER_JAR=${SERVER_JAR:-$W/server/target/waxseal-server.jar}
BENCH_JAR=${BENCH_JAR:-$W/bench/target/benchmarks.jar}
LD="java -cp $BENCH_JAR dev.waxseal.bench.load.LoadDriver"
for f in "$SERVER_JAR" "$BENCH_JAR"; do
  [ -f "$f" ] || { echo "$f is missing: ./mvnw -B -pl server,bench -am package -DskipTests" >&2; exit 2; }
done

# Waits until the server PID serves the log API on PORT; exits naming LOGFILE if it dies first.
await_server() { # pid port logfile
  until curl -sf "localhost:$2/api/v1/log" > /dev/null; do
    kill -0 "$1" 2> /dev/null || { echo "the server died: $3" >&2; exit 1; }
    sleep 0.2
  done
}

# Entries in all shards: a rotation starts the active shard's treeSize again from 0.
tree_size() { # port
  curl -sf "localhost:$1/api/v1/log" | python3 -c 'import json, sys
log = json.load(sys.stdin)
print(int(log["treeSize"]) + sum(int(s["treeSize"]) for s in log.get("inactiveShards", [])))'
}
