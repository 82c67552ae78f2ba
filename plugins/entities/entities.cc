#include "plugins/entities/entities.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "plugins/entities/capitalized_names.h"
#include "plugins/entities/kb_matcher.h"
#include "plugins/entities/patterns.h"
#include "plugins/entities/text_keys.h"
#include "plugins/sdk/tokens.h"

namespace textlens::embedded {
std::string_view EntitiesKb();
std::string_view NerModelFr();
std::string_view NerModelEn();
}  // namespace textlens::embedded

namespace textlens::plugins::entities {
namespace {

using textlens::sdk::Tokens;

using textlens::plugin::v1::PreparedDocument;
using textlens::v1::Entities;
using textlens::v1::EntitiesOptions;
using textlens::v1::Entity;
using textlens::v1::EntityType;
using textlens::v1::MentionSource;

// The confidence of the tagger's names (its greedy decoding gives no
// calibrated probability).
constexpr double kTaggerConfidence = 0.8;
// The score margin a single mid-sentence word needs to be a name.
constexpr float kMinLoneWordMargin = 3.0f;

// A mention before grouping.
struct Mention {
  int first_token = 0;
  int last_token = 0;
  MentionSource source = textlens::v1::MENTION_SOURCE_UNSPECIFIED;
  double confidence = 0;
  int trim_end = 0;  // bytes of the last token left out ("'s")
};

// An entity being built.
struct Group {
  Entity entity;
  std::vector<Mention> mentions;
};

// "RADIO SISKO FM" -> "Radio Sisko FM": words longer than three letters get
// lowercase after their first letter (ASCII and Latin-1).
std::string TitleCase(std::string_view text) {
  std::string out;
  size_t word_start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != ' ') continue;
    std::string word(text.substr(word_start, i - word_start));
    if (word.size() > 3) {
      size_t k = (static_cast<unsigned char>(word[0]) >= 0xC0) ? 2 : 1;
      for (; k < word.size(); ++k) {
        unsigned char c = static_cast<unsigned char>(word[k]);
        if (c >= 'A' && c <= 'Z') {
          word[k] = static_cast<char>(c - 'A' + 'a');
        } else if (c == 0xC3 && k + 1 < word.size()) {
          unsigned char next = static_cast<unsigned char>(word[k + 1]);
          if (next >= 0x80 && next <= 0x9E && next != 0x97) {
            word[k + 1] = static_cast<char>(next + 0x20);
          }
          ++k;
        }
      }
    }
    if (!out.empty()) out.push_back(' ');
    out += word;
    word_start = i + 1;
  }
  return out;
}

// A word capitalized like a common word at the start of a sentence
// ("Strategy"), not an acronym ("KPX") or a camel-cased name ("DevOps").
bool InitialCapitalOnly(std::string_view word) {
  if (IsAllCaps(word)) return false;
  for (size_t i = 1; i < word.size(); ++i) {
    if ((word[i] >= 'A' && word[i] <= 'Z') ||
        (word[i] >= '0' && word[i] <= '9')) {
      return false;
    }
  }
  return true;
}

// A MISC name found once, of one plain capitalized word ("Strategy" in a
// title-case phrase), is more often noise than a name; acronyms and words
// with inner capitals or digits ("DevOps", "CBRN-4") are kept.
bool IsLoneCommonWord(const Group& group, const PreparedDocument& doc) {
  if (group.entity.type() != textlens::v1::ENTITY_TYPE_MISC ||
      group.mentions.size() != 1 ||
      group.mentions[0].source == textlens::v1::MENTION_SOURCE_KNOWLEDGE_BASE ||
      group.mentions[0].source == textlens::v1::MENTION_SOURCE_PATTERN ||
      group.mentions[0].first_token != group.mentions[0].last_token) {
    return false;
  }
  const auto& token = Tokens(doc)[group.mentions[0].first_token];
  const std::string_view word =
      std::string_view(doc.text())
          .substr(token.begin(), token.end() - token.begin());
  return InitialCapitalOnly(word);
}

