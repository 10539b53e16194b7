#include "pacing/frame_training.h"

#include "core/clock.h"

namespace netlab {

double TrainFrame(Trainer& trainer, FramePacing& pacing, double budget_seconds, long step_limit) {
  // Once training has ended (diverged or stopped early) there is nothing to step: the frame neither
  // spins its budget nor appends the same evaluation again (which would thin out the loss curve).
  if (!trainer.diverged().empty() || !trainer.stopped_early().empty()) return 0.0;
  const double start = NowSeconds();
  const long first_step = trainer.step();
  StepWithinBudget(pacing.pace, budget_seconds, step_limit, [&trainer] { trainer.Step(); },
                   [&trainer] { return !trainer.diverged().empty() || !trainer.stopped_early().empty(); });
  // Evaluated at once when early stopping just restored the best weights, even without a new step.
  const bool ended_now = !trainer.stopped_early().empty();
  if (trainer.step() == first_step && !ended_now) return NowSeconds() - start;
  // The metrics cover the whole train and test sets, which for a 12 x 256 network costs as much as
  // many steps. Where one evaluation fits in 2 ms it runs every frame; a dearer one is computed in
  // chunks, 2 ms of each frame, on a copy of one step's weights, while training goes on: a new point
  // every few frames, and never a frame held by a whole evaluation.
  constexpr double kEvaluationSecondsPerFrame = 0.002;
  const double now = NowSeconds();
  if (ended_now || pacing.evaluation_seconds <= kEvaluationSecondsPerFrame) {
    trainer.Evaluate();
    pacing.evaluation_seconds = NowSeconds() - now;
  } else {
    trainer.EvaluateInChunks(kEvaluationSecondsPerFrame);
  }
  return NowSeconds() - start;
}

long StepWithinBudget(TrainingPace& pace, double budget_seconds, long step_limit, const std::function<void()>& step,
                      const std::function<bool()>& done) {
  const double start = NowSeconds();
  if (done() || !pace.ShouldTrain(budget_seconds, start)) return 0;
  long steps = 0;
  do {
    step();
    ++steps;
  } while (steps < step_limit && NowSeconds() - start < budget_seconds && !done());
  pace.Trained(steps, NowSeconds() - start, NowSeconds());
  return steps;
}

long StepWithinBudget(TaskRun& run, TrainingPace& pace, double budget_seconds, long step_limit) {
  return StepWithinBudget(pace, budget_seconds, step_limit, [&run] { run.Step(); },
                          [&run] { return !run.error().empty() || !run.diverged().empty(); });
}

}  // namespace netlab
