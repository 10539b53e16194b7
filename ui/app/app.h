#pragma once
// The playground: owns the edited Config and the Trainer built from it, runs a time-budgeted number of
// training steps per frame, and draws the panels. Data flows one way: panels edit `edited_`, the app
// rebuilds or retunes the trainer, the trainer produces metrics, the plots draw them.
#include <memory>
#include <string>
#include <vector>

#include "widgets/layout.h"
#include "pacing/background_training.h"
#include "pacing/frame_training.h"
#include "views/task_output.h"
#include "panels/compute_panel.h"
#include "panels/course_gate.h"
#include "panels/exercise_panel.h"
#include "compare/timeline.h"
#include "config/config.h"
#include "panels/search_panel.h"
#include "panels/share_panel.h"
#include "train/trainer.h"
#include "tabs/tabs.h"
#include "widgets/picture_cadence.h"
#include "widgets/plots.h"
#include "widgets/point_painting.h"
#include "links/weights_file.h"
#include "links/config_text.h"

namespace netlab {

class App {
 public:
  explicit App(const Config& initial);

  // Draws one frame of UI covering a (width x height) screen and trains within `train_budget_seconds`.
  void Frame(float width, float height, double train_budget_seconds = 0.010);

  // Replaces the config from its text form; on error keeps the current one and shows the message.
  bool LoadConfigText(const std::string& text);
  // The pinned runs a page starts with (its storage, or a pins link's ?pins=): "STEPS LINK" lines.
  void LoadPins(const std::string& text);
  std::string ConfigText() const { return ConfigToText(edited_, '&'); }
  // The share-link fragment of the model that is training (the playground's or the task's).
  std::string ShareFragment() const;
  void SetPlaying(bool playing) { playing_ = playing; }
  // The playground's speed while playing, in steps per second; 0 trains as many as each frame's time
  // budget allows.
  void SetStepsPerSecond(int steps) { steps_per_second_ = steps; }
  // Brings a view tab to the front: "playground", "backprop", "gradient_check", "layers", "race".
  void SetView(const std::string& view) { requested_view_ = edited_.view = view; }
  // Opens the floating "search" (hyperparameter search) window; "models/CNN" (RBM, DBN, VAE, GAN, RNN)
  // switches to that model's task with its starting settings (the Models window became tasks).
  void OpenWindow(const std::string& name);
  // Switches to `task` (workbench/tasks.h) with its starting configuration (app/task_defaults.h).
  void SwitchTask(const std::string& task);
  // `count` steps of the task on screen (the playground's trainer or the task's run), also while paused;
  // the playground's train loss after each as JSON ("[]" for the other tasks). For window.netlab.step.
  std::string StepTimes(int count);
  // The report line of the task on screen, in netlab-headless's format: after StepTimes(N) it is the
  // last line `netlab-headless --headless --steps N --report-every N` prints for the same link.
  std::string ReportLine();
  // Machine-readable state for the page and tests: step, epoch, losses, accuracy, playing, error.
  std::string StatusJson() const;
  // {"link": <TF Playground URL or null>, "why": <why not, or "">} for the config being edited.
  std::string TfPlaygroundLinkJson() const;

