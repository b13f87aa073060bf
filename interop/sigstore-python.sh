# sigstore-python 4.5.1 against the server: its Rekor v1 client logs and finds an entry, and its
# verifier (the `sigstore verify identity` CLI with a custom trust config) checks the entry's
# inclusion proof, checkpoint and SET with the log key. Sigstore-python verifies only
# certificate-bound signatures, so a throwaway CA and CT log made here stand in for Fulcio.
# Sourced by run.sh ($URL, $MGMT, $V2_URL, $WORK, $LOG_PUB, $WRONG_PUB, $PY, $MAKE, $SIGSTORE_PYTHON).
section "sigstore-python"

S="$WORK/sigstore-python"
mkdir -p "$S/out"
SP_CLIENT="$INTEROP_DIR/sigstore_client.py"
SIGSTORE="$(dirname "$SIGSTORE_PYTHON")/sigstore"
EMAIL=interop@example.com
ISSUER=https://issuer.interop.example
"$PY" "$MAKE" fulcio "$S"
"$PY" "$MAKE" leaf "$S" "$EMAIL" "$ISSUER"
"$PY" "$MAKE" trust "$S/trust" "$URL" "$LOG_PUB" "$S"
"$PY" "$MAKE" trust "$S/wrong-trust" "$URL" "$WRONG_PUB" "$S"
echo "artifact for sigstore-python $(date +%s%N)" >"$S/artifact.txt"

verify() { # <trust dir> <verify identity args...>
  local trust=$1
  shift
  # (a wide terminal, so that its messages are not wrapped across lines)
  COLUMNS=500 "$SIGSTORE" --trust-config "$trust/client_trust_config.json" verify identity \
    --cert-identity "$EMAIL" --cert-oidc-issuer "$ISSUER" "$@"
}

check_out "Rekor client: log info" "tree size" "$PY" "$SP_CLIENT" loginfo "$URL"
check_out "Rekor client: log a hashedrekord entry (inclusion proof and checkpoint returned)" "logged at index" \
  "$PY" "$SP_CLIENT" submit "$URL" "$S" "$S/artifact.txt" "$S/out"
check_out "Rekor client: get the entry by UUID" "by its UUID" "$PY" "$SP_CLIENT" get "$URL" "$S/out"
check_out "Rekor client: find the entry by its materials (POST .../retrieve/)" "by its materials" \
  "$PY" "$SP_CLIENT" retrieve "$URL" "$S" "$S/artifact.txt" "$S/out"
check_out "verify identity --bundle" "OK" verify "$S/trust" --bundle "$S/out/bundle.sigstore.json" "$S/artifact.txt"
check_out "verify identity --offline --bundle" "OK" \
  verify "$S/trust" --offline --bundle "$S/out/bundle.sigstore.json" "$S/artifact.txt"
check_out "verify identity --certificate --signature (finds the entry online)" "OK" \
  verify "$S/trust" --certificate "$S/leaf.crt" --signature "$S/out/artifact.sig" "$S/artifact.txt"
check_out "Rekor client: log a dsse entry" "logged a dsse entry" \
  "$PY" "$SP_CLIENT" dsse "$URL" "$S" "$S/artifact.txt" "$S/out"
check_out "Verifier.verify_dsse on the dsse bundle" "OK: application/vnd.in-toto\\+json" \
  "$PY" "$SP_CLIENT" verify-dsse "$S/trust/client_trust_config.json" "$S/out/dsse.sigstore.json" "$EMAIL" "$ISSUER"

cp "$S/artifact.txt" "$S/tampered.txt" && echo tampered >>"$S/tampered.txt"
refuse "a bundle for a tampered artifact" "Signature is invalid for input" \
  verify "$S/trust" --bundle "$S/out/bundle.sigstore.json" "$S/tampered.txt"
refuse "a trust config with a wrong log key" "invalid log entry: checkpoint: invalid signature" \
  verify "$S/wrong-trust" --offline --bundle "$S/out/bundle.sigstore.json" "$S/artifact.txt"
refuse "verify_dsse with a wrong log key" "invalid log entry: checkpoint: invalid signature" \
  "$PY" "$SP_CLIENT" verify-dsse "$S/wrong-trust/client_trust_config.json" "$S/out/dsse.sigstore.json" "$EMAIL" "$ISSUER"
# the same bundle with one hash of its inclusion proof changed
jq '.verificationMaterial.tlogEntries[0].inclusionProof.hashes[0] |= "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="' \
  "$S/out/bundle.sigstore.json" >"$S/out/bad-proof.sigstore.json"
refuse "a bundle whose inclusion proof was altered" "invalid log entry: inclusion proof" \
  verify "$S/trust" --offline --bundle "$S/out/bad-proof.sigstore.json" "$S/artifact.txt"

