# rekor-cli v1.5.4 against the server: an upload of every kind rekor-cli can make, then get,
# verify, search, logproof and loginfo. Sourced by run.sh ($URL, $WORK, $LOG_PUB, $WRONG_PUB,
# $PY, $MAKE, $REKOR_CLI). rekor-cli checks every upload's SET, inclusion proof and checkpoint
# with the log key it fetches from /api/v1/log/publicKey, or with the key pinned in
# REKOR_REKOR_SERVER_PUBLIC_KEY.
section "rekor-cli"

A="$WORK/rekor-cli"
mkdir -p "$A"
rekor() { "$REKOR_CLI" --rekor_server "$URL" "$@"; }
declare -A UUID=() INDEX=()
# (a failed upload leaves no UUID: the checks on it then look for a string no output holds)
leaf_hash() { local u=${UUID[$1]:-}; if [[ -n $u ]]; then echo "${u: -64}"; else echo "@@no-entry@@"; fi; }

# upload <name> <rekor-cli upload flags...>: one check; remembers the entry's UUID
upload() {
  local name=$1 log
  shift
  log=$(next_log)
  if rekor upload --format json "$@" >"$log" 2>&1 && grep -q '"Index":' "$log"; then
    UUID[$name]=$(grep -o '"Location":"[^"]*"' "$log" | sed 's|.*/||; s|"$||' || true)
    INDEX[$name]=$(grep -o '"Index":[0-9]*' "$log" | cut -d: -f2 || true)
    record PASS "upload $name" "$log"
  else
    record FAIL "upload $name" "$log"
  fi
}

# --- inputs --------------------------------------------------------------------------------------
for n in hashedrekord cert x509 pgp minisign ssh; do echo "rekor-cli $n artifact $(date +%s%N)" >"$A/$n.txt"; done

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$A/ec.key" 2>/dev/null
openssl pkey -in "$A/ec.key" -pubout -out "$A/ec.pub"
openssl dgst -sha256 -sign "$A/ec.key" -out "$A/hashedrekord.sig" "$A/hashedrekord.txt"

# a certificate naming an email address, for search --email
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$A/cert.key" -out "$A/cert.pem" \
  -subj "/CN=interop signer" -addext "subjectAltName=email:rekor-cli@interop.example" -days 30 2>/dev/null
openssl dgst -sha256 -sign "$A/cert.key" -out "$A/cert.sig" "$A/cert.txt"

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$A/rsa.key" 2>/dev/null
openssl pkey -in "$A/rsa.key" -pubout -out "$A/rsa.pub"
openssl dgst -sha256 -sign "$A/rsa.key" -out "$A/x509.sig" "$A/x509.txt"

ssh-keygen -q -t ed25519 -N '' -C interop -f "$A/id_ed25519"
ssh-keygen -q -Y sign -f "$A/id_ed25519" -n file "$A/ssh.txt" 2>/dev/null

"$PY" "$MAKE" minisign "$A/minisign.txt" "$A"

export GNUPGHOME="$WORK/gnupg"
mkdir -p -m 700 "$GNUPGHOME"
gpg -q --batch --passphrase '' --quick-gen-key 'Interop Signer <interop@example.com>' rsa2048 sign never 2>/dev/null
gpg -q --batch --armor --export interop@example.com >"$A/pgp.pub"
gpg -q --batch --armor --detach-sign -o "$A/pgp.txt.asc" "$A/pgp.txt"
gpg -q --batch --passphrase '' --quick-gen-key 'Other Signer <other@example.com>' rsa2048 sign never 2>/dev/null
gpg -q --batch --armor --export other@example.com >"$A/other-pgp.pub"

