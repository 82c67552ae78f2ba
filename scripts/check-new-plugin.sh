#!/usr/bin/env bash
# Proves that a new analyzer is one folder: copies this source tree to a
# temporary one, runs scripts/new-plugin.sh there, checks that it wrote
# nothing outside plugins/NAME/, builds the new plugin and its tests in that
# tree with nothing else edited, runs the tests, then loads the plugin into
# BUILD_DIR's textlensd and calls it through grpcurl and the CLI: its result
# comes back as google.protobuf.Any, described by the server's reflection.
#
#   scripts/check-new-plugin.sh [BUILD_DIR]    (default build/dev)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="$(cd "${1:-build/dev}" && pwd)"
GO="$(command -v go || echo /usr/local/go/bin/go)"
export PATH="$("$GO" env GOPATH 2>/dev/null || echo "$HOME/go")/bin:$PATH"
name=probe_stats
tmp="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "check-new-plugin: $*" >&2; exit 1; }

echo "== a new plugin is one folder: scripts/new-plugin.sh $name =="
git ls-files -z --cached --others --exclude-standard |
  tar --null -T - -cf - | tar -C "$tmp" -xf -
touch "$tmp/.before"
sleep 1
scripts/new-plugin.sh "$name" "$tmp"
written="$(cd "$tmp" && find . -type f -newer .before | sort)"
outside="$(echo "$written" | grep -v "^./plugins/$name/" || true)"
[ -z "$outside" ] || fail "new-plugin.sh wrote outside plugins/$name: $outside"
echo "wrote: $(echo "$written" | tr '\n' ' ')"

cmake -S "$tmp" -B "$tmp/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTEXTLENS_BUILD_BENCH=OFF >"$tmp/configure.log" 2>&1 ||
  { cat "$tmp/configure.log"; fail "configure failed"; }
cmake --build "$tmp/build" --target "$name" "${name}_test" -j "$(nproc)" \
  >"$tmp/build.log" 2>&1 || { tail -n 40 "$tmp/build.log"; fail "build failed"; }
"$tmp/build/tests/${name}_test" --gtest_brief=1

# The server of BUILD_DIR with only the new plugin.
port_file="$tmp/server.log"
"$build_dir/bin/textlensd" --listen=127.0.0.1:0 --http_listen=127.0.0.1:0 \
  --plugin_dir="$tmp/build/bin/plugins" >"$port_file" 2>&1 &
server_pid=$!
address=""
for _ in $(seq 100); do
  port="$(grep -oE 'listening on port [0-9]+' "$port_file" | grep -oE '[0-9]+$' || true)"
  [ -n "$port" ] && address="127.0.0.1:$port" && break
  sleep 0.1
done
[ -n "$address" ] || { cat "$port_file"; fail "the server did not start"; }
answer="$(grpcurl -plaintext -d '{"document": {"text": "Open models grow. Labs publish their weights now."},
  "analyzers": [{"name": "'"$name"'", "generic": {"min_word_length": 4}}], "omit_text": true}' \
  "$address" textlens.v1.AnalysisService/Analyze)"
echo "$answer" | grep -q '"@type": "type.googleapis.com/textlens.plugins.probe_stats.v1.ProbeStatsResult"' ||
  fail "no typed extension in: $answer"
echo "$answer" | grep -q '"words": 7' || fail "wrong count in: $answer"
echo "$answer" | grep -q '"begin": 18' || fail "wrong longest sentence in: $answer"
# The CLI prints it too, learning the type from the server's reflection.
cli="$(echo "Open models grow. Labs publish their weights now." |
  "$build_dir/bin/textlens" analyze - --server="$address" --analyzers="$name" \
    --set "$name.min_word_length=4")"
echo "$cli" | grep -q '"words": 7' || fail "the CLI printed: $cli"
# And over HTTP/JSON, its type found among the plugins' own.
http_port="$(grep -oE 'http on port [0-9]+' "$port_file" | grep -oE '[0-9]+$' || true)"
http_answer="$(curl -sS "127.0.0.1:$http_port/v1/analyze" -d '{"document": {"text": "Open models grow. Labs publish their weights now."},
  "analyzers": [{"name": "'"$name"'", "generic": {"min_word_length": 4}}], "omit_text": true}')"
echo "$http_answer" | grep -q '"@type":"type.googleapis.com/textlens.plugins.probe_stats.v1.ProbeStatsResult"' ||
  fail "no typed extension over HTTP in: $http_answer"
echo "$http_answer" | grep -q '"words":7' || fail "wrong count over HTTP in: $http_answer"
echo "new plugin $name: built, tested, and answered through grpcurl, the CLI and HTTP/JSON"
