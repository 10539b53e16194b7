#include "attention/reverse_attention.h"

#include <cmath>

namespace netlab {
namespace {

// Each row replaced by its softmax (shifted by the row's maximum, which cancels).
void SoftmaxRows(Matrix& m) {
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    m.row(r).array() -= m.row(r).maxCoeff();
    m.row(r) = m.row(r).array().exp().matrix();
    m.row(r) /= m.row(r).sum();
  }
}

void Fill(Matrix& m, int rows, int cols, float stddev, Rng& rng) {
  m.resize(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = stddev * rng.Normal();
}

}  // namespace

ReverseAttention::ReverseAttention(int length, int vocabulary, int width, Rng& rng) {
  // N(0, 1/d) for the matrices a width-d vector is multiplied by (LeCun et al. 1998's fan-in scaling);
  // the embeddings and queries N(0, 1).
  const float scale = 1.0f / std::sqrt(float(width));
  Fill(embed, vocabulary, width, 1.0f, rng);
  Fill(position, length, width, 1.0f, rng);
  Fill(query, length, width, 1.0f, rng);
  Fill(key, width, width, scale, rng);
  Fill(value, width, width, scale, rng);
  Fill(output, width, vocabulary, scale, rng);
  output_bias = Matrix::Zero(1, vocabulary);
}

std::vector<std::vector<int>> ReverseAttention::SampleSequences(int count, Rng& rng) const {
  std::vector<std::vector<int>> sequences(static_cast<size_t>(count), std::vector<int>(static_cast<size_t>(length()), 0));
  for (std::vector<int>& s : sequences)
    for (int& token : s) token = int(rng.Below(uint32_t(vocabulary())));
  return sequences;
}

void ReverseAttention::Forward(const std::vector<int>& x, Pass& p) const {
  const int t = length();
  p.states.resize(t, width());
  for (int j = 0; j < t; ++j) p.states.row(j) = embed.row(x[size_t(j)]) + position.row(j);  // h_j = E[x_j] + P_j
  p.keys = p.states * key;                                                                    // T x d
  p.values = p.states * value;                                                                // T x d
  p.attention = (query * p.keys.transpose()) / std::sqrt(float(width()));                    // s = Q Kᵀ / √d
  SoftmaxRows(p.attention);                                                                   // a = softmax(s)
  p.context = p.attention * p.values;                                                         // c = a V
  p.probabilities = p.context * output;
  p.probabilities.rowwise() += output_bias.row(0);
  SoftmaxRows(p.probabilities);
}

double ReverseAttention::Loss(const std::vector<std::vector<int>>& sequences, bool gradients) {
  const int t = length();
  if (gradients) {
    embed_grad = Matrix::Zero(embed.rows(), embed.cols());
    position_grad = Matrix::Zero(position.rows(), position.cols());
    query_grad = Matrix::Zero(query.rows(), query.cols());
    key_grad = Matrix::Zero(key.rows(), key.cols());
    value_grad = Matrix::Zero(value.rows(), value.cols());
    output_grad = Matrix::Zero(output.rows(), output.cols());
    output_bias_grad = Matrix::Zero(1, output_bias.cols());
  }
  const double count = double(sequences.size()) * t;
  const float root_d = std::sqrt(float(width()));
  double loss = 0.0;
  Pass p;
  Matrix d_logits, d_context, d_attention, d_scores, d_keys, d_values, d_states;
  for (const std::vector<int>& x : sequences) {
    Forward(x, p);
    for (int i = 0; i < t; ++i) loss -= std::log(std::max(double(p.probabilities(i, x[size_t(t - 1 - i)])), 1e-300));
    if (!gradients) continue;
    d_logits = p.probabilities;
    for (int i = 0; i < t; ++i) d_logits(i, x[size_t(t - 1 - i)]) -= 1.0f;  // softmax cross-entropy: p - y
    d_logits /= float(count);
    output_grad.noalias() += p.context.transpose() * d_logits;  // dW_o = cᵀ dL
    output_bias_grad += d_logits.colwise().sum();                // db_o = 1ᵀ dL
    d_context.noalias() = d_logits * output.transpose();         // dc = dL W_oᵀ
    d_attention.noalias() = d_context * p.values.transpose();    // da = dc Vᵀ
    d_values.noalias() = p.attention.transpose() * d_context;    // dV = aᵀ dc
    // Softmax backward, row by row: ds = a ∘ (da - Σ_j a_j da_j).
    d_scores = p.attention.cwiseProduct(d_attention);
    const Eigen::VectorXf row_sums = d_scores.rowwise().sum();
    d_scores -= p.attention.cwiseProduct(row_sums.replicate(1, t));
    d_scores /= root_d;
    query_grad.noalias() += d_scores * p.keys;                   // dQ = ds K / √d
    d_keys.noalias() = d_scores.transpose() * query;             // dK = dsᵀ Q / √d
    key_grad.noalias() += p.states.transpose() * d_keys;         // dW_k = Hᵀ dK
    value_grad.noalias() += p.states.transpose() * d_values;     // dW_v = Hᵀ dV
    d_states.noalias() = d_keys * key.transpose();               // dH = dK W_kᵀ + dV W_vᵀ
    d_states.noalias() += d_values * value.transpose();
    position_grad += d_states;                                   // dP_j = dh_j
    for (int j = 0; j < t; ++j) embed_grad.row(x[size_t(j)]) += d_states.row(j);  // dE[x_j] += dh_j
  }
  return loss / count;
}

Matrix ReverseAttention::Attention(const std::vector<int>& sequence) const {
  Pass p;
  Forward(sequence, p);
  return p.attention;
}

std::vector<int> ReverseAttention::Predict(const std::vector<int>& sequence) const {
  Pass p;
  Forward(sequence, p);
  std::vector<int> tokens(size_t(length()), 0);
  for (int i = 0; i < length(); ++i) {
    Eigen::Index best;
    p.probabilities.row(i).maxCoeff(&best);
    tokens[size_t(i)] = int(best);
  }
  return tokens;
}

double ReverseAttention::Accuracy(const std::vector<std::vector<int>>& sequences) const {
  long right = 0;
  for (const std::vector<int>& x : sequences) {
    const std::vector<int> y = Predict(x);
    for (int i = 0; i < length(); ++i) right += y[size_t(i)] == x[size_t(length() - 1 - i)];
  }
  return double(right) / (double(sequences.size()) * length());
}

double ReverseAttention::AntiDiagonalWeight(const std::vector<std::vector<int>>& sequences) const {
  double total = 0.0;
  for (const std::vector<int>& x : sequences) {
    const Matrix a = Attention(x);
    for (int i = 0; i < length(); ++i) total += a(i, length() - 1 - i);
  }
  return total / (double(sequences.size()) * length());
}

std::vector<ParameterRef> ReverseAttention::Parameters() {
  return {{&embed, &embed_grad, false},   {&position, &position_grad, false}, {&query, &query_grad, false},
          {&key, &key_grad, true},        {&value, &value_grad, true},        {&output, &output_grad, true},
          {&output_bias, &output_bias_grad, false}};
}

}  // namespace netlab
