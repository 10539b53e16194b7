// BackgroundTraining: the playground trained on a thread of its own, a frame's grant at a time, takes
// the same steps as frames that train it themselves, and the copy the page draws ends with the trained
// trainer's weights, step and history; a run that diverges there says so and comes back.
#include <catch2/catch.hpp>

// Threads exist natively and in the pthreads WASM build (netlab_gemm_threads_test); the single-threaded
// WASM test binary cannot start one, so there this file is empty.
#if !defined(__EMSCRIPTEN__) || defined(__EMSCRIPTEN_PTHREADS__)

#include <chrono>
#include <thread>

#include "core/clock.h"
#include "support/diverging_config.h"
#include "pacing/background_training.h"

using namespace netlab;

namespace {

Config SmallNetwork() {
  Config config;
  config.hidden = {{6, "tanh"}, {4, "relu"}};
  config.hidden[0].norm = "batch";  // running averages: state the pictures must carry too
  return config;
}

bool SameBits(const Matrix& a, const Matrix& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         std::equal(a.data(), a.data() + a.size(), b.data());
}

void CheckSameModel(Trainer& a, Trainer& b) {
  const std::vector<ParameterRef> pa = a.network().Parameters(), pb = b.network().Parameters();
  REQUIRE(pa.size() == pb.size());
  for (size_t i = 0; i < pa.size(); ++i) CHECK(SameBits(*pa[i].value, *pb[i].value));
  const std::vector<Matrix*> sa = a.network().State(), sb = b.network().State();
  REQUIRE(sa.size() == sb.size());
  for (size_t i = 0; i < sa.size(); ++i) CHECK(SameBits(*sa[i], *sb[i]));
}

// The copy the page draws, as App::StartTrainingThread makes it.
std::unique_ptr<Trainer> CopyFor(Trainer& trainer) {
  auto copy = std::make_unique<Trainer>(trainer.config());
  copy->CopyHistoryFrom(trainer);
  Trainer::Picture first;
  trainer.TakePicture(first);
  copy->ShowPicture(first);
  return copy;
}

// Refreshes `copy` until `done(copy, ended)` or 10 s pass (a loaded machine's thread may be slow).
template <class Done>
bool RefreshUntil(BackgroundTraining& background, Trainer& copy, Done done) {
  const double deadline = NowSeconds() + 10.0;
  while (NowSeconds() < deadline) {
    const bool ended = background.Refresh(copy);
    if (done(copy, ended)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return false;
}

}  // namespace

TEST_CASE("Training on its own thread takes the frames' steps, and the page's copy ends as the trainer",
          "[train][thread]") {
  const Config config = SmallNetwork();
  constexpr long kStepsPerFrame = 5;
  constexpr int kFrames = 30;
  // The page's frames training the trainer themselves.
  Trainer direct(config);
  direct.Evaluate();
  FramePacing direct_pacing;
  for (int frame = 0; frame < kFrames; ++frame) TrainFrame(direct, direct_pacing, 1.0, kStepsPerFrame);

  auto trainer = std::make_unique<Trainer>(config);
  trainer->Evaluate();
  std::unique_ptr<Trainer> copy = CopyFor(*trainer);
  BackgroundTraining background;
  background.Start(std::move(trainer), FramePacing());
  REQUIRE(background.running());
  size_t shown_points = copy->history().size();
  for (int frame = 0; frame < kFrames; ++frame) {
    background.Grant(1.0, kStepsPerFrame);
    // One grant at a time: the next frame's grant would replace one not yet begun.
    const long wanted = kStepsPerFrame * (frame + 1);
    REQUIRE(RefreshUntil(background, *copy, [&](Trainer& c, bool) { return c.step() == wanted; }));
    CHECK(copy->history().size() > shown_points);  // each frame's point reached the copy
    shown_points = copy->history().size();
  }
  std::unique_ptr<Trainer> trained = background.Stop();
  REQUIRE(trained);
  CHECK_FALSE(background.running());
  CHECK(trained->step() == kStepsPerFrame * kFrames);
  CHECK(direct.step() == trained->step());
  CheckSameModel(direct, *trained);  // the same steps, bit for bit
  // The copy: the trained weights, step and every point of the history, thinned alike.
  CheckSameModel(*copy, *trained);
  CHECK(copy->step() == trained->step());
  CHECK(copy->epoch() == trained->epoch());
  REQUIRE(copy->history().size() == trained->history().size());
  for (size_t i = 0; i < copy->history().size(); ++i) {
    CHECK(copy->history()[i].step == trained->history()[i].step);
    CHECK(copy->history()[i].test_loss == trained->history()[i].test_loss);
  }
}

TEST_CASE("A run that diverges on its thread says so to the page and comes back with its message", "[train][thread]") {
  const Config config = DivergingConfig();
  auto trainer = std::make_unique<Trainer>(config);
  trainer->Evaluate();
  std::unique_ptr<Trainer> copy = CopyFor(*trainer);
  BackgroundTraining background;
  background.Start(std::move(trainer), FramePacing());
  bool ended = false;
  for (int frame = 0; frame < 200 && !ended; ++frame) {
    background.Grant(1.0, 5);
    const long before = copy->step();
    RefreshUntil(background, *copy, [&](Trainer& c, bool e) { return e || c.step() > before; });
    ended = background.Refresh(*copy);
  }
  REQUIRE(ended);
  CHECK(copy->diverged().find("learning rate") != std::string::npos);
  std::unique_ptr<Trainer> trained = background.Stop();
  CHECK(trained->diverged() == copy->diverged());
  // Stopping again gives nothing and waits for nothing.
  CHECK(background.Stop() == nullptr);
}

#endif  // threads