# two RPMs built and signed by the machine's rpmbuild / rpmsign: one with rpmsign's default
# signatures (header only, since rpm 4.16), one with --rpmv3 (header+payload as well)
mkdir -p "$A/rpmbuild/SPECS"
for release in 1 2; do
cat >"$A/rpmbuild/SPECS/interop.spec" <<SPEC
Name: waxseal-interop
Version: 1.0
Release: $release
Summary: interop test package
License: MIT
BuildArch: noarch
%description
An empty package signed for the interop suite.
%files
SPEC
rpmbuild -bb --quiet --define "_topdir $A/rpmbuild" "$A/rpmbuild/SPECS/interop.spec" >"$A/rpmbuild.log" 2>&1
done
RPM_HEADER_ONLY="$A/rpmbuild/RPMS/noarch/waxseal-interop-1.0-1.noarch.rpm"
RPM="$A/rpmbuild/RPMS/noarch/waxseal-interop-1.0-2.noarch.rpm"
rpm_sign() {
  rpmsign --addsign --define "_gpg_name interop@example.com" --define "_gpg_path $GNUPGHOME" \
    --define "__gpg $(command -v gpg)" "$@" >>"$A/rpmsign.log" 2>&1
}
rpm_sign "$RPM_HEADER_ONLY"
rpm_sign --rpmv3 "$RPM"

# a jar signed by jarsigner
mkdir -p "$A/jar/interop" && echo "hello from a signed jar" >"$A/jar/interop/hello.txt"
(cd "$A/jar" && jar cf "$A/interop.jar" interop)
keytool -genkeypair -keystore "$A/jar.p12" -storetype PKCS12 -storepass interop -alias interop \
  -keyalg RSA -keysize 2048 -sigalg SHA256withRSA -dname "CN=interop jar signer" -validity 30 >/dev/null 2>&1
jarsigner -keystore "$A/jar.p12" -storepass interop -digestalg SHA-256 -sigalg SHA256withRSA \
  "$A/interop.jar" interop >"$A/jarsigner.log" 2>&1

# a Helm chart's provenance file, clear-signed with gpg
mkdir -p "$A/chart/interop" && printf 'apiVersion: v2\nname: interop\nversion: 0.1.0\n' >"$A/chart/interop/Chart.yaml"
tar -C "$A/chart" -czf "$A/interop-0.1.0.tgz" interop
printf 'apiVersion: v2\nname: interop\nversion: 0.1.0\n\n...\nfiles:\n  interop-0.1.0.tgz: sha256:%s\n' \
  "$(sha256sum "$A/interop-0.1.0.tgz" | cut -d' ' -f1)" >"$A/interop.prov.txt"
gpg -q --batch --digest-algo SHA256 --clearsign -u interop@example.com -o "$A/interop-0.1.0.tgz.prov" "$A/interop.prov.txt"

# an RFC 3161 time-stamp response from a throwaway TSA made with openssl
cat >"$A/tsa.cnf" <<TSA
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
serial = $A/tsa.serial
crypto_device = builtin
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1
ess_cert_id_alg = sha256
[ v3_tsa ]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
TSA
echo 01 >"$A/tsa.serial"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$A/tsa.key" -out "$A/tsa.crt" \
  -subj "/CN=interop tsa" -days 30 -config "$A/tsa.cnf" -extensions v3_tsa 2>/dev/null
echo "time-stamped $(date +%s%N)" >"$A/tsa.txt"
openssl ts -query -data "$A/tsa.txt" -sha256 -cert -out "$A/tsa.tsq" 2>/dev/null
openssl ts -reply -config "$A/tsa.cnf" -section tsa_config -queryfile "$A/tsa.tsq" -inkey "$A/tsa.key" \
  -signer "$A/tsa.crt" -out "$A/tsa.tsr" 2>/dev/null

"$PY" "$MAKE" apk "$A"
"$PY" "$MAKE" tuf "$A"
AAD=$(printf 'interop aad' | base64)
"$PY" "$MAKE" cose "$A" "$AAD"
for n in dsse intoto1 intoto2; do "$PY" "$MAKE" dsse "$A" "$n"; done

# --- the checks ----------------------------------------------------------------------------------
check_out "loginfo (empty log)" "Verification Successful" rekor loginfo

