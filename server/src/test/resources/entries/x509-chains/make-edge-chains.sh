#!/bin/sh
# Regenerates edge/: chains (leaf first) that test the rules of Go's crypto/x509 path building as
# Rekor's verifyCertChain applies them (OpenSSL 3; `openssl ca` sets fixed validity dates). Each
# file's expected outcome, from Rekor v1.5.4's own code, is pinned in X509PublicKeyChainTest.
#   pathlen-exceeded.pem              leaf, intermediate, root with pathlen:0
#   issuer-not-ca.pem                 leaf issued by a CA:FALSE certificate, it, root
#   unhandled-critical-extension.pem  leaf with a critical private extension, root
#   intermediate-expired.pem          intermediate valid 2020-2021, leaf issued 2026, root
#   intermediate-not-yet-valid.pem    intermediate valid from 2030, leaf issued 2026, root
#   leaf-expired-long-ago.pem         leaf valid for ten minutes in 2020, root (still verifies)
set -eu
out="$(cd "$(dirname "$0")" && pwd)/edge"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
cat > ext.cnf <<'EXT'
[ca0]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ca1]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[inter]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[notca]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyCertSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
subjectAltName = email:edge@waxseal.test
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[leafcrit]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
subjectAltName = email:edge@waxseal.test
1.3.6.1.4.1.99999.1 = critical, ASN1:UTF8String:must understand
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EXT
cat > ca.cnf <<'CA'
[ca]
default_ca = d
[d]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = p
unique_subject = no
[p]
organizationName = supplied
commonName = optional
CA
: > index.txt
echo 01 > serial
for n in root root2 oldroot inter notca leaf; do
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out $n.key 2>/dev/null
done
csr() { openssl req -new -key "$1" -subj "$2" -out "$3"; }
sign() { # csr issuer-cert issuer-key extensions out
  openssl x509 -req -in "$1" -CA "$2" -CAkey "$3" -CAcreateserial -days 3650 -sha256 \
    -extfile ext.cnf -extensions "$4" -out "$5" 2>/dev/null
}
dated() { # csr issuer-cert issuer-key extensions start end out
  openssl ca -batch -config ca.cnf -cert "$2" -keyfile "$3" -in "$1" -startdate "$5" \
    -enddate "$6" -extfile ext.cnf -extensions "$4" -notext -out "$7" 2>/dev/null
}
openssl req -x509 -new -key root.key -subj "/O=waxseal.test/CN=Edge Root" -days 7300 -sha256 \
  -config ext.cnf -extensions ca0 -out root.pem
openssl req -x509 -new -key root2.key -subj "/O=waxseal.test/CN=Edge Root 2" -days 7300 \
  -sha256 -config ext.cnf -extensions ca1 -out root2.pem
csr leaf.key "/O=waxseal.test" leaf.csr
csr inter.key "/O=waxseal.test/CN=Edge Intermediate" inter.csr
sign inter.csr root.pem root.key inter inter.pem
sign leaf.csr inter.pem inter.key leaf leaf-pathlen.pem
csr notca.key "/O=waxseal.test/CN=Edge Not A CA" notca.csr
sign notca.csr root.pem root.key notca notca.pem
sign leaf.csr notca.pem notca.key leaf leaf-under-notca.pem
sign leaf.csr root.pem root.key leafcrit leaf-critical.pem
csr inter.key "/O=waxseal.test/CN=Edge Expired Intermediate" e.csr
dated e.csr root2.pem root2.key inter 20200101000000Z 20210101000000Z inter-expired.pem
dated leaf.csr inter-expired.pem inter.key leaf 20260101000000Z 20360101000000Z leaf-e.pem
csr inter.key "/O=waxseal.test/CN=Edge Future Intermediate" f.csr
dated f.csr root2.pem root2.key inter 20300101000000Z 20400101000000Z inter-future.pem
dated leaf.csr inter-future.pem inter.key leaf 20260101000000Z 20360101000000Z leaf-f.pem
csr oldroot.key "/O=waxseal.test/CN=Edge Old Root" o.csr
openssl ca -batch -selfsign -config ca.cnf -keyfile oldroot.key -in o.csr -startdate \
  20190101000000Z -enddate 20390101000000Z -extfile ext.cnf -extensions ca1 -notext \
  -out oldroot.pem 2>/dev/null
dated leaf.csr oldroot.pem oldroot.key leaf 20200101000000Z 20200101001000Z leaf-old.pem
mkdir -p "$out"
cat leaf-pathlen.pem inter.pem root.pem > "$out/pathlen-exceeded.pem"
cat leaf-under-notca.pem notca.pem root.pem > "$out/issuer-not-ca.pem"
cat leaf-critical.pem root.pem > "$out/unhandled-critical-extension.pem"
cat leaf-e.pem inter-expired.pem root2.pem > "$out/intermediate-expired.pem"
cat leaf-f.pem inter-future.pem root2.pem > "$out/intermediate-not-yet-valid.pem"
cat leaf-old.pem oldroot.pem > "$out/leaf-expired-long-ago.pem"
rm -rf "$work"
