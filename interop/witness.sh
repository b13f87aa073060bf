#!/usr/bin/env bash
# Witness interop (issue 17): Waxseal against independent witness implementations.
#
#   1. litewitness (filippo.io/torchwood v0.6.1) cosigns checkpoints of a log built and sent by
#      sigsum-go v0.14.1; Waxseal's merkle library verifies litewitness's cosignatures
#      (WitnessPolicy + CosignatureVerifier), and rejects tampered ones.
#   2. Waxseal's witness (POST /add-checkpoint) cosigns checkpoints sent by sigsum-go's own
#      tlog-witness client, which verifies the cosignatures with its own code; then a curl-driven
#      client following C2SP tlog-witness checks every refusal status.
#   3. Both witnesses cosign one checkpoint: merkle checks a 2-of-2 policy over the two lines.
#   4. Sigsum policy files: merkle's parser against sigsum-go's own, file by file.
#   5. Waxseal's own log with WAXSEAL_WITNESS_POLICY naming litewitness, sigsum-go v0.14.1's
#      sigsum-witness and Waxseal's witness (3 of 3): after a few entries, its /checkpoint carries
#      the three cosignature lines, and merkle verifies the log's signature and the quorum on what
#      curl fetched.
#
# Prints one PASS/FAIL line per check and a summary; exits non-zero if any check fails.
# Tools are built once into WAXSEAL_INTEROP_CACHE (default ~/.cache/waxseal-interop). The server
# jar (server/target/waxseal-server.jar, or WAXSEAL_INTEROP_JAR) and the merkle jar are built if
# absent. State lives in a temporary directory, removed at the end (kept with
# WAXSEAL_INTEROP_KEEP=1).
set -euo pipefail

INTEROP_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$INTEROP_DIR/.." && pwd)
CACHE="${WAXSEAL_INTEROP_CACHE:-$HOME/.cache/waxseal-interop}"
TORCHWOOD="$CACHE/torchwood-v0.6.1"
SIGSUM_CLIENT="$CACHE/witness-sigsum-client/sigsum-client"

PASSED=0
FAILED=0
pass() { echo "PASS  $*"; PASSED=$((PASSED + 1)); }
fail() { echo "FAIL  $*"; FAILED=$((FAILED + 1)); }
note() { echo "NOTE  $*"; }
# check <description> <command...>: PASS if the command succeeds
check() {
  local what=$1
  shift
  if "$@" >"$WORK/check.out" 2>&1; then pass "$what"; else fail "$what"; sed 's/^/      /' "$WORK/check.out" | tail -n 8; fi
}

# ---- tools ---------------------------------------------------------------------------------
if [[ ! -x "$TORCHWOOD/litewitness" || ! -x "$TORCHWOOD/witnessctl" ]]; then
  echo "witness: building torchwood v0.6.1 into $TORCHWOOD (once)" >&2
  mkdir -p "$TORCHWOOD"
  (cd /tmp && GOBIN="$TORCHWOOD" nice go install filippo.io/torchwood/cmd/...@v0.6.1)
fi
if [[ ! -x "$SIGSUM_CLIENT" || "$INTEROP_DIR/witness/sigsum-client/main.go" -nt "$SIGSUM_CLIENT" ]]; then
  echo "witness: building the sigsum-go v0.14.1 client into $(dirname "$SIGSUM_CLIENT")" >&2
  mkdir -p "$(dirname "$SIGSUM_CLIENT")"
  (cd "$INTEROP_DIR/witness/sigsum-client" && nice go build -o "$SIGSUM_CLIENT" .)
fi
SIGSUM_GO="$CACHE/sigsum-go-v0.14.1"
if [[ ! -x "$SIGSUM_GO/sigsum-witness" || ! -x "$SIGSUM_GO/sigsum-key" ]]; then
  echo "witness: building sigsum-go v0.14.1's witness into $SIGSUM_GO (once)" >&2
  mkdir -p "$SIGSUM_GO"
  (cd /tmp && GOBIN="$SIGSUM_GO" nice go install sigsum.org/sigsum-go/cmd/sigsum-witness@v0.14.1 \
    sigsum.org/sigsum-go/cmd/sigsum-key@v0.14.1)
