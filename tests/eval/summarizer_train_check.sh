#!/usr/bin/env bash
# The summarizer's model file is what its command makes: runs
# textlens-train-summarizer with the options the file's header records and
# compares the bytes with plugins/summarizer/data/sentence_model.tsv. Fails
# when the trainer, the features or the text layer changed without a
# retrain (or when a run is not reproducible).
# Usage: summarizer_train_check.sh TRAINER. Exits 77 (skipped) when the
# training data is missing.
set -euo pipefail
trainer="$1"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
data_dir="${TEXTLENS_DATA_DIR:-$repo/../shared/data}"
train="$data_dir/summarization/orangesum_abstract_train.jsonl"
if [ ! -f "$train" ]; then
  echo "summarizer_train_check: no $train; skipping"
  exit 77
fi
model=plugins/summarizer/data/sentence_model.tsv
# The header's "Made by:" line, with --data pointing at this data folder.
made_by="$(sed -n 's/^# Made by: textlens-train-summarizer //p' "$model")"
options=()
for option in $made_by; do
  case "$option" in
    --data=*) options+=("--data=$train") ;;
    *) options+=("$option") ;;
  esac
done
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
"$trainer" "${options[@]}" --out="$out" >/dev/null
# The header names the data as it was given; compare the weights.
if cmp -s <(grep -v '^#' "$out") <(grep -v '^#' "$model"); then
  echo "summarizer_train_check: $model is what its command makes"
else
  echo "summarizer_train_check: $model differs from a fresh run; retrain" >&2
  exit 1
fi