upload hashedrekord --type hashedrekord --artifact "$A/hashedrekord.txt" --signature "$A/hashedrekord.sig" --public-key "$A/ec.pub"
check_out "loginfo (stores the tree state of size 1)" "Active Tree Size: +1$" rekor loginfo
upload "hashedrekord (certificate)" --type hashedrekord --artifact "$A/cert.txt" --signature "$A/cert.sig" --public-key "$A/cert.pem"
upload "rekord x509" --type rekord --pki-format x509 --artifact "$A/x509.txt" --signature "$A/x509.sig" --public-key "$A/rsa.pub"
upload "rekord pgp" --type rekord --pki-format pgp --artifact "$A/pgp.txt" --signature "$A/pgp.txt.asc" --public-key "$A/pgp.pub"
upload "rekord minisign" --type rekord --pki-format minisign --artifact "$A/minisign.txt" --signature "$A/minisign.txt.minisig" --public-key "$A/minisign.pub"
upload "rekord ssh" --type rekord --pki-format ssh --artifact "$A/ssh.txt" --signature "$A/ssh.txt.sig" --public-key "$A/id_ed25519.pub"
upload rpm --type rpm --artifact "$RPM" --public-key "$A/pgp.pub"
upload "rpm (header-only signature)" --type rpm --artifact "$RPM_HEADER_ONLY" --public-key "$A/pgp.pub"
upload jar --type jar --artifact "$A/interop.jar"
upload alpine --type alpine --artifact "$A/hello.apk" --public-key "$A/apk.pub"
upload helm --type helm --artifact "$A/interop-0.1.0.tgz.prov" --public-key "$A/pgp.pub"
upload "intoto 0.0.1" --type intoto:0.0.1 --artifact "$A/intoto1.json" --public-key "$A/intoto1.pub"
upload "intoto 0.0.2" --type intoto:0.0.2 --artifact "$A/intoto2.json" --public-key "$A/intoto2.pub"
upload dsse --type dsse --artifact "$A/dsse.json" --public-key "$A/dsse.pub"
upload cose --type cose --artifact "$A/msg.cose" --public-key "$A/cose.pub" --aad "$AAD"
upload tuf --type tuf --artifact "$A/timestamp.json" --public-key "$A/root.json"
upload rfc3161 --type rfc3161 --artifact "$A/tsa.tsr"

check_out "upload of an existing entry answers 409 'already exists'" "Entry already exists" \
  rekor upload --type hashedrekord --artifact "$A/hashedrekord.txt" --signature "$A/hashedrekord.sig" --public-key "$A/ec.pub"

check_out "get --log-index (hashedrekord)" "${UUID[hashedrekord]:-@@no-entry@@}" rekor get --log-index "${INDEX[hashedrekord]:-0}"
check_out "get --uuid (rpm)" "Index: " rekor get --uuid "${UUID[rpm]:-@@no-entry@@}"
check_out "verify --uuid (dsse)" "Entry Hash: $(leaf_hash dsse)" rekor verify --uuid "${UUID[dsse]:-@@no-entry@@}"
check_out "verify --log-index (jar)" "Entry Hash: $(leaf_hash jar)" rekor verify --log-index "${INDEX[jar]:-0}"
check_out "verify --artifact --signature --public-key (hashedrekord)" "Entry Hash: $(leaf_hash hashedrekord)" \
  rekor verify --type hashedrekord --artifact "$A/hashedrekord.txt" --signature "$A/hashedrekord.sig" --public-key "$A/ec.pub"
check_out "verify rekord ssh by its content" "Entry Hash: $(leaf_hash "rekord ssh")" \
  rekor verify --type rekord --pki-format ssh --artifact "$A/ssh.txt" --signature "$A/ssh.txt.sig" --public-key "$A/id_ed25519.pub"
check_out "verify --uuid with the log key pinned from the data directory (tuf)" "Entry Hash: $(leaf_hash tuf)" \
  env REKOR_REKOR_SERVER_PUBLIC_KEY="$(cat "$LOG_PUB")" "$REKOR_CLI" --rekor_server "$URL" verify --uuid "${UUID[tuf]:-@@no-entry@@}"

