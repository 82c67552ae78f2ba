"""A thin, typed layer over the generated textlens.v1.AnalysisService stub."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from importlib import resources
from types import TracebackType
from typing import Any, TypeAlias

import grpc

from . import v1

#: Where ``textlensd`` listens when started with ``make run``.
DEFAULT_ADDRESS = "127.0.0.1:50051"

#: An analyzer to run: its name, or a spec carrying its options.
AnalyzerLike: TypeAlias = str | v1.AnalyzerSpec

_SERVICE_CONFIG_RESOURCE = "service-config.json"


def service_config_json() -> str:
    """Returns the shared gRPC service config shipped with the package, as JSON text.

    It is ``clients/service-config.json`` of the textlens repository, copied at
    build time: per-method timeouts and retries on UNAVAILABLE with backoff.
    """
    resource = resources.files(__package__).joinpath(_SERVICE_CONFIG_RESOURCE)
    return resource.read_text(encoding="utf-8")


def service_config() -> dict[str, Any]:
    """Returns the shared gRPC service config, parsed."""
    return json.loads(service_config_json())


class TextlensError(grpc.RpcError):
    """A call that failed: its gRPC status code and the server's message.

    Like the ``grpc.RpcError`` it replaces, it has ``code()`` and ``details()``,
    so code that catches ``grpc.RpcError`` catches it too.
    """

    def __init__(self, code: grpc.StatusCode, details: str) -> None:
        super().__init__(f"{code.name}: {details}")
        self._code = code
        self._details = details

    @classmethod
    def from_rpc_error(cls, error: grpc.RpcError) -> TextlensError:
        """Builds the error from one raised by grpc."""
        code = error.code() if isinstance(error, grpc.Call) else grpc.StatusCode.UNKNOWN
        details = error.details() if isinstance(error, grpc.Call) else str(error)
        return cls(code, details or "")

    def code(self) -> grpc.StatusCode:
        """The gRPC status code (INVALID_ARGUMENT, NOT_FOUND...)."""
        return self._code

    def details(self) -> str:
        """The server's message, in English."""
        return self._details


def build_request(
    text: str | None = None,
    *,
    content: bytes | None = None,
    content_type: str = "",
    analyzers: Iterable[AnalyzerLike] = (),
    language: str = "",
    offset_unit: v1.OffsetUnit | str = v1.OffsetUnit.OFFSET_UNIT_UNSPECIFIED,
    document_id: str = "",
    metadata: Mapping[str, str] | None = None,
    omit_text: bool = False,
    include_source_map: bool = False,
) -> v1.AnalyzeRequest:
    """Builds an AnalyzeRequest.

    Args:
        text: The document as text. At most one of ``text`` and ``content``
            may be given; with neither, the server rejects the request.
        content: The document as raw bytes (HTML, Markdown, PDF...).
        content_type: MIME type of the content, e.g. ``"text/html"``; empty
            means plain UTF-8 text for ``text``, detected for ``content``.
        analyzers: Analyzer names or specs with options; empty runs them all.
        language: BCP-47 tag; empty means detect it.
        offset_unit: A ``v1.OffsetUnit`` value or its name: the unit of every span.
        document_id: Echoed in the response; keys streamed answers.
        metadata: Free-form metadata, echoed in the response.
        omit_text: Leave the normalized text out of the response.
        include_source_map: Ask for the response's source map.

    Raises:
        ValueError: when both ``text`` and ``content`` are given.
    """
    if text is not None and content is not None:
        raise ValueError("give text or content, not both")
    document = v1.Document(
        content_type=content_type,
        language=language,
        id=document_id,
        metadata=dict(metadata or {}),
    )
    if text is not None:
        document.text = text
    elif content is not None:
        document.content = content
    return v1.AnalyzeRequest(
        document=document,
        analyzers=[_analyzer_spec(a) for a in analyzers],
        offset_unit=offset_unit,
        omit_text=omit_text,
        include_source_map=include_source_map,
    )


def _analyzer_spec(analyzer: AnalyzerLike) -> v1.AnalyzerSpec:
    if isinstance(analyzer, v1.AnalyzerSpec):
        return analyzer
    if isinstance(analyzer, str):
        return v1.AnalyzerSpec(name=analyzer)
    raise TypeError(f"an analyzer is a name or an AnalyzerSpec, not {type(analyzer).__name__}")


def _channel_credentials(
    tls: bool | bytes | grpc.ChannelCredentials | None,
) -> grpc.ChannelCredentials | None:
    if tls is None or tls is False:
        return None
    if tls is True:
        return grpc.ssl_channel_credentials()
    if isinstance(tls, bytes):
        return grpc.ssl_channel_credentials(root_certificates=tls)
    if isinstance(tls, grpc.ChannelCredentials):
        return tls
    raise TypeError(f"tls must be None, a bool, PEM bytes or grpc.ChannelCredentials, "
                    f"not {type(tls).__name__}")


