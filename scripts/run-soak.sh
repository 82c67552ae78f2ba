#!/usr/bin/env bash
# make soak: a burst at four times the server's capacity for SOAK_SECONDS
# (default 60). Measures capacity first (ghz, 5 s at 8 calls in flight),
# then offers four times that rate for SOAK_SECONDS (as many requests as
# that makes) from 256 concurrent calls, beyond the
# default limits (64 calls in flight), sampling the server's resident
# memory. Passes when every request was answered OK or RESOURCE_EXHAUSTED,
# the server is still SERVING and analyzes a document, its memory stayed
# under SOAK_MAX_RSS_MB (default 300), and SIGTERM ends it with status 0.
# Usage: scripts/run-soak.sh [BUILD_DIR] (default build/dev).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
build_dir="${1:-build/dev}"
seconds="${SOAK_SECONDS:-60}"
max_rss_mb="${SOAK_MAX_RSS_MB:-300}"
out="$repo/build/soak"
mkdir -p "$out"
GHZ="$(scripts/install-ghz.sh)"
GRPCURL="$(go env GOPATH)/bin/grpcurl"
address=127.0.0.1:50171

"$build_dir/bin/textlensd" --listen="$address" --log_level=warn >"$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  "$GRPCURL" -plaintext "$address" grpc.health.v1.Health/Check >/dev/null 2>&1 && break
  sleep 0.1
done

article=tests/integration/testdata/article_fr.txt
jq -n --rawfile t "$article" '{document: {text: ($t + "\n" + $t + "\n" + $t)}}' >"$out/request.json"
ghz_run() {  # output concurrency connections [extra ghz flags]
  local output="$1" concurrency="$2" connections="$3"
  shift 3
  "$GHZ" --insecure --proto proto/textlens/v1/service.proto --import-paths "$repo/proto" \
    --call textlens.v1.AnalysisService/Analyze -D "$out/request.json" \
    -c "$concurrency" --connections "$connections" "$@" \
    --format json "$address" >"$out/$output"
}

# (ghz ends a timed run by closing its connections, which fails the calls
# then in flight as UNAVAILABLE: the burst is a number of requests instead.)
ghz_run capacity.json 8 4 -z 5s
capacity="$(jq '.rps | floor' "$out/capacity.json")"
rate=$(( capacity * 4 ))
echo "soak: capacity $capacity requests/s (3 KB article, 3 analyzers); offering $rate requests/s from 256 calls for ${seconds} s"

peak_kb=0
ghz_run burst.json 256 16 --rps "$rate" -n $(( rate * seconds )) &
load=$!
while kill -0 "$load" 2>/dev/null; do
  rss_kb="$(awk '/VmRSS/ {print $2}' "/proc/$server/status" 2>/dev/null || echo 0)"
  [ "${rss_kb:-0}" -gt "$peak_kb" ] && peak_kb="$rss_kb"
  sleep 1
done
wait "$load" || true

jq -r '"soak: \(.count) requests: \(.statusCodeDistribution | to_entries | map("\(.value) \(.key)") | join(", ")); p50 \(.latencyDistribution[] | select(.percentage == 50) | .latency / 1e6) ms, p99 \(.latencyDistribution[] | select(.percentage == 99) | .latency / 1e6) ms"' "$out/burst.json"
echo "soak: peak resident memory $(( peak_kb / 1024 )) MiB (limit ${max_rss_mb})"
failed=0
other="$(jq '[.statusCodeDistribution | to_entries[] | select(.key != "OK" and .key != "ResourceExhausted") | .value] | add // 0' "$out/burst.json")"
if [ "$other" -ne 0 ]; then echo "soak: FAILED: $other requests got neither OK nor RESOURCE_EXHAUSTED"; failed=1; fi
if ! kill -0 "$server" 2>/dev/null; then echo "soak: FAILED: the server died"; exit 1; fi
if [ $(( peak_kb / 1024 )) -gt "$max_rss_mb" ]; then echo "soak: FAILED: memory over ${max_rss_mb} MiB"; failed=1; fi
health="$("$GRPCURL" -plaintext "$address" grpc.health.v1.Health/Check)"
echo "$health" | grep -q SERVING || { echo "soak: FAILED: not SERVING after the burst"; failed=1; }
"$GRPCURL" -plaintext -d @ "$address" textlens.v1.AnalysisService/Analyze <"$out/request.json" | grep -q '"analyzer": "stance"' \
  || { echo "soak: FAILED: no answer to a normal request after the burst"; failed=1; }
kill -TERM "$server"
status=0
wait "$server" || status=$?
trap - EXIT
if [ "$status" -ne 0 ]; then echo "soak: FAILED: exit status $status after SIGTERM"; failed=1; fi
[ "$failed" -eq 0 ] && echo "soak: passed (server SERVING after the burst, exit 0 on SIGTERM)"
exit "$failed"