fi
JAR="${WAXSEAL_INTEROP_JAR:-$ROOT/server/target/waxseal-server.jar}"
MERKLE_JAR=$(ls "$ROOT"/merkle/target/waxseal-merkle-*.jar 2>/dev/null | grep -v -e sources -e javadoc | head -n 1 || true)
if [[ -z "${WAXSEAL_INTEROP_JAR:-}" && ( ! -f "$JAR" || -z "$MERKLE_JAR" ) ]]; then
  echo "witness: building the server and merkle jars" >&2
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl server -am)
  MERKLE_JAR=$(ls "$ROOT"/merkle/target/waxseal-merkle-*.jar | grep -v -e sources -e javadoc | head -n 1)
fi
merkle() { java -cp "$MERKLE_JAR" "$INTEROP_DIR/witness/MerkleVerify.java" "$@"; }

# ---- state and cleanup: only the processes started here are stopped ------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/waxseal-witness.XXXXXX")
PIDS=()
AGENT_PID=""
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [[ -n "$AGENT_PID" ]]; then kill -TERM "$AGENT_PID" 2>/dev/null || true; fi
  if [[ "${WAXSEAL_INTEROP_KEEP:-0}" == 1 ]]; then echo "witness: state kept in $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# the 32-byte key of a vkey, hex
