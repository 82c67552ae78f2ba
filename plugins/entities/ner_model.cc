#include "plugins/entities/ner_model.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "unicode/uchar.h"
#include "unicode/utf8.h"

namespace textlens::plugins::entities {
namespace {

constexpr std::string_view kMagic = "TLNER1";
constexpr std::string_view kStart = "<s>";
constexpr std::string_view kEnd = "</s>";

constexpr const char* kLabelNames[kNerLabels] = {"O",     "B-PER",  "I-PER",
                                                 "B-ORG", "I-ORG",  "B-LOC",
                                                 "I-LOC", "B-MISC", "I-MISC"};

// Feature kinds: the first byte hashed, so equal strings of different kinds
// differ.
enum Kind : uint8_t {
  kBias = 1,
  kWord,
  kWordCased,
  kPrevWord,
  kNextWord,
  kPrev2Word,
  kNext2Word,
  kShape,
  kPrevShape,
  kNextShape,
  kPrefix1,
  kPrefix2,
  kPrefix3,
  kSuffix2,
  kSuffix3,
  kSuffix4,
  kPrevLabel,
  kPrevLabels,
  kPrevLabelWord,
  kFirstShape,
  kPrevWordWord,
  kWordNextWord,
  kShapeNextShape,
  kPrevShapeShape,
};

uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h == 0 ? 1 : h;
}

uint64_t Hash(Kind kind, std::string_view a, std::string_view b = {}) {
  uint64_t h = 0xcbf29ce484222325ULL ^ kind;
  h *= 0x100000001b3ULL;
  for (char c : a) {
    h ^= static_cast<uint8_t>(c);
    h *= 0x100000001b3ULL;
  }
  h ^= 0xff;
  h *= 0x100000001b3ULL;
  for (char c : b) {
    h ^= static_cast<uint8_t>(c);
    h *= 0x100000001b3ULL;
  }
  return Mix(h);
}

NerWord Forms(std::string_view word) {
  NerWord forms;
  forms.text = word;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(word.size());
  forms.lower.reserve(word.size());
  forms.starts.reserve(word.size());
  while (i < n) {
    const auto byte = static_cast<unsigned char>(word[i]);
    if (byte < 0x80) {
      // ASCII, most of the text: the classes and case ICU gives it.
      char kind = static_cast<char>(byte);
      if (byte >= 'A' && byte <= 'Z') {
        kind = 'X';
      } else if (byte >= 'a' && byte <= 'z') {
        kind = 'x';
      } else if (byte >= '0' && byte <= '9') {
        kind = 'd';
      }
      if (forms.shape.empty() || forms.shape.back() != kind) {
        forms.shape.push_back(kind);
      }
      forms.starts.push_back(forms.lower.size());
      forms.lower.push_back(
          static_cast<char>(kind == 'X' ? byte - 'A' + 'a' : byte));
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(word.data(), i, n, c);
    if (c < 0) c = 0xFFFD;
    char kind = 'o';
    if (u_isupper(c) || u_istitle(c)) {
      kind = 'X';
    } else if (u_islower(c) || u_isalpha(c)) {
      kind = 'x';
    } else if (u_isdigit(c)) {
      kind = 'd';
    } else if (c < 0x80) {
      kind = static_cast<char>(c);
    }
    if (forms.shape.empty() || forms.shape.back() != kind) {
      forms.shape.push_back(kind);
    }
    forms.starts.push_back(forms.lower.size());
    const UChar32 lower = u_tolower(c);
    char buffer[4];
    int32_t length = 0;
    UBool error = false;  // U8_APPEND's flag; a code point always fits in 4
    U8_APPEND(buffer, length, 4, lower, error);
    (void)error;
    forms.lower.append(buffer, static_cast<size_t>(length));
  }
  return forms;
}

const NerWord& Padding(bool start) {
  static const NerWord* const kStartWord = new NerWord(Forms(kStart));
  static const NerWord* const kEndWord = new NerWord(Forms(kEnd));
  return start ? *kStartWord : *kEndWord;
}

std::string_view Prefix(const NerWord& w, size_t code_points) {
  if (w.starts.size() < code_points) return {};
  const size_t end =
      code_points < w.starts.size() ? w.starts[code_points] : w.lower.size();
  return std::string_view(w.lower).substr(0, end);
}

std::string_view Suffix(const NerWord& w, size_t code_points) {
  if (w.starts.size() < code_points) return {};
  return std::string_view(w.lower).substr(
      w.starts[w.starts.size() - code_points]);
}

}  // namespace

bool ParseNerLabel(std::string_view name, NerLabel* label) {
  for (int i = 0; i < kNerLabels; ++i) {
    if (name == kLabelNames[i]) {
      *label = static_cast<NerLabel>(i);
      return true;
    }
  }
  return false;
}

bool NerTransitionAllowed(NerLabel previous, NerLabel label) {
  if (label == kNerO || label % 2 == 1) return true;  // O and B-X
  return previous == label - 1 || previous == label;  // I-X after B-X, I-X
}

std::vector<NerWord> NerWords(const std::vector<std::string_view>& words) {
  std::vector<NerWord> out;
  out.reserve(words.size());
  for (const std::string_view word : words) out.push_back(Forms(word));
  return out;
}

void NerWordFeatures(const std::vector<NerWord>& words, size_t i,
                     std::vector<uint64_t>* features) {
  const auto word_at = [&](long j) -> const NerWord& {
    if (j < 0) return Padding(true);
    if (j >= static_cast<long>(words.size())) return Padding(false);
    return words[static_cast<size_t>(j)];
  };
  const long at = static_cast<long>(i);
  const NerWord& w = words[i];
  const NerWord& prev = word_at(at - 1);
  const NerWord& next = word_at(at + 1);
  features->push_back(Hash(kBias, ""));
  features->push_back(Hash(kWord, w.lower));
  features->push_back(Hash(kWordCased, w.text));
  features->push_back(Hash(kPrevWord, prev.lower));
  features->push_back(Hash(kNextWord, next.lower));
  features->push_back(Hash(kPrev2Word, word_at(at - 2).lower));
  features->push_back(Hash(kNext2Word, word_at(at + 2).lower));
  features->push_back(Hash(kShape, w.shape));
  features->push_back(Hash(kPrevShape, prev.shape));
  features->push_back(Hash(kNextShape, next.shape));
  features->push_back(Hash(kPrefix1, Prefix(w, 1)));
  features->push_back(Hash(kPrefix2, Prefix(w, 2)));
  features->push_back(Hash(kPrefix3, Prefix(w, 3)));
  features->push_back(Hash(kSuffix2, Suffix(w, 2)));
  features->push_back(Hash(kSuffix3, Suffix(w, 3)));
  features->push_back(Hash(kSuffix4, Suffix(w, 4)));
  features->push_back(Hash(kFirstShape, i == 0 ? "first" : "", w.shape));
  features->push_back(Hash(kPrevWordWord, prev.lower, w.lower));
  features->push_back(Hash(kWordNextWord, w.lower, next.lower));
  features->push_back(Hash(kShapeNextShape, w.shape, next.shape));
  features->push_back(Hash(kPrevShapeShape, prev.shape, w.shape));
}

void NerLabelFeatures(const NerWord& word, NerLabel previous,
                      NerLabel before_previous,
                      std::vector<uint64_t>* features) {
  const std::string_view prev_label = kLabelNames[previous];
  features->push_back(Hash(kPrevLabel, prev_label));
  features->push_back(
      Hash(kPrevLabels, prev_label, kLabelNames[before_previous]));
  features->push_back(Hash(kPrevLabelWord, prev_label, word.lower));
}

void NerFeatures(const std::vector<NerWord>& words, size_t i, NerLabel previous,
                 NerLabel before_previous, std::vector<uint64_t>* features) {
  features->clear();
  NerWordFeatures(words, i, features);
  NerLabelFeatures(words[i], previous, before_previous, features);
}

absl::StatusOr<NerModel> NerModel::Parse(std::string_view bytes) {
  const size_t header = kMagic.size() + sizeof(uint32_t) + sizeof(float);
  constexpr size_t kEntry = sizeof(uint64_t) + kNerLabels * sizeof(int16_t);
  if (bytes.size() < header || bytes.substr(0, kMagic.size()) != kMagic) {
    return absl::InvalidArgumentError("not a textlens NER model");
  }
  uint32_t count = 0;
  NerModel model;
  std::memcpy(&count, bytes.data() + kMagic.size(), sizeof(count));
  std::memcpy(&model.scale_, bytes.data() + kMagic.size() + sizeof(count),
              sizeof(float));
  if (bytes.size() != header + count * kEntry) {
    return absl::InvalidArgumentError(
        absl::StrCat("NER model: ", bytes.size(), " bytes where ", count,
                     " features need ", header + count * kEntry));
  }
  size_t capacity = 16;
  while (capacity < count * 2) capacity *= 2;
  model.slots_.assign(capacity, Slot());
  model.mask_ = capacity - 1;
  const char* entry = bytes.data() + header;
  for (uint32_t e = 0; e < count; ++e, entry += kEntry) {
    uint64_t key = 0;
    std::memcpy(&key, entry, sizeof(key));
    if (key == 0) return absl::InvalidArgumentError("NER model: a zero key");
    size_t slot = key & model.mask_;
    while (model.slots_[slot].key != 0) slot = (slot + 1) & model.mask_;
    model.slots_[slot].key = key;
    std::memcpy(model.slots_[slot].weights.data(), entry + sizeof(key),
                kNerLabels * sizeof(int16_t));
  }
  model.size_ = count;
  return model;
}

void NerModel::Accumulate(const uint64_t* keys, size_t count,
                          std::array<int32_t, kNerLabels>* sums) const {
  for (size_t k = 0; k < count; ++k) {
    const uint64_t key = keys[k];
    size_t slot = key & mask_;
    while (slots_[slot].key != 0 && slots_[slot].key != key) {
      slot = (slot + 1) & mask_;
    }
    if (slots_[slot].key == 0) continue;
    const auto& w = slots_[slot].weights;
    for (int l = 0; l < kNerLabels; ++l) (*sums)[l] += w[l];
  }
}

void NerModel::Score(const std::vector<uint64_t>& features,
                     std::array<float, kNerLabels>* scores) const {
  if (size_ == 0) return;
  // Sums in integers, scaled once.
  std::array<int32_t, kNerLabels> sums{};
  Accumulate(features.data(), features.size(), &sums);
  for (int l = 0; l < kNerLabels; ++l) (*scores)[l] += sums[l] * scale_;
}

std::vector<NerLabel> NerModel::Tag(
    const std::vector<std::string_view>& sentence,
    std::vector<float>* margins) const {
  const std::vector<NerWord> words = NerWords(sentence);
  const size_t n = words.size();
  std::vector<NerLabel> labels;
  labels.reserve(n);
  if (margins != nullptr) margins->clear();
  // Most features do not read the labels: those of every word are summed
  // before decoding, with each table slot fetched ahead of its use (the
  // table is far larger than the caches, so the lookups are memory-bound
  // and independent). Decoding then adds the few that read the labels.
  std::vector<std::array<int32_t, kNerLabels>> word_sums(n);
  if (size_ != 0) {
    std::vector<uint64_t> keys;
    std::vector<size_t> ends(n);
    for (size_t i = 0; i < n; ++i) {
      NerWordFeatures(words, i, &keys);
      ends[i] = keys.size();
    }
    constexpr size_t kAhead = 32;
    for (size_t k = 0; k < std::min(kAhead, keys.size()); ++k) {
      __builtin_prefetch(&slots_[keys[k] & mask_]);
    }
    size_t k = 0;
    for (size_t i = 0; i < n; ++i) {
      for (; k < ends[i]; ++k) {
        if (k + kAhead < keys.size()) {
          __builtin_prefetch(&slots_[keys[k + kAhead] & mask_]);
        }
        Accumulate(&keys[k], 1, &word_sums[i]);
      }
    }
  }
  std::vector<uint64_t> label_keys;
  NerLabel previous = kNerO, before_previous = kNerO;
  for (size_t i = 0; i < n; ++i) {
    std::array<float, kNerLabels> scores{};
    if (size_ != 0) {
      label_keys.clear();
      NerLabelFeatures(words[i], previous, before_previous, &label_keys);
      std::array<int32_t, kNerLabels> sums = word_sums[i];
      Accumulate(label_keys.data(), label_keys.size(), &sums);
      for (int l = 0; l < kNerLabels; ++l) scores[l] = sums[l] * scale_;
    }
    NerLabel best = kNerO;
    float second = -1e30f;
    for (int l = 1; l < kNerLabels; ++l) {
      const auto label = static_cast<NerLabel>(l);
      if (!NerTransitionAllowed(previous, label)) continue;
      if (scores[l] > scores[best]) {
        second = scores[best];
        best = label;
      } else {
        second = std::max(second, scores[l]);
      }
    }
    labels.push_back(best);
    if (margins != nullptr) margins->push_back(scores[best] - second);
    before_previous = previous;
    previous = best;
  }
  return labels;
}

}  // namespace textlens::plugins::entities
