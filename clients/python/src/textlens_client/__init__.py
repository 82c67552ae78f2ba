"""Python client for textlens, the text-analysis gRPC service.

::

    from textlens_client import Client, v1

    with Client("127.0.0.1:50051") as client:
        response = client.analyze(text, analyzers=["summarizer", "entities"])
        print(response.language.code)

Responses are the typed protobuf messages of ``textlens_client.v1``; failed
calls raise :class:`TextlensError`.
"""

from . import v1
from ._client import (
    DEFAULT_ADDRESS,
    AnalyzerLike,
    Client,
    TextlensError,
    build_request,
    service_config,
    service_config_json,
)

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_ADDRESS",
    "AnalyzerLike",
    "Client",
    "TextlensError",
    "build_request",
    "service_config",
    "service_config_json",
    "v1",
]