vkey_hex() { python3 -c 'import sys, base64; print(base64.b64decode(sys.argv[1].split("+", 2)[2])[1:].hex())' "$1"; }
# a distinct 32-byte seed per log
seed() { python3 -c 'import hashlib, sys; print(hashlib.sha256(sys.argv[1].encode()).hexdigest())' "waxseal-witness-interop $1 $$"; }
post() { curl -s -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' --data-binary @"$1" "$2/add-checkpoint"; }

LOG1=$(seed litewitness-log)      # witnessed by litewitness
LOG2=$(seed waxseal-log)          # witnessed by Waxseal
LOG3=$(seed both-log)             # witnessed by both
UNKNOWN=$(seed unknown-log)       # witnessed by nobody

# Waxseal's log of section 5: its C2SP (tiles) key and vkey, known to both witnesses from the start
LG="$WORK/log"
mkdir -p "$LG"
openssl genpkey -algorithm ed25519 -out "$LG/tiles.pem" 2>/dev/null
# sigsum-witness (section 5) cosigns only a log whose origin is sigsum's name for its Ed25519 key
# (sigsum.org/v1/tree/<hex SHA-256 of the key>); Waxseal's tile origin is configurable, so the
# log takes that name and all three witnesses cosign the same checkpoints.
LG_HEX=$(openssl pkey -in "$LG/tiles.pem" -pubout -outform DER 2>/dev/null | python3 -c 'import sys; print(sys.stdin.buffer.read()[-32:].hex())')
LG_ORIGIN=sigsum.org/v1/tree/$(python3 -c 'import hashlib, sys; print(hashlib.sha256(bytes.fromhex(sys.argv[1])).hexdigest())' "$LG_HEX")
LG_VKEY=$(openssl pkey -in "$LG/tiles.pem" -pubout -outform DER 2>/dev/null | python3 -c '
import base64, hashlib, sys
key = sys.stdin.buffer.read()[-32:]
name = sys.argv[1]
key_id = hashlib.sha256(name.encode() + b"\n\x01" + key).digest()[:4]
print(name + "+" + key_id.hex() + "+" + base64.b64encode(b"\x01" + key).decode())' "$LG_ORIGIN")

# ---- 1. litewitness ------------------------------------------------------------------------
LW="$WORK/litewitness"
mkdir -p "$LW"
ssh-keygen -q -t ed25519 -N '' -C litewitness -f "$LW/key"
eval "$(ssh-agent -a "$LW/agent.sock" -s)" >/dev/null
AGENT_PID=$SSH_AGENT_PID
SSH_AUTH_SOCK="$LW/agent.sock" ssh-add -q "$LW/key"
LW_FPR=$(ssh-keygen -l -E sha256 -f "$LW/key.pub" | awk '{print $2}')
LW_HEX=$(python3 -c 'import sys, base64; print(base64.b64decode(open(sys.argv[1]).read().split()[1])[-32:].hex())' "$LW/key.pub")
LW_NAME=interop.example/litewitness
for s in "$LOG1" "$LOG3"; do
  "$TORCHWOOD/witnessctl" add-sigsum-log -db "$LW/lw.db" -key "$("$SIGSUM_CLIENT" log-key "$s")" >/dev/null
done
"$TORCHWOOD/witnessctl" add-log -db "$LW/lw.db" -origin "$LG_ORIGIN" 2>/dev/null
"$TORCHWOOD/witnessctl" add-key -db "$LW/lw.db" -origin "$LG_ORIGIN" -key "$LG_VKEY" 2>/dev/null
LW_PORT=$(free_port)
LW_URL="http://127.0.0.1:$LW_PORT"
"$TORCHWOOD/litewitness" -db "$LW/lw.db" -name "$LW_NAME" -key "$LW_FPR" -ssh-agent "$LW/agent.sock" \
  -listen "127.0.0.1:$LW_PORT" >"$LW/log" 2>&1 &
PIDS+=($!)
for i in $(seq 1 60); do
  curl -s -o /dev/null "$LW_URL/" && break
  [[ $i == 60 ]] && { echo "witness: litewitness did not start:" >&2; cat "$LW/log" >&2; exit 1; }
  sleep 0.25
done
echo "witness: litewitness $LW_NAME on $LW_URL (key $LW_HEX)"

LOG1_VKEY=$("$SIGSUM_CLIENT" log-line "$LOG1" | awk '{print $2}')
printf 'witness litewitness %s %s\nquorum litewitness\n' "$LW_HEX" "$LW_URL" >"$WORK/policy-lw"
check "litewitness cosigns 0 -> 5 (sent and verified by sigsum-go)" \
  sh -c "'$SIGSUM_CLIENT' add-checkpoint '$LW_URL' '$LOG1' 0 5 '$LW_HEX' >'$WORK/lw-5'"
check "merkle verifies litewitness's cosignature at size 5 (policy: quorum litewitness)" \
  sh -c "java -cp '$MERKLE_JAR' '$INTEROP_DIR/witness/MerkleVerify.java' quorum '$LOG1_VKEY' '$WORK/policy-lw' <'$WORK/lw-5'"
check "litewitness cosigns 5 -> 12 with a consistency proof" \
  sh -c "'$SIGSUM_CLIENT' add-checkpoint '$LW_URL' '$LOG1' 5 12 '$LW_HEX' >'$WORK/lw-12'"
check "merkle verifies litewitness's cosignature at size 12" \
  sh -c "merkle_out=\$(java -cp '$MERKLE_JAR' '$INTEROP_DIR/witness/MerkleVerify.java' quorum '$LOG1_VKEY' '$WORK/policy-lw' <'$WORK/lw-12') && echo \"\$merkle_out\" | grep -q 'size 12 quorum'"
# negative controls: merkle must reject a flipped cosignature and a policy naming another key
python3 - "$WORK/lw-12" "$WORK/lw-12-tampered" <<'EOF'
import base64, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
name, blob = lines[-2].rsplit(" ", 1)
raw = bytearray(base64.b64decode(blob)); raw[-1] ^= 1
lines[-2] = name + " " + base64.b64encode(bytes(raw)).decode()
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines))
EOF
if merkle quorum "$LOG1_VKEY" "$WORK/policy-lw" <"$WORK/lw-12-tampered" >"$WORK/out" 2>&1; then
  fail "merkle rejects litewitness's cosignature with one bit flipped"
