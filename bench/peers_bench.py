"""The peers on the documents bench/pipeline_bench reads, for bench/REPORT.md.

Times, on one thread, spaCy fr_core_news_sm's whole pipeline (nlp.pipe),
its NER alone (the tokenizer, "ner" and the tok2vec it listens to, if any),
and sumy's LexRank (three sentences, French Snowball stemmer and
stopwords, sentences split by NLTK-free regular expressions) over the same
documents, and writes seconds per pass over the document set as JSON. The
report turns them into words per second with the word count textlens gives
the same documents, so every system is divided by the same number.

Usage (in the peers' venv, tests/eval/run_peer.sh):
    peers_bench.py --documents DIR_OR_FILE... --out build/bench/peers.json
"""

import argparse
import json
import pathlib
import re
import sys
import time


def read_documents(paths):
    files = []
    for path in map(pathlib.Path, paths):
        files.extend(sorted(path.glob("*.txt")) if path.is_dir() else [path])
    return [f.read_text(encoding="utf-8") for f in files]


def best_of(runs, work):
    """Fastest of `runs` timed passes (after one warm-up pass)."""
    work()
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def spacy_figures(documents, runs):
    import spacy

    nlp = spacy.load("fr_core_news_sm")
    meta = nlp.meta
    if meta.get("name") != "core_news_sm" or "Explosion" not in meta.get(
            "author", ""):
        sys.exit(f"peers_bench: unexpected model meta {meta.get('name')}")
    pipeline = best_of(runs, lambda: list(nlp.pipe(documents, batch_size=16)))
    # NER alone: the tokenizer, "ner" and any shared tok2vec it listens to.
    needed = {"ner"}
    for name, component in nlp.pipeline:
        if "ner" in getattr(component, "listening_components", ()):
            needed.add(name)
    with nlp.select_pipes(enable=[n for n in nlp.pipe_names if n in needed]):
        ner_alone = best_of(
            runs, lambda: list(nlp.pipe(documents, batch_size=16)))
    return {
        "spacy_version": spacy.__version__,
        "model": f"{meta['lang']}_{meta['name']} {meta['version']}",
        "pipeline_seconds": pipeline,
        "ner_seconds": ner_alone,
    }


def sumy_figures(documents, runs):
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words
    import sumy

    word = re.compile(r"\w+(?:[-'’]\w+)*")
    boundary = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÀ-Ý«\"“])|\n+")

    class Words:
        language = "french"

        def to_sentences(self, text):
            return [s for s in boundary.split(text) if s.strip()]

        def to_words(self, sentence):
            return word.findall(sentence)

    words = Words()
    summarizer = LexRankSummarizer(Stemmer("french"))
    summarizer.stop_words = get_stop_words("french")

    def run():
        for text in documents:
            model = ObjectDocumentModel([Paragraph(
                [Sentence(s, words) for s in words.to_sentences(text)])])
            summarizer(model, 3)

    return {"sumy_version": getattr(sumy, "__version__", "?"),
            "lexrank_seconds": best_of(runs, run)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", nargs="+", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    documents = read_documents(args.documents)
    if not documents:
        sys.exit("peers_bench: no documents")
    figures = {"documents": len(documents),
               "bytes": sum(len(d.encode("utf-8")) for d in documents)}
    figures.update(spacy_figures(documents, args.runs))
    figures.update(sumy_figures(documents, args.runs))
    pathlib.Path(args.out).write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
