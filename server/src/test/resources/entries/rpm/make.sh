#!/bin/sh
# Builds and signs the RPM test packages with the real rpmbuild and rpmsign (rpm 4.18 here),
# using throwaway keys in a temporary GNUPGHOME. Run from this directory; rewrites the files.
set -eu
out=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"
# Keys and signatures differ on every run: the committed files are one run's output.
gpg --batch --pinentry-mode loopback --passphrase '' --quick-gen-key 'RPM Signer <rpm-signer@example.com>' rsa2048 sign never
gpg --batch --pinentry-mode loopback --passphrase '' --quick-gen-key 'DSA RPM Signer <dsa-signer@example.com>' dsa2048 sign never
gpg --batch --pinentry-mode loopback --passphrase '' --quick-gen-key 'Other Signer <other@example.com>' rsa2048 sign never
gpg --armor --export rpm-signer@example.com >"$out/rsa.pub.asc"
gpg --armor --export dsa-signer@example.com >"$out/dsa.pub.asc"
gpg --armor --export other@example.com >"$out/other.pub.asc"

mkdir -p "$work/rpmbuild/SPECS"
cat >"$work/rpmbuild/SPECS/hello.spec" <<'SPEC'
Name: waxseal-hello
Epoch: 3
Version: 1.2
Release: 4
Summary: A tiny package to sign in tests
License: Apache-2.0
BuildArch: noarch

%description
A one-file package built for Waxseal's rpm entry tests.

%install
mkdir -p %{buildroot}/usr/share/waxseal-hello
echo 'hello from waxseal' >%{buildroot}/usr/share/waxseal-hello/hello.txt

%files
/usr/share/waxseal-hello/hello.txt
SPEC
rpmbuild --quiet -D "_topdir $work/rpmbuild" -D '_buildhost waxseal.test' \
  -D 'source_date_epoch_from_changelog 0' -D '_binary_payload w9.gzdio' \
  -bb "$work/rpmbuild/SPECS/hello.spec"
built="$work/rpmbuild/RPMS/noarch/waxseal-hello-1.2-4.noarch.rpm"
cp "$built" "$out/unsigned.rpm"

sign() { # sign <key email> <output> [extra rpmsign options]
  key=$1; dest=$2; shift 2
  cp "$built" "$work/p.rpm"
  rpmsign --addsign -D "__gpg $(command -v gpg)" -D "_gpg_name $key" -D "_gpg_path $GNUPGHOME" "$@" "$work/p.rpm" >/dev/null
  cp "$work/p.rpm" "$out/$dest"
}
sign rpm-signer@example.com rsa-header-only.rpm
sign rpm-signer@example.com rsa-v3.rpm --rpmv3
sign dsa-signer@example.com dsa-header-only.rpm
sign dsa-signer@example.com dsa-v3.rpm --rpmv3
# rpm itself must accept each signed package with the keys imported (and refuse the unsigned one).
db="$work/rpmdb"
rpm --dbpath "$db" --initdb
rpm --dbpath "$db" --import "$out/rsa.pub.asc" "$out/dsa.pub.asc"
rpm --dbpath "$db" -Kv "$out"/rsa-*.rpm "$out"/dsa-*.rpm
ls -l "$out"/*.rpm
