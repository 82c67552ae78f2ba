#!/usr/bin/env bash
# Tests of the Python client against a real textlensd.
#
# Creates (or reuses) a venv at <repo>/build/clients/python/venv, installs the
# pinned dependencies, pytest and the package (whose build generates the gRPC
# stubs from <repo>/proto with build_stubs.py), then runs pytest.
# The server is <repo>/build/dev/bin/textlensd unless TEXTLENSD names another.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="$repo/build/clients/python/venv"
python="${PYTHON:-python3}"

if ! "$venv/bin/python" -c "import sys" >/dev/null 2>&1; then
  echo "== creating $venv"
  rm -rf "$venv"
  "$python" -m venv "$venv"
fi

echo "== installing textlens-client with its pinned dependencies"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$here[dev]"

echo "== pytest"
cd "$here"
exec "$venv/bin/python" -m pytest -q -p no:cacheprovider "$@"
