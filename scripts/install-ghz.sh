#!/usr/bin/env bash
# Installs ghz (the gRPC load generator of make bench and make soak) at its
# pinned version with `go install`, unless already there; prints its path.
set -euo pipefail
GHZ_VERSION="v0.120.0"
GO="$(command -v go || echo /usr/local/go/bin/go)"
GOBIN_DIR="$("$GO" env GOPATH)/bin"
if [ ! -x "$GOBIN_DIR/ghz" ] || ! "$GO" version -m "$GOBIN_DIR/ghz" | grep -q "ghz[[:space:]]*${GHZ_VERSION}"; then
  echo "installing ghz ${GHZ_VERSION}" >&2
  (cd /tmp && "$GO" install "github.com/bojand/ghz/cmd/ghz@${GHZ_VERSION}") >&2
fi
echo "$GOBIN_DIR/ghz"
