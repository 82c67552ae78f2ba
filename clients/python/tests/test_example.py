"""example.py runs against the test server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "example.py"


def test_example_prints_the_analysis(server_address: str, seed_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, str(EXAMPLE), str(seed_path)],
        env={**os.environ, "TEXTLENS_ADDRESS": server_address},
        capture_output=True, text=True, timeout=60, check=False)
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert lines[0] == "Language: fr"
    assert sum(line.startswith("Summary: ") for line in lines) >= 1
    assert "Entity: DeepSeek (ENTITY_TYPE_ORGANIZATION)" in lines
    assert "Stance: STANCE_LABEL_PRO_OPEN" in lines