// A heuristic name typed by a cue (a title, a first name, an
// organization suffix or head, a place head, a model-like name) rather than
// by default.
constexpr double kCuedConfidence = 0.5;

// For each of `tokens` tokens, the index in `names` of the first name with
// `keep(name)` that covers it, or -1. Linear in the tokens the names cover
// (once each for names that do not overlap).
template <typename Keep>
std::vector<int> CoveringName(const std::vector<NameMatch>& names,
                              size_t tokens, Keep keep) {
  std::vector<int> covering(tokens, -1);
  for (int n = static_cast<int>(names.size()) - 1; n >= 0; --n) {
    if (!keep(names[n])) continue;
    for (int t = names[n].first_token; t <= names[n].last_token; ++t) {
      covering[t] = n;
    }
  }
  return covering;
}

// The names kept: in sentences with a tagger, its names over unclaimed
// tokens, typed by the heuristic's cue where it has one for the same words
// and replaced by a longer cued heuristic name that contains them ("Zorvex
// Labs" over "Zorvex"); names made only of boilerplate words ("ÉCRIT PAR")
// are dropped. In sentences without a tagger, the heuristic's names.
std::vector<NameMatch> MergeNames(const PreparedDocument& doc,
                                  const KnowledgeBase& kb,
                                  const std::vector<NameMatch>& tagged,
                                  const std::vector<bool>& untagged,
                                  const std::vector<NameMatch>& heuristic,
                                  const std::vector<bool>& claimed) {
  std::vector<NameMatch> out;
  std::vector<bool> taken(claimed.size(), false);
  const auto sentence_of = [&](const NameMatch& name) {
    return Tokens(doc)[name.first_token].sentence();
  };
  // The heuristic's names do not overlap, so the one cued name that can
  // hold a tagged name is the one covering its first token.
  const std::vector<int> cued_at = CoveringName(
      heuristic, claimed.size(),
      [](const NameMatch& name) { return name.confidence >= kCuedConfidence; });
  for (const NameMatch& name : heuristic) {
    if (untagged[sentence_of(name)]) out.push_back(name);
  }
  for (NameMatch name : tagged) {
    bool free = true, boilerplate = true;
    for (int t = name.first_token; t <= name.last_token; ++t) {
      free = free && !claimed[t] && !taken[t];
      const auto& token = Tokens(doc)[t];
      const std::string word =
          doc.text().substr(token.begin(), token.end() - token.begin());
      boilerplate = boilerplate &&
                    (kb.IsBoilerplate(token.lower()) || kb.IsNotName(word) ||
                     token.kind() != textlens::plugin::v1::TOKEN_KIND_WORD);
    }
    if (!free || boilerplate) continue;
    if (const int c = cued_at[name.first_token];
        c >= 0 && heuristic[c].last_token >= name.last_token) {
      const NameMatch& cued = heuristic[c];
      // Same words: the cue types them; a longer cued name replaces them.
      name.type = cued.type;
      if (cued.first_token != name.first_token ||
          cued.last_token != name.last_token) {
        name = cued;
      }
    }
    // "Paul Weller & the Jam": a group, not a person.
    if (name.type == textlens::v1::ENTITY_TYPE_PERSON) {
      for (int t = name.first_token; t <= name.last_token; ++t) {
        if (Tokens(doc)[t].lower() == "&")
          name.type = textlens::v1::ENTITY_TYPE_MISC;
      }
    }
    bool overlaps = false;
    for (int t = name.first_token; t <= name.last_token; ++t) {
      overlaps = overlaps || taken[t];
    }
    if (overlaps) continue;  // a longer cued name reaching a kept one
    for (int t = name.first_token; t <= name.last_token; ++t) taken[t] = true;
    out.push_back(name);
  }
  return out;
}

}  // namespace

