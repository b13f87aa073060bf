#!/bin/sh
# Regenerates the test certificate chains (OpenSSL 3): for each of ec/ and rsa/, a root CA, an
# intermediate CA and a leaf with an email SAN, plus (ec/ only) a rogue intermediate that has the
# intermediate's name but another key. The leaf keys are test-only and sign nothing else.
set -eu
cd "$(dirname "$0")"
make_chain() {
  dir=$1; keyopt=$2; label=$3; email=$4
  mkdir -p "$dir"
  ext="$dir/.ext"
  cat > "$ext" <<EXT
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[intermediate]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = codeSigning
subjectAltName = critical, email:$email
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EXT
  for name in root intermediate rogue-intermediate leaf; do
    openssl genpkey $keyopt -out "$dir/$name.key" 2>/dev/null
  done
  openssl req -x509 -new -key "$dir/root.key" -subj "/O=waxseal.test/CN=$label Root" -days 7300 \
    -sha256 -config "$ext" -extensions ca -out "$dir/root.pem"
  for name in intermediate rogue-intermediate; do
    openssl req -new -key "$dir/$name.key" -subj "/O=waxseal.test/CN=$label Intermediate" \
      -out "$dir/$name.csr"
    openssl x509 -req -in "$dir/$name.csr" -CA "$dir/root.pem" -CAkey "$dir/root.key" \
      -CAcreateserial -days 3650 -sha256 -extfile "$ext" -extensions intermediate \
      -out "$dir/$name.pem"
  done
  openssl req -new -key "$dir/leaf.key" -subj "/O=waxseal.test" -out "$dir/leaf.csr"
  openssl x509 -req -in "$dir/leaf.csr" -CA "$dir/intermediate.pem" -CAkey "$dir/intermediate.key" \
    -CAcreateserial -days 3650 -sha256 -extfile "$ext" -extensions leaf -out "$dir/leaf.pem"
  rm -f "$dir"/*.csr "$dir"/*.srl "$ext" "$dir/root.key" "$dir/intermediate.key" \
    "$dir/rogue-intermediate.key"
}
make_chain ec "-algorithm EC -pkeyopt ec_paramgen_curve:P-256" "Waxseal Test EC" chain-ec@waxseal.test
make_chain rsa "-algorithm RSA -pkeyopt rsa_keygen_bits:2048" "Waxseal Test RSA" chain-rsa@waxseal.test
rm -f rsa/rogue-intermediate.pem
