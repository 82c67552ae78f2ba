"""The textlens.v1 protobuf messages, enums and gRPC stubs.

The generated code lives in ``textlens_client._gen``; import it from here::

    from textlens_client import v1

    request = v1.AnalyzeRequest(document=v1.Document(text="..."))
    v1.EntityType.Name(entity.type)            # "ENTITY_TYPE_ORGANIZATION"
    v1.EntityType.ENTITY_TYPE_ORGANIZATION     # 2
"""

from ._gen.textlens.v1.analysis_pb2 import (
    AnalyzeRequest,
    AnalyzeResponse,
    AnalyzerResult,
    AnalyzerSpec,
    AnalyzeStreamResponse,
    BatchAnalyzeRequest,
    BatchAnalyzeResponse,
    BatchItemResult,
    DocumentInfo,
    Language,
    LanguageSegment,
    SourceSegment,
)
from ._gen.textlens.v1.document_pb2 import Document, OffsetUnit, Status, TextSpan
from ._gen.textlens.v1.entities_pb2 import (
    Entities,
    EntitiesOptions,
    Entity,
    EntityMention,
    EntityType,
    MentionSource,
    Openness,
)
from ._gen.textlens.v1.service_pb2 import (
    AnalyzerInfo,
    GetServerInfoRequest,
    ListAnalyzersRequest,
    ListAnalyzersResponse,
    OptionInfo,
    ServerInfo,
)
from ._gen.textlens.v1.service_pb2_grpc import (
    AnalysisServiceServicer,
    AnalysisServiceStub,
    add_AnalysisServiceServicer_to_server,
)
from ._gen.textlens.v1.stance_pb2 import (
    Side,
    SideSentiment,
    Stance,
    StanceEvidence,
    StanceLabel,
    StanceOptions,
)
from ._gen.textlens.v1.summary_pb2 import (
    KeyPhrase,
    SummarizerOptions,
    Summary,
    SummarySentence,
)

#: Full name of the gRPC service.
SERVICE_NAME = "textlens.v1.AnalysisService"

__all__ = [
    "SERVICE_NAME",
    # document.proto
    "Document",
    "OffsetUnit",
    "Status",
    "TextSpan",
    # analysis.proto
    "AnalyzeRequest",
    "AnalyzeResponse",
    "AnalyzeStreamResponse",
    "AnalyzerResult",
    "AnalyzerSpec",
    "BatchAnalyzeRequest",
    "BatchAnalyzeResponse",
    "BatchItemResult",
    "DocumentInfo",
    "Language",
    "LanguageSegment",
    "SourceSegment",
    # summary.proto
    "KeyPhrase",
    "SummarizerOptions",
    "Summary",
    "SummarySentence",
    # entities.proto
    "Entities",
    "EntitiesOptions",
    "Entity",
    "EntityMention",
    "EntityType",
    "MentionSource",
    "Openness",
    # stance.proto
    "Side",
    "SideSentiment",
    "Stance",
    "StanceEvidence",
    "StanceLabel",
    "StanceOptions",
    # service.proto
    "AnalyzerInfo",
    "GetServerInfoRequest",
    "ListAnalyzersRequest",
    "ListAnalyzersResponse",
    "OptionInfo",
    "ServerInfo",
    "AnalysisServiceServicer",
    "AnalysisServiceStub",
    "add_AnalysisServiceServicer_to_server",
]
