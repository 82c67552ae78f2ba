// Evaluates the summarizer on OrangeSum's validation split against its
// abstracts: ROUGE-1, ROUGE-2 and ROUGE-L F1 (averaged over documents) and
// documents per second, for textlens at 1, 2 and 3 sentences (with the
// article's title as ingestion presents it, a heading line above the text,
// and without it), Lead-1, Lead-2, Lead-3, and the summaries of other
// systems read from a file (sumy's LexRank and TextRank, written by
// tests/eval/sumy_eval.py from the sentences this program dumps).
//
// Every system is scored here, with one tokenization: maximal runs of
// letters and digits (any non-ASCII byte counts as a letter), lowercased
// (ASCII and Latin-1 capitals), each reduced to its Snowball French stem.
// ROUGE-L is the longest common subsequence of the whole summary and
// abstract. Documents per second include preparing the text (tokens, stems,
// sentences) for textlens, and sumy's own parsing for sumy.
//
// Usage: summarizer_eval [--split=all|even|odd] [--limit=N]
//     [--dump_sentences=FILE] [--peers=FILE] [--centrality=X] [--position=X]
//     [--lead_sentences=N] [--length=X] [--full_length=X] [--title_weight=X]
//     [--lead_bias=X] [--redundancy=X] [--topic_share=X] [--dup=X]
//     [--min_words=N]
// --split keeps every document, or those at even or odd line numbers (tune
// on one half, check on the other). --dump_sentences writes one JSON line
// per document: {"id", "sentences": [body sentences as textlens splits
// them]}. The remaining flags override the summarizer's tuning knobs.
// Data: $TEXTLENS_DATA_DIR/summarization/orangesum_abstract_valid.jsonl,
// default <repo>/../shared/data. Exit 77 when it is missing.
#include <libstemmer.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "nlohmann/json.hpp"
#include "plugins/summarizer/summarizer.h"
#include "service/text/document_preparer.h"
#include "service/text/normalizer.h"
#include "tests/eval/data_dir.h"

namespace {

using textlens::plugin::v1::PreparedDocument;
using textlens::plugins::summarizer::SummarizerConfig;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// Lowercased words of `text`, each stemmed.
class RougeTokenizer {
 public:
  RougeTokenizer() : stemmer_(sb_stemmer_new("french", "UTF_8")) {}
  ~RougeTokenizer() { sb_stemmer_delete(stemmer_); }
  RougeTokenizer(const RougeTokenizer&) = delete;
  RougeTokenizer& operator=(const RougeTokenizer&) = delete;

  std::vector<std::string> Tokens(const std::string& text) const {
    std::vector<std::string> tokens;
    std::string current;
    const auto flush = [&] {
      if (current.empty()) return;
      const sb_symbol* stem = sb_stemmer_stem(
          stemmer_, reinterpret_cast<const sb_symbol*>(current.data()),
          static_cast<int>(current.size()));
      tokens.emplace_back(reinterpret_cast<const char*>(stem),
                          sb_stemmer_length(stemmer_));
      current.clear();
    };
    for (size_t i = 0; i < text.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      if (c >= 0x80) {
        // Latin-1 supplement capitals (U+00C0..U+00DE except U+00D7) are
        // 0xC3 0x80..0x9E in UTF-8; their lowercase is +0x20.
        if (c == 0xC3 && i + 1 < text.size()) {
          unsigned char next = static_cast<unsigned char>(text[i + 1]);
          if (next >= 0x80 && next <= 0x9E && next != 0x97) next += 0x20;
          current += static_cast<char>(c);
          current += static_cast<char>(next);
          ++i;
          continue;
        }
        current += static_cast<char>(c);
      } else if (std::isalnum(c)) {
        current += static_cast<char>(std::tolower(c));
      } else {
        flush();
      }
    }
    flush();
    return tokens;
  }