absl::StatusOr<std::unique_ptr<EntityAnalyzer>> EntityAnalyzer::Create(
    std::string_view extra) {
  auto analyzer = CreateWithKb(textlens::embedded::EntitiesKb(), extra);
  if (analyzer.ok() ||
      analyzer.status().code() != absl::StatusCode::kInvalidArgument) {
    return analyzer;
  }
  // The base is parsed once; only a failure asks whether it was the base's
  // (INTERNAL: the library is broken) or `extra`'s.
  if (auto base = KnowledgeBase::Parse(textlens::embedded::EntitiesKb());
      !base.ok()) {
    return absl::InternalError(
        absl::StrCat("embedded knowledge base: ", base.status().message()));
  }
  return analyzer;
}

absl::StatusOr<std::unique_ptr<KnowledgeBase>>
EntityAnalyzer::ParseCustomEntities(std::string_view json,
                                    sdk::Cancellation* cancel) {
  if (json.size() > kMaxCustomEntitiesBytes) {
    return absl::ResourceExhaustedError(
        absl::StrCat(json.size(), " bytes; the limit is ",
                     kMaxCustomEntitiesBytes, " (max_bytes)"));
  }
  return KnowledgeBase::Parse(R"({"entities": []})", json, kCustomEntityLimits,
                              cancel);
}

absl::StatusOr<std::unique_ptr<EntityAnalyzer>> EntityAnalyzer::CreateWithKb(
    std::string_view kb_json, std::string_view extra) {
  auto kb = KnowledgeBase::Parse(kb_json, extra);
  if (!kb.ok()) return kb.status();
  std::map<std::string, NerModel> taggers;
  for (const auto& [language, bytes] :
       {std::pair{"fr", textlens::embedded::NerModelFr()},
        std::pair{"en", textlens::embedded::NerModelEn()}}) {
    auto model = NerModel::Parse(bytes);
    if (!model.ok()) {
      return absl::InternalError(absl::StrCat(
          "embedded ", language, " tagger: ", model.status().message()));
    }
    taggers.emplace(language, *std::move(model));
  }
  return std::unique_ptr<EntityAnalyzer>(
      new EntityAnalyzer(std::move(*kb), std::move(taggers)));
}

std::vector<NameMatch> EntityAnalyzer::TagNames(
    const PreparedDocument& doc, std::vector<bool>* untagged,
    sdk::Cancellation* cancel) const {
  std::vector<NameMatch> names;
  untagged->assign(doc.sentences_size(), false);
  for (int s = 0; s < doc.sentences_size(); ++s) {
    if (cancel != nullptr && cancel->Step()) break;
    const auto& sentence = doc.sentences(s);
    const std::string& language =
        sentence.language().empty() ? doc.language() : sentence.language();
    const auto tagger = taggers_.find(language);
    if (tagger == taggers_.end()) {
      (*untagged)[s] = true;
      continue;
    }
    const int first = static_cast<int>(sentence.first_token());
    const int count = static_cast<int>(sentence.token_count());
    std::vector<std::string_view> words;
    words.reserve(count);
    for (int t = first; t < first + count; ++t) {
      const auto& token = Tokens(doc)[t];
      std::string_view word =
          std::string_view(doc.text())
              .substr(token.begin(), token.end() - token.begin());
      // The tagger learned "Marlowe" and "'s" apart.
      for (const std::string_view possessive : {"'s", "\xE2\x80\x99s"}) {
        if (word.size() > possessive.size() + 1 &&
            word.substr(word.size() - possessive.size()) == possessive) {
          word.remove_suffix(possessive.size());
        }
      }
      words.push_back(word);
    }
    std::vector<float> margins;
    const std::vector<NerLabel> labels = tagger->second.Tag(words, &margins);
    for (int i = 0; i < count; ++i) {
      if (labels[i] == kNerO || labels[i] % 2 == 0) continue;  // not B-X
      int end = i;
      while (end + 1 < count && labels[end + 1] == labels[i] + 1) ++end;
      static constexpr EntityType kTypes[] = {
          textlens::v1::ENTITY_TYPE_PERSON,
          textlens::v1::ENTITY_TYPE_ORGANIZATION,
          textlens::v1::ENTITY_TYPE_LOCATION, textlens::v1::ENTITY_TYPE_MISC};
      const EntityType type = kTypes[(labels[i] - 1) / 2];
      // A name has a capital or a digit somewhere ("fermée" is not one).
      bool marked = false;
      for (int t = first + i; t <= first + end; ++t) {
        const auto& token = Tokens(doc)[t];
        marked =
            marked || token.capitalized() ||
            std::any_of(
                words[t - first].begin(), words[t - first].end(), [](char c) {
                  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
                });
      }
      if (!marked) {
        i = end;
        continue;
      }
      // A lone word the tagger barely prefers to O, in mid-sentence, is
      // most often a capitalized common word ("its Strategy").
      if (end == i && i > 0 && type != textlens::v1::ENTITY_TYPE_PERSON &&
          margins[i] < kMinLoneWordMargin && InitialCapitalOnly(words[i])) {
        continue;
      }
      names.push_back({first + i, first + end, type, kTaggerConfidence,
                       textlens::v1::MENTION_SOURCE_MODEL});
      i = end;
    }
  }
  return names;
}