else
  grep -q "does not verify" "$WORK/out" && pass "merkle rejects litewitness's cosignature with one bit flipped ($(cut -c1-60 "$WORK/out")...)" \
    || fail "merkle rejects a flipped cosignature for the right reason: $(cat "$WORK/out")"
fi
printf 'witness other %s\nquorum other\n' "$(printf '11%.0s' $(seq 1 32))" >"$WORK/policy-other"
if merkle quorum "$LOG1_VKEY" "$WORK/policy-other" <"$WORK/lw-12" >"$WORK/out" 2>&1; then
  fail "merkle refuses a quorum that litewitness's key does not meet"
else
  pass "merkle refuses a quorum that litewitness's key does not meet"
fi
"$SIGSUM_CLIENT" request "$LOG1" 5 13 >"$WORK/stale"
code=$(post "$WORK/stale" "$LW_URL")
if [[ $code == 409 && $(cat "$WORK/body") == 12 ]] && grep -qi '^content-type: text/x.tlog.size' "$WORK/headers"; then
  pass "litewitness answers a stale old size with 409 text/x.tlog.size \"12\" (same protocol reading as Waxseal)"
else
  fail "litewitness 409 on a stale old size: got $code $(head -c 80 "$WORK/body")"
fi

# ---- 2. Waxseal's witness ------------------------------------------------------------------
WX="$WORK/waxseal"
mkdir -p "$WX"
openssl genpkey -algorithm ed25519 -out "$WX/witness.pem" 2>/dev/null
{
  echo "# logs this witness cosigns: <origin> <vkey>"
  "$SIGSUM_CLIENT" log-line "$LOG2"
  "$SIGSUM_CLIENT" log-line "$LOG3"
  echo "$LG_ORIGIN $LG_VKEY"
} >"$WX/logs"
WX_PORT=$(free_port)
WX_URL="http://127.0.0.1:$WX_PORT"
WX_NAME=interop.example/waxseal
WAXSEAL_DATA_DIR="$WX/data" SERVER_PORT="$WX_PORT" MANAGEMENT_SERVER_PORT="$WX_PORT" WAXSEAL_HOSTNAME=localhost \
  WAXSEAL_WITNESS_KEY_FILE="$WX/witness.pem" WAXSEAL_WITNESS_LOGS="$WX/logs" WAXSEAL_WITNESS_NAME="$WX_NAME" \
  java -jar "$JAR" >"$WX/server.log" 2>&1 &
PIDS+=($!)
for i in $(seq 1 240); do
  curl -sf "$WX_URL/actuator/health" 2>/dev/null | grep -q '"UP"' && break
  [[ $i == 240 ]] && { echo "witness: the server did not come up:" >&2; tail -n 40 "$WX/server.log" >&2; exit 1; }
  sleep 0.5
done
WX_VKEY=$(curl -sf "$WX_URL/witness/vkey")
WX_HEX=$(vkey_hex "$WX_VKEY")
echo "witness: Waxseal witness $WX_VKEY on $WX_URL"
[[ $WX_VKEY == "$WX_NAME+"* ]] && pass "GET /witness/vkey serves the witness vkey ($WX_NAME, type 0x04)" || fail "GET /witness/vkey: $WX_VKEY"

check "Waxseal cosigns 0 -> 5 sent by sigsum-go's client; sigsum-go verifies the cosignature" \
  sh -c "'$SIGSUM_CLIENT' add-checkpoint '$WX_URL' '$LOG2' 0 5 '$WX_HEX' >'$WORK/wx-5'"
check "Waxseal cosigns 5 -> 12 (sigsum-go's consistency proof); sigsum-go verifies" \
  sh -c "'$SIGSUM_CLIENT' add-checkpoint '$WX_URL' '$LOG2' 5 12 '$WX_HEX' >'$WORK/wx-12'"
