#!/usr/bin/env bash
# The summarizer against its peers in one run, on OrangeSum's validation
# split: summarizer_eval dumps the sentences textlens splits each article
# into, sumy's LexRank and TextRank pick among them (tests/eval/sumy_eval.py,
# in the peers' venv), and summarizer_eval scores every system (textlens,
# Lead-k, sumy) with one tokenizer and prints the table.
# Usage: run_summarizer_comparison.sh [BUILD_DIR] (default build/dev).
# Exits 77 (skipped) when the data folder is missing.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
build_dir="${1:-build/dev}"
export TEXTLENS_DATA_DIR="${TEXTLENS_DATA_DIR:-$repo/../shared/data}"
if [ ! -f "$TEXTLENS_DATA_DIR/summarization/orangesum_abstract_valid.jsonl" ]; then
  echo "run_summarizer_comparison: no OrangeSum data in $TEXTLENS_DATA_DIR; skipping"
  exit 77
fi
work="$repo/build/eval"
mkdir -p "$work"
"$build_dir/tests/summarizer_eval" --dump_sentences="$work/orangesum_sentences.jsonl" >/dev/null
tests/eval/run_peer.sh tests/eval/sumy_eval.py \
  "$work/orangesum_sentences.jsonl" "$work/sumy_summaries.jsonl"
"$build_dir/tests/summarizer_eval" --peers="$work/sumy_summaries.jsonl"
