#!/bin/sh
# textlens from the shell: every RPC through grpcurl and server reflection,
# no .proto file needed. TEXTLENS_ADDRESS defaults to the `make run` server.
set -e
ADDR="${TEXTLENS_ADDRESS:-127.0.0.1:50051}"
RPC=textlens.v1.AnalysisService

grpcurl -plaintext "$ADDR" list "$RPC"
grpcurl -plaintext "$ADDR" grpc.health.v1.Health/Check
grpcurl -plaintext "$ADDR" "$RPC/GetServerInfo"
grpcurl -plaintext "$ADDR" "$RPC/ListAnalyzers"

grpcurl -plaintext -d '{"document": {"text": "Mistral AI publie Devstral sous licence Apache 2.0."},
                        "analyzers": [{"name": "entities"}]}' "$ADDR" "$RPC/Analyze"

grpcurl -plaintext -d '{"requests": [
    {"document": {"text": "OpenAI garde ses modèles fermés."}},
    {"document": {"text": "Meta publie les poids de Llama 4."}}]}' "$ADDR" "$RPC/BatchAnalyze"

# A stream: one JSON request after another on standard input.
printf '%s\n' '{"document": {"id": "a", "text": "DeepSeek publie R1 sous licence MIT."}}' \
              '{"document": {"id": "b", "text": "Anthropic garde Claude fermé."}}' |
  grpcurl -plaintext -d @ "$ADDR" "$RPC/AnalyzeStream"
