"""Analyze, BatchAnalyze, AnalyzeStream, ListAnalyzers and GetServerInfo on a real server."""

from __future__ import annotations

from pathlib import Path

import pytest

from textlens_client import Client, build_request, v1

from .conftest import MAX_CONTENT_BYTES, MAX_DOCUMENT_BYTES

FRENCH = ("La société chinoise DeepSeek a publié son modèle R1 sous licence MIT, "
          "et la communauté open source l'a adopté très rapidement.")
ENGLISH = ("OpenAI keeps the weights of GPT-4o closed, and the company sells access "
           "to the model through its paid API.")

OK = 0
NOT_FOUND = 5
RESOURCE_EXHAUSTED = 8


def entity_names(response: v1.AnalyzeResponse) -> dict[str, int]:
    """Canonical name -> type of every entity of a response's entities result."""
    (result,) = [r for r in response.results if r.WhichOneof("result") == "entities"]
    return {e.canonical_name: e.type for e in result.entities.entities}


@pytest.fixture(scope="module")
def seed_response(client: Client, seed_path: Path) -> v1.AnalyzeResponse:
    return client.analyze(seed_path.read_text(encoding="utf-8"),
                          analyzers=["summarizer", "entities", "stance"],
                          offset_unit=v1.OffsetUnit.OFFSET_UNIT_CODE_POINTS)


def test_seed_language(seed_response: v1.AnalyzeResponse) -> None:
    assert seed_response.language.code == "fr"
    assert seed_response.language.source == v1.Language.Source.SOURCE_DETECTED


def test_seed_results_are_typed_in_the_order_asked(seed_response: v1.AnalyzeResponse) -> None:
    assert [(r.analyzer, r.WhichOneof("result")) for r in seed_response.results] == [
        ("summarizer", "summary"), ("entities", "entities"), ("stance", "stance")]
    assert all(r.status.code == OK for r in seed_response.results)
    assert isinstance(seed_response.results[0].summary, v1.Summary)
    assert isinstance(seed_response.results[1].entities, v1.Entities)
    assert isinstance(seed_response.results[2].stance, v1.Stance)


def test_seed_summary(seed_response: v1.AnalyzeResponse) -> None:
    summary = seed_response.results[0].summary
    assert summary.sentences
    assert "DeepSeek" in summary.sentences[0].text
    # Spans were asked in code points: they index the Python string directly.
    for sentence in summary.sentences:
        assert seed_response.text[sentence.span.begin:sentence.span.end] == sentence.text
    assert seed_response.offset_unit == v1.OffsetUnit.OFFSET_UNIT_CODE_POINTS


def test_seed_entities(seed_response: v1.AnalyzeResponse) -> None:
    names = entity_names(seed_response)
    assert names["DeepSeek"] == v1.EntityType.ENTITY_TYPE_ORGANIZATION
    assert names["DeepSeek-R1"] == v1.EntityType.ENTITY_TYPE_PRODUCT


def test_seed_stance(seed_response: v1.AnalyzeResponse) -> None:
    stance = seed_response.results[2].stance
    assert stance.label == v1.StanceLabel.STANCE_LABEL_PRO_OPEN
    assert stance.score > 0


def test_batch_results_match_requests_by_index(client: Client) -> None:
    response = client.batch_analyze([FRENCH, ENGLISH], analyzers=["entities"])
    assert [item.index for item in response.results] == [0, 1]
    assert all(item.status.code == OK for item in response.results)
    french, english = (item.response for item in response.results)
    assert french.language.code == "fr"
    assert entity_names(french)["DeepSeek"] == v1.EntityType.ENTITY_TYPE_ORGANIZATION
    assert english.language.code == "en"
    assert entity_names(english)["OpenAI"] == v1.EntityType.ENTITY_TYPE_ORGANIZATION


def test_batch_takes_ready_requests(client: Client) -> None:
    request = build_request(ENGLISH, analyzers=["nope"])
    response = client.batch_analyze([request, FRENCH], analyzers=["summarizer"])
    assert response.results[0].status.code == NOT_FOUND
    assert response.results[1].status.code == OK
    assert [r.analyzer for r in response.results[1].response.results] == ["summarizer"]


def test_stream_answers_are_keyed_by_document_id(client: Client) -> None:
    requests = [
        build_request(FRENCH, document_id="fr", analyzers=["entities"]),
        build_request(ENGLISH, document_id="en", analyzers=["entities"]),
        build_request("x" * (MAX_DOCUMENT_BYTES + 1), document_id="too-big"),
    ]
    answers = {a.document_id: a for a in client.analyze_stream(requests)}
    assert set(answers) == {"fr", "en", "too-big"}
    assert answers["fr"].status.code == OK
    assert answers["fr"].response.document_id == "fr"
    assert "DeepSeek" in entity_names(answers["fr"].response)
    assert answers["en"].status.code == OK
    assert "OpenAI" in entity_names(answers["en"].response)
    # One document's failure does not end the stream.
    assert answers["too-big"].status.code == RESOURCE_EXHAUSTED
    assert not answers["too-big"].HasField("response")


def test_list_analyzers(client: Client) -> None:
    analyzers = {a.name: a for a in client.list_analyzers().analyzers}
    assert {"summarizer", "entities", "stance"} <= set(analyzers)
    assert analyzers["summarizer"].result_type == "textlens.v1.Summary"
    assert all(a.load_status.code == OK for a in analyzers.values())


def test_server_info(client: Client) -> None:
    info = client.server_info()
    assert info.max_document_bytes == MAX_DOCUMENT_BYTES
    assert info.max_content_bytes == MAX_CONTENT_BYTES
    assert info.analyzers_loaded >= 3
