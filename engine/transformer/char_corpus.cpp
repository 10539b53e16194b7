#include "transformer/char_corpus.h"

#include <cmath>
#include <stdexcept>

namespace netlab {

const BuiltInCorpus* FindBuiltInCorpus(const std::string& name) {
  for (const BuiltInCorpus& corpus : BuiltInCorpora())
    if (name == corpus.name) return &corpus;
  return nullptr;
}

int CharVocabulary::Index(char c) const {
  const size_t at = characters.find(c);
  return at == std::string::npos ? -1 : int(at);
}

std::vector<int> CharVocabulary::Encode(const std::string& text) const {
  int token_of[256];
  for (int& t : token_of) t = -1;
  for (int i = 0; i < size(); ++i) token_of[static_cast<unsigned char>(characters[size_t(i)])] = i;
  std::vector<int> tokens(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    tokens[i] = token_of[static_cast<unsigned char>(text[i])];
    if (tokens[i] < 0)
      throw std::invalid_argument("character " + std::to_string(int(static_cast<unsigned char>(text[i]))) +
                                  " is not in the vocabulary");
  }
  return tokens;
}

std::string CharVocabulary::Decode(const std::vector<int>& tokens) const {
  std::string text;
  for (int t : tokens) text += characters.at(size_t(t));
  return text;
}

CharVocabulary VocabularyOf(const std::string& text) {
  bool seen[256] = {};
  for (char c : text) seen[static_cast<unsigned char>(c)] = true;
  CharVocabulary vocabulary;
  for (int c = 0; c < 256; ++c)
    if (seen[c]) vocabulary.characters += char(c);
  return vocabulary;
}

double UnigramCrossEntropy(const std::string& train, const std::string& held_out, const CharVocabulary& vocabulary) {
  const int v = vocabulary.size();
  std::vector<double> count(size_t(v), 0.0);
  for (int t : vocabulary.Encode(train)) count[size_t(t)] += 1.0;
  const std::vector<int> test = vocabulary.Encode(held_out);
  if (test.size() < 2) return 0.0;
  double nats = 0.0;
  for (size_t i = 1; i < test.size(); ++i)
    nats -= std::log((count[size_t(test[i])] + 1.0) / (double(train.size()) + v));  // (n(c) + 1) / (N + V)
  return nats / double(test.size() - 1);
}

double BigramCrossEntropy(const std::string& train, const std::string& held_out, const CharVocabulary& vocabulary) {
  const int v = vocabulary.size();
  const std::vector<int> tokens = vocabulary.Encode(train);
  std::vector<double> pair(size_t(v) * size_t(v), 0.0), first(size_t(v), 0.0);
  for (size_t i = 1; i < tokens.size(); ++i) {
    pair[size_t(tokens[i - 1]) * size_t(v) + size_t(tokens[i])] += 1.0;
    first[size_t(tokens[i - 1])] += 1.0;
  }
  const std::vector<int> test = vocabulary.Encode(held_out);
  if (test.size() < 2) return 0.0;
  double nats = 0.0;
  for (size_t i = 1; i < test.size(); ++i) {
    const size_t a = size_t(test[i - 1]), c = size_t(test[i]);
    nats -= std::log((pair[a * size_t(v) + c] + 1.0) / (first[a] + v));  // (n(a c) + 1) / (n(a ·) + V)
  }
  return nats / double(test.size() - 1);
}

}  // namespace netlab
