#!/usr/bin/env bash
# Runs every test of a build folder with ctest: unit, integration (real
# server, real clients) and, when ../shared/data is present, the analyzer
# evaluations, which print their metrics.
set -euo pipefail
build_dir="${1:-build/dev}"
cd "$(dirname "$0")/.."
export TEXTLENS_DATA_DIR="${TEXTLENS_DATA_DIR:-$(pwd)/../shared/data}"
GO="$(command -v go || echo /usr/local/go/bin/go)"
export PATH="$("$GO" env GOPATH 2>/dev/null || echo "$HOME/go")/bin:$PATH"

status=0
if [ -d "$TEXTLENS_DATA_DIR" ]; then
  echo "== evaluations over $TEXTLENS_DATA_DIR =="
  log="$build_dir/eval.log"
  ctest --test-dir "$build_dir" --output-on-failure --verbose -L eval --timeout 900 \
    >"$log" 2>&1 || status=$?
  sed -E -n 's/^[0-9]+: //p' "$log" | grep -vE '^(Test command|Working Directory|Environment|Test timeout)' || true
  [ "$status" -eq 0 ] || echo "evaluations FAILED (see $log)"
  # The peer in the same run: spaCy's NER on the same held-out sentences
  # as build/dev/tests/entities_eval.
  echo "== spaCy on the entities evaluation's held-out sentences =="
  # Exit 77 means the peer's data is absent: skipped, not failed.
  peer() { "$@" || { local rc=$?; [ "$rc" -eq 77 ] || status=$rc; }; }
  peer tests/eval/run_peer.sh tests/eval/spacy_ner_eval.py \
    --json "$build_dir/spacy_ner.json"
  # The summarizer's: sumy's LexRank and TextRank beside textlens and Lead-k.
  echo "== textlens, Lead-k and sumy on OrangeSum =="
  peer tests/eval/run_summarizer_comparison.sh "$build_dir"
else
  echo "== no $TEXTLENS_DATA_DIR: evaluations skipped =="
fi

echo "== unit and integration tests =="
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)" --timeout 600 -LE eval || status=$?
exit "$status"
