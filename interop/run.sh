#!/usr/bin/env bash
# The interop suite: starts the built server on a fresh data directory and a free port, drives
# it with real, unchanged Sigstore clients (rekor-cli, cosign v3 and v2, sigstore-python), and
# prints one line per check and a summary. Exits non-zero when any check fails.
#
#   bash interop/run.sh                      # every client
#   bash interop/run.sh rekor-cli cosign     # some of them (rekor-cli, cosign, sigstore-python,
#                                            # shards: entries verified across two rotations)
#
# The clients are built once into WAXSEAL_INTEROP_CACHE (see tools.sh); the server jar is built
# if absent. All state (data directory, keys, artifacts, client homes) lives in a temporary
# directory that is removed at the end (kept when WAXSEAL_INTEROP_KEEP=1). WAXSEAL_INTEROP_JAR
# names another server jar to test.
set -euo pipefail

INTEROP_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$INTEROP_DIR/.." && pwd)
# shellcheck source=tools.sh
source "$INTEROP_DIR/tools.sh"
# shellcheck source=lib.sh
source "$INTEROP_DIR/lib.sh"

SECTIONS=("$@")
# shards rotates the log: it comes last, after the other sections have used the first shard
if [[ ${#SECTIONS[@]} -eq 0 ]]; then SECTIONS=(rekor-cli cosign sigstore-python shards); fi
for s in "${SECTIONS[@]}"; do
  [[ -f "$INTEROP_DIR/$s.sh" ]] || { echo "interop: no section '$s' (rekor-cli, cosign, sigstore-python, shards)" >&2; exit 2; }
done

build_interop_tools "${SECTIONS[@]}"
JAR="${WAXSEAL_INTEROP_JAR:-$ROOT/server/target/waxseal-server.jar}"
if [[ ! -f "$JAR" && -z "${WAXSEAL_INTEROP_JAR:-}" ]]; then
  echo "interop: $JAR is missing, building it" >&2
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package)
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/waxseal-interop.XXXXXX")
mkdir -p "$WORK/logs" "$WORK/home"
SERVER_PID=""

stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    # a graceful stop also stops the embedded PostgreSQL, whose files are in $WORK
    for _ in $(seq 1 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

cleanup() {
  stop_server
  if [[ -d "$WORK/gnupg" ]]; then GNUPGHOME="$WORK/gnupg" gpgconf --kill all 2>/dev/null || true; fi
  if [[ "${WAXSEAL_INTEROP_KEEP:-0}" == 1 ]]; then
    echo "interop: state kept in $WORK" >&2
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# a failure while making the inputs stops the run: say where
trap 'echo "interop: failed (${BASH_SOURCE[0]##*/} line $LINENO): $BASH_COMMAND" >&2' ERR

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
URL="http://localhost:$PORT"
# The management port is apart from the API port, as in production: it serves
# /actuator/shards (rotation) and /actuator/sigstore/{trusted-root,signing-config}.
MGMT="http://localhost:$(free_port)"
MANAGEMENT_URL=$MGMT
# The Rekor v2 log is reached under a host name of its own (its checkpoint origin): 127.0.0.1,
# which every resolver knows, while the v1 log keeps "localhost".
V2_URL="http://127.0.0.1:$PORT"
# a second log key, configured from the start, for a shard rotated to a new key
K2_KEY="$WORK/k2-log-signer.pem"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$K2_KEY" 2>/dev/null
echo "interop: starting $JAR on $URL, Rekor v2 log on $V2_URL (data in $WORK/data)"
WAXSEAL_DATA_DIR="$WORK/data" SERVER_PORT="$PORT" MANAGEMENT_SERVER_PORT="${MGMT##*:}" \
  WAXSEAL_HOSTNAME=localhost WAXSEAL_PUBLIC_URL="$URL" \
  WAXSEAL_V2_HOSTNAME=127.0.0.1 WAXSEAL_V2_BASE_URL="$V2_URL" \
  WAXSEAL_SIGNER_SHARDKEYS_K2_KEYFILE="$K2_KEY" \
  java -jar "$JAR" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for i in $(seq 1 240); do
  if curl -sf "$MGMT/actuator/health" 2>/dev/null | grep -q '"UP"'; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null || [[ $i == 240 ]]; then
    echo "interop: the server did not come up; its log ends with:" >&2
    tail -n 40 "$WORK/server.log" >&2
    exit 1
  fi
  sleep 0.5
done

# The log's key as configured (the generated key in the data directory), independent of what
# the server serves at /api/v1/log/publicKey: clients pinned to it check the server's signatures.
LOG_PUB="$WORK/log.pub"
openssl pkey -in "$WORK/data/keys/log-signer.pem" -pubout -out "$LOG_PUB"
# A key that is not the log's, for the negative controls.
WRONG_PUB="$WORK/wrong-log.pub"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 2>/dev/null \
  | openssl pkey -pubout -out "$WRONG_PUB"

# Clients keep caches and state under $HOME (rekor-cli's tree state, cosign's and
# sigstore-python's TUF caches): give them one that goes away with $WORK.
export HOME="$WORK/home"
PY="$SIGSTORE_PYTHON" # the sigstore-python venv's interpreter: has `cryptography` for artifacts
MAKE="$INTEROP_DIR/make.py"
export URL MGMT MANAGEMENT_URL V2_URL WORK LOG_PUB WRONG_PUB K2_KEY

started=$(date +%s)
for s in "${SECTIONS[@]}"; do
  # shellcheck source=/dev/null
  source "$INTEROP_DIR/$s.sh"
done

parts=()
for s in "rekor-cli" "cosign v3" "cosign v2" "cosign v3 Rekor v2" "sigstore-python" "sigstore-python Rekor v2" "shards"; do
  if [[ -n "${SECTION_COUNT[$s]+x}" ]]; then parts+=("$s ${SECTION_COUNT[$s]}"); fi
done
summary=$(IFS=,; echo "${parts[*]}" | sed 's/,/, /g')
echo "interop: $CHECKS checks, $PASSED passed, $FAILED failed ($summary) in $(($(date +%s) - started)) s"
if ((FAILED > 0)); then
  printf 'interop: failed: %s\n' "${FAILED_NAMES[@]}"
  exit 1
fi
