#!/usr/bin/env bash
# The web page in headless Chromium (Debian's, driven by playwright-core,
# pinned and installed under the build folder) against a real textlensd:
# tests/web/page_test.mjs. Screenshots: BUILD_DIR/web-page.png and
# BUILD_DIR/web-page-320.png.
set -euo pipefail
build_dir="$(realpath "${1:-build/dev}")"
cd "$(dirname "$0")/.."

PLAYWRIGHT_VERSION="1.65.2"
tools="$build_dir/web-test"
if [ ! -f "$tools/node_modules/playwright-core/package.json" ] ||
   ! grep -q "\"version\": \"$PLAYWRIGHT_VERSION\"" "$tools/node_modules/playwright-core/package.json"; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --silent "playwright-core@$PLAYWRIGHT_VERSION"
fi
cp tests/web/page_test.mjs "$tools/"

article=../shared/corpus/seeds/003_a8a102ce96cb8f5c.txt
[ -f "$article" ] || article=tests/integration/testdata/article_fr.txt

log="$(mktemp)"
"$build_dir/bin/textlensd" --listen=127.0.0.1:0 --http_listen=127.0.0.1:0 \
  --log_level=warn >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$log"' EXIT
port=""
for _ in $(seq 1 200); do
  port="$(sed -n 's/.*textlensd http on port \([0-9]*\).*/\1/p' "$log")"
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "$port" ] || { echo "textlensd did not start:"; cat "$log"; exit 1; }

echo "== web page in headless Chromium =="
timeout 110 node "$tools/page_test.mjs" "http://127.0.0.1:$port/" "$(realpath "$article")" "$build_dir"

# The CLI's --format=html report: the same page, one file, drawn from disk
# with no server behind it.
echo "== textlens analyze --format=html, opened from disk in headless Chromium =="
report="$build_dir/report.html"
"$build_dir/bin/textlens" analyze "$article" --server="127.0.0.1:$(sed -n 's/.*listening on port \([0-9]*\).*/\1/p' "$log" | head -n 1)" \
  --format=html >"$report"
dom="$(timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run \
  --user-data-dir="$(mktemp -d)" --dump-dom "file://$(realpath "$report")" 2>/dev/null)"
marks="$(grep -o 'class="ent' <<<"$dom" | wc -l)"
summary="$(grep -o 'class="summary-sentence' <<<"$dom" | wc -l)"
[ "$marks" -gt 0 ] && [ "$summary" -gt 0 ] && grep -q 'id="stance-label"[^>]*>[^<]' <<<"$dom" || {
  echo "the report page drew $marks entities and $summary summary sentences"; exit 1; }
echo "report page: $marks entity marks, $summary summary sentences, a stance label ($report)"
