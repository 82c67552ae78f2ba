#!/usr/bin/env python3
"""Where the whole analysis spends its time, from a perf profile.

Reads `perf script` output (samples with call stacks, recorded with
`--call-graph dwarf` on `pipeline_bench --benchmark_filter=^BM_Engine/1/`)
on stdin and writes JSON: each sample's share by stage (every sample counted
once, so the shares add up to 100%), and inside each analyzer the functions
that take the most (inclusive, so nested functions overlap).

Usage: perf script -i perf.data | bench/profile_stages.py > profile.json
"""
import collections
import json
import re
import sys

FRAME = re.compile(r"^\s*[0-9a-f]+ (.*?)(?:\+0x[0-9a-f]+)? \((.*)\)$")

# (stage, pattern of the plugin's entry point, pattern of its analysis).
ANALYZERS = [
    ("entities", "EntitiesPlugin>", "entities::EntityAnalyzer::Analyze"),
    ("summarizer", "SummarizerPlugin>", "summarizer::Summarize"),
    ("stance", "StancePlugin>", "stance::StanceAnalyzer::Analyze"),
]
# Stages outside the analyzers, the first that a stack contains wins.
HOST_STAGES = [
    ("text preparation (normalization, language, sentences, tokens, stems)",
     "DocumentPreparer::Prepare"),
    ("pipeline: the prepared document serialized for the plugins, "
     "scheduling", "pipeline::Pipeline::Run"),
    ("engine: validation, ingestion, metadata, results and offsets",
     "AnalysisEngine::Analyze"),
    ("worker pool: waiting and waking", "WorkerPool::WorkLoop"),
]
TOP_FUNCTIONS = 8


def samples(lines):
    """Yields each sample's frames, innermost first."""
    frames = []
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            if frames:
                yield frames
            frames = []
            continue
        if not line.startswith((" ", "\t")):
            continue  # the sample's header line
        match = FRAME.match(line)
        if match:
            frames.append(match.group(1))
    if frames:
        yield frames


def short(name):
    """A function's name without its arguments and namespaces' noise."""
    name = name.replace("(anonymous namespace)::", "")
    name = re.sub(r"\(.*$", "", name).replace("textlens::", "")
    return name[:90]


def classify(frames):
    for stage, entry, analysis in ANALYZERS:
        if any(entry in f for f in frames):
            inside = next((i for i, f in enumerate(frames) if analysis in f),
                          None)
            if inside is None:
                return (f"{stage}: plugin boundary (input parsed, result "
                        "built and serialized)", None)
            return (f"{stage}: analysis", frames[:inside])
    for stage, pattern in HOST_STAGES:
        if any(pattern in f for f in frames):
            return (stage, None)
    return ("other (benchmark loop, kernel, start-up)", None)


def main():
    stages = collections.Counter()
    functions = collections.defaultdict(collections.Counter)
    total = 0
    for frames in samples(sys.stdin):
        total += 1
        stage, inner = classify(frames)
        stages[stage] += 1
        if inner is not None:
            seen = set()
            for frame in inner:
                name = short(frame)
                if frame.startswith("textlens::"):
                    if name not in seen:
                        seen.add(name)
                        functions[stage][name] += 1
    if total == 0:
        sys.exit("profile_stages: no samples on stdin")
    json.dump(
        {
            "samples": total,
            "stages": [{"stage": s, "share": n / total}
                       for s, n in stages.most_common()],
            "functions": {
                stage: [{"function": f, "share": n / total}
                        for f, n in counter.most_common(TOP_FUNCTIONS)]
                for stage, counter in functions.items()
            },
        },
        sys.stdout,
        indent=1)


if __name__ == "__main__":
    main()
