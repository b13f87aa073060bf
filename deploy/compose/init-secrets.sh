#!/usr/bin/env sh
# Creates the three local secrets that docker-compose.yml mounts, if they do not exist yet:
#   deploy/compose/secrets/db_password          random PostgreSQL password
#   deploy/compose/secrets/signer.pem           the log's ECDSA P-256 private key (PKCS#8 PEM)
#   deploy/compose/secrets/tiles-ed25519.pem    the C2SP checkpoint key, Ed25519 (PKCS#8 PEM)
# They are for a local stack only and are git-ignored. Production keys come from a Secret or KMS.
# Back up both keys: the signer key and the tiles key are the log's identities (docs/deploy.md).
# Needs openssl 1.1.1 or later (Ed25519). The files are made world-readable (0644) on purpose: Compose bind-mounts secret
# files with the host's owner and mode, and both the postgres (UID 999) and the waxseal (UID 10001)
# container users must read them.
set -eu
dir=$(cd "$(dirname "$0")" && pwd)/secrets
mkdir -p "$dir"
umask 022
if [ ! -s "$dir/db_password" ]; then
  openssl rand -hex 24 | tr -d '\n' >"$dir/db_password"
  echo "created $dir/db_password"
fi
if [ ! -s "$dir/signer.pem" ]; then
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/signer.pem"
  chmod 0644 "$dir/signer.pem"
  echo "created $dir/signer.pem (public key: openssl pkey -in $dir/signer.pem -pubout)"
fi
if [ ! -s "$dir/tiles-ed25519.pem" ]; then
  # Written under a temporary name, so a failed run leaves no empty or partial key behind.
  if ! openssl genpkey -algorithm ed25519 -out "$dir/tiles-ed25519.pem.tmp"; then
    rm -f "$dir/tiles-ed25519.pem.tmp"
    echo "openssl cannot generate Ed25519 keys: use OpenSSL 1.1.1 or later (older LibreSSL," >&2
    echo "e.g. macOS's /usr/bin/openssl, may lack it)" >&2
    exit 1
  fi
  chmod 0644 "$dir/tiles-ed25519.pem.tmp"
  mv "$dir/tiles-ed25519.pem.tmp" "$dir/tiles-ed25519.pem"
  echo "created $dir/tiles-ed25519.pem (public key: openssl pkey -in $dir/tiles-ed25519.pem -pubout)"
fi
