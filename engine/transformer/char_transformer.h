#pragma once
// A decoder-only character transformer (GPT-2's shape, Radford et al. 2019, at playground size): tokens
// and positions embedded, L blocks of causal multi-head self-attention (Vaswani et al. 2017) and a GELU
// MLP, each behind a layer norm with a residual around it (pre-LN), a final layer norm, and logits over
// the V characters through the token embedding (tied) or a matrix of its own. With N = B T rows, one per
// position of each of the B sequences (row b T + i):
//   x⁰ = E[tokens] + P[0..T-1]                                                  N x C
//   block l:  x ← x + Dropout(MultiHead(LN₁(x)) W_o + b_o)
//             x ← x + Dropout(GELU(LN₂(x) W_fc + b_fc) W_pr + b_pr)              W_fc: C x 4C
//   logits = LN_f(x) Eᵀ (tied) or LN_f(x) W_out (untied)                         N x V
//   loss = mean over the N positions of -ln softmax(logits)[next character]     (nats)
// MultiHead splits [Q K V] = a W_qkv + b_qkv (N x 3C) into H heads of width d = C / H; for one sequence
// and head, S = Q Kᵀ / √d with S_ij = -∞ for j > i (a position reads only itself and the past),
// A = Dropout(softmax_j(S)), and the head writes A V into its d columns of the N x C result.
// GELU is the exact x Φ(x) of the activation registry (Hendrycks & Gimpel 2016), layer norm the engine's
// LayerNorm (Ba et al. 2016); the linear maps are Dense layers, every product through core/gemm.h.
// Dropout (Srivastava et al. 2014, inverted) on the attention weights and on both residual branches,
// masks drawn from the model's seeded stream while training, none in evaluation.
#include <memory>
#include <string>
#include <vector>

#include "core/rng.h"
#include "core/tensor.h"
#include "nn/activation_layer.h"
#include "nn/dense.h"
#include "nn/normalization.h"
#include "nn/parameter.h"

namespace netlab {

struct TransformerShape {
  int vocabulary = 0;    // V
  int context = 32;      // T: the most positions one sequence holds (rows of the position embedding)
  int width = 32;        // C, divisible by heads
  int heads = 4;         // H
  int blocks = 2;        // L, 1 to 4
  float dropout = 0.0f;  // p, on the attention weights and the residual branches while training
  bool tied = true;      // logits through the token embedding Eᵀ (Press & Wolf 2017) or an own C x V matrix
};

// Why `shape` cannot be built, or "" when it can.
std::string TransformerShapeProblem(const TransformerShape& shape);

// A parameter tensor with its name ("block1.attention.qkv.weight"), for optimizers, weights files and
// gradient checks.
struct NamedParameter {
  std::string name;
  Matrix* value;
  Matrix* gradient;
  bool is_weight;  // decayed by AdamW: the matrices and embeddings, not biases or norm gains
};

class CharTransformer {
 public:
  // Weights N(0, 0.02²) as GPT-2, the two projections back into the residual stream N(0, 0.02² / 2L)
  // (their sum over 2L branches keeps its variance), biases 0, norm gains 1.
  CharTransformer(const TransformerShape& shape, Rng& init, uint64_t dropout_seed);
  const TransformerShape& shape() const { return shape_; }

  // Logits (B t x V, row b t + i) for B sequences of one length t ≤ T; `training` applies dropout.
  const Matrix& Forward(const std::vector<std::vector<int>>& inputs, bool training);
  // The mean next-character cross-entropy (nats, summed in double) of `targets` (B x t: targets[b][i]
  // follows inputs[b][i]); with `gradients`, every parameter's gradient of that mean.
  double Loss(const std::vector<std::vector<int>>& inputs, const std::vector<std::vector<int>>& targets,
              bool training, bool gradients);

  // While held, training reuses the dropout masks of the last Forward of the same shape instead of
  // drawing new ones, so that a training-mode loss is a deterministic function (the gradient check).
  void HoldMasks(bool hold) { hold_masks_ = hold; }

  std::vector<NamedParameter> Parameters();
  std::vector<ParameterRef> ParameterRefs();

  // n tokens after `prompt` (none for an empty prompt), each drawn from softmax(logits / temperature) at the last
  // position, the context cropped to its last T tokens; temperature 0 takes the most likely.
  std::vector<int> Generate(const std::vector<int>& prompt, int n, float temperature, Rng& rng);
  // For `prompt` (its last T tokens, t of them), the attention weights softmax(S) of every block and
  // head: [l][h] is t x t, row i over positions j ≤ i (zero above the diagonal), in evaluation; none for
  // an empty prompt.
  std::vector<std::vector<Matrix>> AttentionPatterns(const std::vector<int>& prompt);

  Matrix token_embedding, token_embedding_gradient;        // E: V x C
  Matrix position_embedding, position_embedding_gradient;  // P: T x C
  LayerNorm final_norm;                                    // LN_f over C
  Matrix output, output_gradient;                          // W_out: C x V, untied only (no bias, as GPT-2)

 private:
  struct Block {
    explicit Block(int width);
    LayerNorm norm1, norm2;                    // LN₁, LN₂ over C
    Dense qkv;                                 // W_qkv: C x 3C, b_qkv: 1 x 3C
    Dense attention_output;                    // W_o: C x C
    Dense fc;                                  // W_fc: C x 4C
    ActivationLayer gelu;                      // GELU on N x 4C
    Dense projection;                          // W_pr: 4C x C
    Matrix normed1, normed2;                   // LN₁(x), LN₂(x): N x C
    Matrix qkv_out;                            // [Q K V]: N x 3C
    Matrix weights;                            // softmax(S), head by head: (B H t) x t
    Matrix weights_used;                       // Dropout(softmax(S)), what multiplies V: (B H t) x t
    Matrix heads;                              // the heads side by side: N x C
    Matrix branch, hidden, activated;          // a branch's output N x C; W_fc's N x 4C, after GELU
    Matrix attention_mask, residual_mask1, residual_mask2;  // kept scales 0 or 1/(1-p); empty without dropout
  };

  void Embed(const std::vector<std::vector<int>>& inputs);
  void BlockForward(Block& block, bool training);
  void BlockBackward(Block& block);
  // Causal multi-head attention of block.qkv_out into block.heads, and its backward into dqkv.
  void AttentionForward(Block& block, bool training);
  void AttentionBackward(Block& block, const Matrix& grad_heads, Matrix& grad_qkv);
  // An inverted-dropout mask the shape of `values` into `mask` (emptied when off; kept while the masks
  // are held), applied to `values`.
  void DropOut(Matrix& values, Matrix& mask, bool training);

  TransformerShape shape_;
  std::vector<std::unique_ptr<Block>> blocks_;
  Rng dropout_rng_;
  bool hold_masks_ = false;
  int batch_ = 0, length_ = 0;  // B and t of the last Forward
  Matrix stream_;               // the residual stream x: N x C
  Matrix final_normed_;         // LN_f(x): N x C
  Matrix logits_;               // N x V
  // Backward scratch: N x C, N x 3C, N x 4C, t x t.
  Matrix grad_stream_, grad_branch_, grad_normed_, grad_heads_, grad_qkv_, grad_hidden_, grad_activated_;
  Matrix grad_weights_, grad_scores_, grad_logits_, tied_gradient_;
};

}  // namespace netlab