check_out "search --artifact" "${UUID[hashedrekord]:-@@no-entry@@}" rekor search --artifact "$A/hashedrekord.txt"
check_out "search --sha (rfc3161)" "${UUID[rfc3161]:-@@no-entry@@}" rekor search --sha "sha256:$(sha256sum "$A/tsa.tsr" | cut -d' ' -f1)"
check_out "search --public-key x509" "${UUID[hashedrekord]:-@@no-entry@@}" rekor search --public-key "$A/ec.pub"
check_out "search --public-key pgp (rekord, rpm, helm)" "${UUID[helm]:-@@no-entry@@}" rekor search --pki-format pgp --public-key "$A/pgp.pub"
check_out "search --public-key ssh" "${UUID[rekord ssh]:-@@no-entry@@}" rekor search --pki-format ssh --public-key "$A/id_ed25519.pub"
check_out "search --email" "${UUID[hashedrekord (certificate)]:-@@no-entry@@}" rekor search --email rekor-cli@interop.example
check_out "search --public-key tuf (root.json)" "${UUID[tuf]:-@@no-entry@@}" rekor search --pki-format tuf --public-key "$A/root.json"
check_out "search --public-key minisign" "${UUID[rekord minisign]:-@@no-entry@@}" rekor search --pki-format minisign --public-key "$A/minisign.pub"

size=$(curl -s "$URL/api/v1/log" | jq -r .treeSize)
root=$(curl -s "$URL/api/v1/log" | jq -r .rootHash)
check_out "logproof --first-size 1 --last-size $size" "Current Root Hash: $root" rekor logproof --first-size 1 --last-size "$size"
log=$(next_log)
if rekor loginfo >"$log" 2>&1 && grep -q "Verification Successful" "$log" && ! grep -q "No previous log state" "$log"; then
  record PASS "loginfo proves the log consistent with the state it stored at size 1" "$log"
else
  record FAIL "loginfo proves the log consistent with the state it stored at size 1" "$log"
fi

# negative controls
echo "tampered" >>"$A/hashedrekord.txt"
refuse "an upload whose signature does not match the artifact (its own check)" "invalid signature" \
  rekor upload --type hashedrekord --artifact "$A/hashedrekord.txt" --signature "$A/hashedrekord.sig" --public-key "$A/ec.pub"
# the same entry handed over as is (--entry skips rekor-cli's checks): the server must refuse it
jq -n --arg hash "$(sha256sum "$A/hashedrekord.txt" | cut -d' ' -f1)" \
  --arg sig "$(base64 -w0 "$A/hashedrekord.sig")" --arg key "$(base64 -w0 "$A/ec.pub")" \
  '{apiVersion: "0.0.1", kind: "hashedrekord", spec: {data: {hash: {algorithm: "sha256", value: $hash}},
    signature: {content: $sig, publicKey: {content: $key}}}}' >"$A/tampered-entry.json"
refuse "an upload --entry whose signature does not match (the server's 400)" "\\[400\\]" \
  rekor upload --entry "$A/tampered-entry.json"
refuse "verify of a tampered artifact" "invalid signature" \
  rekor verify --type hashedrekord --artifact "$A/hashedrekord.txt" --signature "$A/hashedrekord.sig" --public-key "$A/ec.pub"
refuse "a rekord pgp upload signed by another key" "signature made by unknown entity" \
  rekor upload --type rekord --pki-format pgp --artifact "$A/pgp.txt" --signature "$A/pgp.txt.asc" --public-key "$A/other-pgp.pub"
refuse "verify --uuid with a wrong log key" "signature on checkpoint did not verify" \
  env REKOR_REKOR_SERVER_PUBLIC_KEY="$(cat "$WRONG_PUB")" "$REKOR_CLI" --rekor_server "$URL" --store_tree_state=false verify --uuid "${UUID[dsse]:-@@no-entry@@}"
refuse "loginfo with a wrong log key" "signature on tree head did not verify" \
  env REKOR_REKOR_SERVER_PUBLIC_KEY="$(cat "$WRONG_PUB")" "$REKOR_CLI" --rekor_server "$URL" --store_tree_state=false loginfo
