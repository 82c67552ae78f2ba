// Evaluates the summarizer on OrangeSum's validation split against its
// abstracts: ROUGE-1, ROUGE-2 and ROUGE-L F1 (averaged over documents) and
// documents per second on one thread, for textlens at 1, 2 and 3 sentences
// (with the article's title as ingestion presents it, a heading line above
// the text, and without it), Lead-1/2/3, the oracles (the best single
// sentence by ROUGE-L, and the greedy oracle of tools/rouge.h), and the
// summaries of other systems read from a file (sumy's LexRank and TextRank,
// written by tests/eval/sumy_eval.py from the sentences this program dumps).
// The validation split is never trained on (textlens-train-summarizer reads
// the training split only).
//
// Every system is scored here with two tokenizations
// (plugins/summarizer/tools/rouge.h): plain (maximal runs of letters and
// digits, lowercased) and stemmed (the same, each reduced to its Snowball
// French stem). ROUGE-L is the longest common subsequence of the whole
// summary and abstract. Documents per second include preparing the text
// (tokens, stems, sentences) for textlens, and sumy's own parsing for sumy;
// the summarizer alone (on a prepared document) is timed apart.
//
// Key phrases: the share of the abstract's content words (the text layer's
// non-stopword stems) found among the words of the top 10 key phrases, for
// textlens and for plain TextRank (the same word graph without general IDF).
//
// Usage: summarizer_eval [--split=all|even|odd] [--limit=N]
//     [--dump_sentences=FILE] [--peers=FILE] [--model=FILE]
//     [--redundancy=X] [--length_penalty=X] [--dup=X] [--min_words=N]
// --split keeps every document, or those at even or odd line numbers.
// --dump_sentences writes one JSON line per document: {"id", "sentences":
// [sentences as textlens splits them]}. --model scores with another model
// file than the embedded one; the remaining flags override the summarizer's
// knobs.
// Data: $TEXTLENS_DATA_DIR/summarization/orangesum_abstract_valid.jsonl,
// default <repo>/../shared/data. Exit 77 when it is missing.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "nlohmann/json.hpp"
#include "plugins/sdk/tokens.h"
#include "plugins/summarizer/key_phrases.h"
#include "plugins/summarizer/summarizer.h"
#include "plugins/summarizer/terms.h"
#include "plugins/summarizer/tools/rouge.h"
#include "service/text/document_preparer.h"
#include "service/text/normalizer.h"
#include "tests/eval/data_dir.h"

namespace {

namespace summarizer = textlens::plugins::summarizer;
using summarizer::RougeTokenizer;
using summarizer::SummarizerConfig;
using textlens::plugin::v1::PreparedDocument;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// The two tokenizations every system is scored with.
constexpr int kPlain = 0, kStemmed = 1;
constexpr const char* kTokenizerNames[] = {"plain lowercased words",
                                           "lowercased, Snowball French stems"};

// One system's running totals, per tokenization.
struct System {
  std::string name;
  summarizer::RougeScores sums[2];
  double seconds = 0;
  int count = 0;
  // Documents per second as reported by the system itself (peers); 0 means
  // count / seconds.
  double reported_rate = 0;
};

class Table {
 public:
  Table(const RougeTokenizer& plain, const RougeTokenizer& stemmed)
      : tokenizers_{&plain, &stemmed} {}

  System& Get(const std::string& name) {
    auto [it, added] = index_.emplace(name, systems_.size());
    if (added) {
      System system;
      system.name = name;
      systems_.push_back(std::move(system));
    }
    return systems_[it->second];
  }
  // Scores `candidate` against the abstract as each tokenizer splits it.
  void Add(const std::string& name, const std::string& candidate,
           const std::vector<std::string> (&references)[2], double seconds) {
    System& system = Get(name);
    for (int t : {kPlain, kStemmed}) {
      const auto scores =
          summarizer::Rouge(tokenizers_[t]->Tokens(candidate), references[t]);
      system.sums[t].r1 += scores.r1;
      system.sums[t].r2 += scores.r2;
      system.sums[t].rl += scores.rl;
    }
    system.seconds += seconds;
    ++system.count;
  }
  // Mean ROUGE-L of `name` under tokenization `t`, or -1 when the system
  // did not summarize every one of `documents`.
  double MeanRougeL(const std::string& name, int t, int documents) const {
    auto it = index_.find(name);
    if (it == index_.end()) return -1;
    const System& s = systems_[it->second];
    return s.count == documents && documents > 0 ? s.sums[t].rl / s.count : -1;
  }
  void Print(int t, int documents) const {
    std::printf("%-26s %7s %7s %7s %10s\n", "system", "R-1", "R-2", "R-L",
                "docs/s");
    for (const System& s : systems_) {
      // A system that did not summarize every document would be compared
      // on other documents: refuse to print it as if it had.
      if (s.count != documents) {
        std::printf("%-26s summarized %d of %d documents; not compared\n",
                    s.name.c_str(), s.count, documents);
        continue;
      }
      const double n = std::max(1, s.count);
      const double rate = s.reported_rate > 0 ? s.reported_rate
                          : s.seconds > 0     ? s.count / s.seconds
                                              : 0.0;
      std::printf("%-26s %7.2f %7.2f %7.2f %10.0f\n", s.name.c_str(),
                  100 * s.sums[t].r1 / n, 100 * s.sums[t].r2 / n,
                  100 * s.sums[t].rl / n, rate);
    }
  }