  // Platform services for links and files (see share_panel.h); unset ones hide their buttons.
  void SetShareActions(ShareActions actions) { share_ = std::move(actions); }
  // Embedded in a page (iframe ?embed=1, Netlab.mount): output only, with a compact run bar.
  void SetEmbedded(bool embedded) { embedded_ = embedded; }
  // A first visit (the page opened with no link and has not been visited before): a card with three
  // ways to start, over the output, until one is chosen or it is closed.
  void ShowWelcome(bool show) { welcome_ = show; }
  bool welcome() const { return welcome_; }
  // A weights file (restores its config and weights), or a config text or share link.
  bool LoadFile(const std::string& bytes);
  // A message for the user from outside the app (the page could not read or allocate a file).
  void ShowMessage(const std::string& text) { message_ = text; }
  // Applies a config as if the panels had edited it (rebuild or retune, then reported as a change).
  bool EditConfigText(const std::string& text);
  // The WebGPU path (browser only, web/netlab-gpu-trainer.js): the page reports whether a GPU exists and
  // what it is doing; while it steps on the GPU (active), Train() leaves the weights alone.
  GpuState& gpu() { return gpu_; }
  void SetGpuActive(bool active, const std::string& status) {
    if (active) StopTrainingThread();
    gpu_.active = active;
    gpu_.status = status;
  }
  bool playing() const { return playing_; }
  // The hyperparameter-search window is open: it trains while the playground is paused.
  bool has_floating_window() const { return show_search_ || welcome_; }
  // A gradient check under way in any task's tab: frames advance it, so the page keeps drawing.
  bool checking() const {
    return GradientCheckRunning(gradient_check_view_) || (!on_playground() && task_output_.busy());
  }
  // An evaluation spread over frames is under way (the classification task's, paused mid-way).
  bool evaluating() const { return !on_playground() && task_output_.busy(); }
  // The steps this frame may take (from the speed and the frame's length), unless at the fastest speed,
  // where the time budget decides.
  long steps_per_frame() const { return steps_this_frame_; }
  bool fastest() const { return steps_per_second_ <= 0; }
  // Seconds the last frame spent in training steps (the rest of the frame is the UI and drawing).
  double train_seconds() const { return train_seconds_; }
  // Changes whenever the trainer is rebuilt, so the page knows its GPU copy of the network is stale.
  long trainer_generation() const { return trainer_generation_; }
  // The model on screen as a weights file: the playground's network, or the task's run ("" for a task that
  // keeps no weights, or before its run is built).
  std::string WeightsBytes();
  // The playground's run as it stands, for the page to keep in the browser's storage
  // (train/run_snapshot.h); "" on another task or before its first step.
  std::string RunSnapshot();
  // Restores a kept run where it was (config, weights, optimizer, history); false with a message
  // shown when the bytes are not one, and the current run kept.
  bool RestoreRun(const std::string& bytes);
  // The playground's trainer, to step or change from outside: training on its own thread stops first.
  Trainer& trainer() {
    StopTrainingThread();
    return *trainer_;
  }
  // The trainer as the page shows it, to read only: while training runs on its own thread, a copy
  // with the weights, step and history of the last picture (train/background_training.h).
  const Trainer& shown_trainer() const { return *trainer_; }
  // The tasks' data choice and the family views (fed by the platform's file actions).
  TaskOutput& task_output() { return task_output_; }
  bool on_playground() const { return edited_.task == "playground"; }

 private:
  void Rebuild();
  // The task beyond the playground: its data source and model, from edited_ (app/task_panels.cpp).
  void RebuildTask();
  // The config the running model was built from: the trainer's or the task's.
  const Config& running_config() const { return on_playground() ? trainer_->config() : task_config_; }
  void DrawTaskControls();
  void DrawTaskOutput();
  void DrawTaskCombo();
  void ApplyEdits();
  void Train(double budget_seconds);
  // Whether the playground trains on a thread of its own now: in builds with threads, playing
  // Netlab's model (not TF Playground's) on the CPU, with its Playground tab in front.
  bool UsesTrainingThread() const;
  // trainer_ goes to the thread and a copy built from its config takes its place, or comes back.
  void StartTrainingThread();
  void StopTrainingThread();
  // The Step button and the s key on the playground: one step and its metrics, unless it diverged.
  void StepPlaygroundOnce();
  void DrawControls(const Region& region);
  void DrawOutput(const Region& region);
  void DrawScreenSwitch(const Region& bar);
  void DrawViews();
  void DrawPlayground();
  void DrawEmbedded(float width, float height);
  void ReportConfigChange();
  // The exercise's goal and progress (config/course.h), and the one 'goal' report when it is met.
  void DrawCourseGoal();
  void CheckCourseGoal();
  int HiddenNeurons() const;
  std::vector<std::pair<std::string, double>> ReportNumbers(const MetricsPoint& m) const;
  std::vector<std::pair<std::string, double>> GoalValues() const;  // ReportNumbers of the latest point
  void DrawCompare();
  void FollowTimeline();
  void BackToPresent();
  void NoteTimeline();
  void ForgetTimeline();
  void DrawTimeline();
  void PinsChanged();
  // Space, s, r and ? (ui/app/shortcuts.cpp); the help list is drawn centred on the screen.
  void HandleShortcuts(float width, float height);

