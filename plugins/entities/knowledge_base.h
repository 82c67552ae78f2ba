// The knowledge base of the AI ecosystem (organizations, models, people,
// places, licenses, events, benchmarks) and the word lists the name
// heuristic uses, parsed once from JSON (data/kb.json).
//
// Thread-safe after Parse(): every method is const and reads immutable data.
#ifndef TEXTLENS_PLUGINS_ENTITIES_KNOWLEDGE_BASE_H_
#define TEXTLENS_PLUGINS_ENTITIES_KNOWLEDGE_BASE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "plugins/sdk/absl_view.h"
#include "plugins/sdk/cancellation.h"
#include "textlens/v1/entities.pb.h"

namespace textlens::plugins::entities {

// One entity of the knowledge base.
struct KbEntry {
  std::string id;
  std::string canonical;
  textlens::v1::EntityType type = textlens::v1::ENTITY_TYPE_UNSPECIFIED;
  textlens::v1::Openness openness = textlens::v1::OPENNESS_UNSPECIFIED;
  std::string owner;  // canonical name of the organization behind a product
  // Lowercased words that speak for (or, when `anti_cues`, against) the
  // entity near one of its ambiguous aliases.
  absl::flat_hash_set<std::string> cues;
  bool anti_cues = false;
  // Whether only cues (not the general AI vocabulary around) can confirm an
  // ambiguous alias: "X" or "MIT" are too common for the domain to decide.
  bool strict_cues = false;
};

// An alias pointing at an entry. The targets of one key are in entry order.
struct AliasTarget {
  int entry = 0;
  // A common word or a name shared with something else ("Meta", "MIT", "X"):
  // accepted only with evidence from the context.
  bool ambiguous = false;
};

// Bounds on the entities of `extra` (a request's own), checked once the
// JSON is read and before any entity is indexed; 0: no bound.
struct ExtraLimits {
  // Entities in the list.
  size_t entities = 0;
  // Aliases of one entity, and so its cue words and ambiguous aliases.
  size_t aliases_per_entity = 0;
  // Bytes of each string of an entity (id, canonical name, owner, alias,
  // cue).
  size_t text_bytes = 0;
};

class KnowledgeBase {
 public:
  // Parses the JSON knowledge base. INVALID_ARGUMENT names the first problem
  // (bad JSON, missing field, unknown type or openness, duplicate id).
  // With `extra` (a JSON array of entities, or an object holding one under
  // "entities"), its entities are added; one with an id the base has
  // replaces the base's. RESOURCE_EXHAUSTED when `extra` is over one of
  // `limits`, naming it ("20001 entities; the limit is 20000 (entities)").
  // CANCELLED when `cancel` (may be null) stops the reading: it is asked at
  // each entity.
  static absl::StatusOr<std::unique_ptr<KnowledgeBase>> Parse(
      std::string_view json, std::string_view extra = {},
      const ExtraLimits& limits = {}, sdk::Cancellation* cancel = nullptr);

  const KbEntry& entry(int index) const { return entries_[index]; }
  int size() const { return static_cast<int>(entries_.size()); }

  // Entries whose alias has NameKey(alias, false) == `key` (case-sensitive
  // aliases and every other alias), or nullptr.
  const std::vector<AliasTarget>* FindCased(const std::string& key) const;
  // Entries whose case-insensitive alias has NameKey(alias, true) == `key`,
  // or nullptr.
  const std::vector<AliasTarget>* FindFolded(const std::string& key) const;
  // The longest alias key, in bytes: matching can stop beyond it.
  size_t max_key_bytes() const { return max_key_bytes_; }
  // Whether some key of FindCased / FindFolded starts with `prefix`:
  // matching stops extending a run of words once neither does. The
  // prefixes are kept as 64-bit hashes (linear to build in an alias's
  // length): a collision only costs the matcher one exact lookup more.
  bool IsCasedPrefix(std::string_view prefix) const {
    return cased_prefixes_.contains(PrefixHash(prefix));
  }
  bool IsFoldedPrefix(std::string_view prefix) const {
    return folded_prefixes_.contains(PrefixHash(prefix));
  }

  // Word lists; "lower" arguments are Token.lower forms, others exact text.
  bool IsDomainCue(std::string_view lower) const {
    return domain_cues_.contains(sdk::AbslView(lower));
  }
  bool IsNotName(std::string_view text) const {
    return not_names_.contains(sdk::AbslView(text));
  }
  bool IsBoilerplate(std::string_view lower) const {
    return boilerplate_.contains(sdk::AbslView(lower));
  }
  bool IsPersonTitle(std::string_view text) const {
    return person_titles_.contains(sdk::AbslView(text));
  }
  bool IsOrgSuffix(std::string_view text) const {
    return org_suffixes_.contains(sdk::AbslView(text));
  }
  bool IsOrgHead(std::string_view folded) const {
    return org_heads_.contains(sdk::AbslView(folded));
  }
  bool IsLocationHead(std::string_view text) const {
    return location_heads_.contains(sdk::AbslView(text));
  }
  bool IsLocationSuffix(std::string_view text) const {
    return location_suffixes_.contains(sdk::AbslView(text));
  }
  bool IsLocationPreposition(std::string_view lower) const {
    return location_preps_.contains(sdk::AbslView(lower));
  }
  bool IsFirstName(std::string_view text) const {
    return first_names_.contains(sdk::AbslView(text));
  }

 private:
  KnowledgeBase() = default;

  // FNV-1a over `text`, one byte at a time: the hash of each prefix of a
  // key is a step of the key's own.
  static constexpr uint64_t kPrefixSeed = 14695981039346656037ull;
  static uint64_t PrefixStep(uint64_t hash, char c) {
    return (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  }
  static uint64_t PrefixHash(std::string_view text) {
    uint64_t hash = kPrefixSeed;
    for (char c : text) hash = PrefixStep(hash, c);
    return hash;
  }
  // Adds the hash of every prefix of `key` to `prefixes`.
  static void AddPrefixes(std::string_view key,
                          absl::flat_hash_set<uint64_t>* prefixes);

  std::vector<KbEntry> entries_;
  absl::flat_hash_map<std::string, std::vector<AliasTarget>> cased_;
  absl::flat_hash_map<std::string, std::vector<AliasTarget>> folded_;
  size_t max_key_bytes_ = 0;
  absl::flat_hash_set<uint64_t> cased_prefixes_, folded_prefixes_;
  absl::flat_hash_set<std::string> domain_cues_, not_names_, boilerplate_,
      person_titles_, org_suffixes_, org_heads_, location_heads_,
      location_suffixes_, location_preps_, first_names_;
};

}  // namespace textlens::plugins::entities

#endif  // TEXTLENS_PLUGINS_ENTITIES_KNOWLEDGE_BASE_H_
