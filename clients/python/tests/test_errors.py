"""Failed calls surface as TextlensError with the status the server sent."""

from __future__ import annotations

import grpc
import pytest

from textlens_client import Client, TextlensError, build_request, v1

from .conftest import MAX_DOCUMENT_BYTES


def test_document_without_text_or_content_is_invalid(client: Client) -> None:
    with pytest.raises(TextlensError) as caught:
        client.analyze(document_id="empty")
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "document" in caught.value.details()


def test_unknown_analyzer_is_not_found(client: Client) -> None:
    with pytest.raises(TextlensError) as caught:
        client.analyze("Un texte court, mais un texte.", analyzers=["nope"])
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
    assert "no analyzer named 'nope'" in caught.value.details()


def test_oversized_document_is_resource_exhausted(client: Client) -> None:
    with pytest.raises(TextlensError) as caught:
        client.analyze("a" * 30000)
    assert caught.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert str(MAX_DOCUMENT_BYTES) in caught.value.details()


def test_error_is_an_rpc_error_naming_its_status(client: Client) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        client.analyze("Un texte court, mais un texte.", analyzers=["nope"])
    assert isinstance(caught.value, TextlensError)
    assert str(caught.value).startswith("NOT_FOUND: ")


def test_stream_failure_raises_while_iterating(client: Client) -> None:
    requests = [build_request("Un texte.", document_id="a")]
    with pytest.raises(TextlensError) as caught:
        list(client.analyze_stream(requests, timeout=-1))
    assert caught.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED


def test_text_and_content_together_are_refused_locally() -> None:
    with pytest.raises(ValueError):
        build_request("text", content=b"content")


def test_analyzer_must_be_a_name_or_a_spec() -> None:
    with pytest.raises(TypeError):
        build_request("text", analyzers=[3])  # type: ignore[list-item]
    spec = v1.AnalyzerSpec(name="summarizer",
                           summarizer=v1.SummarizerOptions(max_sentences=1))
    assert build_request("text", analyzers=[spec, "stance"]).analyzers == [
        spec, v1.AnalyzerSpec(name="stance")]
