"""Fixtures: a real textlensd for the session, a client, the seed article."""

from __future__ import annotations

import os
import queue
import re
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from textlens_client import Client

REPO = Path(__file__).resolve().parents[3]
SEED = REPO.parent / "shared" / "corpus" / "seeds" / "000_c4b4a18fc829b693.txt"
MAX_DOCUMENT_BYTES = 20000
MAX_CONTENT_BYTES = 40000

_PORT_LINE = re.compile(r"textlensd listening on port (\d+)")
# The binary may be replaced while the C++ side rebuilds: wait that long for it.
_BINARY_WAIT_S = 120
_START_TIMEOUT_S = 30


def _textlensd_path() -> Path:
    return Path(os.environ.get("TEXTLENSD", REPO / "build" / "dev" / "bin" / "textlensd"))


def _wait_for_binary(path: Path) -> None:
    deadline = time.monotonic() + _BINARY_WAIT_S
    while not (path.is_file() and os.access(path, os.X_OK)):
        if time.monotonic() > deadline:
            pytest.fail(f"textlensd not found at {path} (build it, or set TEXTLENSD)")
        time.sleep(1)


def _forward_stdout(process: subprocess.Popen[str], ports: queue.Queue[int | None]) -> None:
    """Hands the port over, then drains stdout so that the server never blocks on it."""
    assert process.stdout is not None
    for line in process.stdout:
        match = _PORT_LINE.search(line)
        if match:
            ports.put(int(match.group(1)))
    ports.put(None)


def _start(binary: Path, log: Path) -> tuple[subprocess.Popen[str], int]:
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [str(binary), "--listen=127.0.0.1:0",
             f"--max_document_bytes={MAX_DOCUMENT_BYTES}",
             f"--max_content_bytes={MAX_CONTENT_BYTES}"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=stderr, text=True)
    ports: queue.Queue[int | None] = queue.Queue()
    threading.Thread(target=_forward_stdout, args=(process, ports), daemon=True).start()
    try:
        port = ports.get(timeout=_START_TIMEOUT_S)
    except queue.Empty:
        port = None
    if port is None:
        _stop(process)
        raise RuntimeError(f"textlensd did not start; its log:\n{log.read_text()}")
    return process, port


def _stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def server_address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Starts textlensd on a free port for the session; yields "127.0.0.1:PORT"."""
    binary = _textlensd_path()
    log = tmp_path_factory.mktemp("textlensd") / "stderr.log"
    for attempt in range(3):
        _wait_for_binary(binary)
        try:
            process, port = _start(binary, log)
            break
        except (OSError, RuntimeError) as error:
            # E.g. the binary was being replaced; try again shortly.
            if attempt == 2:
                pytest.fail(str(error))
            time.sleep(2)
    try:
        yield f"127.0.0.1:{port}"
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def client(server_address: str) -> Iterator[Client]:
    """A client of the session's server."""
    with Client(server_address) as session_client:
        yield session_client


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The French seed article; the test is skipped where shared/ is missing."""
    if not SEED.is_file():
        pytest.skip(f"seed article not found: {SEED}")
    return SEED
