#pragma once
// Whether a frame trains, when one training step costs more than the frame's training budget.
//
// The page gives training what is left of a 30 fps frame (web/main_web.cpp) and App::Train trains at
// least one step. A step of a 12 x 256 network costs more than that budget (about 12 ms in WASM), so
// training every frame held each frame past 33 ms. Such steps run on some frames only: one step, then
// the frames that follow for twice its time draw without training, so training takes at most a third of
// the time and every frame stays short. Fewer steps per frame, never fewer frames. Steps within the
// budget train every frame, as before.
namespace netlab {

class TrainingPace {
 public:
  static constexpr double kRestPerStepTime = 2.0;

  bool ShouldTrain(double budget_seconds, double now) const {
    return step_seconds_ <= budget_seconds || now - last_trained_ >= kRestPerStepTime * step_seconds_;
  }
  // A frame trained `steps` steps in `seconds`, ending at `now`.
  void Trained(long steps, double seconds, double now) {
    if (steps <= 0) return;
    const double per_step = seconds / double(steps);
    step_seconds_ = step_seconds_ > 0.0 ? 0.5 * (step_seconds_ + per_step) : per_step;
    last_trained_ = now;
  }
  // A new model: its steps cost what they cost.
  void Reset() { step_seconds_ = 0.0; }

 private:
  double step_seconds_ = 0.0;  // a step's cost, smoothed; 0 before the first
  double last_trained_ = -1e9;
};

}  // namespace netlab
