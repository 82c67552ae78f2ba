#!/usr/bin/env bash
# Builds the TypeScript client and runs its tests against a live textlensd
# ($TEXTLENSD, default build/dev/bin/textlensd). Idempotent; callable from
# anywhere. Installs node_modules with `npm ci` only when package-lock.json
# changed since the last install.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

for tool in node npm protoc; do
  command -v "$tool" >/dev/null || { echo "test.sh: $tool is required" >&2; exit 1; }
done

stamp=node_modules/.textlens-package-lock.sha256
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_sum" ]]; then
  echo "== npm ci =="
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" >"$stamp"
fi

echo "== generate =="
npm run --silent generate
echo "== build =="
npm run --silent build

echo "== test =="
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
npm run --silent test 2>&1 | tee "$log" || status=$?

count() { sed -n "s/^ℹ $1 \([0-9]\+\)$/\1/p" "$log" | tail -n 1; }
passed="$(count pass)" failed="$(count fail)" cancelled="$(count cancelled)" skipped="$(count skipped)"
if [[ -z "$passed" || -z "$failed" ]]; then
  echo "test.sh: no test summary from node --test" >&2
  exit 1
fi
# A test cancelled because its setup failed counts as failed.
failed=$((failed + ${cancelled:-0}))
echo "typescript: ${passed} passed, ${failed} failed, ${skipped:-0} skipped"
if [[ "$status" -ne 0 || "$failed" -ne 0 ]]; then
  exit 1
fi