 private:
  const RougeTokenizer* tokenizers_[2];
  std::vector<System> systems_;
  std::unordered_map<std::string, size_t> index_;
};

std::string SentenceText(const PreparedDocument& document, int index) {
  const auto& s = document.sentences(index);
  return document.text().substr(s.begin(), s.end() - s.begin());
}

std::string Lead(const PreparedDocument& document, int k) {
  std::string out;
  for (int i = 0; i < document.sentences_size() && i < k; ++i) {
    out += SentenceText(document, i) + " ";
  }
  return out;
}

std::string Summarize(const PreparedDocument& document, SummarizerConfig config,
                      int k) {
  config.options.set_max_sentences(k);
  config.options.set_max_key_phrases(0);
  auto summary = summarizer::Summarize(document, config, nullptr);
  if (!summary.ok()) return "";
  std::string out;
  for (const auto& s : summary->sentences()) out += s.text() + " ";
  return out;
}

// The best single sentence by plain ROUGE-L, and the greedy oracle, both
// chosen knowing the abstract.
std::pair<std::string, std::string> Oracles(
    const PreparedDocument& document, const RougeTokenizer& plain,
    const std::vector<std::string>& reference) {
  std::vector<std::vector<std::string>> sentences;
  std::string best;
  double best_rl = -1;
  for (int i = 0; i < document.sentences_size(); ++i) {
    const std::string text = SentenceText(document, i);
    sentences.push_back(plain.Tokens(text));
    const double rl = summarizer::RougeL(sentences.back(), reference);
    if (rl > best_rl) best_rl = rl, best = text;
  }
  std::string greedy;
  for (size_t i : summarizer::GreedyOracle(sentences, reference, 10)) {
    greedy += SentenceText(document, static_cast<int>(i)) + " ";
  }
  return {best, greedy};
}

// The content stems of `document` inside `spans` (all of it when empty).
std::set<std::string> ContentStems(
    const PreparedDocument& document,
    const std::vector<std::pair<uint32_t, uint32_t>>& spans) {
  std::set<std::string> stems;
  for (const auto& token : textlens::sdk::Tokens(document)) {
    if (!summarizer::IsContentToken(document, token)) continue;
    bool inside = spans.empty();
    for (const auto& [begin, end] : spans) {
      inside = inside || (token.begin() >= begin && token.end() <= end);
    }
    if (inside) stems.emplace(token.stem());
  }
  return stems;
}

// Key-phrase coverage totals: the share of the abstract's content stems
// among the phrases' stems (recall), and the share of the phrases' stems in
// the abstract (precision).
struct Coverage {
  double recall = 0, precision = 0;
  int count = 0;
};

void AddCoverage(const PreparedDocument& document,
                 const std::set<std::string>& abstract, bool general_idf,
                 Coverage* coverage) {
  summarizer::KeyPhraseOptions options;
  options.general_idf = general_idf;
  auto phrases = summarizer::ExtractKeyPhrases(document, options, nullptr);
  if (!phrases.ok() || abstract.empty()) return;
  std::vector<std::pair<uint32_t, uint32_t>> spans;
  for (const auto& phrase : *phrases) {
    for (const auto& mention : phrase.mentions()) {
      spans.emplace_back(mention.begin(), mention.end());
    }
  }
  const std::set<std::string> found =
      spans.empty() ? std::set<std::string>() : ContentStems(document, spans);
  int shared = 0;
  for (const std::string& stem : found) shared += abstract.count(stem);
  coverage->recall += static_cast<double>(shared) / abstract.size();
  coverage->precision +=
      found.empty() ? 0.0 : static_cast<double>(shared) / found.size();
  ++coverage->count;
}

// Peer summaries: {"system", "id", "summary"} lines, and one
// {"system", "documents_per_second"} line per system.
struct Peers {
  std::map<std::string, std::map<std::string, std::string>> summaries;
  std::map<std::string, double> rates;
};

bool ReadPeers(const std::string& path, Peers* peers) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    const auto record = nlohmann::json::parse(line, nullptr, false);
    if (record.is_discarded() || !record.contains("system")) continue;
    const std::string system = record["system"].get<std::string>();
    if (record.contains("documents_per_second")) {
      peers->rates[system] = record["documents_per_second"].get<double>();
    } else if (record.contains("id") && record.contains("summary")) {
      peers->summaries[system][record["id"].get<std::string>()] =
          record["summary"].get<std::string>();
    }
  }
  return true;
}

