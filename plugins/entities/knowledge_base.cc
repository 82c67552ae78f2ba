#include "plugins/entities/knowledge_base.h"

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "plugins/entities/text_keys.h"

namespace textlens::plugins::entities {
namespace {

using json = nlohmann::json;

// nlohmann's DOM builder asking `cancel` (may be null) at every value, so
// that reading a large JSON text stops soon once the call is cancelled.
class CancellableDomBuilder {
 public:
  CancellableDomBuilder(json* root, sdk::Cancellation* cancel)
      : dom_(*root, /*allow_exceptions_=*/false), cancel_(cancel) {}

  bool null() { return Go() && dom_.null(); }
  bool boolean(bool value) { return Go() && dom_.boolean(value); }
  bool number_integer(json::number_integer_t value) {
    return Go() && dom_.number_integer(value);
  }
  bool number_unsigned(json::number_unsigned_t value) {
    return Go() && dom_.number_unsigned(value);
  }
  bool number_float(json::number_float_t value, const std::string& text) {
    return Go() && dom_.number_float(value, text);
  }
  bool string(std::string& value) { return Go() && dom_.string(value); }
  bool binary(json::binary_t& value) { return Go() && dom_.binary(value); }
  bool start_object(std::size_t size) {
    return Go() && dom_.start_object(size);
  }
  bool key(std::string& value) { return Go() && dom_.key(value); }
  bool end_object() { return dom_.end_object(); }
  bool start_array(std::size_t size) { return Go() && dom_.start_array(size); }
  bool end_array() { return dom_.end_array(); }
  template <typename Exception>
  bool parse_error(std::size_t position, const std::string& token,
                   const Exception& error) {
    return dom_.parse_error(position, token, error);
  }

 private:
  bool Go() { return cancel_ == nullptr || !cancel_->Step(); }

