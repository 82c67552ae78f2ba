// How general a word is in the language at large: an inverse document
// frequency over a reference corpus of news, built into the plugin
// (data/df_fr.tsv, see data/README.md). Lets key phrases prefer topical
// words over frequent ones that are no stopwords ("bien", "voir", "grand").
//
// Thread-safety: the table is built once, on first use, under a
// function-local static; lookups are read-only and safe from any thread.
#ifndef TEXTLENS_PLUGINS_SUMMARIZER_GENERAL_IDF_H_
#define TEXTLENS_PLUGINS_SUMMARIZER_GENERAL_IDF_H_

#include <string_view>

namespace textlens::plugins::summarizer {

// A weight in (0, 1] for `stem` (a Snowball stem, as in Token.stem) in
// `language`: the stem's smoothed IDF over the reference corpus divided by
// the IDF of a stem never seen there, so rare and unknown stems weigh 1 and
// stems found in most documents weigh about 0.2. Languages without a table
// give 1 for every stem.
double GeneralIdfWeight(std::string_view language, std::string_view stem);

}  // namespace textlens::plugins::summarizer

#endif  // TEXTLENS_PLUGINS_SUMMARIZER_GENERAL_IDF_H_