 private:
  sb_stemmer* stemmer_;
};

double F1(double overlap, double candidate, double reference) {
  if (overlap <= 0 || candidate <= 0 || reference <= 0) return 0.0;
  const double p = overlap / candidate, r = overlap / reference;
  return 2 * p * r / (p + r);
}

double RougeN(const std::vector<std::string>& cand,
              const std::vector<std::string>& ref, size_t n) {
  if (cand.size() < n || ref.size() < n) return 0.0;
  std::map<std::string, int> ref_counts;
  for (size_t i = 0; i + n <= ref.size(); ++i) {
    std::string key;
    for (size_t k = 0; k < n; ++k) key += ref[i + k] + '\x1f';
    ++ref_counts[key];
  }
  int overlap = 0;
  for (size_t i = 0; i + n <= cand.size(); ++i) {
    std::string key;
    for (size_t k = 0; k < n; ++k) key += cand[i + k] + '\x1f';
    auto it = ref_counts.find(key);
    if (it != ref_counts.end() && it->second > 0) {
      --it->second;
      ++overlap;
    }
  }
  return F1(overlap, cand.size() - n + 1, ref.size() - n + 1);
}

double RougeL(const std::vector<std::string>& cand,
              const std::vector<std::string>& ref) {
  if (cand.empty() || ref.empty()) return 0.0;
  std::vector<int> prev(ref.size() + 1, 0), cur(ref.size() + 1, 0);
  for (size_t i = 1; i <= cand.size(); ++i) {
    for (size_t j = 1; j <= ref.size(); ++j) {
      cur[j] = cand[i - 1] == ref[j - 1] ? prev[j - 1] + 1
                                         : std::max(prev[j], cur[j - 1]);
    }
    std::swap(prev, cur);
  }
  return F1(prev[ref.size()], cand.size(), ref.size());
}

// One system's running totals.
struct System {
  std::string name;
  double r1 = 0, r2 = 0, rl = 0, seconds = 0;
  int count = 0;
  // Documents per second as reported by the system itself (peers); 0 means
  // count / seconds.
  double reported_rate = 0;
};

class Table {
 public:
  explicit Table(const RougeTokenizer& tokenizer) : tokenizer_(tokenizer) {}

  System& Get(const std::string& name) {
    auto [it, added] = index_.emplace(name, systems_.size());
    if (added) systems_.push_back(System{name});
    return systems_[it->second];
  }
  void Add(const std::string& name, const std::string& candidate,
           const std::vector<std::string>& ref, double seconds) {
    System& system = Get(name);
    const auto cand = tokenizer_.Tokens(candidate);
    system.r1 += RougeN(cand, ref, 1);
    system.r2 += RougeN(cand, ref, 2);
    system.rl += RougeL(cand, ref);
    system.seconds += seconds;
    ++system.count;
  }
  // The best ROUGE-L among systems whose name starts with one of
  // `prefixes`, contains `infix` (may be empty) or not as `with_infix` says,
  // and that summarized every document; -1 and "" if none.
  std::pair<double, std::string> BestRougeL(
      const std::vector<std::string>& prefixes, int documents,
      const std::string& infix = "", bool with_infix = true) const {
    std::pair<double, std::string> best{-1.0, ""};
    for (const System& s : systems_) {
      if (s.count != documents || s.count == 0) continue;
      if (!infix.empty() &&
          (s.name.find(infix) != std::string::npos) != with_infix) {
        continue;
      }
      for (const std::string& prefix : prefixes) {
        if (s.name.compare(0, prefix.size(), prefix) == 0 &&
            s.rl / s.count > best.first) {
          best = {s.rl / s.count, s.name};
        }
      }
    }
    return best;
  }
  void Print(int documents) const {
    std::printf("%-22s %7s %7s %7s %10s\n", "system", "R-1", "R-2", "R-L",
                "docs/s");
    for (const System& s : systems_) {
      // A system that did not summarize every document would be compared
      // on other documents: refuse to print it as if it had.
      if (s.count != documents) {
        std::printf("%-22s summarized %d of %d documents; not compared\n",
                    s.name.c_str(), s.count, documents);
        continue;
      }
      const double n = std::max(1, s.count);
      const double rate = s.reported_rate > 0 ? s.reported_rate
                          : s.seconds > 0     ? s.count / s.seconds
                                              : 0.0;
      std::printf("%-22s %7.2f %7.2f %7.2f %10.0f\n", s.name.c_str(),
                  100 * s.r1 / n, 100 * s.r2 / n, 100 * s.rl / n, rate);
    }
  }