  nlohmann::detail::json_sax_dom_parser<json> dom_;
  sdk::Cancellation* cancel_;
};

// `text` as JSON; a discarded value when it is not JSON. CANCELLED when
// `cancel` (may be null) stops the reading.
absl::StatusOr<json> ParseJson(std::string_view text,
                               sdk::Cancellation* cancel) {
  json value;
  CancellableDomBuilder builder(&value, cancel);
  const bool parsed = json::sax_parse(text.begin(), text.end(), &builder);
  if (cancel != nullptr && cancel->stopped()) {
    return absl::CancelledError("cancelled while reading the JSON");
  }
  if (!parsed) return json(json::value_t::discarded);
  return value;
}

// Number of letters/digits in a key (UTF-8 continuation bytes not counted).
size_t KeyLength(const std::string& key) {
  size_t count = 0;
  for (char c : key) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

absl::Status ReadWords(const json& root, const char* field, bool fold,
                       absl::flat_hash_set<std::string>* out) {
  if (!root.contains(field)) return absl::OkStatus();
  const json& list = root.at(field);
  if (!list.is_array()) {
    return absl::InvalidArgumentError(
        absl::StrCat("kb: '", field, "' is not an array"));
  }
  for (const json& item : list) {
    if (!item.is_string()) {
      return absl::InvalidArgumentError(
          absl::StrCat("kb: '", field, "' holds a non-string"));
    }
    const std::string word = item.get<std::string>();
    out->insert(fold ? NameKey(word, true) : word);
  }
  return absl::OkStatus();
}

// Adds `target` unless its entry is already there ("Nvidia" and "NVIDIA"
// share a folded key); an unambiguous alias wins over an ambiguous one.
// Entries are added in index order, each with all its aliases at once, so
// an entry already there is the last one: constant time, however many
// entries share the key.
void AddTarget(std::vector<AliasTarget>* targets, AliasTarget target) {
  if (!targets->empty() && targets->back().entry == target.entry) {
    targets->back().ambiguous = targets->back().ambiguous && target.ambiguous;
    return;
  }
  targets->push_back(target);
}

// "<what>; the limit is <limit> (<limit_name>)".
absl::Status OverLimit(absl::string_view what, size_t limit,
                       absl::string_view limit_name) {
  return absl::ResourceExhaustedError(
      absl::StrCat(what, "; the limit is ", limit, " (", limit_name, ")"));
}

// RESOURCE_EXHAUSTED when the entities of `list` are over `limits`.
absl::Status CheckLimits(const json& list, const ExtraLimits& limits) {
  if (limits.entities != 0 && list.size() > limits.entities) {
    return OverLimit(absl::StrCat(list.size(), " entities"), limits.entities,
                     "entities");
  }
  const auto too_long = [&](const json& value) {
    return limits.text_bytes != 0 && value.is_string() &&
           value.get_ref<const std::string&>().size() > limits.text_bytes;
  };
  for (size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_object()) continue;  // refused when read
    for (const auto& [key, value] : list[i].items()) {
      const std::string where = absl::StrCat("entity #", i, ", '", key, "'");
      if (value.is_array() && limits.aliases_per_entity != 0 &&
          value.size() > limits.aliases_per_entity) {
        return OverLimit(absl::StrCat(where, ": ", value.size(), " values"),
                         limits.aliases_per_entity, "aliases_per_entity");
      }
      const json* longest = too_long(value) ? &value : nullptr;
      for (size_t k = 0; value.is_array() && k < value.size() && !longest;
           ++k) {
        if (too_long(value[k])) longest = &value[k];
      }
      if (longest != nullptr) {
        return OverLimit(
            absl::StrCat(where, ": a value of ",
                         longest->get_ref<const std::string&>().size(),
                         " bytes"),
            limits.text_bytes, "text_bytes");
      }
    }
  }
  return absl::OkStatus();
}

// The entities of `extra` (a JSON array, or an object with an "entities"
// array) added to `root`'s; one with an id already there replaces it and
// takes its place at the end. Linear: ids are looked up in an index.
absl::Status MergeExtra(std::string_view extra, const ExtraLimits& limits,
                        sdk::Cancellation* cancel, json* root) {
  absl::StatusOr<json> parsed = ParseJson(extra, cancel);
  if (!parsed.ok()) return parsed.status();
  json added = *std::move(parsed);
  if (added.is_object() && added.contains("entities")) {
    added = std::move(added.at("entities"));
  }
  if (added.is_discarded() || !added.is_array()) {
    return absl::InvalidArgumentError(
        "extra entities: not a JSON array of entities (nor an object with "
        "an 'entities' array)");
  }
  if (absl::Status within = CheckLimits(added, limits); !within.ok()) {
    return within;
  }
  if (!root->contains("entities") || !root->at("entities").is_array()) {
    (*root)["entities"] = json::array();
  }
  json& entities = (*root)["entities"];
  // Where each id's entity is (the first one, as a scan from the start
  // would find it); replaced entities are left null and dropped at the end.
  absl::flat_hash_map<std::string, size_t> position;
  const auto id_of = [](const json& item) -> const std::string* {
    if (!item.is_object()) return nullptr;
    const auto id = item.find("id");
    return id != item.end() && id->is_string()
               ? id->get_ptr<const std::string*>()
               : nullptr;
  };
  for (size_t i = 0; i < entities.size(); ++i) {
    if (const std::string* id = id_of(entities[i])) position.emplace(*id, i);
  }
  bool replaced = false;
  for (json& item : added) {
    if (const std::string* id = id_of(item)) {
      const auto [it, inserted] = position.try_emplace(*id, entities.size());
      if (!inserted) {
        entities[it->second] = nullptr;
        it->second = entities.size();
        replaced = true;
      }
    }
    entities.push_back(std::move(item));
  }
  if (replaced) {
    json kept = json::array();
    for (json& item : entities) {
      if (!item.is_null()) kept.push_back(std::move(item));
    }
    entities = std::move(kept);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<KnowledgeBase>> KnowledgeBase::Parse(
    std::string_view text, std::string_view extra, const ExtraLimits& limits,
    sdk::Cancellation* cancel) {
  json root = json::parse(text.begin(), text.end(), nullptr,
                          /*allow_exceptions=*/false);
  if (root.is_discarded() || !root.is_object()) {
    return absl::InvalidArgumentError("kb: not a JSON object");
  }
  if (!extra.empty()) {
    if (absl::Status merged = MergeExtra(extra, limits, cancel, &root);
        !merged.ok()) {
      return merged;
    }
  }
  std::unique_ptr<KnowledgeBase> kb(new KnowledgeBase());
  struct List {
    const char* field;
    bool fold;
    absl::flat_hash_set<std::string>* out;
  };
  // Cues and prepositions are compared with Token.lower; org heads with
  // folded keys (headings may be all caps); the rest as written.
  const List lists[] = {
      {"domain_cues", false, &kb->domain_cues_},
      {"not_names", false, &kb->not_names_},
      {"boilerplate", false, &kb->boilerplate_},
      {"person_titles", false, &kb->person_titles_},
      {"org_suffixes", false, &kb->org_suffixes_},
      {"org_heads", true, &kb->org_heads_},
      {"location_heads", false, &kb->location_heads_},
      {"location_suffixes", false, &kb->location_suffixes_},
      {"location_preps_fr", false, &kb->location_preps_},
      {"location_preps_en", false, &kb->location_preps_},
      {"first_names", false, &kb->first_names_},
  };
  for (const List& list : lists) {
    if (absl::Status s = ReadWords(root, list.field, list.fold, list.out);
        !s.ok()) {
      return s;
    }
  }
  if (!root.contains("entities") || !root.at("entities").is_array()) {
    return absl::InvalidArgumentError("kb: 'entities' array missing");
  }
  const json& entities = root.at("entities");
  // Room for every key and prefix at once (about 2 aliases an entity, 16
  // bytes an alias): no rehashing while a large list is read.
  kb->cased_.reserve(entities.size() * 2);
  kb->folded_.reserve(entities.size() * 2);
  kb->cased_prefixes_.reserve(entities.size() * 32);
  kb->folded_prefixes_.reserve(entities.size() * 32);
  kb->entries_.reserve(entities.size());
  absl::flat_hash_set<std::string> ids;
  ids.reserve(entities.size());
  for (const json& item : entities) {
    if (cancel != nullptr && cancel->Step()) {
      return absl::CancelledError(absl::StrCat(
          "cancelled after reading ", kb->entries_.size(), " entities"));
    }
    KbEntry entry;
    if (!item.is_object() || !item.contains("id") ||
        !item.contains("canonical") || !item.contains("type") ||
        !item.contains("aliases") || !item.at("id").is_string() ||
        !item.at("canonical").is_string() || !item.at("type").is_string() ||
        !item.at("aliases").is_array()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "kb: entity #", kb->entries_.size(),
          " needs string id, canonical, type and an aliases array"));
    }
    entry.id = item.at("id").get<std::string>();
    entry.canonical = item.at("canonical").get<std::string>();
    if (!ids.insert(entry.id).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("kb: duplicate id '", entry.id, "'"));
    }
    if (!textlens::v1::EntityType_Parse(
            "ENTITY_TYPE_" + item.at("type").get<std::string>(), &entry.type) ||
        entry.type == textlens::v1::ENTITY_TYPE_UNSPECIFIED) {
      return absl::InvalidArgumentError(
          absl::StrCat("kb: '", entry.id, "' has an unknown type"));
    }
    if (item.contains("openness")) {
      if (!item.at("openness").is_string() ||
          !textlens::v1::Openness_Parse(
              "OPENNESS_" + item.at("openness").get<std::string>(),
              &entry.openness)) {
        return absl::InvalidArgumentError(
            absl::StrCat("kb: '", entry.id, "' has an unknown openness"));
      }
    }
    if (item.contains("owner") && item.at("owner").is_string()) {
      entry.owner = item.at("owner").get<std::string>();
    }
    for (const auto& [field, flag] :
         {std::pair{"anti_cues", &entry.anti_cues},
          std::pair{"strict_cues", &entry.strict_cues}}) {
      if (!item.contains(field)) continue;
      if (!item.at(field).is_boolean()) {
        return absl::InvalidArgumentError(
            absl::StrCat("kb: '", entry.id, "': '", field, "' not a bool"));
      }
      *flag = item.at(field).get<bool>();
    }
    absl::flat_hash_set<std::string> ambiguous;
    for (const char* field : {"cues", "ambiguous"}) {
      if (!item.contains(field)) continue;
      if (!item.at(field).is_array()) {
        return absl::InvalidArgumentError(
            absl::StrCat("kb: '", entry.id, "': '", field, "' not an array"));
      }
      for (const json& word : item.at(field)) {
        if (!word.is_string()) continue;
        (field[0] == 'c' ? entry.cues : ambiguous)
            .insert(word.get<std::string>());
      }
    }
    const int index = static_cast<int>(kb->entries_.size());
    for (const json& alias_json : item.at("aliases")) {
      if (!alias_json.is_string()) {
        return absl::InvalidArgumentError(
            absl::StrCat("kb: '", entry.id, "' has a non-string alias"));
      }
      const std::string alias = alias_json.get<std::string>();
      const bool is_ambiguous = ambiguous.count(alias) > 0;
      const std::string cased = NameKey(alias, false);
      const std::string folded = NameKey(alias, true);
      if (cased.empty()) continue;
      // Short aliases, acronyms, ambiguous words and one-word names of
      // people and places match only as written ("o1", "MIT", "Chine" but
      // not "chine"); longer product and organization names tolerate case.
      const bool one_word = alias.find(' ') == std::string::npos;
      const bool case_sensitive =
          is_ambiguous || KeyLength(folded) < 5 || IsAllCaps(alias) ||
          (one_word && (entry.type == textlens::v1::ENTITY_TYPE_PERSON ||
                        entry.type == textlens::v1::ENTITY_TYPE_LOCATION));
      AddTarget(&kb->cased_[cased], {index, is_ambiguous});
      if (!case_sensitive) AddTarget(&kb->folded_[folded], {index, false});
      AddPrefixes(cased, &kb->cased_prefixes_);
      if (!case_sensitive) AddPrefixes(folded, &kb->folded_prefixes_);
      kb->max_key_bytes_ = std::max(kb->max_key_bytes_, cased.size());
    }
    kb->entries_.push_back(std::move(entry));
  }
  return kb;
}

void KnowledgeBase::AddPrefixes(std::string_view key,
                                absl::flat_hash_set<uint64_t>* prefixes) {
  uint64_t hash = kPrefixSeed;
  for (char c : key) {
    hash = PrefixStep(hash, c);
    prefixes->insert(hash);
  }
}

const std::vector<AliasTarget>* KnowledgeBase::FindCased(
    const std::string& key) const {
  auto it = cased_.find(key);
  return it == cased_.end() ? nullptr : &it->second;
}

const std::vector<AliasTarget>* KnowledgeBase::FindFolded(
    const std::string& key) const {
  auto it = folded_.find(key);
  return it == folded_.end() ? nullptr : &it->second;
}

}  // namespace textlens::plugins::entities