absl::StatusOr<Entities> EntityAnalyzer::Analyze(
    const PreparedDocument& doc, const EntitiesOptions& options,
    const KnowledgeBase* custom, sdk::Cancellation* cancel) const {
  // Between two stages (and at each sentence the tagger reads): whether the
  // call is still wanted.
  const auto stopped = [cancel] { return cancel != nullptr && cancel->Now(); };
  const auto cancelled = [](const char* stage) {
    return absl::CancelledError(absl::StrCat("cancelled while ", stage));
  };
  const std::string& text = doc.text();
  for (const auto& token : Tokens(doc)) {
    if (token.begin() > token.end() || token.end() > text.size() ||
        token.sentence() >= static_cast<uint32_t>(doc.sentences_size())) {
      return absl::InvalidArgumentError(
          absl::StrCat("token [", token.begin(), ", ", token.end(),
                       ") lies outside the text or its sentences"));
    }
  }
  for (const auto& sentence : doc.sentences()) {
    if (static_cast<uint64_t>(sentence.first_token()) + sentence.token_count() >
        static_cast<uint64_t>(Tokens(doc).size())) {
      return absl::InvalidArgumentError(absl::StrCat(
          "sentence at byte ", sentence.begin(), " runs past the tokens"));
    }
  }
  const int size = Tokens(doc).size();
  std::vector<bool> claimed(size, false);
  const auto claim = [&](int first, int last) {
    for (int i = first; i <= last; ++i) claimed[i] = true;
  };
  const auto span_text = [&](int first, int last) {
    const uint32_t begin = Tokens(doc)[first].begin();
    return text.substr(begin, Tokens(doc)[last].end() - begin);
  };

  // Keyed groups, in order of first appearance.
  std::map<std::string, int> index;
  std::vector<Group> groups;
  const auto group_for = [&](const std::string& key) -> Group* {
    auto [it, inserted] = index.emplace(key, static_cast<int>(groups.size()));
    if (inserted) groups.emplace_back();
    return &groups[it->second];
  };
  // People's groups by the last word of their name: "Wenfeng" finds
  // "Liang Wenfeng" (the first such group).
  absl::flat_hash_map<std::string, int> by_last_word;
  const auto set_last_word = [&](const Group* group, std::string word) {
    by_last_word.emplace(std::move(word),
                         static_cast<int>(group - groups.data()));
  };

  // The tagger reads whole names: "Atlético Madrid" is a club even though
  // the knowledge base knows "Madrid"; a knowledge-base match strictly
  // inside a longer tagged name gives way to it.
  std::vector<bool> untagged;
  const std::vector<NameMatch> tagged = TagNames(doc, &untagged, cancel);
  if (stopped()) return cancelled("tagging names");
  // A name of capitalized words, numbers and connectors ("Boone and
  // Crockett Club"), not a run across lowercase words.
  const auto proper = [&](const NameMatch& name) {
    for (int t = name.first_token; t <= name.last_token; ++t) {
      const auto& token = Tokens(doc)[t];
      const bool connector = token.lower() == "and" || token.lower() == "of" ||
                             token.lower() == "de" || token.lower() == "et" ||
                             token.lower() == "&";
      // Numbers may be claimed by a pattern ("Paris 2024"), which would
      // leave neither name.
      if ((!token.capitalized() && !connector) ||
          token.kind() != textlens::plugin::v1::TOKEN_KIND_WORD) {
        return false;
      }
    }
    return true;
  };
  const bool names_returned =
      !options.has_include_unknown() || options.include_unknown();
  // The tagger's names do not overlap: the one that can hold a match is
  // the one covering its first token.
  const std::vector<int> tagged_at =
      CoveringName(tagged, Tokens(doc).size(), proper);
  const auto inside_longer_name = [&](const KbMatch& match) {
    if (!names_returned) return false;
    const int n = tagged_at[match.first_token];
    if (n < 0) return false;
    const NameMatch& name = tagged[n];
    return match.last_token <= name.last_token &&
           name.last_token - name.first_token >
               match.last_token - match.first_token;
  };
  // The request's own entities first, then the knowledge base's.
  const auto add_matches = [&](const KnowledgeBase& kb,
                               const std::string& key_prefix) {
    for (const KbMatch& match : MatchKnowledgeBase(doc, kb)) {
      bool free = true;
      for (int t = match.first_token; t <= match.last_token; ++t) {
        free = free && !claimed[t];
      }
      if (!free || inside_longer_name(match)) continue;
      claim(match.first_token, match.last_token);
      const KbEntry& entry = kb.entry(match.entry);
      Group* group = group_for(key_prefix + entry.id);
      if (group->mentions.empty()) {
        group->entity.set_canonical_name(entry.canonical);
        group->entity.set_type(entry.type);
        group->entity.set_kb_id(entry.id);
        group->entity.set_openness(entry.openness);
        group->entity.set_owner(entry.owner);
        const size_t space = entry.canonical.rfind(' ');
        if (entry.type == textlens::v1::ENTITY_TYPE_PERSON &&
            space != std::string::npos) {
          set_last_word(group, entry.canonical.substr(space + 1));
        }
      }
      group->mentions.push_back({match.first_token, match.last_token,
                                 textlens::v1::MENTION_SOURCE_KNOWLEDGE_BASE,
                                 match.confidence, match.trim_end});
    }
  };
  if (custom != nullptr) add_matches(*custom, "custom:");
  if (stopped()) return cancelled("matching the request's entities");
  add_matches(*kb_, "kb:");
  if (stopped()) return cancelled("matching the knowledge base");
  for (const PatternMatch& match : FindPatterns(doc, claimed)) {
    claim(match.first_token, match.last_token);
    Group* group =
        group_for(absl::StrCat("p:", match.type, ":", match.normalized));
    if (group->mentions.empty()) {
      group->entity.set_canonical_name(
          span_text(match.first_token, match.last_token));
      group->entity.set_type(match.type);
      group->entity.set_normalized_value(match.normalized);
    }
    group->mentions.push_back({match.first_token, match.last_token,
                               textlens::v1::MENTION_SOURCE_PATTERN,
                               match.confidence});
  }
  if (stopped()) return cancelled("finding dates, amounts and numbers");
  if (!options.has_include_unknown() || options.include_unknown()) {
    std::vector<NameMatch> names =
        MergeNames(doc, *kb_, tagged, untagged,
                   FindCapitalizedNames(doc, *kb_, claimed), claimed);
    // Multi-word names first, so that "Wenfeng" can join "Liang Wenfeng".
    std::stable_sort(names.begin(), names.end(),
                     [](const NameMatch& a, const NameMatch& b) {
                       return (a.last_token > a.first_token) >
                              (b.last_token > b.first_token);
                     });
    for (const NameMatch& match : names) {
      std::string surface = span_text(match.first_token, match.last_token);
      // "Weller's" names Weller.
      int trim_end = 0;
      for (const std::string_view suffix : {"'s", "\xE2\x80\x99s"}) {
        if (surface.size() > suffix.size() + 1 &&
            std::string_view(surface).substr(surface.size() - suffix.size()) ==
                suffix) {
          trim_end = static_cast<int>(suffix.size());
          surface.resize(surface.size() - suffix.size());
        }
      }
      Group* group = nullptr;
      if (match.first_token == match.last_token) {
        if (const auto it = by_last_word.find(surface);
            it != by_last_word.end()) {
          group = &groups[it->second];
        }
      }
      if (group == nullptr) group = group_for("h:" + NameKey(surface, true));
      if (group->mentions.empty()) {
        // All-caps runs of three words or more ("RADIO SISKO FM") read
        // better in title case; shorter ones are often acronyms.
        const bool words = match.last_token >= match.first_token + 2;
        group->entity.set_canonical_name(
            words && IsAllCaps(surface) ? TitleCase(surface) : surface);
        group->entity.set_type(match.type);
        const size_t space = surface.rfind(' ');
        if (match.type == textlens::v1::ENTITY_TYPE_PERSON &&
            space != std::string::npos) {
          set_last_word(group, surface.substr(space + 1));
        }
      }
      group->mentions.push_back({match.first_token, match.last_token,
                                 match.source, match.confidence, trim_end});
    }
  }

  if (stopped()) return cancelled("grouping names");
  // Salience: more mentions, an earlier first mention and a mention in a
  // heading or the first sentence all count; weighted by confidence.
  absl::flat_hash_set<int> wanted_types(options.types().begin(),
                                        options.types().end());
  const double length = std::max<size_t>(1, text.size());
  std::vector<std::pair<double, Entity>> scored;
  for (Group& group : groups) {
    if (IsLoneCommonWord(group, doc)) continue;
    if (!wanted_types.empty() && wanted_types.count(group.entity.type()) == 0) {
      continue;
    }
    std::sort(group.mentions.begin(), group.mentions.end(),
              [](const Mention& a, const Mention& b) {
                return a.first_token < b.first_token;
              });
    bool prominent = false;
    double confidence = 0;
    for (const Mention& mention : group.mentions) {
      const auto& first = Tokens(doc)[mention.first_token];
      const auto& sentence = doc.sentences(static_cast<int>(first.sentence()));
      if (sentence.is_heading() || first.sentence() == 0) prominent = true;
      confidence += mention.confidence;
      auto* out = group.entity.add_mentions();
      const uint32_t end =
          Tokens(doc)[mention.last_token].end() - mention.trim_end;
      out->mutable_span()->set_begin(first.begin());
      out->mutable_span()->set_end(end);
      out->set_text(text.substr(first.begin(), end - first.begin()));
      out->set_source(mention.source);
      out->set_confidence(mention.confidence);
    }
    const double count = static_cast<double>(group.mentions.size());
    confidence /= count;
    const double position =
        Tokens(doc)[group.mentions.front().first_token].begin() / length;
    const double score = (1.0 + std::log(count)) * (1.5 - 0.5 * position) *
                         (prominent ? 1.3 : 1.0) * confidence;
    scored.emplace_back(score, std::move(group.entity));
  }
  const auto normalize = [&scored]() {
    double total = 0;
    for (const auto& [score, entity] : scored) total += score;
    for (auto& [score, entity] : scored) {
      entity.set_salience(total > 0 ? score / total : 0);
    }
  };
  normalize();
  const double min_salience =
      options.has_min_salience() ? options.min_salience() : 0.0;
  if (min_salience > 0) {
    scored.erase(std::remove_if(scored.begin(), scored.end(),
                                [&](const auto& item) {
                                  return item.second.salience() < min_salience;
                                }),
                 scored.end());
    normalize();
  }
  std::stable_sort(
      scored.begin(), scored.end(),
      [](const auto& a, const auto& b) { return a.first > b.first; });
  Entities result;
  for (auto& [score, entity] : scored) {
    *result.add_entities() = std::move(entity);
  }
  return result;
}

}  // namespace textlens::plugins::entities
