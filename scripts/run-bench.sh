#!/usr/bin/env bash
# make bench: measures textlens and writes bench/REPORT.md.
#   1. micro-benchmarks of every stage, in process (bench/pipeline_bench,
#      bench/summarizer_bench), and a perf profile of the whole analysis by stage
#      (bench/profile_stages.py);
#   2. start-up: time to SERVING and resident memory idle (bench/start_probe);
#   3. the gRPC floor: bench/echo_server and textlensd with only the empty
#      analyzer, both loaded by ghz at the same concurrency;
#   4. the whole service: Analyze with the three analyzers, unary at several
#      concurrencies and streaming, resident memory sampled under load;
#   5. the peers on the same documents: spaCy fr_core_news_sm and sumy
#      (bench/peers_bench.py in the peers' venv);
# then bench/report.py turns the raw figures (build/bench/) into the report.
# Usage: scripts/run-bench.sh [BUILD_DIR] (default build/dev). Environment:
# BENCH_SECONDS (each load run, default 10).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
build_dir="${1:-build/dev}"
seconds="${BENCH_SECONDS:-10}"
out="$repo/build/bench"
mkdir -p "$out"
export TEXTLENS_DATA_DIR="${TEXTLENS_DATA_DIR:-$repo/../shared/data}"

GHZ="$(scripts/install-ghz.sh)"

