#include "transformer/char_transformer.h"

#include <algorithm>
#include <cmath>

#include "core/gemm.h"
#include "nn/activation.h"

namespace netlab {
namespace {

void FillNormal(Matrix& m, float stddev, Rng& rng) {
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = stddev * rng.Normal();
}

// A gradient the size of its value, zero where it had no size yet (before the first backward).
void SizeLike(Matrix& gradient, const Matrix& value) {
  if (gradient.rows() != value.rows() || gradient.cols() != value.cols())
    gradient = Matrix::Zero(value.rows(), value.cols());
}

}  // namespace

std::string TransformerShapeProblem(const TransformerShape& s) {
  if (s.vocabulary < 2) return "the vocabulary needs at least 2 characters";
  if (s.context < 1) return "the context needs at least 1 position";
  if (s.blocks < 1 || s.blocks > 4) return "blocks must be 1 to 4";
  if (s.heads < 1 || s.width < 1 || s.width % s.heads != 0) return "the width must be a multiple of the heads";
  if (!(s.dropout >= 0.0f && s.dropout < 1.0f)) return "dropout must be in [0, 1)";
  return "";
}

CharTransformer::Block::Block(int width)
    : norm1(width),
      norm2(width),
      qkv(width, 3 * width),
      attention_output(width, width),
      fc(width, 4 * width),
      gelu(*FindActivation("gelu")),
      projection(4 * width, width) {}

CharTransformer::CharTransformer(const TransformerShape& shape, Rng& init, uint64_t dropout_seed)
    : final_norm(shape.width), shape_(shape), dropout_rng_(dropout_seed) {
  const int v = shape.vocabulary, c = shape.width;
  const float stddev = 0.02f, residual_stddev = 0.02f / std::sqrt(2.0f * float(shape.blocks));
  token_embedding.resize(v, c);
  FillNormal(token_embedding, stddev, init);
  position_embedding.resize(shape.context, c);
  FillNormal(position_embedding, stddev, init);
  for (int l = 0; l < shape.blocks; ++l) {
    blocks_.push_back(std::make_unique<Block>(c));
    Block& block = *blocks_.back();
    FillNormal(block.qkv.weights, stddev, init);
    FillNormal(block.attention_output.weights, residual_stddev, init);
    FillNormal(block.fc.weights, stddev, init);
    FillNormal(block.projection.weights, residual_stddev, init);
  }
  if (!shape.tied) {
    output.resize(c, v);
    FillNormal(output, stddev, init);
  }
}

void CharTransformer::DropOut(Matrix& values, Matrix& mask, bool training) {
  const float p = shape_.dropout;
  if (!training || p <= 0.0f) {
    mask.resize(0, 0);
    return;
  }
  if (!hold_masks_ || mask.rows() != values.rows() || mask.cols() != values.cols()) {
    mask.resize(values.rows(), values.cols());
    const float keep_scale = 1.0f / (1.0f - p);
    for (Eigen::Index i = 0; i < mask.size(); ++i) mask.data()[i] = dropout_rng_.Uniform() < p ? 0.0f : keep_scale;
  }
  values.array() *= mask.array();
}

void CharTransformer::Embed(const std::vector<std::vector<int>>& inputs) {
  batch_ = int(inputs.size());
  length_ = inputs.empty() ? 0 : int(inputs[0].size());
  stream_.resize(Eigen::Index(batch_) * length_, shape_.width);
  for (int b = 0; b < batch_; ++b)
    for (int i = 0; i < length_; ++i)  // x⁰ = E[token] + P[i]
      stream_.row(Eigen::Index(b) * length_ + i) =
          token_embedding.row(inputs[size_t(b)][size_t(i)]) + position_embedding.row(i);
}

void CharTransformer::AttentionForward(Block& block, bool training) {
  const int t = length_, c = shape_.width, heads = shape_.heads, d = c / heads, ld = 3 * c;
  const float scale = 1.0f / std::sqrt(float(d));
  block.weights.resize(Eigen::Index(batch_) * heads * t, t);
  for (int b = 0; b < batch_; ++b)
    for (int h = 0; h < heads; ++h) {
      const float* q = block.qkv_out.data() + long(b) * t * ld + h * d;
      const float* k = q + c;
      float* w = block.weights.data() + long(b * heads + h) * t * t;
      Multiply({t, t, d}, false, q, ld, true, k, ld, w, t, false);  // Q Kᵀ
      for (int i = 0; i < t; ++i) {
        // A_ij = softmax_j(S_ij) over j ≤ i, S = Q Kᵀ / √d; the future's weights are exactly 0.
        float* row = w + long(i) * t;
        float largest = row[0] * scale;
        for (int j = 1; j <= i; ++j) largest = std::max(largest, row[j] * scale);
        float sum = 0.0f;
        for (int j = 0; j <= i; ++j) sum += row[j] = std::exp(row[j] * scale - largest);
        for (int j = 0; j <= i; ++j) row[j] /= sum;
        for (int j = i + 1; j < t; ++j) row[j] = 0.0f;
      }
    }
  block.weights_used = block.weights;
  DropOut(block.weights_used, block.attention_mask, training);
  block.heads.resize(Eigen::Index(batch_) * t, c);
  for (int b = 0; b < batch_; ++b)
    for (int h = 0; h < heads; ++h) {
      const float* a = block.weights_used.data() + long(b * heads + h) * t * t;
      const float* v = block.qkv_out.data() + long(b) * t * ld + 2 * c + h * d;
      Multiply({t, d, t}, false, a, t, false, v, ld, block.heads.data() + long(b) * t * c + h * d, c, false);  // A V
    }
}

void CharTransformer::AttentionBackward(Block& block, const Matrix& grad_heads, Matrix& grad_qkv) {
  const int t = length_, c = shape_.width, heads = shape_.heads, d = c / heads, ld = 3 * c;
  const float scale = 1.0f / std::sqrt(float(d));
  grad_qkv.resize(Eigen::Index(batch_) * t, ld);
  grad_weights_.resize(t, t);
  grad_scores_.resize(t, t);
  for (int b = 0; b < batch_; ++b)
    for (int h = 0; h < heads; ++h) {
      const long at = long(b * heads + h) * t * t, row0 = long(b) * t;
      const float* q = block.qkv_out.data() + row0 * ld + h * d;
      const float* k = q + c;
      const float* v = q + 2 * c;
      float* dq = grad_qkv.data() + row0 * ld + h * d;
      float* dk = dq + c;
      float* dv = dq + 2 * c;
      const float* dy = grad_heads.data() + row0 * c + h * d;
      const float* a = block.weights.data() + at;
      Multiply({t, t, d}, false, dy, c, true, v, ld, grad_weights_.data(), t, false);                // dA = dY Vᵀ
      Multiply({t, d, t}, true, block.weights_used.data() + at, t, false, dy, c, dv, ld, false);  // dV = Aᵀ dY
      if (block.attention_mask.size() > 0)  // through dropout: dA ⊙ mask
        for (int e = 0; e < t * t; ++e) grad_weights_.data()[e] *= block.attention_mask.data()[at + e];
      for (int i = 0; i < t; ++i) {
        // Softmax's backward, scaled by S's 1/√d: dS_ij = A_ij (dA_ij - Σ_k A_ik dA_ik) / √d, 0 for j > i.
        const float* a_row = a + long(i) * t;
        const float* da_row = grad_weights_.data() + long(i) * t;
        float* ds_row = grad_scores_.data() + long(i) * t;
        float dot = 0.0f;
        for (int j = 0; j <= i; ++j) dot += a_row[j] * da_row[j];
        for (int j = 0; j <= i; ++j) ds_row[j] = a_row[j] * (da_row[j] - dot) * scale;
        for (int j = i + 1; j < t; ++j) ds_row[j] = 0.0f;
      }
      Multiply({t, d, t}, false, grad_scores_.data(), t, false, k, ld, dq, ld, false);  // dQ = dS K
      Multiply({t, d, t}, true, grad_scores_.data(), t, false, q, ld, dk, ld, false);   // dK = dSᵀ Q
    }
}

void CharTransformer::BlockForward(Block& block, bool training) {
  block.norm1.Forward(stream_, block.normed1);                     // a = LN₁(x)
  block.qkv.Forward(block.normed1, block.qkv_out);                 // [Q K V] = a W_qkv + b_qkv
  AttentionForward(block, training);                               // heads = [A₁V₁ ... A_H V_H]
  block.attention_output.Forward(block.heads, block.branch);       // heads W_o + b_o
  DropOut(block.branch, block.residual_mask1, training);
  stream_ += block.branch;                                         // x ← x + Dropout(...)
  block.norm2.Forward(stream_, block.normed2);                     // m = LN₂(x)
  block.fc.Forward(block.normed2, block.hidden);                   // f = m W_fc + b_fc
  block.gelu.Forward(block.hidden, block.activated);               // g = GELU(f)
  block.projection.Forward(block.activated, block.branch);         // g W_pr + b_pr
  DropOut(block.branch, block.residual_mask2, training);
  stream_ += block.branch;                                         // x ← x + Dropout(...)
}

// grad_stream_ holds dL/dx after the block on entry and dL/dx before it on return; a residual passes
// its gradient through unchanged and adds its branch's.
void CharTransformer::BlockBackward(Block& block) {
  grad_branch_ = grad_stream_;
  if (block.residual_mask2.size() > 0) grad_branch_.array() *= block.residual_mask2.array();
  block.projection.Backward(grad_branch_, grad_activated_);  // dW_pr = gᵀ dy, dg = dy W_prᵀ
  block.gelu.Backward(grad_activated_, grad_hidden_);        // df = dg ⊙ GELU'(f)
  block.fc.Backward(grad_hidden_, grad_normed_);             // dW_fc = mᵀ df, dm = df W_fcᵀ
  block.norm2.Backward(grad_normed_, grad_branch_);          // dx through LN₂
  grad_stream_ += grad_branch_;
  grad_branch_ = grad_stream_;
  if (block.residual_mask1.size() > 0) grad_branch_.array() *= block.residual_mask1.array();
  block.attention_output.Backward(grad_branch_, grad_heads_);  // dW_o = headsᵀ dy, dheads = dy W_oᵀ
  AttentionBackward(block, grad_heads_, grad_qkv_);            // d[Q K V]
  block.qkv.Backward(grad_qkv_, grad_normed_);                 // dW_qkv = aᵀ d[QKV], da = d[QKV] W_qkvᵀ
  block.norm1.Backward(grad_normed_, grad_branch_);            // dx through LN₁
  grad_stream_ += grad_branch_;
}

const Matrix& CharTransformer::Forward(const std::vector<std::vector<int>>& inputs, bool training) {
  Embed(inputs);
  for (auto& block : blocks_) BlockForward(*block, training);
  final_norm.Forward(stream_, final_normed_);  // h = LN_f(x)
  if (shape_.tied) Multiply(final_normed_, false, token_embedding, true, logits_);  // logits = h Eᵀ
  else Multiply(final_normed_, false, output, false, logits_);                     // logits = h W_out
  return logits_;
}

double CharTransformer::Loss(const std::vector<std::vector<int>>& inputs,
                             const std::vector<std::vector<int>>& targets, bool training, bool gradients) {
  Forward(inputs, training);
  const Eigen::Index n = logits_.rows(), v = logits_.cols();
  double loss = 0.0;
  if (gradients) grad_logits_.resize(n, v);
  for (Eigen::Index r = 0; r < n; ++r) {
    const int target = targets[size_t(r / length_)][size_t(r % length_)];
    // -ln softmax(z)_y = logsumexp(z) - z_y, in double with the maximum taken out.
    const float* z = logits_.data() + r * v;
    const double largest = *std::max_element(z, z + v);
    double sum = 0.0;
    for (Eigen::Index j = 0; j < v; ++j) sum += std::exp(double(z[j]) - largest);
    const double log_sum = largest + std::log(sum);
    loss += log_sum - double(z[target]);
    if (!gradients) continue;
    // dL/dz = (softmax(z) - onehot(y)) / N for the mean over N positions.
    for (Eigen::Index j = 0; j < v; ++j)
      grad_logits_(r, j) = float((std::exp(double(z[j]) - log_sum) - (j == target ? 1.0 : 0.0)) / double(n));
  }
  if (!gradients) return loss / double(n);

  if (shape_.tied) {
    Multiply(grad_logits_, true, final_normed_, false, tied_gradient_);  // dE (from the logits) = dzᵀ h
    Multiply(grad_logits_, false, token_embedding, false, grad_normed_);  // dh = dz E
  } else {
    Multiply(final_normed_, true, grad_logits_, false, output_gradient);  // dW_out = hᵀ dz
    Multiply(grad_logits_, false, output, true, grad_normed_);            // dh = dz W_outᵀ
  }
  final_norm.Backward(grad_normed_, grad_stream_);
  for (auto block = blocks_.rbegin(); block != blocks_.rend(); ++block) BlockBackward(**block);
  // x⁰ = E[token] + P[i]: each row's gradient goes to its token's row of E and its position's row of P.
  if (shape_.tied) token_embedding_gradient = tied_gradient_;
  else token_embedding_gradient = Matrix::Zero(token_embedding.rows(), token_embedding.cols());
  position_embedding_gradient = Matrix::Zero(position_embedding.rows(), position_embedding.cols());
  for (int b = 0; b < batch_; ++b)
    for (int i = 0; i < length_; ++i) {
      const Eigen::Index r = Eigen::Index(b) * length_ + i;
      token_embedding_gradient.row(inputs[size_t(b)][size_t(i)]) += grad_stream_.row(r);
      position_embedding_gradient.row(i) += grad_stream_.row(r);
    }
  return loss / double(n);
}

std::vector<NamedParameter> CharTransformer::Parameters() {
  std::vector<NamedParameter> list;
  auto add = [&](std::string name, Matrix& value, Matrix& gradient, bool is_weight) {
    SizeLike(gradient, value);
    list.push_back({std::move(name), &value, &gradient, is_weight});
  };
  auto add_norm = [&](const std::string& name, LayerNorm& norm) {
    add(name + ".gain", norm.gamma, norm.gamma_gradient, false);
    add(name + ".bias", norm.beta, norm.beta_gradient, false);
  };
  auto add_dense = [&](const std::string& name, Dense& dense) {
    add(name + ".weight", dense.weights, dense.weights_gradient, true);
    add(name + ".bias", dense.bias, dense.bias_gradient, false);
  };
  add("token_embedding", token_embedding, token_embedding_gradient, true);
  add("position_embedding", position_embedding, position_embedding_gradient, true);
  for (size_t l = 0; l < blocks_.size(); ++l) {
    Block& block = *blocks_[l];
    const std::string prefix = "block" + std::to_string(l);
    add_norm(prefix + ".ln1", block.norm1);
    add_dense(prefix + ".attention.qkv", block.qkv);
    add_dense(prefix + ".attention.output", block.attention_output);
    add_norm(prefix + ".ln2", block.norm2);
    add_dense(prefix + ".mlp.fc", block.fc);
    add_dense(prefix + ".mlp.projection", block.projection);
  }
  add_norm("final_ln", final_norm);
  if (!shape_.tied) add("output.weight", output, output_gradient, true);
  return list;
}

std::vector<ParameterRef> CharTransformer::ParameterRefs() {
  std::vector<ParameterRef> refs;
  for (const NamedParameter& p : Parameters()) refs.push_back({p.value, p.gradient, p.is_weight});
  return refs;
}

std::vector<int> CharTransformer::Generate(const std::vector<int>& prompt, int n, float temperature, Rng& rng) {
  std::vector<int> text = prompt, generated;
  if (prompt.empty()) return generated;
  for (int step = 0; step < n; ++step) {
    const size_t t = std::min(text.size(), size_t(shape_.context));
    Forward({std::vector<int>(text.end() - long(t), text.end())}, false);
    const float* z = logits_.data() + (logits_.rows() - 1) * logits_.cols();
    const int v = int(logits_.cols());
    int next = int(std::max_element(z, z + v) - z);
    if (temperature > 0.0f) {
      // p_j ∝ exp(z_j / τ), drawn by inverting the cumulative sum at one uniform number.
      std::vector<double> weights(static_cast<size_t>(v), 0.0);
      double total = 0.0;
      for (int j = 0; j < v; ++j) total += weights[size_t(j)] = std::exp((double(z[j]) - double(z[next])) / temperature);
      double u = double(rng.Uniform()) * total;
      for (int j = 0; j < v; ++j) {
        u -= weights[size_t(j)];
        if (u < 0.0) {
          next = j;
          break;
        }
      }
    }
    text.push_back(next);
    generated.push_back(next);
  }
  return generated;
}

std::vector<std::vector<Matrix>> CharTransformer::AttentionPatterns(const std::vector<int>& prompt) {
  std::vector<std::vector<Matrix>> patterns;
  if (prompt.empty()) return patterns;
  const size_t t = std::min(prompt.size(), size_t(shape_.context));
  Forward({std::vector<int>(prompt.end() - long(t), prompt.end())}, false);
  for (const auto& block : blocks_) {
    patterns.emplace_back();
    for (int h = 0; h < shape_.heads; ++h) patterns.back().push_back(block->weights.middleRows(Eigen::Index(h) * long(t), long(t)));
  }
  return patterns;
}

}  // namespace netlab
