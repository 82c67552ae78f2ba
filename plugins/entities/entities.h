// The entities analyzer: finds named entities (knowledge base aliases, names
// found by a trained tagger for French and English, capitalized names in
// other languages) and numeric expressions (dates, money, percentages,
// quantities) in a prepared document, groups mentions under canonical names
// and ranks entities by salience.
//
// Thread-safe after Create(): Analyze() is const and may run on many threads
// at once.
#ifndef TEXTLENS_PLUGINS_ENTITIES_ENTITIES_H_
#define TEXTLENS_PLUGINS_ENTITIES_ENTITIES_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "plugins/entities/capitalized_names.h"
#include "plugins/entities/knowledge_base.h"
#include "plugins/entities/ner_model.h"
#include "plugins/sdk/cancellation.h"
#include "textlens/plugin/v1/plugin.pb.h"
#include "textlens/v1/entities.pb.h"

namespace textlens::plugins::entities {

// The bounds of a request's own entities (EntitiesOptions.custom_entities):
// its JSON text in bytes, and what the list may hold. Reading them is
// linear: 10,000 entities of two aliases are read and matched in under
// 50 ms on one thread (bench/entities_bench).
inline constexpr size_t kMaxCustomEntitiesBytes = 4 << 20;
inline constexpr ExtraLimits kCustomEntityLimits = {
    /*entities=*/20000, /*aliases_per_entity=*/64, /*text_bytes=*/256};

class EntityAnalyzer {
 public:
  // Builds an analyzer over the knowledge base compiled into the library
  // (data/kb.json), plus a deployment's own entities `extra` (JSON, as
  // KnowledgeBase::Parse reads it; an entry with a base id replaces it).
  // INVALID_ARGUMENT if `extra` does not parse; INTERNAL if the compiled-in
  // base does not.
  static absl::StatusOr<std::unique_ptr<EntityAnalyzer>> Create(
      std::string_view extra = {});
  // Builds an analyzer over the JSON knowledge base `kb_json` (and `extra`).
  // INVALID_ARGUMENT if it does not parse (see KnowledgeBase::Parse).
  static absl::StatusOr<std::unique_ptr<EntityAnalyzer>> CreateWithKb(
      std::string_view kb_json, std::string_view extra = {});

  // A request's own entities: a JSON array of entities in the knowledge
  // base's form ({"id", "canonical", "type", "aliases", ...}).
  // INVALID_ARGUMENT naming the problem; RESOURCE_EXHAUSTED naming the
  // limit when `json` is over kMaxCustomEntitiesBytes or its list over
  // kCustomEntityLimits.
  // CANCELLED when `cancel` (may be null) stops it.
  static absl::StatusOr<std::unique_ptr<KnowledgeBase>> ParseCustomEntities(
      std::string_view json, sdk::Cancellation* cancel = nullptr);

  // Finds the entities of `doc` (its offsets are UTF-8 bytes of doc.text()).
  // The result holds the entities of the requested `options.types` (all when
  // empty), with heuristic names only if `options.include_unknown` (default
  // true), whose salience is at least `options.min_salience`; saliences are
  // renormalized to sum to 1 over what is returned, highest first.
  // INVALID_ARGUMENT if a token's span lies outside the text or a sentence
  // runs past the tokens.
  // Entities of `custom` (from ParseCustomEntities; may be null) are matched
  // first and win over the knowledge base's. CANCELLED when `cancel` (may be
  // null) stops the work: it is asked at each sentence the tagger reads and
  // between the stages (tagging, matching, patterns, names, ranking).
  absl::StatusOr<textlens::v1::Entities> Analyze(
      const textlens::plugin::v1::PreparedDocument& doc,
      const textlens::v1::EntitiesOptions& options,
      const KnowledgeBase* custom = nullptr,
      sdk::Cancellation* cancel = nullptr) const;

  const KnowledgeBase& knowledge_base() const { return *kb_; }

 private:
  EntityAnalyzer(std::unique_ptr<KnowledgeBase> kb,
                 std::map<std::string, NerModel> taggers)
      : kb_(std::move(kb)), taggers_(std::move(taggers)) {}

  // The names the tagger of each sentence's language finds; marks in
  // `*untagged` the sentences in a language without a tagger. Stops early
  // (with what it found) when `cancel` (may be null) says so.
  std::vector<NameMatch> TagNames(
      const textlens::plugin::v1::PreparedDocument& doc,
      std::vector<bool>* untagged, sdk::Cancellation* cancel) const;

  std::unique_ptr<KnowledgeBase> kb_;
  // By language ("fr", "en").
  std::map<std::string, NerModel> taggers_;
};

}  // namespace textlens::plugins::entities

#endif  // TEXTLENS_PLUGINS_ENTITIES_ENTITIES_H_