# --- sigstore-python against the Rekor v2 log, with Waxseal's timestamp authority -----------------
# Its own signing flow (SigningContext from a client trust config, Signer.sign_artifact) with the
# signing config the server serves narrowed to the v2 log: its Rekor v2 client logs a hashedrekord
# 0.0.2 entry and its RFC 3161 client timestamps the signature at the server's TSA. The trusted
# root is the served one (v1 and v2 log keys, the TSA's chain) plus the stand-in CA and CT log.
# A v2 entry carries no integrated time, so the verifier needs the signed timestamp.
section "sigstore-python Rekor v2"
V="$S/rekor-v2"
mkdir -p "$V"
curl -sf "$MGMT/actuator/sigstore/trusted-root" >"$V/served_trusted_root.json"
curl -sf "$MGMT/actuator/sigstore/signing-config" >"$V/served_signing_config.json"
"$PY" "$MAKE" v2-trust "$V" "$V/served_trusted_root.json" "$V/served_signing_config.json" "$S" "$V2_URL" "$WRONG_PUB"
echo "artifact for sigstore-python into Rekor v2 $(date +%s%N)" >"$V/artifact.txt"
cp "$V/artifact.txt" "$V/tampered.txt" && echo tampered >>"$V/tampered.txt"

check_out "Signer.sign_artifact via its Rekor v2 client and TSA client (hashedrekord 0.0.2, RFC 3161 timestamp)" \
  "logged hashedrekord 0.0.2 .* via $V2_URL/api/v2, 1 RFC 3161 timestamp" \
  "$PY" "$SP_CLIENT" sign-v2 "$V/trust/client_trust_config.json" "$S" "$V/artifact.txt" "$V/bundle.sigstore.json"
check_out "the bundle's entry carries a checkpoint of the v2 log (origin 127.0.0.1)" "^127\\.0\\.0\\.1" \
  jq -r '.verificationMaterial.tlogEntries[0].inclusionProof.checkpoint.envelope' "$V/bundle.sigstore.json"
check_out "verify identity --bundle (v2 entry, TSA timestamp)" "OK" \
  verify "$V/trust" --bundle "$V/bundle.sigstore.json" "$V/artifact.txt"
check_out "verify identity --offline --bundle (v2 entry, TSA timestamp)" "OK" \
  verify "$V/trust" --offline --bundle "$V/bundle.sigstore.json" "$V/artifact.txt"
check_out "Signer.sign_dsse via its Rekor v2 client and TSA client (hashedrekord 0.0.2 over the PAE)" \
  "logged hashedrekord 0.0.2 .* via $V2_URL/api/v2, 1 RFC 3161 timestamp" \
  "$PY" "$SP_CLIENT" sign-dsse-v2 "$V/trust/client_trust_config.json" "$S" "$V/artifact.txt" "$V/dsse.sigstore.json"
check_out "Verifier.verify_dsse on the v2 dsse bundle" "OK: application/vnd.in-toto\\+json" \
  "$PY" "$SP_CLIENT" verify-dsse "$V/trust/client_trust_config.json" "$V/dsse.sigstore.json" "$EMAIL" "$ISSUER"

refuse "a v2 bundle for a tampered artifact" "Bundle message digest mismatch" \
  verify "$V/trust" --offline --bundle "$V/bundle.sigstore.json" "$V/tampered.txt"
refuse "a v2 bundle with a trust config without the v2 log" "invalid log entry: checkpoint: invalid signature" \
  verify "$V/no-v2" --offline --bundle "$V/bundle.sigstore.json" "$V/artifact.txt"
refuse "a v2 bundle with a trust config with a wrong v2 log key" "invalid log entry: checkpoint: invalid signature" \
  verify "$V/wrong-v2" --offline --bundle "$V/bundle.sigstore.json" "$V/artifact.txt"
refuse "a v2 bundle with a trust config without the TSA" "no Timestamp Authorities have been provided" \
  verify "$V/no-tsa" --offline --bundle "$V/bundle.sigstore.json" "$V/artifact.txt"
refuse "a v2 bundle with a trust config whose TSA chain did not sign the timestamp" "not enough sources of verified time" \
  verify "$V/wrong-tsa" --offline --bundle "$V/bundle.sigstore.json" "$V/artifact.txt"
refuse "verify_dsse of the v2 dsse bundle with a wrong v2 log key" "invalid log entry: checkpoint: invalid signature" \
  "$PY" "$SP_CLIENT" verify-dsse "$V/wrong-v2/client_trust_config.json" "$V/dsse.sigstore.json" "$EMAIL" "$ISSUER"
