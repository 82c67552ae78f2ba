#!/usr/bin/env bash
# Runs a peer's evaluation script (tests/eval/spacy_ner_eval.py,
# tests/eval/sumy_eval.py) in the peers' venv, build/eval/peers-venv, made
# with the python3 on PATH: run_peer.sh SCRIPT [ARGS...]. The requirements
# (tests/eval/peer_requirements.txt) are installed only when the venv lacks
# them (a stamp holds their hash and the Python version); wheels only (but
# docopt, pure Python and published as source only), and a resolution that
# picks any version 999.9.9 (squatted names) is refused before anything is
# installed.
# Exits 77 (skipped) when the data folder is missing.
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: run_peer.sh SCRIPT [ARGS...]" >&2
  exit 2
fi
script="$1"
shift
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
export TEXTLENS_DATA_DIR="${TEXTLENS_DATA_DIR:-$repo/../shared/data}"
if [ ! -d "$TEXTLENS_DATA_DIR" ]; then
  echo "run_peer: data dir $TEXTLENS_DATA_DIR missing; skipping"
  exit 77
fi

python="$(command -v python3 || true)"
if [ -z "$python" ] || [ "$python" = /usr/bin/python3 ]; then
  echo "run_peer: need the python3 of PATH (pyenv), not '${python:-none}'" >&2
  exit 1
fi
version="$("$python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')"
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
  echo "run_peer: $python is Python $version; the peers need 3.10+" >&2
  exit 1
fi

venv="$repo/build/eval/peers-venv"
requirements="$repo/tests/eval/peer_requirements.txt"
stamp="$venv/.requirements-stamp"
want="$(sha256sum "$requirements" | cut -d' ' -f1) python-$version"
have_version="$("$venv/bin/python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null || true)"

if [ "$have_version" != "$version" ]; then
  echo "run_peer: creating $venv (Python $version)"
  mkdir -p "$(dirname "$venv")"
  "$python" -m venv --clear "$venv"
fi
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  rm -f "$stamp"
  pip=("$venv/bin/python" -m pip --disable-pip-version-check)
  # Resolve first, install nothing, and refuse any 999.9.9 (squatted names).
  report="$venv/.pip-report.json"
  "${pip[@]}" install --quiet --dry-run --only-binary=:all: --no-binary=docopt \
    --report "$report" -r "$requirements"
  "$venv/bin/python" - "$report" <<'PY'
import json
import sys

with open(sys.argv[1], encoding="utf-8") as stream:
    chosen = [(item["metadata"]["name"], item["metadata"]["version"])
              for item in json.load(stream)["install"]]
squatted = [f"{name}=={version}" for name, version in chosen
            if version == "999.9.9"]
if squatted:
    sys.exit("run_peer: refusing squatted packages: "
             + ", ".join(squatted))
PY
  rm -f "$report"
  "${pip[@]}" install --quiet --only-binary=:all: --no-binary=docopt -r "$requirements"
  echo "$want" >"$stamp"
fi

exec "$venv/bin/python" "$script" "$@"
