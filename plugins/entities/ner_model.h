// A named-entity tagger for PERSON, ORGANIZATION, LOCATION and MISC: an
// averaged perceptron over hashed word features (the word and its
// neighbours, shape, prefixes and suffixes, capitalization, position, the
// previous labels), decoding greedily left to right with BIO constraints.
// NerTrainer (ner_trainer.h) learns the weights; NerModel tags with them.
//
// Thread-safe after Parse(): Tag() is const.
#ifndef TEXTLENS_PLUGINS_ENTITIES_NER_MODEL_H_
#define TEXTLENS_PLUGINS_ENTITIES_NER_MODEL_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace textlens::plugins::entities {

// BIO labels.
enum NerLabel : uint8_t {
  kNerO = 0,
  kNerBPer,
  kNerIPer,
  kNerBOrg,
  kNerIOrg,
  kNerBLoc,
  kNerILoc,
  kNerBMisc,
  kNerIMisc,
};
inline constexpr int kNerLabels = 9;

// "B-PER" -> kNerBPer...; false for an unknown name.
bool ParseNerLabel(std::string_view name, NerLabel* label);
// Whether `label` may follow `previous` (I-X only after B-X or I-X).
bool NerTransitionAllowed(NerLabel previous, NerLabel label);

// A word with the forms its features read, computed once per sentence.
struct NerWord {
  std::string_view text;
  std::string lower;           // lowercased
  std::string shape;           // "Xx", "d.d", "X-d": classes, runs collapsed
  std::vector<size_t> starts;  // byte offset of each code point in `lower`
};

// The words of a sentence with their forms.
std::vector<NerWord> NerWords(const std::vector<std::string_view>& words);

// The hashed features of word `i` of `words` given the labels of the two
// words before it: NerWordFeatures and NerLabelFeatures together. Training
// uses it; tagging computes the two parts apart.
void NerFeatures(const std::vector<NerWord>& words, size_t i, NerLabel previous,
                 NerLabel before_previous, std::vector<uint64_t>* features);
// The features of word `i` that do not read the labels, appended.
void NerWordFeatures(const std::vector<NerWord>& words, size_t i,
                     std::vector<uint64_t>* features);
// The features of `word` that read the labels of the two words before it,
// appended.
void NerLabelFeatures(const NerWord& word, NerLabel previous,
                      NerLabel before_previous,
                      std::vector<uint64_t>* features);

class NerModel {
 public:
  // Reads a model written by NerTrainer::Serialize. INVALID_ARGUMENT if the
  // bytes are not one.
  static absl::StatusOr<NerModel> Parse(std::string_view bytes);

  // One label per word of `sentence`; with `margins`, also how far each
  // label's score is above the next best allowed one.
  std::vector<NerLabel> Tag(const std::vector<std::string_view>& sentence,
                            std::vector<float>* margins = nullptr) const;

  // Scores of every label for `features`, added into `scores`.
  void Score(const std::vector<uint64_t>& features,
             std::array<float, kNerLabels>* scores) const;

  size_t feature_count() const { return size_; }

 private:
  // A feature and its weights side by side: one cache line per lookup.
  struct Slot {
    uint64_t key = 0;  // 0: empty
    std::array<int16_t, kNerLabels> weights{};
  };
  // Adds the weights of `count` features into `sums`.
  void Accumulate(const uint64_t* keys, size_t count,
                  std::array<int32_t, kNerLabels>* sums) const;

  // Open addressing with linear probing.
  std::vector<Slot> slots_;
  float scale_ = 1.0f;  // weight = stored value * scale_
  uint64_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace textlens::plugins::entities

#endif  // TEXTLENS_PLUGINS_ENTITIES_NER_MODEL_H_