 private:
  const RougeTokenizer& tokenizer_;
  std::vector<System> systems_;
  std::unordered_map<std::string, size_t> index_;
};

std::string Lead(const PreparedDocument& document, int k) {
  std::string out;
  for (int i = 0; i < document.sentences_size() && i < k; ++i) {
    const auto& s = document.sentences(i);
    out += document.text().substr(s.begin(), s.end() - s.begin()) + " ";
  }
  return out;
}

std::string Summarize(const PreparedDocument& document, SummarizerConfig config,
                      int k) {
  config.options.set_max_sentences(k);
  config.options.set_max_key_phrases(0);
  auto summary =
      textlens::plugins::summarizer::Summarize(document, config, nullptr);
  if (!summary.ok()) return "";
  std::string out;
  for (const auto& s : summary->sentences()) out += s.text() + " ";
  return out;
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

}  // namespace

int main(int argc, char** argv) {
  long limit = -1;
  std::string split = "all", dump_path, peers_path;
  SummarizerConfig ours;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&arg](const char* flag) -> const char* {
      const size_t n = std::strlen(flag);
      return arg.compare(0, n, flag) == 0 ? arg.c_str() + n : nullptr;
    };
    if (const char* v = value("--limit=")) limit = std::atol(v);
    if (const char* v = value("--split=")) split = v;
    if (const char* v = value("--dump_sentences=")) dump_path = v;
    if (const char* v = value("--peers=")) peers_path = v;
    if (const char* v = value("--lead_bias=")) ours.lead_bias = std::atof(v);
    if (const char* v = value("--centrality="))
      ours.centrality_weight = std::atof(v);
    if (const char* v = value("--position="))
      ours.position_weight = std::atof(v);
    if (const char* v = value("--lead_sentences="))
      ours.lead_sentences = std::atoi(v);
    if (const char* v = value("--length=")) ours.length_weight = std::atof(v);
    if (const char* v = value("--full_length="))
      ours.full_length_words = std::atof(v);
    if (const char* v = value("--title_weight="))
      ours.title_weight = std::atof(v);
    if (const char* v = value("--redundancy=")) ours.redundancy = std::atof(v);
    if (const char* v = value("--topic_share="))
      ours.topic_share = std::atof(v);
    if (const char* v = value("--dup="))
      ours.duplicate_threshold = std::atof(v);
    if (const char* v = value("--min_words=")) ours.min_words = std::atoi(v);
  }
  if (split != "all" && split != "even" && split != "odd") {
    std::fprintf(stderr, "summarizer_eval: --split must be all, even or odd\n");
    return 2;
  }
  const std::string data_dir = textlens::eval::DataDir();
  const std::string path =
      data_dir + "/summarization/orangesum_abstract_valid.jsonl";
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
  if (!peers_path.empty() && !ReadPeers(peers_path, &peers)) {
    std::fprintf(stderr, "summarizer_eval: cannot read %s\n",
                 peers_path.c_str());
    return 1;
  }
  std::ofstream dump;
  if (!dump_path.empty()) {
    dump.open(dump_path);
    if (!dump) {
      std::fprintf(stderr, "summarizer_eval: cannot write %s\n",
                   dump_path.c_str());
      return 1;
    }
  }

  const RougeTokenizer tokenizer;
  Table table(tokenizer);
  for (int k = 1; k <= 3; ++k) table.Get("textlens-" + std::to_string(k));
  for (int k = 1; k <= 3; ++k)
    table.Get("textlens-" + std::to_string(k) + " (no title)");
  for (int k = 1; k <= 3; ++k) table.Get("lead-" + std::to_string(k));
  for (const auto& [system, summaries] : peers.summaries) table.Get(system);

  const auto start = Clock::now();
  std::string line;
  long documents = 0, line_number = -1;
  while (std::getline(in, line) && (limit < 0 || documents < limit)) {
    ++line_number;
    if (split == "even" && line_number % 2 != 0) continue;
    if (split == "odd" && line_number % 2 != 1) continue;
    if (line.empty()) continue;
    const auto record = nlohmann::json::parse(line, nullptr, false);
    if (record.is_discarded() || !record.contains("document")) continue;
    const std::string id = record.value("id", std::to_string(line_number));
    const std::string body = record["document"].get<std::string>();
    const std::string title = record.value("title", "");
    const auto ref = tokenizer.Tokens(record["summary"].get<std::string>());

    // The article alone (Lead-k, textlens without title, the dump) and as
    // ingestion presents a titled article: the title on a line of its own.
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
      started = Clock::now();
      std::string summary = Summarize(*titled, ours, k);
      table.Add("textlens-" + std::to_string(k), summary, ref,
                prepare_titled_seconds + Seconds(started));
      started = Clock::now();
      summary = Summarize(*document, ours, k);
      table.Add("textlens-" + std::to_string(k) + " (no title)", summary, ref,
                prepare_seconds + Seconds(started));
      started = Clock::now();
      summary = Lead(*document, k);
      table.Add("lead-" + std::to_string(k), summary, ref,
                prepare_seconds + Seconds(started));
    }
    for (const auto& [system, summaries] : peers.summaries) {
      auto it = summaries.find(id);
      if (it != summaries.end()) table.Add(system, it->second, ref, 0.0);
    }
    for (const auto& [system, rate] : peers.rates) {
      table.Get(system).reported_rate = rate;
    }
    if (dump.is_open()) {
      nlohmann::json sentences = nlohmann::json::array();
      for (const auto& s : document->sentences()) {
        sentences.push_back(
            document->text().substr(s.begin(), s.end() - s.begin()));
      }
      dump << nlohmann::json{{"id", id}, {"sentences", sentences}}.dump()
           << "\n";
    }
    ++documents;
  }
  std::printf(
      "OrangeSum abstract (validation, %s): %ld documents, %.1f s; ROUGE F1 "
      "x100, lowercased and stemmed (Snowball French); docs/s on one "
      "thread\n",
      split == "all"    ? "all"
      : split == "even" ? "even lines"
                        : "odd lines",
      documents, Seconds(start));
  table.Print(static_cast<int>(documents));
  std::vector<std::string> baselines = {"lead-"};
  for (const auto& [system, summaries] : peers.summaries) {
    baselines.push_back(system);
  }
  const auto their_best =
      table.BestRougeL(baselines, static_cast<int>(documents));
  // With the title as ingestion gives it, and without it (the baselines
  // never read it).
  for (const bool titled : {true, false}) {
    const auto ours_best = table.BestRougeL(
        {"textlens-"}, static_cast<int>(documents), "(no title)", !titled);
    if (ours_best.first < 0 || their_best.first < 0) continue;
    std::printf(
        "best textlens%s: %s R-L %.2f; best baseline: %s R-L %.2f; margin "
        "%+.2f\n",
        titled ? "" : " without the title", ours_best.second.c_str(),
        100 * ours_best.first, their_best.second.c_str(),
        100 * their_best.first, 100 * (ours_best.first - their_best.first));
  }
  return documents > 0 ? 0 : 1;
}