# The documents: the seed articles when ../shared is there (as the
# micro-benchmarks read them), else the French test article three times.
seeds="$TEXTLENS_DATA_DIR/../corpus/seeds"
docs_dir="$out/documents"
rm -rf "$docs_dir"
mkdir -p "$docs_dir"
if ls "$seeds"/*.txt >/dev/null 2>&1; then
  cp "$seeds"/*.txt "$docs_dir/"
else
  article=tests/integration/testdata/article_fr.txt
  { cat "$article"; echo; cat "$article"; echo; cat "$article"; } >"$docs_dir/article_fr_x3.txt"
fi
first_doc="$(ls "$docs_dir"/*.txt | head -1)"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

echo "== micro-benchmarks =="
"$build_dir/bench/pipeline_bench" --benchmark_min_time=0.5 \
  --benchmark_out="$out/pipeline.json" --benchmark_out_format=json
"$build_dir/bench/summarizer_bench" \
  --benchmark_out="$out/summarizer.json" --benchmark_out_format=json

echo "== profile of the whole analysis =="
rm -f "$out/profile.json"
if perf record --call-graph dwarf,16384 -F 999 -o "$out/perf.data" -- \
    "$build_dir/bench/pipeline_bench" --benchmark_filter='^BM_Engine/1/' \
    --benchmark_min_time=3 >/dev/null 2>&1; then
  perf script -i "$out/perf.data" 2>/dev/null | python3 bench/profile_stages.py >"$out/profile.json" ||
    rm -f "$out/profile.json"
else
  echo "run-bench: perf could not record; the report goes without the profile"
fi

echo "== start-up and idle memory (5 starts) =="
: >"$out/start.txt"
for i in 1 2 3 4 5; do
  "$build_dir/bench/start_probe" --address=127.0.0.1:50161 -- \
    "$build_dir/bin/textlensd" --listen=127.0.0.1:50161 --log_level=warn | tee -a "$out/start.txt"
done

# One request per document, as ghz's JSON data.
jq -n --rawfile t "$first_doc" '{document: {text: $t}}' >"$out/echo_request.json"
jq -n --rawfile t "$first_doc" '{document: {text: $t}, analyzers: [{name: "empty"}]}' >"$out/empty_request.json"
jq -n --rawfile t "$first_doc" '{document: {text: $t}}' >"$out/all_request.json"
jq -n '{document: {text: "Bonjour."}}' >"$out/echo_tiny.json"
jq -n '{document: {text: "Bonjour."}, analyzers: [{name: "empty"}]}' >"$out/empty_tiny.json"
jq -s '.' $(for i in 1 2 3 4 5 6 7 8 9 10; do echo "$out/all_request.json"; done) >"$out/stream_request.json"

ghz_run() {  # name address proto call data concurrency
  local name="$1" address="$2" proto="$3" call="$4" data="$5" concurrency="$6"
  "$GHZ" --insecure --proto "$proto" --import-paths "$repo/proto,$repo" \
    --call "$call" -D "$data" -c "$concurrency" -z "${seconds}s" \
    --connections "$(( concurrency < 4 ? concurrency : 4 ))" \
    --format json "$address" >"$out/ghz_${name}.json"
  jq -r --arg n "$name" '"\($n): \(.rps | floor) requests/s, p50 \(.latencyDistribution[] | select(.percentage == 50) | .latency / 1e6) ms, p99 \(.latencyDistribution[] | select(.percentage == 99) | .latency / 1e6) ms, statuses \(.statusCodeDistribution | tostring)"' "$out/ghz_${name}.json"
}

start_server() {  # port args...: starts a server, waits for its port line
  local port="$1"; shift
  "$@" >"$out/server_$port.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 200); do
    grep -q "listening on port" "$out/server_$port.log" && return 0
    sleep 0.05
  done
  echo "run-bench: server on $port did not start" >&2
  cat "$out/server_$port.log" >&2
  return 1
}

echo "== the gRPC floor: echo service against textlens with the empty analyzer =="
start_server 50162 "$build_dir/bench/echo_server" --listen=127.0.0.1:50162
start_server 50163 "$build_dir/bin/textlensd" --listen=127.0.0.1:50163 \
  --plugin_dir="$build_dir/bench/plugins" --log_level=warn
for payload in tiny doc; do
  echo_data="$out/echo_request.json"; empty_data="$out/empty_request.json"
  if [ "$payload" = tiny ]; then echo_data="$out/echo_tiny.json"; empty_data="$out/empty_tiny.json"; fi
  ghz_run "echo_$payload" 127.0.0.1:50162 "$repo/bench/echo.proto" \
    textlens.bench.EchoService.Echo "$echo_data" 8
  ghz_run "empty_$payload" 127.0.0.1:50163 "$repo/proto/textlens/v1/service.proto" \
    textlens.v1.AnalysisService.Analyze "$empty_data" 8
done
cleanup; pids=()

echo "== the whole service: Analyze with the three analyzers =="
start_server 50164 "$build_dir/bin/textlensd" --listen=127.0.0.1:50164 --log_level=warn
server_pid="${pids[-1]}"
: >"$out/rss_load.txt"
( while kill -0 "$server_pid" 2>/dev/null; do
    awk '/VmRSS/ {print $2}' "/proc/$server_pid/status" >>"$out/rss_load.txt" 2>/dev/null || true
    sleep 0.2
  done ) &
sampler=$!
for concurrency in 1 4 16; do
  ghz_run "all_unary_c$concurrency" 127.0.0.1:50164 "$repo/proto/textlens/v1/service.proto" \
    textlens.v1.AnalysisService.Analyze "$out/all_request.json" "$concurrency"
done
for concurrency in 1 4; do
  ghz_run "all_stream_c$concurrency" 127.0.0.1:50164 "$repo/proto/textlens/v1/service.proto" \
    textlens.v1.AnalysisService.AnalyzeStream "$out/stream_request.json" "$concurrency"
done
cleanup; pids=()
kill "$sampler" 2>/dev/null || true

echo "== the peers on the same documents =="
rm -f "$out/peers.json"
tests/eval/run_peer.sh "$repo/bench/peers_bench.py" --documents "$docs_dir" --out "$out/peers.json" ||
  echo "run-bench: the peers could not run; the report goes without them"

python3 bench/report.py --raw "$out" --build-dir "$build_dir" --out bench/REPORT.md
echo "run-bench: wrote bench/REPORT.md"
