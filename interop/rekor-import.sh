#!/usr/bin/env bash
# Migration from a real Rekor v1 (issue 21, item 5): runs rekor-server v1.5.4 on Trillian v1.7.3
# and MariaDB (Debian's), logs entries with rekor-cli across two shards (the second added by
# Rekor's own sharding config), then rebuilds that log in Waxseal with `import-rekor` and checks
# the rebuilt log against the source: the command's own proof (every shard's rebuilt root equals
# the root of the source's signed checkpoint), then /api/v1/log, entry bodies, UUIDs, indexes,
# integrated times and inclusion proofs served by a Waxseal started on the imported database, the
# search index (every entry's artifact hash and public key asked of both with
# POST /api/v1/index/retrieve: the same UUIDs; no entry imported without search keys), and
# rekor-cli verifying against it.
# Not part of .ci/run: it installs MariaDB and builds three Go programs on first use.
# Needs the built server jar (./mvnw -B verify or package). Usage: bash interop/rekor-import.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source interop/tools.sh
TRILLIAN_VERSION=v1.7.3 # the version rekor v1.5.4's go.mod requires
JAR="$PWD/server/target/waxseal-server.jar"
[[ -f $JAR ]] || { echo "build the server first: ./mvnw -B package -DskipTests" >&2; exit 2; }

go_tool "rekor-cli-$REKOR_CLI_VERSION" "github.com/sigstore/rekor/cmd/rekor-cli@$REKOR_CLI_VERSION" rekor-cli
go_tool "rekor-server-$REKOR_CLI_VERSION" "github.com/sigstore/rekor/cmd/rekor-server@$REKOR_CLI_VERSION" rekor-server
for tool in trillian_log_server trillian_log_signer createtree; do
  dir="trillian-${tool#trillian_}-$TRILLIAN_VERSION"
  go_tool "${dir//_/-}" "github.com/google/trillian/cmd/$tool@$TRILLIAN_VERSION" "$tool"
done
command -v mariadbd > /dev/null || apt-get install -y -q mariadb-server > /dev/null
TRILLIAN_BIN() { echo "$WAXSEAL_INTEROP_CACHE/trillian-$1-$TRILLIAN_VERSION/$2"; }
REKOR_SERVER="$WAXSEAL_INTEROP_CACHE/rekor-server-$REKOR_CLI_VERSION/rekor-server"
SCHEMA="$(go env GOMODCACHE)/github.com/google/trillian@$TRILLIAN_VERSION/storage/mysql/schema/storage.sql"

WORK=$(mktemp -d /tmp/waxseal-rekor-import.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2> /dev/null || true; done; wait 2> /dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 1 120); do curl -sf "$1" > /dev/null && return 0; sleep 1; done; echo "no answer from $1" >&2; return 1; }
bg() { local log=$1; shift; "$@" > "$WORK/$log" 2>&1 & PIDS+=($!); }

DB_PORT=$(free_port) TRILLIAN_RPC=$(free_port) REKOR_PORT=$(free_port) WAXSEAL_PORT=$(free_port)
mariadb-install-db --datadir="$WORK/db" --user=root --auth-root-authentication-method=normal > "$WORK/db-install.log" 2>&1
bg mariadb.log mariadbd --user=root --datadir="$WORK/db" --socket="$WORK/mysql.sock" --port="$DB_PORT" --bind-address=127.0.0.1
for _ in $(seq 1 60); do [[ -S $WORK/mysql.sock ]] && break; sleep 0.5; done
mariadb -S "$WORK/mysql.sock" -uroot -e "CREATE DATABASE IF NOT EXISTS trillian; CREATE USER 'trillian'@'localhost' IDENTIFIED BY 'trillian'; CREATE USER 'trillian'@'127.0.0.1' IDENTIFIED BY 'trillian'; GRANT ALL ON trillian.* TO 'trillian'@'localhost'; GRANT ALL ON trillian.* TO 'trillian'@'127.0.0.1';"
mariadb -S "$WORK/mysql.sock" -uroot trillian < "$SCHEMA"
DSN="trillian:trillian@tcp(127.0.0.1:$DB_PORT)/trillian"
bg trillian-server.log "$(TRILLIAN_BIN log-server trillian_log_server)" --storage_system=mysql --mysql_uri="$DSN" \
  --rpc_endpoint="127.0.0.1:$TRILLIAN_RPC" --http_endpoint="127.0.0.1:$(free_port)"
