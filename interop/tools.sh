#!/usr/bin/env bash
# Builds (once) the real, unchanged clients the interop suite drives, into a cache outside the
# clone: WAXSEAL_INTEROP_CACHE (default ~/.cache/waxseal-interop). Each tool lands in its own
# versioned directory, so a cached build is reused and a version bump builds anew.
# Prints nothing but progress on stderr; source it or run it.
set -euo pipefail

: "${WAXSEAL_INTEROP_CACHE:=$HOME/.cache/waxseal-interop}"
REKOR_CLI_VERSION=v1.5.4
COSIGN3_VERSION=v3.1.3
COSIGN2_VERSION=v2.6.5
SIGSTORE_PYTHON_VERSION=4.5.1

# Two runs that find a tool missing at once must not build it into the same place: each build
# holds a lock on the tool's directory and builds into its own temporary directory.
locked() { # <lock-name> <command...>
  local lock="$WAXSEAL_INTEROP_CACHE/.$1.lock"
  shift
  (flock 9 && "$@") 9>"$lock"
}

go_tool() { # <dir-name> <module/cmd@version> <binary>
  local dir="$WAXSEAL_INTEROP_CACHE/$1"
  if [[ -x "$dir/$3" ]]; then return 0; fi
  locked "$1" go_build "$@"
}

go_build() {
  local dir="$WAXSEAL_INTEROP_CACHE/$1" tmp
  if [[ -x "$dir/$3" ]]; then return 0; fi # built by the run that held the lock before us
  echo "interop: building $2 (minutes on two cores, once)" >&2
  tmp=$(mktemp -d "$dir.tmp.XXXXXX")
  # a failed build leaves nothing half-made in the cache
  if ! GOBIN="$tmp" GOFLAGS=-trimpath go install "$2"; then rm -rf "$tmp"; return 1; fi
  rm -rf "$dir" && mv "$tmp" "$dir"
}

python_tool() {
  local dir="$WAXSEAL_INTEROP_CACHE/sigstore-python-$SIGSTORE_PYTHON_VERSION"
  if [[ -x "$dir/bin/sigstore" ]]; then return 0; fi
  locked "sigstore-python-$SIGSTORE_PYTHON_VERSION" python_install "$dir"
}

python_install() {
  local dir=$1
  if [[ -x "$dir/bin/sigstore" ]]; then return 0; fi
  echo "interop: installing sigstore-python $SIGSTORE_PYTHON_VERSION (once)" >&2
  rm -rf "$dir.tmp"
  python3 -m venv "$dir.tmp"
  "$dir.tmp/bin/pip" install --quiet "sigstore==$SIGSTORE_PYTHON_VERSION"
  rm -rf "$dir" && mv "$dir.tmp" "$dir"
  # venv scripts hard-code their directory: rebuild the shebangs for the final path
  sed -i "1s|$dir.tmp|$dir|" "$dir"/bin/*
  sed -i "s|$dir.tmp|$dir|g" "$dir/bin/activate" "$dir/pyvenv.cfg" 2>/dev/null || true
}

# The suite makes its signed inputs with the distribution's tools; a fresh machine may lack some
# (rpm is rarely there): install what is missing from Debian's packages, once.
system_tools() {
  local -A package_of=([rpmbuild]=rpm [rpmsign]=rpm [gpg]=gnupg [openssl]=openssl [jq]=jq
    [curl]=curl [ssh-keygen]=openssh-client [flock]=util-linux)
  local missing=() command
  for command in "${!package_of[@]}"; do
    command -v "$command" >/dev/null || missing+=("${package_of[$command]}")
  done
  ((${#missing[@]})) || return 0
  local sudo=()
  [[ $(id -u) == 0 ]] || sudo=(sudo -n)
  echo "interop: installing ${missing[*]} from Debian's packages (once)" >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2 ||
    { "${sudo[@]}" apt-get update -q >&2 &&
      "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2; }
}

build_interop_tools() { # [rekor-cli|cosign|sigstore-python...]: the clients those need (all)
  local want=" ${*:-rekor-cli cosign sigstore-python} "
  if [[ $want == *" shards "* ]]; then want+="rekor-cli cosign "; fi # the shards section uses both
  system_tools
  mkdir -p "$WAXSEAL_INTEROP_CACHE"
  python_tool # every section makes its inputs with the venv's `cryptography`
  if [[ $want == *" rekor-cli "* ]]; then
    go_tool "rekor-cli-$REKOR_CLI_VERSION" "github.com/sigstore/rekor/cmd/rekor-cli@$REKOR_CLI_VERSION" rekor-cli
  fi
  if [[ $want == *" cosign "* ]]; then
    go_tool "cosign-$COSIGN3_VERSION" "github.com/sigstore/cosign/v3/cmd/cosign@$COSIGN3_VERSION" cosign
    go_tool "cosign-$COSIGN2_VERSION" "github.com/sigstore/cosign/v2/cmd/cosign@$COSIGN2_VERSION" cosign
  fi
}

REKOR_CLI="$WAXSEAL_INTEROP_CACHE/rekor-cli-$REKOR_CLI_VERSION/rekor-cli"
COSIGN3="$WAXSEAL_INTEROP_CACHE/cosign-$COSIGN3_VERSION/cosign"
COSIGN2="$WAXSEAL_INTEROP_CACHE/cosign-$COSIGN2_VERSION/cosign"
SIGSTORE_PYTHON="$WAXSEAL_INTEROP_CACHE/sigstore-python-$SIGSTORE_PYTHON_VERSION/bin/python"

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then build_interop_tools "$@"; fi
