#include "links/run_snapshot.h"

#include <cmath>
#include <cstring>

#include "links/share_link.h"
#include "links/weights_file.h"
#include "core/byte_io.h"

namespace netlab {
namespace {

const char kMagic[8] = {'N', 'E', 'T', 'L', 'A', 'B', 'R', '\n'};
constexpr size_t kMaxLayerNorms = 1024;  // per history point: far above any network's weight matrices

// Every random stream training draws from besides the data order: the layers', then the optimizer's.
std::vector<Rng*> RandomStreams(Network& network, Optimizer& optimizer) {
  std::vector<Rng*> streams = network.RandomStreams();
  if (Rng* rng = optimizer.RandomStream()) streams.push_back(rng);
  return streams;
}

void WritePoint(ByteWriter& out, const MetricsPoint& p) {
  out.I64(p.step);
  for (double v : {p.epoch, p.train_loss, p.test_loss, p.train_accuracy, p.test_accuracy, p.validation_loss,
                   p.learning_rate, p.gradient_norm})
    out.F64(v);
  out.U32(uint32_t(p.layer_gradient_norms.size()));
  for (float v : p.layer_gradient_norms) out.F32(v);
}

bool ReadPoint(ByteReader& in, MetricsPoint& p) {
  int64_t step = 0;
  uint32_t norms = 0;
  if (!in.I64(step)) return false;
  p.step = long(step);
  for (double* v : {&p.epoch, &p.train_loss, &p.test_loss, &p.train_accuracy, &p.test_accuracy, &p.validation_loss,
                    &p.learning_rate, &p.gradient_norm})
    if (!in.F64(*v)) return false;
  if (!in.U32(norms) || norms > kMaxLayerNorms || size_t(norms) * 4 > in.left()) return false;
  p.layer_gradient_norms.resize(norms);
  for (float& v : p.layer_gradient_norms) in.F32(v);
  return true;
}

}  // namespace

bool LooksLikeRunSnapshot(const std::string& bytes) {
  return bytes.size() >= sizeof kMagic && std::memcmp(bytes.data(), kMagic, sizeof kMagic) == 0;
}

std::string SaveRunSnapshot(Trainer& t) {
  ByteWriter out;
  out.bytes.assign(kMagic, sizeof kMagic);
  out.U32(kRunSnapshotVersion);
  // A config text cannot say TF Playground mode; its link does (with the course keys riding on it).
  out.Text(t.faithful_ ? EncodeShareLink(t.config_) : std::string());
  out.Text(SaveWeights(t.config_, t.network_));
  out.I64(t.step_);
  out.I64(t.samples_seen_);
  if (t.faithful_) return out.bytes;
  out.U64(t.rng_.state());
  out.U32(uint32_t(t.order_.size()));
  for (int row : t.order_) out.U32(uint32_t(row));
  out.U32(uint32_t(t.cursor_));
  const std::vector<Rng*> streams = RandomStreams(t.network_, *t.optimizer_);
  out.U32(uint32_t(streams.size()));
  for (const Rng* rng : streams) out.U64(rng->state());
  const std::vector<std::vector<Matrix>*> slots = t.optimizer_->StateSlots(t.parameters_);
  out.U32(uint32_t(slots.size()));
  for (const std::vector<Matrix>* slot : slots)
    for (const Matrix& m : *slot) out.Floats(m);
  const long* counter = t.optimizer_->StepCounter();
  out.I64(counter ? *counter : -1);
  t.early_stopping_.Write(out);
  out.F64(t.last_gradient_norm_);
  out.U32(uint32_t(t.last_layer_gradient_norms_.size()));
  for (float v : t.last_layer_gradient_norms_) out.F32(v);
  out.U32(uint32_t(t.history_.size()));
  for (const MetricsPoint& p : t.history_) WritePoint(out, p);
  out.Text(t.diverged_);
  return out.bytes;
}

bool RestoreRunSnapshot(const std::string& bytes, std::unique_ptr<Trainer>& out, std::string& error) {
  auto fail = [&](const std::string& why) {
    error = "The kept run cannot be restored: " + why;
    return false;
  };
  if (!LooksLikeRunSnapshot(bytes)) return fail("it is not a Netlab run (wrong header).");
  ByteReader in{bytes, sizeof kMagic};
  uint32_t version = 0;
  if (!in.U32(version)) return fail("it is cut off in its header.");
  if (version != kRunSnapshotVersion)
    return fail("it has format version " + std::to_string(version) + " (this Netlab reads " +
                std::to_string(kRunSnapshotVersion) + ").");
  std::string tf_link, weights_bytes, weights_error;
  LoadedWeights weights;
  if (!in.Text(tf_link, kMaxLinkBytes)) return fail("its TF Playground link is cut off or too long.");
  if (!in.Text(weights_bytes, in.left())) return fail("its weights are cut off.");
  if (!ParseWeights(weights_bytes, weights, weights_error)) return fail(weights_error);
  if (weights.config.task != "playground") return fail("it names the " + weights.config.task + " task.");
  if (!tf_link.empty()) {
    Config faithful;
    if (!DecodeShareLink(tf_link, faithful, weights_error) || !faithful.tf_playground)
      return fail("its TF Playground link does not open: " + weights_error);
    weights.config = faithful;
  }
  int64_t step = 0, samples = 0;
  if (!in.I64(step) || !in.I64(samples) || step < 0 || samples < 0) return fail("its step count is cut off.");
  auto t = std::make_unique<Trainer>(weights.config);
  if (t->faithful_) {
    // TF Playground's experiment is a function of its settings and epoch: replayed, not stored.
    if (step > kMaxReplayedEpochs)
      return fail("it is a TF Playground run of " + std::to_string(step) + " epochs, more than the " +
                  std::to_string(kMaxReplayedEpochs) + " a restore replays.");
    if (in.left() != 0) return fail("it has unexpected bytes at its end.");
    while (t->step_ < step && t->diverged_.empty()) t->Step();
    out = std::move(t);
    return true;
  }
  if (!ApplyWeights(weights, t->network_, weights_error)) return fail(weights_error);
  t->step_ = t->local_steps_ = long(step);
  t->samples_seen_ = samples;
  uint64_t state = 0;
  uint32_t count = 0, cursor = 0;
  if (!in.U64(state)) return fail("its data order is cut off.");
  t->rng_.set_state(state);
  if (!in.U32(count) || count != t->order_.size()) return fail("its data order does not fit its data.");
  for (int& row : t->order_) {
    uint32_t r = 0;
    if (!in.U32(r) || r >= count) return fail("its data order is cut off or out of range.");
    row = int(r);
  }
  if (!in.U32(cursor) || cursor > count) return fail("its place in the data is out of range.");
  t->cursor_ = cursor;
  const std::vector<Rng*> streams = RandomStreams(t->network_, *t->optimizer_);
  if (!in.U32(count) || count != streams.size()) return fail("its random streams do not fit its network.");
  for (Rng* rng : streams) {
    if (!in.U64(state)) return fail("its random streams are cut off.");
    rng->set_state(state);
  }
  const std::vector<std::vector<Matrix>*> slots = t->optimizer_->StateSlots(t->parameters_);
  if (!in.U32(count) || count != slots.size()) return fail("its optimizer state does not fit its optimizer.");
  for (std::vector<Matrix>* slot : slots)
    for (size_t i = 0; i < slot->size(); ++i) {
      const Matrix& shape = *t->parameters_[i].value;
      if (!in.Floats((*slot)[i], shape.rows(), shape.cols())) return fail("its optimizer state is cut off or misshapen.");
    }
  int64_t counter = 0;
  if (!in.I64(counter) || counter < -1) return fail("its optimizer's step counter is cut off.");
  if (long* c = t->optimizer_->StepCounter()) *c = long(std::max<int64_t>(0, counter));
  if (!t->early_stopping_.Read(in, t->model_buffers_)) return fail("its early-stopping state is cut off or misshapen.");
  if (!in.F64(t->last_gradient_norm_) || !in.U32(count) || count > kMaxLayerNorms || size_t(count) * 4 > in.left())
    return fail("its gradient norms are cut off.");
  t->last_layer_gradient_norms_.resize(count);
  for (float& v : t->last_layer_gradient_norms_) in.F32(v);
  if (!in.U32(count) || count > kMaxHistory) return fail("its history is cut off or too long.");
  t->history_.resize(count);
  for (MetricsPoint& p : t->history_)
    if (!ReadPoint(in, p)) return fail("its history is cut off.");
  if (!in.Text(t->diverged_, 1000)) return fail("its end is cut off.");
  if (in.left() != 0) return fail("it has " + std::to_string(in.left()) + " unexpected bytes at its end.");
  t->CheckParametersFinite();
  out = std::move(t);
  return true;
}

}  // namespace netlab
