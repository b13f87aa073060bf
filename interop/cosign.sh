# cosign v3 and v2 against the server, with key pairs (no Fulcio, no OIDC): sign-blob and
# attest-blob upload to the log, verify-blob and verify-blob-attestation check the entry with the
# log key. Sourced by run.sh ($URL, $WORK, $LOG_PUB, $WRONG_PUB, $PY, $MAKE, $COSIGN3, $COSIGN2).
#
# cosign v3 names the log in a signing config and trusts it through a trusted root (both made
# here from the key in the data directory); cosign v2 takes --rekor-url and the log key in
# SIGSTORE_REKOR_PUBLIC_KEY, and also the v3 way with --new-bundle-format.

C="$WORK/cosign"
mkdir -p "$C"
"$PY" "$MAKE" trust "$C/trust" "$URL" "$LOG_PUB"
"$PY" "$MAKE" trust "$C/wrong-trust" "$URL" "$WRONG_PUB"
TRUST="--trusted-root=$C/trust/trusted_root.json"
WRONG_TRUST="--trusted-root=$C/wrong-trust/trusted_root.json"
SIGNING="--signing-config=$C/trust/signing_config.json"
export COSIGN_PASSWORD=interop
echo '{"builder": {"id": "https://example.com/interop"}, "buildType": "https://example.com/interop/v1"}' >"$C/predicate.json"
PTYPE=https://example.com/interop/predicate/v1

# --- cosign v3 ----------------------------------------------------------------------------------
section "cosign v3"
D="$C/v3"
mkdir -p "$D"
cosign3() { "$COSIGN3" "$@"; }
echo "blob signed by cosign v3 $(date +%s%N)" >"$D/blob.txt"
echo "blob attested by cosign v3 $(date +%s%N)" >"$D/attested.txt"

check "generate-key-pair" cosign3 generate-key-pair --output-key-prefix "$D/cosign"
check "sign-blob --key, --signing-config naming the server (hashedrekord)" \
  cosign3 sign-blob -y --key "$D/cosign.key" "$SIGNING" "$TRUST" --bundle "$D/blob.bundle.json" "$D/blob.txt"
check_out "the bundle carries the log's entry with an inclusion proof" "inclusionProof" cat "$D/blob.bundle.json"
check "verify-blob --bundle, --trusted-root naming the server" \
  cosign3 verify-blob --key "$D/cosign.pub" --bundle "$D/blob.bundle.json" "$TRUST" "$D/blob.txt"
check "verify-blob --offline" \
  cosign3 verify-blob --offline --key "$D/cosign.pub" --bundle "$D/blob.bundle.json" "$TRUST" "$D/blob.txt"
jq -r .messageSignature.signature "$D/blob.bundle.json" >"$D/blob.sig" 2>/dev/null || true
check "verify-blob --signature --rekor-url (looks the entry up online)" \
  env SIGSTORE_REKOR_PUBLIC_KEY="$LOG_PUB" "$COSIGN3" verify-blob --key "$D/cosign.pub" --signature "$D/blob.sig" --rekor-url "$URL" "$D/blob.txt"
check "attest-blob --key (dsse)" \
  cosign3 attest-blob -y --key "$D/cosign.key" "$SIGNING" "$TRUST" --predicate "$C/predicate.json" --type "$PTYPE" \
  --bundle "$D/attested.bundle.json" "$D/attested.txt"
check "verify-blob-attestation --bundle" \
  cosign3 verify-blob-attestation --key "$D/cosign.pub" --bundle "$D/attested.bundle.json" "$TRUST" --type "$PTYPE" "$D/attested.txt"
check "verify-blob-attestation --offline" \
  cosign3 verify-blob-attestation --offline --key "$D/cosign.pub" --bundle "$D/attested.bundle.json" "$TRUST" --type "$PTYPE" "$D/attested.txt"

cp "$D/blob.txt" "$D/tampered.txt" && echo tampered >>"$D/tampered.txt"
cp "$D/attested.txt" "$D/tampered-attested.txt" && echo tampered >>"$D/tampered-attested.txt"
refuse "verify-blob of a tampered blob" "invalid signature" \
  cosign3 verify-blob --key "$D/cosign.pub" --bundle "$D/blob.bundle.json" "$TRUST" "$D/tampered.txt"
refuse "verify-blob with a trusted root holding a wrong log key" "failed to verify log inclusion" \
  cosign3 verify-blob --key "$D/cosign.pub" --bundle "$D/blob.bundle.json" "$WRONG_TRUST" "$D/blob.txt"
refuse "verify-blob-attestation of a tampered blob" "artifact digests do not match" \
  cosign3 verify-blob-attestation --key "$D/cosign.pub" --bundle "$D/attested.bundle.json" "$TRUST" --type "$PTYPE" "$D/tampered-attested.txt"
refuse "verify-blob-attestation with a wrong log key" "failed to verify log inclusion" \
  cosign3 verify-blob-attestation --key "$D/cosign.pub" --bundle "$D/attested.bundle.json" "$WRONG_TRUST" --type "$PTYPE" "$D/attested.txt"

