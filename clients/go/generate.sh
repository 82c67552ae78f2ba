#!/usr/bin/env bash
# Regenerates the Go code of the textlens.v1 API into textlensv1/ and copies
# the shared gRPC service config into textlens/, where go:embed can reach it.
#
# Installs the pinned protoc plugins with `go install` when the installed
# ones are missing or of another version. Idempotent: run it again and the
# tree does not change.
set -euo pipefail

# Pinned code generators. protoc-gen-go is versioned with
# google.golang.org/protobuf, keep both in step (see go.mod).
PROTOC_GEN_GO_VERSION=v1.36.12
PROTOC_GEN_GO_GRPC_VERSION=v1.6.2
# The protoc the generated headers were made with (Debian's protoc 3.21).
# Another version works but records itself in the headers, which the drift
# check of test.sh then reports.
EXPECTED_PROTOC=3.21.

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
module="github.com/textlens/textlens/clients/go"

gobin="$(go env GOBIN)"
if [[ -z "$gobin" ]]; then
  gobin="$(go env GOPATH)/bin"
fi

# install_tool NAME PACKAGE VERSION: go install PACKAGE@VERSION unless
# $gobin/NAME was already built from that module version.
install_tool() {
  local name=$1 pkg=$2 version=$3 have=""
  if [[ -x "$gobin/$name" ]]; then
    have="$(go version -m "$gobin/$name" 2>/dev/null | awk '$1 == "mod" { print $3; exit }')"
  fi
  if [[ "$have" != "$version" ]]; then
    echo "generate.sh: installing $name $version${have:+ (found $have)}" >&2
    GOBIN="$gobin" go install "$pkg@$version"
  fi
}

install_tool protoc-gen-go google.golang.org/protobuf/cmd/protoc-gen-go "$PROTOC_GEN_GO_VERSION"
install_tool protoc-gen-go-grpc google.golang.org/grpc/cmd/protoc-gen-go-grpc "$PROTOC_GEN_GO_GRPC_VERSION"

protoc_version="$(protoc --version | awk '{ print $2 }')"
if [[ "$protoc_version" != "$EXPECTED_PROTOC"* ]]; then
  echo "generate.sh: warning: protoc $protoc_version, the committed code was made with ${EXPECTED_PROTOC}x" >&2
fi

# Generate into a scratch directory, then replace textlensv1/ with it, so
# that the files of a removed .proto do not linger.
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

cd "$root/proto"
protos=(textlens/v1/*.proto)
protoc \
  -I . \
  --plugin=protoc-gen-go="$gobin/protoc-gen-go" \
  --plugin=protoc-gen-go-grpc="$gobin/protoc-gen-go-grpc" \
  --go_out="$out" --go_opt=module="$module" \
  --go-grpc_out="$out" --go-grpc_opt=module="$module" \
  "${protos[@]}"

rm -rf "$here/textlensv1"
mv "$out/textlensv1" "$here/textlensv1"
chmod 0644 "$here"/textlensv1/*.go

cp "$root/clients/service-config.json" "$here/textlens/service_config.json"
chmod 0644 "$here/textlens/service_config.json"