if "$SIGSUM_CLIENT" add-checkpoint "$WX_URL" "$LOG2" 5 20 "$WX_HEX" >"$WORK/out" 2>&1; then
  fail "sigsum-go's client reads Waxseal's 409 (stale old size)"
else
  [[ $? == 3 && $(cat "$WORK/out") == "conflict 12" ]] && pass "sigsum-go's client reads Waxseal's 409 as \"conflict 12\"" \
    || fail "sigsum-go's client on a stale old size: $(cat "$WORK/out")"
fi

# a curl-driven client, following C2SP tlog-witness line by line
curl_case() { # <description> <body file> <want status> [<want body prefix>]
  local code
  code=$(post "$2" "$WX_URL")
  if [[ $code == "$3" && ( -z "${4:-}" || $(cat "$WORK/body") == "$4"* ) ]]; then
    pass "curl: $1 -> $code $(head -n 1 "$WORK/body" | cut -c1-90)"
  else
    fail "curl: $1 -> $code $(head -c 200 "$WORK/body"), want $3 ${4:-}"
  fi
}
"$SIGSUM_CLIENT" request "$LOG2" 12 20 >"$WORK/r-12-20"
curl_case "old 12 -> 20, valid proof" "$WORK/r-12-20" 200 "— $WX_NAME "
grep -q '^\(content-type\|Content-Type\): text/plain' "$WORK/headers" && pass "curl: 200 is text/plain" || fail "curl: 200 content type: $(grep -i content-type "$WORK/headers")"
curl_case "the same request again (old 12 is now stale)" "$WORK/r-12-20" 409 "20"
grep -qi '^content-type: text/x.tlog.size' "$WORK/headers" && pass "curl: 409 has Content-Type text/x.tlog.size" || fail "curl: 409 content type"
"$SIGSUM_CLIENT" request "$LOG2" 20 20 >"$WORK/r-20-20"
curl_case "old 20 -> 20, same root (re-cosign)" "$WORK/r-20-20" 200 "— $WX_NAME "
"$SIGSUM_CLIENT" request "$UNKNOWN" 0 3 >"$WORK/r-unknown"
curl_case "unknown origin" "$WORK/r-unknown" 404 "unknown log"
python3 - "$WORK/r-12-20" "$WORK/r-badsig" <<'EOF'
import base64, sys
text = open(sys.argv[1], encoding="utf-8").read()
head, sig = text.rstrip("\n").rsplit(" ", 1)
raw = bytearray(base64.b64decode(sig)); raw[-1] ^= 1
open(sys.argv[2], "w", encoding="utf-8").write(head + " " + base64.b64encode(bytes(raw)).decode() + "\n")
EOF
sed -i '1s/.*/old 20/' "$WORK/r-badsig"
curl_case "log signature with a flipped bit" "$WORK/r-badsig" 403 "checkpoint signature does not verify"
"$SIGSUM_CLIENT" request "$LOG2" 20 30 | sed '1s/.*/old 31/' >"$WORK/r-old-gt-new"
curl_case "old size larger than the checkpoint's" "$WORK/r-old-gt-new" 400 "old size 31 is larger"
"$SIGSUM_CLIENT" request "$LOG2" 20 30 | python3 -c '
import sys
lines = sys.stdin.read().split("\n")
lines[1] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
print("\n".join(lines), end="")' >"$WORK/r-badproof"
curl_case "consistency proof with a wrong hash" "$WORK/r-badproof" 422 "consistency proof from size 20 to 30 does not verify"
printf 'old 20\n\nnot a checkpoint\n' >"$WORK/r-garbage"
curl_case "malformed body" "$WORK/r-garbage" 400
"$SIGSUM_CLIENT" request "$LOG2" 20 30 >"$WORK/r-20-30"
curl_case "old 20 -> 30 still works after the refusals" "$WORK/r-20-30" 200 "— $WX_NAME "

