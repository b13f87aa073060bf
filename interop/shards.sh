# Shards: entries logged before two rotations of the log (the second to a new key, k2) are still
# found and verified by the real clients afterwards, with a trusted root that lists each shard's
# key and its validity, as an operator publishes it (docs/shards.md). Sourced by run.sh, after
# the other sections ($URL, $MANAGEMENT_URL, $WORK, $LOG_PUB, $K2_KEY, $PY, $MAKE, $REKOR_CLI,
# $COSIGN3; the sigstore-python section's bundle when it ran).
section "shards"

H="$WORK/shards"
mkdir -p "$H"
rekor() { "$REKOR_CLI" --rekor_server "$URL" "$@"; }
rotate() { # [json body]: one rotation through the management port; prints the answer
  curl -sf -XPOST -H 'Content-Type: application/json' -d "${1:-{\}}" "$MANAGEMENT_URL/actuator/shards"
}
K2_PUB="$H/k2.pub"
openssl pkey -in "$K2_KEY" -pubout -out "$K2_PUB"

# --- before: one entry by rekor-cli, one bundle by cosign v3 on the first shard ------------------
echo "shards artifact $(date +%s%N)" >"$H/artifact.txt"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$H/ec.key" 2>/dev/null
openssl pkey -in "$H/ec.key" -pubout -out "$H/ec.pub"
openssl dgst -sha256 -sign "$H/ec.key" -out "$H/artifact.sig" "$H/artifact.txt"
check_out "rekor-cli upload on the first shard" '"Index":' \
  rekor upload --format json --type hashedrekord --artifact "$H/artifact.txt" --signature "$H/artifact.sig" \
  --public-key "$H/ec.pub" --pki-format x509
uuid=$(grep -o '"Location":"[^"]*"' "$WORK/logs/$CHECKS.log" | sed 's|.*/||; s|"$||' || true)
index=$(grep -o '"Index":[0-9]*' "$WORK/logs/$CHECKS.log" | cut -d: -f2 || true)

"$PY" "$MAKE" trust "$H/trust" "$URL" "$LOG_PUB"
export COSIGN_PASSWORD=interop
"$COSIGN3" generate-key-pair --output-key-prefix "$H/cosign" >/dev/null 2>&1
echo "shards blob $(date +%s%N)" >"$H/blob.txt"
check "cosign v3 sign-blob on the first shard" \
  "$COSIGN3" sign-blob -y --key "$H/cosign.key" --signing-config="$H/trust/signing_config.json" \
  --trusted-root="$H/trust/trusted_root.json" --bundle "$H/blob.bundle.json" "$H/blob.txt"

# --- two rotations: the next shard with the same key, then one with k2 --------------------------
check_out "rotation 1 (POST /actuator/shards {}) freezes the first shard" '"frozenTreeID"' rotate '{}'
echo "shards second artifact $(date +%s%N)" >"$H/second.txt"
openssl dgst -sha256 -sign "$H/ec.key" -out "$H/second.sig" "$H/second.txt"
check_out "rekor-cli upload on the second shard" '"Index":' \
  rekor upload --format json --type hashedrekord --artifact "$H/second.txt" --signature "$H/second.sig" \
  --public-key "$H/ec.pub" --pki-format x509
# the operator publishes k2 before rotating to it: the first key's validity ends here
"$PY" "$MAKE" trust "$H/trust-k2" "$URL" "$LOG_PUB"
"$PY" "$MAKE" shard-key "$H/trust-k2" "$URL" "$K2_PUB" "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
# a root that knows only k2: old entries must not verify with it
"$PY" "$MAKE" trust "$H/only-k2" "$URL" "$K2_PUB"
check_out "rotation 2 ({\"keyId\":\"k2\"}) starts a shard signed by k2" '"keyId":"k2"' rotate '{"keyId":"k2"}'
check_out "GET /api/v1/log lists two inactive shards" '"inactiveShards":\[\{[^]]*\},\{' curl -sf "$URL/api/v1/log"

# --- after: the first shard's entry by both clients ---------------------------------------------
check_out "rekor-cli get --uuid finds the first shard's entry" "Index: $index" rekor get --uuid "$uuid"
check_out "rekor-cli get --log-index (virtual index) finds it" "UUID: ${uuid: -64}|UUID: $uuid" rekor get --log-index "$index"
check_out "rekor-cli verify --uuid verifies it (SET, inclusion, checkpoint of its shard)" "Inclusion Proof" \
  rekor verify --uuid "$uuid"
check_out "rekor-cli verify by artifact, signature and key finds and verifies it" "Inclusion Proof" \
  rekor verify --type hashedrekord --artifact "$H/artifact.txt" --signature "$H/artifact.sig" \
  --public-key "$H/ec.pub" --pki-format x509
check_out "rekor-cli loginfo verifies the active (k2) shard's checkpoint" "Verification Successful" rekor loginfo
check "cosign v3 verify-blob --offline: the bundle from the first shard, trusted root with both keys" \
  "$COSIGN3" verify-blob --offline --key "$H/cosign.pub" --bundle "$H/blob.bundle.json" \
  --trusted-root="$H/trust-k2/trusted_root.json" "$H/blob.txt"
check "cosign v3 verify-blob (online) of the same bundle" \
  "$COSIGN3" verify-blob --key "$H/cosign.pub" --bundle "$H/blob.bundle.json" \
  --trusted-root="$H/trust-k2/trusted_root.json" "$H/blob.txt"
echo "shards blob on k2 $(date +%s%N)" >"$H/blob-k2.txt"
check "cosign v3 sign-blob on the k2 shard" \
  "$COSIGN3" sign-blob -y --key "$H/cosign.key" --signing-config="$H/trust-k2/signing_config.json" \
  --trusted-root="$H/trust-k2/trusted_root.json" --bundle "$H/blob-k2.bundle.json" "$H/blob-k2.txt"
check "cosign v3 verify-blob --offline of the k2 shard's bundle" \
  "$COSIGN3" verify-blob --offline --key "$H/cosign.pub" --bundle "$H/blob-k2.bundle.json" \
  --trusted-root="$H/trust-k2/trusted_root.json" "$H/blob-k2.txt"
refuse "the first shard's bundle with a trusted root that lists only k2" "failed to verify log inclusion" \
  "$COSIGN3" verify-blob --offline --key "$H/cosign.pub" --bundle "$H/blob.bundle.json" \
  --trusted-root="$H/only-k2/trusted_root.json" "$H/blob.txt"

if [[ -n "${S:-}" && -f "$S/out/bundle.sigstore.json" ]]; then
  # sigstore-python's bundle from the first shard, with a trust config that lists both keys
  "$PY" "$MAKE" shard-key "$S/trust" "$URL" "$K2_PUB" "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  check_out "sigstore-python verify identity --offline: its bundle from the first shard" "OK" \
    verify "$S/trust" --offline --bundle "$S/out/bundle.sigstore.json" "$S/artifact.txt"
  check_out "sigstore-python verify identity --certificate --signature (finds it online)" "OK" \
    verify "$S/trust" --certificate "$S/leaf.crt" --signature "$S/out/artifact.sig" "$S/artifact.txt"
fi
