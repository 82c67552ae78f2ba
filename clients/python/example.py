"""Analyzes a file with textlens: python example.py ARTICLE.txt"""

import os
import sys
from pathlib import Path

from textlens_client import Client, v1

address = os.environ.get("TEXTLENS_ADDRESS", "127.0.0.1:50051")
text = Path(sys.argv[1]).read_text(encoding="utf-8")

with Client(address) as client:
    response = client.analyze(text, analyzers=["summarizer", "entities", "stance"])

print("Language:", response.language.code)
for result in response.results:
    kind = result.WhichOneof("result")
    if kind == "summary":
        for sentence in result.summary.sentences:
            print("Summary:", sentence.text)
    elif kind == "entities":
        for entity in result.entities.entities:
            print(f"Entity: {entity.canonical_name} ({v1.EntityType.Name(entity.type)})")
    elif kind == "stance":
        print("Stance:", v1.StanceLabel.Name(result.stance.label))