# --- cosign v2 ----------------------------------------------------------------------------------
section "cosign v2"
D="$C/v2"
mkdir -p "$D"
# the log key the way cosign v2 takes a private deployment's: from the environment
cosign2() { SIGSTORE_REKOR_PUBLIC_KEY="$LOG_PUB" "$COSIGN2" "$@"; }
echo "blob signed by cosign v2 $(date +%s%N)" >"$D/blob.txt"
echo "blob attested by cosign v2 $(date +%s%N)" >"$D/attested.txt"
echo "blob signed by cosign v2, new bundle $(date +%s%N)" >"$D/new.txt"

check "generate-key-pair" cosign2 generate-key-pair --output-key-prefix "$D/cosign"
check "sign-blob --key --rekor-url (hashedrekord)" \
  cosign2 sign-blob -y --key "$D/cosign.key" --rekor-url "$URL" --bundle "$D/blob.bundle.json" \
  --output-signature "$D/blob.sig" "$D/blob.txt"
check_out "the bundle carries the log's signed entry timestamp" "SignedEntryTimestamp" cat "$D/blob.bundle.json"
check "verify-blob --bundle (SET checked with SIGSTORE_REKOR_PUBLIC_KEY)" \
  cosign2 verify-blob --key "$D/cosign.pub" --bundle "$D/blob.bundle.json" "$D/blob.txt"
check "verify-blob --offline --bundle" \
  cosign2 verify-blob --offline --key "$D/cosign.pub" --bundle "$D/blob.bundle.json" "$D/blob.txt"
check "verify-blob --signature --rekor-url (looks the entry up online)" \
  cosign2 verify-blob --key "$D/cosign.pub" --signature "$D/blob.sig" --rekor-url "$URL" "$D/blob.txt"
check "attest-blob --key --rekor-url (intoto)" \
  cosign2 attest-blob -y --key "$D/cosign.key" --rekor-url "$URL" --predicate "$C/predicate.json" --type "$PTYPE" \
  --bundle "$D/attested.bundle.json" --output-signature "$D/attested.envelope.json" "$D/attested.txt"
check "verify-blob-attestation --bundle" \
  cosign2 verify-blob-attestation --key "$D/cosign.pub" --bundle "$D/attested.bundle.json" --type "$PTYPE" \
  --signature "$D/attested.envelope.json" "$D/attested.txt"
check "sign-blob --new-bundle-format --signing-config" \
  cosign2 sign-blob -y --new-bundle-format --key "$D/cosign.key" "$SIGNING" "$TRUST" --bundle "$D/new.bundle.json" "$D/new.txt"
check "verify-blob --new-bundle-format --trusted-root" \
  cosign2 verify-blob --new-bundle-format --key "$D/cosign.pub" --bundle "$D/new.bundle.json" "$TRUST" "$D/new.txt"

cp "$D/blob.txt" "$D/tampered.txt" && echo tampered >>"$D/tampered.txt"
refuse "verify-blob of a tampered blob" "matching bundle to payload" \
  cosign2 verify-blob --key "$D/cosign.pub" --bundle "$D/blob.bundle.json" "$D/tampered.txt"
refuse "verify-blob --bundle with a wrong SIGSTORE_REKOR_PUBLIC_KEY" "rekor log public key not found" \
  env SIGSTORE_REKOR_PUBLIC_KEY="$WRONG_PUB" "$COSIGN2" verify-blob --key "$D/cosign.pub" --bundle "$D/blob.bundle.json" "$D/blob.txt"
refuse "verify-blob-attestation with a wrong SIGSTORE_REKOR_PUBLIC_KEY" "rekor log public key not found" \
  env SIGSTORE_REKOR_PUBLIC_KEY="$WRONG_PUB" "$COSIGN2" verify-blob-attestation --key "$D/cosign.pub" \
  --bundle "$D/attested.bundle.json" --type "$PTYPE" --signature "$D/attested.envelope.json" "$D/attested.txt"
refuse "verify-blob --new-bundle-format with a wrong log key" "failed to verify log inclusion" \
  cosign2 verify-blob --new-bundle-format --key "$D/cosign.pub" --bundle "$D/new.bundle.json" "$WRONG_TRUST" "$D/new.txt"
# the blob's bundle with the SET the log gave the attestation: signed by the log, not for this entry
jq --slurpfile other "$D/attested.bundle.json" \
  '.rekorBundle.SignedEntryTimestamp = $other[0].rekorBundle.SignedEntryTimestamp' \
  "$D/blob.bundle.json" >"$D/swapped-set.bundle.json"
refuse "verify-blob --bundle whose SET is another entry's" "SET|signed entry timestamp" \
  cosign2 verify-blob --key "$D/cosign.pub" --bundle "$D/swapped-set.bundle.json" "$D/blob.txt"

