// textlens-train-summarizer: learns the summarizer's sentence model
// (plugins/summarizer/data/sentence_model.tsv) from news articles and their
// abstracts (OrangeSum JSON lines: "title", "document", "summary").
//
// Each article is prepared as the service prepares it (its title on a line
// of its own above the text; every fourth article without its title, so the
// model also knows untitled documents), its candidates and features come
// from sentence_features.h, and each candidate is labelled by its ROUGE-L
// F1 against the abstract (lowercased words, no stemming). The model is
// linear; the objective is a softmax over each article's candidates toward
// the label distribution softmax(label / temperature) ("listwise"), or a
// squared error on the label ("pointwise"). AdaGrad over standardized
// features, articles in an order shuffled by --seed, weights averaged over
// the last epoch; one thread, so a run gives the same bytes every time.
//
// Article i (from 0, in file order) is held out when i % 10 == 9: never
// trained on; the tool prints ROUGE on it for textlens at 1, 2 and 3
// sentences (through Summarize, with the MMR redundancies of --redundancy)
// and Lead-1/2/3, so choices are made on training data only.
//
// Usage (one command line):
//   textlens-train-summarizer
//       --data=../shared/data/summarization/orangesum_abstract_train.jsonl
//       --out=plugins/summarizer/data/sentence_model.tsv
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "nlohmann/json.hpp"
#include "plugins/summarizer/sentence_features.h"
#include "plugins/summarizer/sentence_model.h"
#include "plugins/summarizer/summarizer.h"
#include "plugins/summarizer/tools/rouge.h"
#include "plugins/summarizer/tools/sentence_trainer.h"
#include "service/text/document_preparer.h"
#include "service/text/normalizer.h"

ABSL_FLAG(std::string, data, "", "training articles, OrangeSum JSON lines");
ABSL_FLAG(std::string, out, "", "model file to write (none: measure only)");
ABSL_FLAG(std::string, objective, "listwise", "listwise or pointwise");
ABSL_FLAG(double, temperature, 0.02,
          "listwise target: softmax of ROUGE-L / temperature; 0: the best "
          "sentence only");
ABSL_FLAG(int, epochs, 10, "passes over the training articles");
ABSL_FLAG(double, learning_rate, 0.05, "AdaGrad step");
ABSL_FLAG(double, l2, 1e-5, "L2 penalty per article");
ABSL_FLAG(uint32_t, seed, 1, "shuffling seed (a run is reproducible)");
ABSL_FLAG(long, limit, -1, "read at most this many articles (-1: all)");
ABSL_FLAG(std::string, features_out, "",
          "also write every training candidate as a TSV line (article, "
          "label, features) for trying other learners");
ABSL_FLAG(std::string, language, "fr",
          "language of the articles, and of the model's lexicon");
ABSL_FLAG(int, lexicon_min_count, 20,
          "word forms in fewer training candidates get no weight; 0: no "
          "lexicon");
ABSL_FLAG(double, lexicon_l2, 100, "L2 penalty of the word weights");
ABSL_FLAG(int, lexicon_iterations, 100,
          "full-batch AdaGrad steps of the word weights");
ABSL_FLAG(double, lexicon_rate, 0.1, "AdaGrad step of the word weights");
ABSL_FLAG(double, joint_rate, 0.1,
          "AdaGrad step of the feature weights fitted with the words (0: "
          "the feature model's, fixed)");
ABSL_FLAG(std::string, redundancy, "0.3",
          "comma-separated MMR redundancies measured on the held-out articles");
ABSL_FLAG(double, topic_share, 0.25, "off-topic demotion measured");
ABSL_FLAG(std::string, length_penalty, "0.25",
          "comma-separated length penalties measured on the held-out articles");

