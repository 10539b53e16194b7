#pragma once
// One frame's share of the playground's training: steps for about the frame's training budget, then the
// metrics. Run by the page's frame itself (App::Train) or, where the page has threads, by the training
// thread for each frame (train/background_training.h); the steps and points are the same either way.
#include <functional>

#include "train/task_run.h"
#include "train/trainer.h"
#include "pacing/training_pace.h"

namespace netlab {

// What one frame's training remembers for the next: the pace of steps dearer than the budget, and what
// a whole evaluation cost (0 until measured).
struct FramePacing {
  TrainingPace pace;
  double evaluation_seconds = 0.0;
};

// Steps for about `budget_seconds` and at most `step_limit` steps (at least one, unless the pace says
// this frame rests), then the metrics: the whole train and test sets where one evaluation fits in 2 ms
// (the playground's networks), else a 2-ms chunk of a pass on a copy of one step's weights
// (Trainer::EvaluateInChunks). Nothing once training has ended. Returns the seconds it took.
double TrainFrame(Trainer& trainer, FramePacing& pacing, double budget_seconds, long step_limit);

// The one loop that steps a run within a frame's budget: `step()` until `budget_seconds` are spent,
// `step_limit` steps were taken or `done()` holds; at least one step unless the pace says this frame
// rests (a step dearer than the budget, train/training_pace.h) or it is done already. Returns the steps.
long StepWithinBudget(TrainingPace& pace, double budget_seconds, long step_limit, const std::function<void()>& step,
                      const std::function<bool()>& done);
// The same for any task's run, done once it has an error or diverged.
long StepWithinBudget(TaskRun& run, TrainingPace& pace, double budget_seconds, long step_limit);

}  // namespace netlab