# --- cosign v3 against the Rekor v2 log -----------------------------------------------------------
# The trust material as an operator gets it, from the management port: the signing config names
# the v2 log (majorApiVersion 2), the v1 API and Waxseal's own timestamp authority (cosign v3 with
# a key and a v2 log needs a signed timestamp: v2 entries carry no time); the trusted root lists
# both logs' keys and the TSA chain.
section "cosign v3 Rekor v2"
D="$C/rekor-v2"
mkdir -p "$D"
curl -sf "$MGMT/actuator/sigstore/trusted-root" >"$D/trusted_root.json"
curl -sf "$MGMT/actuator/sigstore/signing-config" >"$D/signing_config.json"
# The signing config with the v2 log only, so that cosign can only write there.
jq '.rekorTlogUrls |= map(select(.majorApiVersion == 2))' "$D/signing_config.json" >"$D/signing_config.v2.json"
# A trusted root without the v2 log's key.
jq --arg v2 "$V2_URL" '.tlogs |= map(select(.baseUrl != $v2))' "$D/trusted_root.json" >"$D/no-v2.trusted_root.json"
TRUST2="--trusted-root=$D/trusted_root.json"
SIGNING2="--signing-config=$D/signing_config.v2.json"
echo "blob signed into Rekor v2 $(date +%s%N)" >"$D/blob.txt"
echo "blob attested into Rekor v2 $(date +%s%N)" >"$D/attested.txt"

check_out "the served signing config names the v2 log with majorApiVersion 2" '"majorApiVersion": ?2' \
  jq -c '.rekorTlogUrls[] | select(.url == "'"$V2_URL"'")' "$D/signing_config.json"
check "generate-key-pair" cosign3 generate-key-pair --output-key-prefix "$D/cosign"
check "sign-blob --key into the v2 log (hashedrekord 0.0.2, RFC 3161 timestamp from Waxseal)" \
  cosign3 sign-blob -y --key "$D/cosign.key" "$SIGNING2" "$TRUST2" --bundle "$D/blob.bundle.json" "$D/blob.txt"
check_out "the bundle holds a hashedrekord 0.0.2 entry with a checkpoint of the v2 log" \
  '"0\.0\.2".*127\.0\.0\.1\\n' jq -c '[.verificationMaterial.tlogEntries[0].kindVersion.version, .verificationMaterial.tlogEntries[0].inclusionProof.checkpoint.envelope]' "$D/blob.bundle.json"
check_out "the bundle holds a signed timestamp" "signedTimestamp" jq -c .verificationMaterial.timestampVerificationData "$D/blob.bundle.json"
check "verify-blob with the served trusted root" \
  cosign3 verify-blob --key "$D/cosign.pub" --bundle "$D/blob.bundle.json" "$TRUST2" "$D/blob.txt"
check "verify-blob --offline" \
  cosign3 verify-blob --offline --key "$D/cosign.pub" --bundle "$D/blob.bundle.json" "$TRUST2" "$D/blob.txt"
check "attest-blob --key into the v2 log (hashedrekord over the DSSE PAE)" \
  cosign3 attest-blob -y --key "$D/cosign.key" "$SIGNING2" "$TRUST2" --predicate "$C/predicate.json" --type "$PTYPE" \
  --bundle "$D/attested.bundle.json" "$D/attested.txt"
check "verify-blob-attestation" \
  cosign3 verify-blob-attestation --key "$D/cosign.pub" --bundle "$D/attested.bundle.json" "$TRUST2" --type "$PTYPE" "$D/attested.txt"
check "verify-blob-attestation --offline" \
  cosign3 verify-blob-attestation --offline --key "$D/cosign.pub" --bundle "$D/attested.bundle.json" "$TRUST2" --type "$PTYPE" "$D/attested.txt"

cp "$D/blob.txt" "$D/tampered.txt" && echo tampered >>"$D/tampered.txt"
refuse "verify-blob of a tampered blob (v2)" "invalid signature" \
  cosign3 verify-blob --key "$D/cosign.pub" --bundle "$D/blob.bundle.json" "$TRUST2" "$D/tampered.txt"
refuse "verify-blob with a trusted root without the v2 log" "log|inclusion|transparency" \
  cosign3 verify-blob --key "$D/cosign.pub" --bundle "$D/blob.bundle.json" "--trusted-root=$D/no-v2.trusted_root.json" "$D/blob.txt"
# The entry's checkpoint with another root hash: its Ed25519 signature no longer verifies.
# (cosign recomputes the root from the proof and compares it with the checkpoint's, so the
# proof's own rootHash field is not what it checks.)
jq '.verificationMaterial.tlogEntries[0].inclusionProof.checkpoint.envelope |=
      (split("\n") | .[2] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" | join("\n"))' \
  "$D/blob.bundle.json" >"$D/wrong-root.bundle.json"
refuse "verify-blob --offline of a bundle whose checkpoint names another root" "checkpoint|signature|inclusion" \
  cosign3 verify-blob --offline --key "$D/cosign.pub" --bundle "$D/wrong-root.bundle.json" "$TRUST2" "$D/blob.txt"
unset COSIGN_PASSWORD