# ---- 3. two independent witnesses on one checkpoint ------------------------------------------
LOG3_VKEY=$("$SIGSUM_CLIENT" log-line "$LOG3" | awk '{print $2}')
check "litewitness cosigns log 3 at size 7" sh -c "'$SIGSUM_CLIENT' add-checkpoint '$LW_URL' '$LOG3' 0 7 '$LW_HEX' >'$WORK/both-lw'"
check "Waxseal cosigns log 3 at size 7" sh -c "'$SIGSUM_CLIENT' add-checkpoint '$WX_URL' '$LOG3' 0 7 '$WX_HEX' >'$WORK/both-wx'"
{ cat "$WORK/both-lw"; grep "^— $WX_NAME " "$WORK/both-wx"; } >"$WORK/both"
printf 'witness litewitness %s\nwitness waxseal %s\ngroup both all litewitness waxseal\nquorum both\n' "$LW_HEX" "$WX_HEX" >"$WORK/policy-both"
check "merkle: the checkpoint with both cosignatures meets a 2-of-2 policy" \
  sh -c "java -cp '$MERKLE_JAR' '$INTEROP_DIR/witness/MerkleVerify.java' quorum '$LOG3_VKEY' '$WORK/policy-both' <'$WORK/both' | tee /dev/stderr | grep -q 'met by \[litewitness, waxseal\]'"
if merkle quorum "$LOG3_VKEY" "$WORK/policy-both" <"$WORK/both-lw" >"$WORK/out" 2>&1; then
  fail "merkle: litewitness's cosignature alone does not meet the 2-of-2 policy"
else
  pass "merkle: litewitness's cosignature alone does not meet the 2-of-2 policy"
fi
echo "witness: checkpoint cosigned by two independent witnesses:"
sed 's/^/      /' "$WORK/both"