namespace {

namespace summarizer = textlens::plugins::summarizer;
using summarizer::Example;
using summarizer::Vocabulary;
using textlens::plugin::v1::PreparedDocument;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// One held-out article, kept whole for Summarize.
struct HeldOut {
  PreparedDocument document;
  std::vector<std::string> reference;  // the abstract's plain tokens
};

std::string SentenceText(const PreparedDocument& document, int index) {
  const auto& s = document.sentences(index);
  return document.text().substr(s.begin(), s.end() - s.begin());
}

// Mean ROUGE of textlens at 1..3 sentences and of Lead-1..3 on `held_out`.
void Measure(const std::vector<HeldOut>& held_out,
             const summarizer::SentenceModel& model, double redundancy,
             double length_penalty,
             const summarizer::RougeTokenizer& tokenizer) {
  summarizer::SummarizerConfig config;
  config.model = &model;
  config.redundancy = redundancy;
  config.length_penalty = length_penalty;
  config.topic_share = absl::GetFlag(FLAGS_topic_share);
  config.options.set_max_key_phrases(0);
  for (int k = 1; k <= 3; ++k) {
    config.options.set_max_sentences(k);
    summarizer::RougeScores ours, lead;
    for (const HeldOut& h : held_out) {
      auto summary = summarizer::Summarize(h.document, config, nullptr);
      std::string text;
      if (summary.ok()) {
        for (const auto& s : summary->sentences()) text += s.text() + " ";
      }
      const auto a = summarizer::Rouge(tokenizer.Tokens(text), h.reference);
      ours.r1 += a.r1, ours.r2 += a.r2, ours.rl += a.rl;
      std::string first;
      int taken = 0;
      for (int i = 0; i < h.document.sentences_size() && taken < k; ++i) {
        if (h.document.sentences(i).is_heading()) continue;
        first += SentenceText(h.document, i) + " ";
        ++taken;
      }
      const auto b = summarizer::Rouge(tokenizer.Tokens(first), h.reference);
      lead.r1 += b.r1, lead.r2 += b.r2, lead.rl += b.rl;
    }
    const double n = std::max<size_t>(1, held_out.size()) / 100.0;
    std::printf(
        "held-out k=%d redundancy=%.2f length=%.2f: textlens R-1 %.2f R-2 %.2f "
        "R-L %.2f | "
        "lead R-1 %.2f R-2 %.2f R-L %.2f\n",
        k, redundancy, length_penalty, ours.r1 / n, ours.r2 / n, ours.rl / n,
        lead.r1 / n, lead.r2 / n, lead.rl / n);
  }
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  std::ifstream in(absl::GetFlag(FLAGS_data), std::ios::binary);
  if (!in) {
    std::fprintf(
        stderr,
        "usage: textlens-train-summarizer --data=JSONL [--out=MODEL]\n");
    return 2;
  }
  auto preparer = textlens::service::text::DocumentPreparer::Create();
  if (!preparer.ok()) {
    std::fprintf(stderr, "%s\n", preparer.status().ToString().c_str());
    return 1;
  }
  const auto start = Clock::now();
  const summarizer::RougeTokenizer tokenizer(/*stem=*/false);
  const size_t width = summarizer::FeatureNames().size();
  std::vector<Example> examples;
  std::vector<HeldOut> held_out;
  Vocabulary vocabulary;
  std::string line;
  const long limit = absl::GetFlag(FLAGS_limit);
  for (long i = 0; std::getline(in, line) && (limit < 0 || i < limit); ++i) {
    const auto record = nlohmann::json::parse(line, nullptr, false);
    if (record.is_discarded() || !record.contains("document") ||
        !record.contains("summary")) {
      continue;
    }
    const bool is_held_out = i % 10 == 9;
    const bool titled = is_held_out || i % 4 != 3;
    const std::string body = record["document"].get<std::string>();
    auto text = textlens::service::text::NormalizeText(
        titled ? record.value("title", "") + "\n\n" + body : body);
    if (!text.ok()) continue;
    auto document = (*preparer)->Prepare(*text, absl::GetFlag(FLAGS_language));
    if (!document.ok()) continue;
    std::vector<std::string> reference =
        tokenizer.Tokens(record["summary"].get<std::string>());
    if (is_held_out) {
      held_out.push_back({std::move(*document), std::move(reference)});
      continue;
    }
    auto candidates =
        summarizer::CollectCandidates(*document, {}, /*cancelled=*/nullptr);
    if (!candidates.ok() || candidates->size() < 2) continue;
    Example example;
    example.word_begin.push_back(0);
    for (int sentence : candidates->sentences) {
      vocabulary.Add(*document, sentence, absl::GetFlag(FLAGS_language),
                     &example);
    }
    example.features.assign(candidates->features.begin(),
                            candidates->features.end());
    for (int sentence : candidates->sentences) {
      example.labels.push_back(static_cast<float>(summarizer::RougeL(
          tokenizer.Tokens(SentenceText(*document, sentence)), reference)));
    }
    examples.push_back(std::move(example));
  }
  if (const std::string path = absl::GetFlag(FLAGS_features_out);
      !path.empty()) {
    std::ofstream tsv(path);
    for (size_t a = 0; a < examples.size(); ++a) {
      const Example& e = examples[a];
      for (size_t k = 0; k < e.labels.size(); ++k) {
        tsv << a << '\t' << e.labels[k];
        for (size_t j = 0; j < width; ++j) {
          tsv << '\t' << e.features[k * width + j];
        }
        tsv << '\n';
      }
    }
  }
  std::printf("%zu training articles, %zu held out; prepared in %.1f s\n",
              examples.size(), held_out.size(), Seconds(start));

  const auto fit_start = Clock::now();
  summarizer::TrainingOptions options;
  options.listwise = absl::GetFlag(FLAGS_objective) == "listwise";
  options.temperature = absl::GetFlag(FLAGS_temperature);
  options.epochs = absl::GetFlag(FLAGS_epochs);
  options.learning_rate = absl::GetFlag(FLAGS_learning_rate);
  options.l2 = absl::GetFlag(FLAGS_l2);
  options.seed = absl::GetFlag(FLAGS_seed);
  options.lexicon_min_count = absl::GetFlag(FLAGS_lexicon_min_count);
  options.lexicon_l2 = absl::GetFlag(FLAGS_lexicon_l2);
  options.lexicon_iterations = absl::GetFlag(FLAGS_lexicon_iterations);
  options.lexicon_rate = absl::GetFlag(FLAGS_lexicon_rate);
  options.joint_rate = absl::GetFlag(FLAGS_joint_rate);
  auto model = summarizer::SentenceModel::FromWeights(
      summarizer::FitFeatures(examples, options));
  if (!model.ok()) {
    std::fprintf(stderr, "%s\n", model.status().ToString().c_str());
    return 1;
  }
  summarizer::WithWords with_words =
      summarizer::FitWords(examples, vocabulary, *model, options);
  std::printf("lexicon: %zu word forms\n", with_words.words.size());
  model->SetLexicon(absl::GetFlag(FLAGS_language), std::move(with_words.words),
                    std::move(with_words.features));
  std::printf("fitted in %.1f s\n", Seconds(fit_start));
  for (absl::string_view r :
       absl::StrSplit(absl::GetFlag(FLAGS_redundancy), ',')) {
    double redundancy = 0;
    if (!absl::SimpleAtod(r, &redundancy)) continue;
    for (absl::string_view l :
         absl::StrSplit(absl::GetFlag(FLAGS_length_penalty), ',')) {
      double length_penalty = 0;
      if (!absl::SimpleAtod(l, &length_penalty)) continue;
      Measure(held_out, *model, redundancy, length_penalty, tokenizer);
    }
  }
  const std::string out_path = absl::GetFlag(FLAGS_out);
  if (!out_path.empty()) {
    const std::vector<std::string> comment = {
        "textlens summarizer sentence model: linear weights over the "
        "features of plugins/summarizer/sentence_features.h.",
        "Learned from OrangeSum (CC BY-SA 4.0), see data/README.md.",
        absl::StrCat(
            "Made by: textlens-train-summarizer --data=",
            absl::GetFlag(FLAGS_data),
            " --objective=", absl::GetFlag(FLAGS_objective),
            " --temperature=", absl::GetFlag(FLAGS_temperature),
            " --epochs=", absl::GetFlag(FLAGS_epochs),
            " --learning_rate=", absl::GetFlag(FLAGS_learning_rate), " --l2=",
            absl::GetFlag(FLAGS_l2), " --seed=", absl::GetFlag(FLAGS_seed),
            " --language=", absl::GetFlag(FLAGS_language),
            " --lexicon_min_count=", absl::GetFlag(FLAGS_lexicon_min_count),
            " --lexicon_l2=", absl::GetFlag(FLAGS_lexicon_l2),
            " --lexicon_iterations=", absl::GetFlag(FLAGS_lexicon_iterations),
            " --lexicon_rate=", absl::GetFlag(FLAGS_lexicon_rate),
            " --joint_rate=", absl::GetFlag(FLAGS_joint_rate)),
    };
    std::ofstream out(out_path, std::ios::binary);
    out << model->Serialize(comment);
    if (!out) {
      std::fprintf(stderr, "cannot write %s\n", out_path.c_str());
      return 1;
    }
  }
  std::printf("total %.1f s\n", Seconds(start));
  return 0;
}
