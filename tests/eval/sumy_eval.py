"""sumy's LexRank and TextRank on OrangeSum, for tests/eval/summarizer_eval.

Reads the sentences textlens split each article into (summarizer_eval
--dump_sentences), so that every system picks among the same sentences, and
writes the summaries sumy picks at 1, 2 and 3 sentences as JSON lines:
{"system", "id", "summary"}, then one {"system", "documents_per_second"}
line per system (one thread; building sumy's document, with its French
Snowball stemmer and stopwords, is counted). summarizer_eval --peers=OUT
scores them with the same tokenizer as textlens and Lead-k.

Usage: sumy_eval.py SENTENCES.jsonl OUT.jsonl
"""

import json
import re
import sys
import time

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

LANGUAGE = "french"
WORD = re.compile(r"\w+(?:[-'’]\w+)*")


class SentenceWords:
    """sumy's tokenizer interface over sentences already split: words only.

    sumy's own tokenizer needs NLTK's punkt data, which is not on PyPI; the
    sentences come split by textlens instead, the same for every system.
    """

    language = LANGUAGE

    def to_sentences(self, text):
        return [text]

    def to_words(self, sentence):
        return WORD.findall(sentence)


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    with open(argv[1], encoding="utf-8") as stream:
        documents = [json.loads(line) for line in stream if line.strip()]
    words = SentenceWords()
    stop_words = get_stop_words(LANGUAGE)
    systems = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer}
    with open(argv[2], "w", encoding="utf-8") as out:
        for name, summarizer_class in systems.items():
            summarizer = summarizer_class(Stemmer(LANGUAGE))
            summarizer.stop_words = stop_words
            for count in (1, 2, 3):
                system = f"sumy-{name}-{count}"
                started = time.perf_counter()
                summaries = []
                for document in documents:
                    model = ObjectDocumentModel([Paragraph(
                        [Sentence(s, words) for s in document["sentences"]])])
                    picked = summarizer(model, count)
                    summaries.append(
                        (document["id"], " ".join(str(s) for s in picked)))
                seconds = time.perf_counter() - started
                for document_id, summary in summaries:
                    out.write(json.dumps({"system": system, "id": document_id,
                                          "summary": summary},
                                         ensure_ascii=False) + "\n")
                rate = len(documents) / seconds if seconds > 0 else 0.0
                out.write(json.dumps({"system": system,
                                      "documents_per_second": rate}) + "\n")
                print(f"sumy_eval: {system}: {len(documents)} documents, "
                      f"{rate:.0f}/s", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
