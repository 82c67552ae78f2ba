// A sanity check of the summarizer on English news, which it was not
// trained on (its model learned from French articles; its word weights only
// apply to French sentences): the Reuters articles of CoNLL-2003's
// validation file, detokenized by joining tokens with spaces, with no
// title given, scored against their headline (the article's first line)
// with ROUGE-1 and ROUGE-L F1 (plain lowercased words). There is no English
// abstract to compare with; a headline is the nearest summary the articles
// carry. The peer is Lead-1: the first sentence of 5 or more words (the
// dateline, "LONDON 1996-08-30", is shorter). Articles with fewer than 3
// body sentences are skipped.
//
// Usage: summarizer_english_eval
// Data: $TEXTLENS_DATA_DIR/ner/conll2003_en_val.conllu, default
// <repo>/../shared/data. Exit 77 when it is missing.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "plugins/summarizer/summarizer.h"
#include "plugins/summarizer/tools/rouge.h"
#include "service/text/document_preparer.h"
#include "service/text/normalizer.h"
#include "tests/eval/data_dir.h"

namespace {

namespace summarizer = textlens::plugins::summarizer;

// One article: its headline and its body sentences (tokens joined by
// spaces).
struct Article {
  std::string headline;
  std::vector<std::string> sentences;
};

std::vector<Article> ReadArticles(std::ifstream& in) {
  std::vector<Article> articles(1);
  std::string line, sentence;
  const auto end_sentence = [&] {
    if (sentence.empty()) return;
    Article& article = articles.back();
    if (article.headline.empty()) {
      article.headline = sentence;
    } else {
      article.sentences.push_back(sentence);
    }
    sentence.clear();
  };
  while (std::getline(in, line)) {
    if (line.empty()) {
      end_sentence();
      continue;
    }
    std::istringstream columns(line);
    std::string index, token;
    columns >> index >> token;
    if (token == "-DOCSTART-") {
      end_sentence();
      if (!articles.back().headline.empty()) articles.emplace_back();
      continue;
    }
    sentence += (sentence.empty() ? "" : " ") + token;
  }
  end_sentence();
  return articles;
}

int Words(const std::string& sentence, const summarizer::RougeTokenizer& t) {
  return static_cast<int>(t.Tokens(sentence).size());
}

}  // namespace

int main() {
  const std::string path =
      textlens::eval::DataDir() + "/ner/conll2003_en_val.conllu";
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "summarizer_english_eval: %s not found; skipping\n",
                 path.c_str());
    return 77;
  }
  auto preparer = textlens::service::text::DocumentPreparer::Create();
  if (!preparer.ok()) return 1;
  const summarizer::RougeTokenizer plain(/*stem=*/false);
  summarizer::SummarizerConfig config;
  config.options.set_max_sentences(1);
  config.options.set_max_key_phrases(0);
  summarizer::RougeScores ours, lead;
  int articles = 0, lead_picks = 0;
  for (const Article& article : ReadArticles(in)) {
    if (article.sentences.size() < 3) continue;
    std::string body;
    for (const std::string& s : article.sentences) body += s + "\n";
    auto text = textlens::service::text::NormalizeText(body);
    if (!text.ok()) continue;
    auto document = (*preparer)->Prepare(*text, "en");
    if (!document.ok()) continue;
    auto summary = summarizer::Summarize(*document, config, nullptr);
    if (!summary.ok()) continue;
    const std::string picked =
        summary->sentences_size() > 0 ? summary->sentences(0).text() : "";
    std::string first;
    for (const std::string& s : article.sentences) {
      if (Words(s, plain) >= 5) {
        first = s;
        break;
      }
    }
    const auto reference = plain.Tokens(article.headline);
    const auto a = summarizer::Rouge(plain.Tokens(picked), reference);
    const auto b = summarizer::Rouge(plain.Tokens(first), reference);
    ours.r1 += a.r1, ours.rl += a.rl;
    lead.r1 += b.r1, lead.rl += b.rl;
    lead_picks += plain.Tokens(picked) == plain.Tokens(first);
    ++articles;
  }
  const double n = articles > 0 ? articles / 100.0 : 1.0;
  std::printf(
      "English sanity check (CoNLL-2003 validation, Reuters, %d articles, no "
      "title, headline as reference, plain words):\n"
      "textlens-1  R-1 %.2f  R-L %.2f\nlead-1      R-1 %.2f  R-L %.2f\n"
      "textlens-1 picked the lead sentence in %.1f%% of the articles\n",
      articles, ours.r1 / n, ours.rl / n, lead.r1 / n, lead.rl / n,
      lead_picks / n);
  return articles > 0 ? 0 : 1;
}
