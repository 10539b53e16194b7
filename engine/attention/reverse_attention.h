#pragma once
// A sequence-to-sequence toy with dot-product attention (Bahdanau, Cho & Bengio 2015; the scaled form of
// Vaswani et al. 2017): read T tokens, write them reversed. The encoder gives each input position j the
// state h_j = E[x_j] + P_j (a token embedding plus a position embedding); output position i asks with a
// learned query q_i and reads a mixture of the encoder's values:
//   s_ij = q_i · (W_k h_j) / sqrt(d),   a_i = softmax_j(s_ij),   c_i = Σ_j a_ij W_v h_j,
//   p(y_i | x) = softmax(W_o c_i + b_o),  loss = mean over i of -log p(y_i = x_{T-1-i} | x).
// Nothing but attention carries a token from input to output, so solving the task means output i attends
// to input T-1-i: the attention matrix a becomes the anti-diagonal.
#include <vector>

#include "core/rng.h"
#include "core/tensor.h"
#include "optim/optimizer.h"

namespace netlab {

class ReverseAttention {
 public:
  // `length` tokens per sequence (T), `vocabulary` tokens (V), model width `width` (d).
  ReverseAttention(int length, int vocabulary, int width, Rng& rng);
  int length() const { return int(query.rows()); }
  int vocabulary() const { return int(embed.rows()); }
  int width() const { return int(embed.cols()); }

  // Uniformly random sequences, one row of `length` tokens each.
  std::vector<std::vector<int>> SampleSequences(int count, Rng& rng) const;
  // The mean cross-entropy over every output position of `sequences` (targets: each one reversed), in
  // double precision; with `gradients` also fills the parameters' gradients.
  double Loss(const std::vector<std::vector<int>>& sequences, bool gradients);
  // The attention matrix a (T x T, row i: output position i over input positions j) for one sequence.
  Matrix Attention(const std::vector<int>& sequence) const;
  // The most likely output tokens for one sequence.
  std::vector<int> Predict(const std::vector<int>& sequence) const;
  // The fraction of output tokens that are right, and the mean attention weight on the anti-diagonal
  // a_{i, T-1-i}, over `sequences`.
  double Accuracy(const std::vector<std::vector<int>>& sequences) const;
  double AntiDiagonalWeight(const std::vector<std::vector<int>>& sequences) const;

  std::vector<ParameterRef> Parameters();

  Matrix embed, position, query;  // V x d, T x d, T x d
  Matrix key, value;              // W_k, W_v: d x d (h_j W_k as row vectors)
  Matrix output, output_bias;     // W_o: d x V, b_o: 1 x V
  Matrix embed_grad, position_grad, query_grad, key_grad, value_grad, output_grad, output_bias_grad;

 private:
  struct Pass {
    Matrix states, keys, values, attention, context, probabilities;  // T x d, .., T x T, T x d, T x V
  };
  void Forward(const std::vector<int>& sequence, Pass& pass) const;
};

}  // namespace netlab
