#!/usr/bin/env bash
# The client packages' own test suites (Python, Go, TypeScript), each
# against a real textlensd it starts, plus the client snippets of the docs
# checked against the example files those suites run.
set -uo pipefail
build_dir="${1:-build/dev}"
cd "$(dirname "$0")/.."
export TEXTLENSD="$(pwd)/$build_dir/bin/textlensd"
GO="$(command -v go || echo /usr/local/go/bin/go)"
export PATH="$("$GO" env GOPATH 2>/dev/null || echo "$HOME/go")/bin:$PATH"

status=0
for client in python go typescript; do
  echo "== client: $client =="
  if ! bash "clients/$client/test.sh"; then
    echo "client $client: FAILED"
    status=1
  fi
done
echo "== client snippets of the README and docs/ =="
python3 scripts/check-readme-snippets.py || status=1
exit "$status"
