#!/usr/bin/env bash
# Tests the Go client; `make test` runs it from the repository root.
#
#   1. installs the pinned protoc plugins and regenerates the code
#      (generate.sh), then fails if the committed code differs from it;
#   2. checks formatting, runs go vet and the tests, which start their own
#      textlensd (TEXTLENSD, default build/dev/bin/textlensd).
#
# Idempotent; needs go, protoc and, on a machine with an empty module cache,
# the Go module proxy.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

echo "== Go client: generate =="
bash ./generate.sh

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  if ! git diff --exit-code --stat -- textlensv1 textlens/service_config.json; then
    echo "Go client: the generated code above differs from the committed code;" >&2
    echo "commit the output of clients/go/generate.sh." >&2
    exit 1
  fi
fi

echo "== Go client: gofmt, go vet =="
unformatted="$(gofmt -l .)"
if [[ -n "$unformatted" ]]; then
  echo "Go client: not gofmt-formatted:" >&2
  echo "$unformatted" >&2
  exit 1
fi
go vet ./...

echo "== Go client: go test =="
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
go test -count=1 -v ./... 2>&1 | tee "$log" || status=$?
# Counts tests and subtests alike.
passed="$(grep -c -- '--- PASS' "$log" || true)"
failed="$(grep -c -- '--- FAIL' "$log" || true)"
skipped="$(grep -c -- '--- SKIP' "$log" || true)"
echo "Go client: $passed tests passed, $failed failed, $skipped skipped (subtests included)"
if [[ $status -ne 0 ]]; then
  echo "Go client: go test failed" >&2
fi
exit "$status"