struct Flags {
  long limit = -1;
  std::string split = "all", dump_path, peers_path, model_path;
  SummarizerConfig ours;
};

Flags ParseFlags(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&arg](const char* flag) -> const char* {
      const size_t n = std::strlen(flag);
      return arg.compare(0, n, flag) == 0 ? arg.c_str() + n : nullptr;
    };
    if (const char* v = value("--limit=")) flags.limit = std::atol(v);
    if (const char* v = value("--split=")) flags.split = v;
    if (const char* v = value("--dump_sentences=")) flags.dump_path = v;
    if (const char* v = value("--peers=")) flags.peers_path = v;
    if (const char* v = value("--model=")) flags.model_path = v;
    if (const char* v = value("--redundancy="))
      flags.ours.redundancy = std::atof(v);
    if (const char* v = value("--length_penalty="))
      flags.ours.length_penalty = std::atof(v);
    if (const char* v = value("--dup="))
      flags.ours.duplicate_threshold = std::atof(v);
    if (const char* v = value("--min_words="))
      flags.ours.candidates.min_words = std::atoi(v);
  }
  return flags;
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags = ParseFlags(argc, argv);
  if (flags.split != "all" && flags.split != "even" && flags.split != "odd") {
    std::fprintf(stderr, "summarizer_eval: --split must be all, even or odd\n");
    return 2;
  }
  std::optional<summarizer::SentenceModel> model;
  if (!flags.model_path.empty()) {
    std::ifstream file(flags.model_path, std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    auto parsed = summarizer::SentenceModel::Parse(text.str());
    if (!file || !parsed.ok()) {
      std::fprintf(stderr, "summarizer_eval: cannot read model %s: %s\n",
                   flags.model_path.c_str(),
                   parsed.status().ToString().c_str());
      return 1;
    }
    model = std::move(*parsed);
    flags.ours.model = &*model;
  }
  const std::string path = textlens::eval::DataDir() +
                           "/summarization/orangesum_abstract_valid.jsonl";
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "summarizer_eval: %s not found; skipping\n",
                 path.c_str());
    return 77;
  }
  auto preparer = textlens::service::text::DocumentPreparer::Create();
  if (!preparer.ok()) {
    std::fprintf(stderr, "summarizer_eval: %s\n",
                 preparer.status().ToString().c_str());
    return 1;
  }
  Peers peers;
  if (!flags.peers_path.empty() && !ReadPeers(flags.peers_path, &peers)) {
    std::fprintf(stderr, "summarizer_eval: cannot read %s\n",
                 flags.peers_path.c_str());
    return 1;
  }
  std::ofstream dump;
  if (!flags.dump_path.empty()) {
    dump.open(flags.dump_path);
    if (!dump) {
      std::fprintf(stderr, "summarizer_eval: cannot write %s\n",
                   flags.dump_path.c_str());
      return 1;
    }
  }

  const RougeTokenizer plain(/*stem=*/false), stemmed(/*stem=*/true);
  Table table(plain, stemmed);
  for (int k = 1; k <= 3; ++k) table.Get("textlens-" + std::to_string(k));
  for (int k = 1; k <= 3; ++k) {
    table.Get("textlens-" + std::to_string(k) + " (no title)");
  }
  for (int k = 1; k <= 3; ++k) table.Get("lead-" + std::to_string(k));
  table.Get("oracle, best sentence");
  table.Get("oracle, greedy");
  for (const auto& [system, summaries] : peers.summaries) table.Get(system);
  Coverage ours_phrases, textrank_phrases;
  double summarizer_seconds = 0;  // the summarizer alone, 3 sentences

  const auto start = Clock::now();
  std::string line;
  long documents = 0, line_number = -1;
  while (std::getline(in, line) &&
         (flags.limit < 0 || documents < flags.limit)) {
    ++line_number;
    if (flags.split == "even" && line_number % 2 != 0) continue;
    if (flags.split == "odd" && line_number % 2 != 1) continue;
    if (line.empty()) continue;
    const auto record = nlohmann::json::parse(line, nullptr, false);
    if (record.is_discarded() || !record.contains("document")) continue;
    const std::string id = record.value("id", std::to_string(line_number));
    const std::string body = record["document"].get<std::string>();
    const std::string title = record.value("title", "");
    const std::string abstract = record["summary"].get<std::string>();
    const std::vector<std::string> references[2] = {plain.Tokens(abstract),
                                                    stemmed.Tokens(abstract)};

    // The article alone (Lead-k, oracles, textlens without title, the dump)
    // and as ingestion presents a titled article: the title on a line of
    // its own.
    auto started = Clock::now();
    auto normalized = textlens::service::text::NormalizeText(body);
    if (!normalized.ok()) continue;
    auto document = (*preparer)->Prepare(*normalized, "fr");
    if (!document.ok()) continue;
    const double prepare_seconds = Seconds(started);
    started = Clock::now();
    auto titled_text =
        textlens::service::text::NormalizeText(title + "\n\n" + body);
    if (!titled_text.ok()) continue;
    auto titled = (*preparer)->Prepare(*titled_text, "fr");
    if (!titled.ok()) continue;
    const double prepare_titled_seconds = Seconds(started);

    for (int k = 1; k <= 3; ++k) {
      const std::string name = "textlens-" + std::to_string(k);
      started = Clock::now();
      std::string summary = Summarize(*titled, flags.ours, k);
      const double seconds = Seconds(started);
      if (k == 3) summarizer_seconds += seconds;
      table.Add(name, summary, references, prepare_titled_seconds + seconds);
      started = Clock::now();
      summary = Summarize(*document, flags.ours, k);
      table.Add(name + " (no title)", summary, references,
                prepare_seconds + Seconds(started));
      started = Clock::now();
      summary = Lead(*document, k);
      table.Add("lead-" + std::to_string(k), summary, references,
                prepare_seconds + Seconds(started));
    }
    const auto [best, greedy] = Oracles(*document, plain, references[kPlain]);
    table.Add("oracle, best sentence", best, references, 0.0);
    table.Add("oracle, greedy", greedy, references, 0.0);
    for (const auto& [system, summaries] : peers.summaries) {
      auto it = summaries.find(id);
      if (it != summaries.end()) table.Add(system, it->second, references, 0);
    }
    for (const auto& [system, rate] : peers.rates) {
      table.Get(system).reported_rate = rate;
    }
    auto abstract_text = textlens::service::text::NormalizeText(abstract);
    if (abstract_text.ok()) {
      auto prepared = (*preparer)->Prepare(*abstract_text, "fr");
      if (prepared.ok()) {
        const std::set<std::string> words = ContentStems(*prepared, {});
        AddCoverage(*titled, words, /*general_idf=*/true, &ours_phrases);
        AddCoverage(*titled, words, /*general_idf=*/false, &textrank_phrases);
      }
    }
    if (dump.is_open()) {
      nlohmann::json sentences = nlohmann::json::array();
      for (int i = 0; i < document->sentences_size(); ++i) {
        sentences.push_back(SentenceText(*document, i));
      }
      dump << nlohmann::json{{"id", id}, {"sentences", sentences}}.dump()
           << "\n";
    }
    ++documents;
  }
  const int n = static_cast<int>(documents);
  for (int t : {kPlain, kStemmed}) {
    std::printf(
        "OrangeSum abstract (validation, %s): %ld documents; ROUGE F1 x100, "
        "%s; docs/s on one thread\n",
        flags.split == "all" ? "all" : (flags.split + " lines").c_str(),
        documents, kTokenizerNames[t]);
    table.Print(t, n);
    for (int k = 1; k <= 3; ++k) {
      const double ours =
          table.MeanRougeL("textlens-" + std::to_string(k), t, n);
      const double lead = table.MeanRougeL("lead-" + std::to_string(k), t, n);
      if (ours >= 0 && lead >= 0) {
        std::printf("textlens-%d vs lead-%d: R-L %+.2f\n", k, k,
                    100 * (ours - lead));
      }
    }
    std::printf("\n");
  }
  std::printf(
      "summarizer alone (prepared titled document, 3 sentences, no key "
      "phrases): %.0f articles/s on one thread\n",
      summarizer_seconds > 0 ? documents / summarizer_seconds : 0.0);
  for (const auto& [name, c] :
       {std::pair<const char*, const Coverage&>{"textlens", ours_phrases},
        {"plain TextRank", textrank_phrases}}) {
    const double count = std::max(1, c.count);
    std::printf(
        "key phrases (top 10), %s: %.1f%% of the abstract's content words "
        "covered, %.1f%% of their words in the abstract (%d documents)\n",
        name, 100 * c.recall / count, 100 * c.precision / count, c.count);
  }
  std::printf("total %.1f s\n", Seconds(start));
  return documents > 0 ? 0 : 1;
}
