#!/usr/bin/env python3
"""Builds polarity_en.tsv and polarity_fr.tsv from the upstream lexicons.

Usage: convert_lexicons.py SHARED_LEXICONS_DIR OUT_DIR
Each output line is "word<TAB>valence" with valence in [-1, 1], sorted.
See README.md for sources, licenses and what is filtered.
"""
import collections
import re
import sys
import xml.etree.ElementTree as ET

WORD = re.compile(r"^[^\W\d_][\w'-]*$", re.UNICODE)


def vader(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 2 or not WORD.match(parts[0]):
            continue  # emoticons and multiword entries
        out[parts[0].lower()] = max(-1.0, min(1.0, float(parts[1]) / 4.0))
    return out


def pattern(path):
    sums = collections.defaultdict(list)
    for word in ET.parse(path).getroot().iter("word"):
        form = word.get("form", "").lower()
        if not WORD.match(form) or float(word.get("confidence", "0")) < 0.7:
            continue
        sums[form].append(float(word.get("polarity", "0")))
    out = {}
    for form, values in sums.items():
        mean = sum(values) / len(values)
        if abs(mean) >= 0.1:  # near-neutral senses add only noise
            out[form] = mean
    return out


def afinn_fr(path, stopwords):
    out = {}
    for line in open(path, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 2:
            continue
        word, value = parts[0].lower(), int(parts[1])
        # Machine-translated: keep single words that are not stopwords, are
        # long enough to be unambiguous, and carry a clear valence.
        if not WORD.match(word) or word in stopwords or len(word) < 4:
            continue
        if abs(value) < 2:
            continue
        out[word] = value / 5.0
    return out


def write(path, entries):
    with open(path, "w", encoding="utf-8") as f:
        for word in sorted(entries):
            f.write("%s\t%.3f\n" % (word, entries[word]))


def main():
    src, dst = sys.argv[1], sys.argv[2]
    stop = {w.strip() for w in open(
        src + "/stopwords_fr/stopwords-iso_fr_commit56a1f14.txt",
        encoding="utf-8") if w.strip()}
    en = pattern(src + "/pattern/en-sentiment.xml")
    en.update(vader(src + "/vader/vader_lexicon.txt"))  # VADER wins
    fr = afinn_fr(src + "/afinn/AFINN-fr-165.txt", stop)
    fr.update(pattern(src + "/pattern/fr-sentiment.xml"))  # Pattern wins
    write(dst + "/polarity_en.tsv", en)
    write(dst + "/polarity_fr.tsv", fr)


if __name__ == "__main__":
    main()
