#!/usr/bin/env sh
# Trains the JVM's start-up cache for the extracted server in APP_DIR (Dockerfile build stage, and
# bench/coldstart.sh locally): starts it once against the PostgreSQL at TRAIN_DATASOURCE_URL
# (Flyway, every bean, the web server), lets it run its warm-up (docs/operations.md "Fast start":
# the append path's CPU work in memory, and refused entries and reads over HTTP, on every core, for
# TRAIN_WARMUP_SECONDS, default 30), stops it with SIGTERM once the warm-up is done, and writes
#   JDK 25 and later: APP_DIR/waxseal.aot  (AOT cache: classes loaded and linked, and the method
#                                          profiles of the warm-up, so C2 can start from them)
#   JDK 17 to 24:     APP_DIR/waxseal.jsa  (dynamic CDS archive: classes loaded)
# Run the server with the same JVM, the same jars at the same path, and
#   -XX:AOTCache=APP_DIR/waxseal.aot   or   -XX:SharedArchiveFile=APP_DIR/waxseal.jsa
# (a cache that does not match is ignored with a warning, never an error).
#
# Usage: deploy/image/train.sh APP_DIR   (env: TRAIN_DATASOURCE_URL, TRAIN_DATASOURCE_USERNAME,
#        JAVA (default java); the training needs a log key and a tiles key: throw-away ones are
#        made in a temporary directory)
set -eu
app=${1:?usage: train.sh APP_DIR}
java=${JAVA:-java}
: "${TRAIN_DATASOURCE_URL:?a jdbc:postgresql:// URL of a scratch database}"
jar=$(ls "$app"/waxseal-server*.jar)
feature=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "$feature" -ge 25 ]; then
  cache="-XX:AOTCacheOutput=$app/waxseal.aot"
else
  cache="-XX:ArchiveClassesAtExit=$app/waxseal.jsa"
fi
keys=$(mktemp -d)
trap 'rm -rf "$keys"' EXIT
# Throw-away keys: the training run signs nothing that is kept, but the production profile insists
# on configured keys. The JDK's keytool has no PEM export of private keys; openssl is not in a JRE
# image, so the quick-start key generation (default profile) makes them.
# The warm-up is an application runner (it needs the web server), so the run cannot stop at the
# context refresh (-Dspring.context.exit=onRefresh): it waits for the warm-up's log line instead.
# Both caches are written when the JVM exits, which SIGTERM makes it do (Spring's graceful
# shutdown; exit status 143).
out="$keys/server.log"
SPRING_DATASOURCE_URL=$TRAIN_DATASOURCE_URL SPRING_DATASOURCE_USERNAME=${TRAIN_DATASOURCE_USERNAME:-postgres} \
  SPRING_DATASOURCE_PASSWORD=${TRAIN_DATASOURCE_PASSWORD:-} WAXSEAL_DATA_DIR="$keys" SERVER_PORT=0 \
  MANAGEMENT_SERVER_PORT= WAXSEAL_LOG_FORMAT=ecs LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs \
  WAXSEAL_WARMUP_SECONDS=${TRAIN_WARMUP_SECONDS:-30} \
  "$java" $cache -XX:MaxRAM=1g -XX:MaxRAMPercentage=75 -jar "$jar" >"$out" 2>&1 &
pid=$!
until grep -q '"warm-up done' "$out"; do
  if ! kill -0 "$pid" 2>/dev/null; then
    cat "$out" >&2
    echo "train.sh: the server exited before its warm-up was done" >&2
    exit 1
  fi
  sleep 1
done
grep '"warm-up done' "$out"
kill -TERM "$pid"
wait "$pid" || true
ls -l "$app"/waxseal.aot "$app"/waxseal.jsa 2>/dev/null || true