bg trillian-signer.log "$(TRILLIAN_BIN log-signer trillian_log_signer)" --storage_system=mysql --mysql_uri="$DSN" \
  --force_master --rpc_endpoint="127.0.0.1:$(free_port)" --http_endpoint="127.0.0.1:$(free_port)" --sequencer_interval=200ms

openssl ecparam -genkey -name prime256v1 -noout 2> /dev/null | openssl pkcs8 -topk8 -nocrypt -out "$WORK/log-key.pem"
openssl ecparam -genkey -name prime256v1 -noout -out "$WORK/signer.pem" 2> /dev/null
openssl ec -in "$WORK/signer.pem" -pubout -out "$WORK/signer.pub" 2> /dev/null
HOST=rekor-import.test
rekor() { # [extra rekor-server flags]: (re)starts rekor-server on the trillian tree it is given
  bg "rekor-$#.log" "$REKOR_SERVER" serve --port "$REKOR_PORT" --rekor_server.hostname "$HOST" \
    --rekor_server.signer "$WORK/log-key.pem" --trillian_log_server.address 127.0.0.1 \
    --trillian_log_server.port "$TRILLIAN_RPC" --search_index.storage_provider mysql \
    --search_index.mysql.dsn "$DSN" --enable_attestation_storage=false "$@"
  wait_for "http://127.0.0.1:$REKOR_PORT/api/v1/log"
}
upload() { # <first> <last>: one artifact each, every fourth as a rekord, the others hashedrekord
  for i in $(seq "$1" "$2"); do
    echo "artifact $i $RANDOM$RANDOM" > "$WORK/a$i"
    openssl dgst -sha256 -sign "$WORK/signer.pem" -out "$WORK/a$i.sig" "$WORK/a$i"
    type=hashedrekord; ((i % 4 == 0)) && type=rekord
    "$REKOR_CLI" upload --rekor_server "http://127.0.0.1:$REKOR_PORT" --type "$type" --artifact "$WORK/a$i" \
      --signature "$WORK/a$i.sig" --public-key "$WORK/signer.pub" > "$WORK/upload-$i.log"
  done
}

rekor # no tree id: rekor-server creates the first tree
upload 1 24
FIRST=$(curl -s "http://127.0.0.1:$REKOR_PORT/api/v1/log" | python3 -c 'import json,sys; print(json.load(sys.stdin)["treeID"])')
SECOND=$("$(TRILLIAN_BIN createtree createtree)" --admin_server="127.0.0.1:$TRILLIAN_RPC" 2> "$WORK/createtree.log")
printf -- '- treeID: %s\n  treeLength: 24\n' "$FIRST" > "$WORK/sharding.yaml"
kill "${PIDS[-1]}" && wait "${PIDS[-1]}" 2> /dev/null || true
rekor --trillian_log_server.tlog_id "$SECOND" --trillian_log_server.sharding_config "$WORK/sharding.yaml"
upload 25 35
curl -s "http://127.0.0.1:$REKOR_PORT/api/v1/log" > "$WORK/source-log.json"

echo "--- import-rekor from rekor-server $REKOR_CLI_VERSION (trees $FIRST, $SECOND)"
export WAXSEAL_DATA_DIR="$WORK/waxseal" WAXSEAL_SIGNER_KEY_FILE="$WORK/log-key.pem" WAXSEAL_HOSTNAME="$HOST"
if ! java -jar "$JAR" import-rekor "http://127.0.0.1:$REKOR_PORT" > "$WORK/import.log" 2>&1; then
  cat "$WORK/import.log" >&2
  exit 1
fi
grep '^import-rekor:' "$WORK/import.log"
if grep -q 'without search keys' "$WORK/import.log"; then
  echo "import-rekor imported entries without search keys" >&2
  exit 1
