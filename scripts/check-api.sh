#!/usr/bin/env bash
# The API's hygiene: `buf lint` over proto/, and `buf breaking` against the
# previous commit, so a change that would break generated clients fails CI.
set -euo pipefail
cd "$(dirname "$0")/.."
BUF="build/tools/node_modules/.bin/buf"
echo "== buf lint =="
"$BUF" lint
echo "buf lint: clean"
if git rev-parse --verify --quiet HEAD~1 >/dev/null; then
  echo "== buf breaking against $(git rev-parse --short HEAD~1) (the previous commit) =="
  "$BUF" breaking proto --against ".git#ref=HEAD~1,subdir=proto"
  echo "buf breaking: no breaking change"
else
  echo "buf breaking: no previous commit to compare with; skipped"
fi
