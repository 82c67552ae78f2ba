"""The channel applies the shared service config: timeouts and retries.

Retries and deadlines are observed on a stand-in server written with grpcio,
which counts the attempts it receives and records the deadline of each.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from concurrent import futures
from typing import Any

import grpc
import pytest

from textlens_client import Client, TextlensError, service_config, v1

from .conftest import REPO

CANONICAL_CONFIG = REPO / "clients" / "service-config.json"


def method_config(method: str) -> dict[str, Any]:
    """The config's entry for an AnalysisService method, as gRPC picks it."""
    entries = service_config()["methodConfig"]
    for wanted in ({"service": v1.SERVICE_NAME, "method": method},
                   {"service": v1.SERVICE_NAME}):
        for entry in entries:
            if wanted in entry["name"]:
                return entry
    pytest.skip(f"the service config has nothing for {method}")


def server_info_retry_attempts() -> int:
    policy = method_config("GetServerInfo").get("retryPolicy")
    if policy is None:
        pytest.skip("the service config does not retry GetServerInfo")
    return int(policy["maxAttempts"])


class FlakyService(v1.AnalysisServiceServicer):
    """Answers GetServerInfo with ``failures`` errors, then succeeds."""

    def __init__(self) -> None:
        self.failures = 0
        self.failure_code = grpc.StatusCode.UNAVAILABLE
        self.attempts = 0
        self.time_remaining: float | None = None
        self.hang = False
        self.released = threading.Event()

    def GetServerInfo(self, request: v1.GetServerInfoRequest,  # noqa: N802
                      context: grpc.ServicerContext) -> v1.ServerInfo:
        self.attempts += 1
        self.time_remaining = context.time_remaining()
        if self.hang:
            self.released.wait(timeout=30)
        if self.attempts <= self.failures:
            context.abort(self.failure_code, f"attempt {self.attempts} fails")
        return v1.ServerInfo(version="stand-in")

    def Analyze(self, request: v1.AnalyzeRequest,  # noqa: N802
                context: grpc.ServicerContext) -> v1.AnalyzeResponse:
        self.attempts += 1
        self.time_remaining = context.time_remaining()
        return v1.AnalyzeResponse(document_id=request.document.id)


@pytest.fixture
def flaky() -> Iterator[tuple[FlakyService, str]]:
    service = FlakyService()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    v1.add_AnalysisServiceServicer_to_server(service, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    try:
        yield service, f"127.0.0.1:{port}"
    finally:
        service.released.set()
        server.stop(grace=None)


def test_package_ships_the_canonical_config() -> None:
    assert service_config() == json.loads(CANONICAL_CONFIG.read_text(encoding="utf-8"))


def test_channel_options_carry_the_config_and_enable_retries() -> None:
    with Client("127.0.0.1:1") as client:
        options = dict(client.channel_options)
    assert json.loads(options["grpc.service_config"]) == service_config()
    assert options["grpc.enable_retries"] == 1


def test_unavailable_is_retried_until_it_succeeds(flaky: tuple[FlakyService, str]) -> None:
    service, address = flaky
    service.failures = server_info_retry_attempts() - 1
    with Client(address) as client:
        assert client.server_info().version == "stand-in"
    assert service.attempts == service.failures + 1


def test_retries_stop_after_max_attempts(flaky: tuple[FlakyService, str]) -> None:
    service, address = flaky
    service.failures = 100
    with Client(address) as client, pytest.raises(TextlensError) as caught:
        client.server_info()
    assert caught.value.code() == grpc.StatusCode.UNAVAILABLE
    assert service.attempts == server_info_retry_attempts()


def test_other_codes_are_not_retried(flaky: tuple[FlakyService, str]) -> None:
    service, address = flaky
    service.failures = 100
    service.failure_code = grpc.StatusCode.INVALID_ARGUMENT
    with Client(address) as client, pytest.raises(TextlensError) as caught:
        client.server_info()
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert service.attempts == 1


def test_without_retries_unavailable_fails_at_once(flaky: tuple[FlakyService, str]) -> None:
    service, address = flaky
    service.failures = 1
    with Client(address, options=[("grpc.enable_retries", 0)]) as client, \
            pytest.raises(TextlensError):
        client.server_info()
    assert service.attempts == 1


def test_method_timeout_comes_from_the_config(flaky: tuple[FlakyService, str]) -> None:
    service, address = flaky
    service.hang = True
    if "timeout" not in method_config("GetServerInfo"):
        pytest.skip("the service config sets no timeout for GetServerInfo")
    timeout = float(method_config("GetServerInfo")["timeout"].removesuffix("s"))
    started = time.monotonic()
    with Client(address) as client, pytest.raises(TextlensError) as caught:
        client.server_info()
    elapsed = time.monotonic() - started
    assert caught.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    # Without the config the call would wait for the stand-in (30 s) and
    # succeed. The bounds are loose: on some machines gRPC's timer fires
    # more than a second early.
    assert timeout / 2 < elapsed < timeout + 3


def test_client_timeout_is_sent_as_the_deadline(flaky: tuple[FlakyService, str]) -> None:
    service, address = flaky
    with Client(address, timeout=60) as client:
        client.analyze("text")
        assert service.time_remaining is not None and 55 < service.time_remaining <= 61
        client.analyze("text", timeout=2)
        assert service.time_remaining is not None and service.time_remaining <= 3


def test_closed_port_is_unavailable_within_the_timeout() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on the port any more.
    started = time.monotonic()
    with Client(f"127.0.0.1:{port}") as client, pytest.raises(TextlensError) as caught:
        client.list_analyzers()
    assert caught.value.code() == grpc.StatusCode.UNAVAILABLE
    assert time.monotonic() - started < 5
