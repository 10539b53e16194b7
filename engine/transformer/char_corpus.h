#pragma once
// Text as characters for the character-level transformer: the vocabulary of a text, its encoding, the
// corpora compiled into the engine, and the two counting baselines a trained model must beat.
#include <string>
#include <vector>

namespace netlab {

// A text compiled in from examples/corpora/<name>.txt (scripts/compiled_texts.cmake).
struct BuiltInCorpus {
  const char* name;
  const char* text;
};
const std::vector<BuiltInCorpus>& BuiltInCorpora();
// The corpus named `name`, or null. "gpl-3" is the GNU General Public License, version 3, verbatim as
// Debian's base-files package ships it (/usr/share/common-licenses/GPL-3, 35,149 bytes of plain English
// prose): its own licence lets everyone copy and distribute verbatim copies, and it is kept unchanged.
const BuiltInCorpus* FindBuiltInCorpus(const std::string& name);

// The distinct characters of a text in byte order; token i is characters[i].
struct CharVocabulary {
  std::string characters;
  int size() const { return int(characters.size()); }
  // The token of `c`, or -1 where the text had no such character.
  int Index(char c) const;
  // Every character of `text` as its token; a character outside the vocabulary is refused (throws
  // std::invalid_argument naming it).
  std::vector<int> Encode(const std::string& text) const;
  std::string Decode(const std::vector<int>& tokens) const;
};
CharVocabulary VocabularyOf(const std::string& text);

// The counting baselines, exact (no sampling), in nats per character. Both predict the characters
// held_out[1..n-1], the targets a next-character model scores on the same text (each has a predecessor),
// from counts over `train`, with add-one (Laplace) smoothing over the V characters of `vocabulary` so an
// unseen character costs a finite amount:
//   unigram:  p(c)        = (n(c) + 1) / (N + V),      N the characters of train
//   bigram:   p(c | a)    = (n(a c) + 1) / (n(a ·) + V),  n(a ·) the pairs of train that begin with a
//   cross-entropy = -(1 / (n - 1)) Σ_{i=1}^{n-1} ln p(held_out[i] | held_out[i-1])
// Every character of both texts must be in `vocabulary`.
double UnigramCrossEntropy(const std::string& train, const std::string& held_out, const CharVocabulary& vocabulary);
double BigramCrossEntropy(const std::string& train, const std::string& held_out, const CharVocabulary& vocabulary);

}  // namespace netlab