# ---- 4. policy files: merkle's parser against sigsum-go's ---------------------------------
K1=$(printf '11%.0s' $(seq 1 32)); K2=$(printf '22%.0s' $(seq 1 32)); K3=$(printf '33%.0s' $(seq 1 32))
P="$WORK/policies"
mkdir -p "$P"
printf 'log %s https://log.example\nwitness a %s\nwitness b %s https://b.example\nwitness c %s\ngroup g 2 a b c\nquorum g\n' "$K1" "$K1" "$K2" "$K3" >"$P/ok-2-of-3"
printf '# comment\n\nwitness a %s\nwitness b %s\ngroup ab any a b\nwitness c %s\ngroup top all ab c\nquorum top\n' "$K1" "$K2" "$K3" >"$P/ok-nested"
printf 'quorum none\n' >"$P/ok-none"
printf 'witness\ta\t%s\r\nquorum a\r\n' "$K1" >"$P/ok-tabs-crlf"
printf 'witness a %s\n' "$K1" >"$P/bad-no-quorum"
printf 'witness a %s\nwitness a %s\nquorum a\n' "$K1" "$K2" >"$P/bad-duplicate-name"
printf 'witness a %s\nwitness b %s\nquorum a\n' "$K1" "$K1" >"$P/bad-duplicate-key"
printf 'witness a %s\ngroup g 2 a\nquorum g\n' "$K1" >"$P/bad-threshold-range"
printf 'witness a %s\ngroup g 1 a b\nquorum g\n' "$K1" >"$P/bad-undefined-member"
printf 'witness a %s\ngroup g 1 a\ngroup h 1 a\nquorum g\n' "$K1" >"$P/bad-member-twice"
printf 'witness a %s\ngroup g 1 none\nquorum g\n' "$K1" >"$P/bad-none-member"
printf 'witness a %s\nquorum a\nquorum a\n' "$K1" >"$P/bad-quorum-twice"
printf 'witness a %s\nquorum b\n' "$K1" >"$P/bad-quorum-undefined"
printf 'witness a 1234\nquorum a\n' >"$P/bad-short-key"
printf 'witnesses a %s\nquorum a\n' "$K1" >"$P/bad-keyword"
printf 'witness a %s\x01\nquorum a\n' "$K1" >"$P/bad-control"
printf 'log %s\nlog %s\nquorum none\n' "$K1" "$K1" >"$P/bad-duplicate-log"
# known, intended difference: sigsum-go's strconv.Atoi accepts a sign and leading zeros
printf 'witness a %s\ngroup g 01 a\nquorum g\n' "$K1" >"$P/stricter-leading-zero"
agree=0; disagree=()
for f in "$P"/*; do
  s=$("$SIGSUM_CLIENT" policy "$f" | cut -c1-2); m=$(merkle policy "$f" | cut -c1-2)
  name=$(basename "$f")
  if [[ $s == "$m" ]]; then agree=$((agree + 1))
  elif [[ $name == stricter-* && $s == ok && $m == er ]]; then note "policy $name: sigsum-go accepts, merkle rejects (threshold must be canonical decimal)"
  else disagree+=("$name: sigsum-go '$s', merkle '$m'"); fi
done
if [[ ${#disagree[@]} == 0 ]]; then
  pass "policy files: merkle and sigsum-go v0.14.1 agree on $agree of $agree accept/reject decisions"
else
  fail "policy files: merkle and sigsum-go disagree: ${disagree[*]}"
fi

# ---- 5. Waxseal's log cosigned by litewitness, sigsum-witness and Waxseal's witness ----------
SG="$WORK/sigsum-witness"
mkdir -p "$SG"
"$SIGSUM_GO/sigsum-key" generate -o "$SG/key" >/dev/null
SG_HEX=$("$SIGSUM_GO/sigsum-key" to-hex -k "$SG/key.pub")
SG_NAME=sigsum.org/v1/witness/$(python3 -c 'import hashlib, sys; print(hashlib.sha256(bytes.fromhex(sys.argv[1])).hexdigest())' "$SG_HEX")
echo "$LG_HEX" | "$SIGSUM_GO/sigsum-key" from-hex -o "$SG/log.pub"
SG_PORT=$(free_port)
SG_URL="http://127.0.0.1:$SG_PORT"
"$SIGSUM_GO/sigsum-witness" --signing-key "$SG/key" --log-key "$SG/log.pub" --state-file "$SG/state" \
  "127.0.0.1:$SG_PORT" >"$SG/log" 2>&1 &
PIDS+=($!)
echo "witness: sigsum-witness $SG_NAME on $SG_URL"
printf 'witness litewitness %s %s\nwitness waxseal %s %s\nwitness sigsum %s %s\ngroup all3 all litewitness waxseal sigsum\nquorum all3\n' \
  "$LW_HEX" "$LW_URL" "$WX_HEX" "$WX_URL" "$SG_HEX" "$SG_URL" >"$LG/policy"
LG_PORT=$(free_port)
LG_URL="http://127.0.0.1:$LG_PORT"
WAXSEAL_DATA_DIR="$LG/data" SERVER_PORT="$LG_PORT" MANAGEMENT_SERVER_PORT="$LG_PORT" WAXSEAL_HOSTNAME=localhost \
  WAXSEAL_TILES_KEY_FILE="$LG/tiles.pem" WAXSEAL_TILES_ORIGIN="$LG_ORIGIN" \
  WAXSEAL_WITNESS_POLICY="$LG/policy" WAXSEAL_WITNESS_MIN_INTERVAL=0s \
  java -jar "$JAR" >"$LG/server.log" 2>&1 &
PIDS+=($!)
for i in $(seq 1 240); do
  curl -sf "$LG_URL/actuator/health" 2>/dev/null | grep -q '"UP"' && break
  [[ $i == 240 ]] && { echo "witness: the log did not come up:" >&2; tail -n 40 "$LG/server.log" >&2; exit 1; }
  sleep 0.5
done
[[ $(curl -sf "$LG_URL/vkey" 2>/dev/null || true) == "$LG_VKEY" || $(curl -sf "$LG_URL/checkpoint" | head -n 1) == "$LG_ORIGIN" ]] \
  && pass "the log serves origin $LG_ORIGIN" || fail "the log's origin: $(curl -s "$LG_URL/checkpoint" | head -n 1)"
openssl ecparam -name prime256v1 -genkey -noout -out "$LG/ec.key" 2>/dev/null
openssl ec -in "$LG/ec.key" -pubout -out "$LG/ec.pub" 2>/dev/null
added=0
for n in 1 2 3 4 5; do
  echo "witnessed entry $n $(date +%s%N)" >"$LG/a$n"
  openssl dgst -sha256 -sign "$LG/ec.key" -out "$LG/a$n.sig" "$LG/a$n"
  printf '{"apiVersion":"0.0.1","kind":"hashedrekord","spec":{"signature":{"content":"%s","publicKey":{"content":"%s"}},"data":{"hash":{"algorithm":"sha256","value":"%s"}}}}' \
    "$(base64 -w0 "$LG/a$n.sig")" "$(base64 -w0 "$LG/ec.pub")" "$(sha256sum "$LG/a$n" | cut -d' ' -f1)" >"$LG/e$n.json"
  code=$(curl -s -o "$LG/r$n" -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @"$LG/e$n.json" "$LG_URL/api/v1/log/entries")
  [[ $code == 201 ]] && added=$((added + 1))
done
[[ $added == 5 ]] && pass "the log takes 5 hashedrekord entries" || fail "the log took $added of 5 entries: $(head -c 200 "$LG/r5")"
for i in $(seq 1 60); do
  curl -s "$LG_URL/checkpoint" >"$LG/checkpoint"
  [[ $(sed -n 2p "$LG/checkpoint") == 5 ]] && grep -q "^— $LW_NAME " "$LG/checkpoint" && grep -q "^— $WX_NAME " "$LG/checkpoint" \
    && grep -q "^— $SG_NAME " "$LG/checkpoint" && break
  sleep 0.5
done
if [[ $(sed -n 2p "$LG/checkpoint") == 5 ]] && grep -q "^— $LW_NAME " "$LG/checkpoint" && grep -q "^— $WX_NAME " "$LG/checkpoint" \
  && grep -q "^— $SG_NAME " "$LG/checkpoint"; then
  pass "curl /checkpoint: size 5 with cosignature lines from litewitness, sigsum-witness and Waxseal's witness"
else
  fail "curl /checkpoint lacks a cosignature; got:"; sed 's/^/      /' "$LG/checkpoint"; grep -i witness "$LG/server.log" | tail -n 5
fi
echo "witness: curl -s $LG_URL/checkpoint"
sed 's/^/      /' "$LG/checkpoint"
check "merkle: the served checkpoint verifies with the log's vkey and meets the 3-of-3 policy" \
  sh -c "java -cp '$MERKLE_JAR' '$INTEROP_DIR/witness/MerkleVerify.java' quorum '$LG_VKEY' '$LG/policy' <'$LG/checkpoint' | tee /dev/stderr | grep -q 'met by \[litewitness, sigsum, waxseal\]'"
curl -s "$LG_URL/actuator/prometheus" | grep '^waxseal_witness_client_requests_total' | sed 's/^/      /' || true

note "torchwood v0.6.1 has no add-checkpoint client (witnessctl only administers litewitness's database) and no"
note "cosignature verifier built from a public key (CosignatureVerifier comes only from its own signer):"
note "sigsum-go v0.14.1 played the client and the independent verifier of Waxseal's cosignatures."
note "litewitness v0.6.1 answers an unknown origin with 403 (the current C2SP text says 404, which Waxseal uses)."

echo
echo "witness interop: $PASSED passed, $FAILED failed"
[[ $FAILED == 0 ]]