fi
SERVER_PORT=$WAXSEAL_PORT MANAGEMENT_SERVER_PORT=$(free_port) bg waxseal.log java -jar "$JAR"
wait_for "http://127.0.0.1:$WAXSEAL_PORT/api/v1/log"

echo "--- the imported log, served by Waxseal, against the source"
python3 - "$REKOR_PORT" "$WAXSEAL_PORT" << 'PY'
import base64, json, sys, urllib.request
source, imported = (f"http://127.0.0.1:{p}/api/v1" for p in sys.argv[1:3])
get = lambda url: json.load(urllib.request.urlopen(url))
a, b = get(source + "/log"), get(imported + "/log")
shards = lambda log: [(s["treeID"], s["treeSize"], s["rootHash"]) for s in log.get("inactiveShards") or []]
assert (a["treeID"], a["treeSize"], a["rootHash"]) == (b["treeID"], b["treeSize"], b["rootHash"]), (a, b)
assert shards(a) == shards(b), (shards(a), shards(b))
total = a["treeSize"] + sum(s[1] for s in shards(a))
for index in range(total):
    (ua, ea), = get(f"{source}/log/entries?logIndex={index}").items()
    (ub, eb), = get(f"{imported}/log/entries?logIndex={index}").items()
    # Rekor signs a fresh SET and checkpoint on every read (ECDSA: new bytes each time), so
    # those are compared by what they sign: the proof's size, root and hashes.
    proof = lambda e: {k: v for k, v in e["verification"]["inclusionProof"].items() if k != "checkpoint"}
    same = lambda e: (e["body"], e["logID"], e["logIndex"], e["integratedTime"], proof(e))
    assert ua == ub and same(ea) == same(eb), index
print(f"same active tree {b['treeID']} (size {b['treeSize']}, root {b['rootHash']}), same inactive shards {shards(b)}")
print(f"all {total} entries: same UUID, body, logID, logIndex, integratedTime and inclusion proof")

# The search index: what Rekor indexed when each entry was logged, against what the import derived
# from the stored bodies. Every entry's artifact hash and public key, asked of both.
def search(url, query):
    request = urllib.request.Request(url + "/index/retrieve", json.dumps(query).encode(),
                                     {"Content-Type": "application/json"})
    return sorted(json.load(urllib.request.urlopen(request)) or [])
asked, kinds = {}, {}
for index in range(total):
    (uuid, entry), = get(f"{imported}/log/entries?logIndex={index}").items()
    body = json.loads(base64.b64decode(entry["body"]))
    spec, kind = body["spec"], body["kind"]
    kinds[kind] = kinds.get(kind, 0) + 1
    queries = [{"hash": f"{spec['data']['hash']['algorithm']}:{spec['data']['hash']['value']}"},
               {"publicKey": {"format": spec["signature"].get("format", "x509"),
                              "content": spec["signature"]["publicKey"]["content"]}}]
    for query in queries:
        key = json.dumps(query, sort_keys=True)
        if key not in asked:
            asked[key] = (search(source, query), search(imported, query))
        a, b = asked[key]
        assert a == b, (index, query, a, b)
        assert any(u.endswith(uuid[-64:]) for u in b), (index, query, uuid, b)
print(f"index/retrieve: every entry ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))})"
      f" found by its artifact hash and its public key; {len(asked)} distinct queries, the same"
      " UUIDs from the source Rekor and the imported Waxseal")
PY
for i in 3 8 30; do
  type=hashedrekord; ((i % 4 == 0)) && type=rekord
  "$REKOR_CLI" verify --rekor_server "http://127.0.0.1:$WAXSEAL_PORT" --type "$type" --artifact "$WORK/a$i" \
    --signature "$WORK/a$i.sig" --public-key "$WORK/signer.pub" > "$WORK/verify-$i.log"
  echo "rekor-cli verify of artifact $i ($type) against the imported log: $(grep -m1 'Entry Hash' "$WORK/verify-$i.log")"
done
echo "rekor-import: OK"
