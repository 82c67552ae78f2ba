#!/usr/bin/env bash
# Installs what textlens needs to build and test, idempotently: Debian
# packages, then grpcurl at a pinned version through `go install`.
# Safe to run again: it only installs what is missing.
set -euo pipefail

GRPCURL_VERSION="v1.9.1"

DEBIAN_PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler grpc-proto
  libabsl-dev libgtest-dev libgmock-dev libbenchmark-dev
  libicu-dev libstemmer-dev libspdlog-dev nlohmann-json3-dev libssl-dev
  libgumbo-dev libcmark-dev libpoppler-cpp-dev libmagic-dev zlib1g-dev
  libyaml-cpp-dev prometheus-cpp-dev
  libcpp-httplib-dev         # the HTTP/JSON endpoint and web page (with TLS)
  chromium chromium-driver   # the web page's test (scripts/test-web-page.sh)
  libgoogle-perftools-dev    # tcmalloc, the analyzing programs' allocator
  clang-format jq openssl   # openssl: certificates made by the TLS tests
  clang libclang-rt-14-dev   # libFuzzer targets (the fuzz preset)
  linux-perf                 # the profile in make bench's report
  nginx                      # the load-balancing test (deploy/nginx)
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for package in "${DEBIAN_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# grpcurl: the shell client the README and the integration tests use.
GO="$(command -v go || true)"
[ -n "$GO" ] || [ ! -x /usr/local/go/bin/go ] || GO=/usr/local/go/bin/go
if [ -z "$GO" ]; then
  echo "install-deps: installing Go from Debian to build grpcurl"
  DEBIAN_FRONTEND=noninteractive ${SUDO:-} apt-get install -y -q golang-go
  GO="$(command -v go)"
fi
GOBIN_DIR="$("$GO" env GOPATH)/bin"
if [ ! -x "$GOBIN_DIR/grpcurl" ] || ! "$GO" version -m "$GOBIN_DIR/grpcurl" | grep -q "grpcurl[[:space:]]*${GRPCURL_VERSION}"; then
  echo "install-deps: installing grpcurl ${GRPCURL_VERSION}"
  (cd /tmp && "$GO" install "github.com/fullstorydev/grpcurl/cmd/grpcurl@${GRPCURL_VERSION}")
fi
# buf: lints the API and checks it for breaking changes (npm, pinned).
BUF_VERSION="1.75.0"
TOOLS_DIR="$(cd "$(dirname "$0")/.." && pwd)/build/tools"
BUF="$TOOLS_DIR/node_modules/.bin/buf"
if [ ! -x "$BUF" ] || [ "$("$BUF" --version 2>/dev/null)" != "$BUF_VERSION" ]; then
  echo "install-deps: installing buf ${BUF_VERSION}"
  mkdir -p "$TOOLS_DIR"
  npm install --prefix "$TOOLS_DIR" --no-audit --no-fund --silent "@bufbuild/buf@${BUF_VERSION}"
fi
echo "install-deps: all dependencies present (grpcurl in $GOBIN_DIR, buf in $TOOLS_DIR)"