  Config edited_;
  std::unique_ptr<Trainer> trainer_;  // the playground's (kept, paused, while another task is on)
  Config task_config_;                // what the task's model was built from
  long trainer_generation_ = 0;
  GpuState gpu_;
  bool playing_ = true;
  // Steps per second, not per frame, so that training keeps its pace where frames are slower (a big
  // screen in a software renderer drew 12 frames a second where 1400x900 drew 58, and 5 steps a frame
  // fell from 290 to 60 steps a second). 300 a second keeps the evolution watchable (TensorFlow
  // Playground's pace); 0 is as fast as each frame's time budget allows.
  int steps_per_second_ = 300;
  double owed_steps_ = 0.0;     // steps the speed has granted and no frame has taken yet (a fraction)
  long steps_this_frame_ = 0;
  long StepsThisFrame();
  // A lesson's pace (TaskRun::Progress): seconds a lesson takes from start to its end while playing;
  // 0 trains it as fast as the frames allow.
  int lesson_seconds_ = 30;
  struct LessonPace {
    const TaskRun* run = nullptr;  // the run this is the pace of
    long steps = 0;
    double watched = 0.0;    // seconds played
    double progress = -1.0;  // the run's, last frame
    bool finished = false, continued = false;
  };
  LessonPace lesson_;
  bool welcome_ = false;
  void DrawWelcome(const Region& output);
  long LessonStepsThisFrame();
  void FollowLessonRun();
  void TogglePlaying();
  void ReplayLesson();
  void ContinueLesson();
  void DrawLessonState();
  SearchPanel search_panel_;
  TaskOutput task_output_;  // the task beyond the playground: its data, its run and its view
  std::string message_;  // last config error or notice, shown until dismissed
  double frames_per_second_ = 0.0;
  double train_seconds_ = 0.0;  // this frame's training steps
  double ui_seconds_ = 0.0;     // the frame's other work (panels, pictures, metrics), smoothed
  double train_budget_ = 0.010;  // this frame's, for the family views that train as they draw
  FramePacing pacing_;  // the playground's steps dearer than the budget, and its evaluation's cost
  BackgroundTraining background_;  // the playground's training thread, while it runs
  std::string requested_view_;
  bool show_search_ = false, show_shortcuts_ = false;
  bool narrow_shows_controls_ = false;
  // The playground's pictures, re-evaluated a little each frame only while the model changes.
  HeatmapState heatmap_;
  PictureCadence pictures_;  // which model version the heatmap, diagram and loss curve show
  long pictured_version_ = -1;
  std::vector<MetricsPoint> pictured_history_;  // the loss curve's points as of that version
  PaintState paint_;  // the class new points get and the press under way on the heatmap
  NetworkDiagramState diagram_;  // which window a narrow screen shows (see layout.h)
  BackpropViewState backprop_view_;
  GradientCheckViewState gradient_check_view_;
  LayerStatisticsState layer_statistics_view_;
  ErrorsViewState errors_view_;
  RaceViewState race_view_;
  ShareActions share_;
  bool embedded_ = false;
  std::string reported_config_;  // the config text last reported through share_.config_changed
  Timeline timeline_;               // snapshots for scrubbing back (compare/timeline.h)
  std::unique_ptr<Trainer> present_;  // the run itself while the page shows a past step of it
  long scrubbed_step_ = -1;
  double timeline_time_ = 0.0;      // when the training thread last stopped for a snapshot
  PinnedRuns pins_;                 // runs side by side (compare/pinned_runs.h), kept by the page's storage
  std::string pins_message_;
  long live_edit_step_ = 0;         // the step of the first live edit of the trainer on screen (0: none)
  ExerciseAuthor exercise_author_;  // the teacher's key, never in a link
  std::string submitted_;           // the sentence after Submit
  CourseGate gate_;             // this frame's hidden and locked controls (the course's)
  long goal_reported_generation_ = -1;  // the trainer whose goal was reported met (once per model)
};

}  // namespace netlab