class Client:
    """A connection to a textlens server.

    Every call returns the typed protobuf response and raises
    :class:`TextlensError` when it fails. The channel applies the shared
    service config (``clients/service-config.json``): its per-method timeouts
    and its retries on UNAVAILABLE with backoff.

    Use it as a context manager, or call :meth:`close`::

        with Client("127.0.0.1:50051") as client:
            response = client.analyze("Some text.", analyzers=["summarizer"])
    """

    def __init__(
        self,
        address: str = DEFAULT_ADDRESS,
        *,
        timeout: float | None = None,
        tls: bool | bytes | grpc.ChannelCredentials | None = None,
        options: Sequence[tuple[str, Any]] = (),
    ) -> None:
        """Opens a channel to ``address`` ("host:port").

        Args:
            address: The server's address.
            timeout: Default deadline of every call, in seconds; None leaves
                the service config's per-method timeouts in force.
            tls: None or False for plaintext; True for TLS with the system's
                root certificates; PEM bytes of the root certificates to trust;
                or ready ``grpc.ChannelCredentials``.
            options: More gRPC channel options; they override the defaults.
        """
        merged = {
            "grpc.service_config": service_config_json(),
            "grpc.enable_retries": 1,
        }
        merged.update(dict(options))
        self._address = address
        self._timeout = timeout
        self._options: tuple[tuple[str, Any], ...] = tuple(merged.items())
        credentials = _channel_credentials(tls)
        if credentials is None:
            self._channel = grpc.insecure_channel(address, options=self._options)
        else:
            self._channel = grpc.secure_channel(address, credentials, options=self._options)
        self._stub = v1.AnalysisServiceStub(self._channel)

    @property
    def address(self) -> str:
        """The server's address."""
        return self._address

    @property
    def channel_options(self) -> tuple[tuple[str, Any], ...]:
        """The options the channel was created with."""
        return self._options

    @property
    def stub(self) -> v1.AnalysisServiceStub:
        """The generated stub, for what this class does not cover."""
        return self._stub

    def analyze(
        self,
        text: str | None = None,
        *,
        content: bytes | None = None,
        content_type: str = "",
        analyzers: Iterable[AnalyzerLike] = (),
        language: str = "",
        offset_unit: v1.OffsetUnit | str = v1.OffsetUnit.OFFSET_UNIT_UNSPECIFIED,
        document_id: str = "",
        metadata: Mapping[str, str] | None = None,
        omit_text: bool = False,
        include_source_map: bool = False,
        timeout: float | None = None,
    ) -> v1.AnalyzeResponse:
        """Analyzes one document; the arguments are those of :func:`build_request`.

        Args:
            timeout: Deadline of this call in seconds, overriding the client's.

        Raises:
            TextlensError: INVALID_ARGUMENT, NOT_FOUND (unknown analyzer),
                RESOURCE_EXHAUSTED (over a limit), DEADLINE_EXCEEDED,
                UNAVAILABLE...
        """
        request = build_request(
            text,
            content=content,
            content_type=content_type,
            analyzers=analyzers,
            language=language,
            offset_unit=offset_unit,
            document_id=document_id,
            metadata=metadata,
            omit_text=omit_text,
            include_source_map=include_source_map,
        )
        return self._unary(self._stub.Analyze, request, timeout)

    def batch_analyze(
        self,
        documents: Iterable[str | v1.AnalyzeRequest],
        *,
        analyzers: Iterable[AnalyzerLike] = (),
        language: str = "",
        offset_unit: v1.OffsetUnit | str = v1.OffsetUnit.OFFSET_UNIT_UNSPECIFIED,
        timeout: float | None = None,
    ) -> v1.BatchAnalyzeResponse:
        """Analyzes several documents in one call.

        Args:
            documents: Texts, or complete requests. The options below apply to
                the texts; requests are sent as they are.
            analyzers: Analyzers to run on each text.
            language: Language of each text; empty means detect it.
            offset_unit: A ``v1.OffsetUnit`` value or its name.
            timeout: Deadline of this call in seconds, overriding the client's.

        Returns:
            One result per document, ``results[i]`` answering ``documents[i]``,
            each with its own status.
        """
        specs = [_analyzer_spec(a) for a in analyzers]
        requests = [
            d if isinstance(d, v1.AnalyzeRequest)
            else build_request(d, analyzers=specs, language=language, offset_unit=offset_unit)
            for d in documents
        ]
        batch = v1.BatchAnalyzeRequest(requests=requests)
        return self._unary(self._stub.BatchAnalyze, batch, timeout)

    def analyze_stream(
        self,
        requests: Iterable[v1.AnalyzeRequest],
        *,
        timeout: float | None = None,
    ) -> Iterator[v1.AnalyzeStreamResponse]:
        """Analyzes a stream of documents.

        Requests are sent as the server takes them. Answers are keyed by
        ``Document.id`` and may come in any order; each has its own status.
        Leaving the iterator before its end cancels the call.

        Args:
            requests: The requests, e.g. from :func:`build_request` with a
                distinct ``document_id`` each.
            timeout: Deadline of the whole stream in seconds, overriding the
                client's.

        Raises:
            TextlensError: while iterating, when the stream itself fails.
        """
        call = self._stub.AnalyzeStream(iter(requests), timeout=self._deadline(timeout))

        def responses() -> Iterator[v1.AnalyzeStreamResponse]:
            try:
                yield from call
            except grpc.RpcError as error:
                raise TextlensError.from_rpc_error(error) from error
            finally:
                call.cancel()  # No effect once the call is over.

        return responses()

    def list_analyzers(self, *, timeout: float | None = None) -> v1.ListAnalyzersResponse:
        """Lists the analyzers: the loaded ones and those that failed to load."""
        return self._unary(self._stub.ListAnalyzers, v1.ListAnalyzersRequest(), timeout)

    def server_info(self, *, timeout: float | None = None) -> v1.ServerInfo:
        """Describes the server: its version and limits."""
        return self._unary(self._stub.GetServerInfo, v1.GetServerInfoRequest(), timeout)

    def close(self) -> None:
        """Closes the channel, cancelling the calls still running."""
        self._channel.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Client({self._address!r})"

    def _deadline(self, timeout: float | None) -> float | None:
        return timeout if timeout is not None else self._timeout

    def _unary(self, method: grpc.UnaryUnaryMultiCallable, request: Any,
               timeout: float | None) -> Any:
        try:
            return method(request, timeout=self._deadline(timeout))
        except grpc.RpcError as error:
            raise TextlensError.from_rpc_error(error) from error
