#include "app/app.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/clock.h"
#include "widgets/plots.h"
#include "grading/exercise.h"
#include "imgui.h"
#include "core/json_text.h"
#include "links/share_link.h"
#include "links/tf_playground_link.h"
#include "links/run_snapshot.h"
#include "tasks/playground/playground_run.h"
#include "platform/item_locator.h"
#include "platform/layout_report.h"
#include "search/objectives.h"
#include "links/config_text.h"

namespace netlab {
App::App(const Config& initial) : edited_(initial) {
  if (!ValidateConfig(edited_).empty()) {
    message_ = "The starting configuration was invalid (" + ValidateConfig(edited_) + "); using defaults.";
    edited_ = Config();
  }
  trainer_ = std::make_unique<Trainer>(on_playground() ? edited_ : Config());  // the playground is always there
  trainer_->Evaluate();
  Rebuild();
  reported_config_ = ConfigToText(edited_);
  requested_view_ = edited_.view;
}

void App::Rebuild() {
  if (!on_playground()) {
    RebuildTask();
    return;
  }
  StopTrainingThread();
  trainer_ = std::make_unique<Trainer>(edited_);
  ++trainer_generation_;
  live_edit_step_ = 0;
  ForgetTimeline();
  pacing_ = FramePacing();
  const double start = NowSeconds();
  trainer_->Evaluate();
  pacing_.evaluation_seconds = NowSeconds() - start;  // decides whether frames evaluate whole or in chunks
}

bool App::LoadConfigText(const std::string& text) {
  std::string error;
  std::vector<std::string> notices;
  Config parsed;
  if (!DecodeShareLink(text, parsed, error, &notices)) {
    message_ = "Could not load that configuration: " + error + " The current one is kept.";
    return false;
  }
  message_.clear();
  if (parsed.tf_playground)
    message_ = "Opened a TensorFlow Playground link: this is TF Playground's own experiment (TF Playground mode). "
               "Changing any setting continues in Netlab's model, and the link becomes a Netlab link. ";
  for (const std::string& notice : notices) message_ += notice + " ";
  edited_ = parsed;
  Rebuild();
  reported_config_ = ConfigToText(edited_);  // it came from a link or file: nothing new to report
  requested_view_ = edited_.view;
  return true;
}

bool App::LoadFile(const std::string& bytes) {
  if (!LooksLikeWeights(bytes)) {
    if (!LoadConfigText(bytes)) return false;
    reported_config_.clear();  // unlike a link, an opened file is news to the address bar
    return true;
  }
  LoadedWeights weights;
  std::string error;
  if (!ParseWeights(bytes, weights, error)) {
    message_ = "Could not load those weights: " + error + " The current model is kept.";
    return false;
  }
  if (!FindTask(weights.config.task)->Can(kWeights)) {
    message_ = "The " + weights.config.task + " task keeps no weights files; this one cannot be opened.";
    return false;
  }
  edited_ = weights.config;
  if (!on_playground()) {
    // The run is built once its data is there, then takes the weights (TaskOutput::SetTask).
    task_config_ = edited_;
    ++trainer_generation_;
    task_output_.SetTask(edited_, std::make_shared<const LoadedWeights>(std::move(weights)));
    message_ = "Loaded the saved " + std::string(FindTask(edited_.task)->label) + " model.";
    return true;
  }
  Rebuild();  // (on the page's thread from here: Rebuild stops the training thread)
  ApplyWeights(weights, trainer_->network(), error);
  trainer_->Evaluate();
  message_ = "Loaded the saved model (" + std::to_string(weights.matrices.size()) + " weight matrices).";
  return true;
}

std::string App::RunSnapshot() {
  if (!on_playground() || trainer_->step() == 0) return "";
  return SaveRunSnapshot(trainer());  // trainer(): the thread's trainer comes back first
}

bool App::RestoreRun(const std::string& bytes) {
  std::unique_ptr<Trainer> restored;
  std::string error;
  if (!RestoreRunSnapshot(bytes, restored, error)) {
    message_ = error + " The current run is kept.";
    return false;
  }
  StopTrainingThread();
  trainer_ = std::move(restored);
  ForgetTimeline();
  edited_ = trainer_->config();
  ++trainer_generation_;
  pacing_ = FramePacing();
  if (trainer_->history().empty()) trainer_->Evaluate();
  reported_config_.clear();  // the address bar takes the restored run's link
  requested_view_ = edited_.view;
  message_ = "Restored your run where it was: step " + std::to_string(trainer_->step()) + ".";
  return true;
}

bool App::EditConfigText(const std::string& text) {
  std::string error;
  Config parsed;
  if (!DecodeShareLink(text, parsed, error)) {
    message_ = "Could not apply that configuration: " + error;
    return false;
  }
  edited_ = parsed;
  return true;
}

std::string App::ShareFragment() const { return EncodeShareLink(running_config()); }

void App::ReportConfigChange() {
  const std::string text = ConfigToText(edited_);
  if (text == reported_config_) return;
  reported_config_ = text;
  if (share_.config_changed) share_.config_changed(EncodeShareLink(edited_));
}

// Structural edits rebuild the model (like TensorFlow Playground's reset); optimizer edits apply live.
void App::ApplyEdits() {
  if (edited_.tf_playground && on_playground()) {
    // Any edit of a TF Playground experiment (not a tab or layout switch) continues in Netlab's model.
    Config edited = edited_, running = trainer_->config();
    edited.view = running.view, edited.layout = running.layout;
    if (ConfigToText(edited) != ConfigToText(running)) edited_.tf_playground.reset();
  }
  const std::string invalid = ValidateConfig(edited_);
  if (!invalid.empty()) {
    // Refused: the message names what cannot work, and the last good model keeps training.
    message_ = invalid;
    edited_ = running_config();
    return;
  }
  if (!on_playground() || edited_.task != running_config().task) {
    if (edited_.task != running_config().task || !SameModelAndData(edited_, task_config_)) {
      Rebuild();
    } else if (ConfigToText(edited_) != ConfigToText(task_config_)) {
      // A tab, the layout, the palette, what a view shows or a course key: the page's, nothing the run reads.
      Config page = task_config_;
      page.view = edited_.view, page.layout = edited_.layout, page.palette = edited_.palette;
      page.course = edited_.course, page.show = edited_.show;
      if (ConfigToText(page) == ConfigToText(edited_)) {
        task_config_ = page;
        return;
      }
      // Live settings (classification's optimizer, batch size, penalties) keep the model; the other
      // runs are rebuilt with them.
      if (task_output_.TakeLiveSettings(edited_)) CopyLiveSettings(edited_, task_config_);
      else Rebuild();
    }
    return;
  }
  // Entering or leaving TF Playground mode always builds the trainer anew.
  const bool faithful_changed = (trainer_->tf_playground() != nullptr) != edited_.tf_playground.has_value();
  if (!faithful_changed && SameModelAndData(edited_, trainer_->config())) {
    if (ConfigToText(edited_) != ConfigToText(trainer_->config())) {
      StopTrainingThread();  // the live settings go to the trainer itself, not the copy the page draws
      // A training setting changed mid-run (not a tab, a view's key or a course key): a pin of this run
      // then says its link replays another run.
      Config page_only = trainer_->config();
      page_only.view = edited_.view, page_only.layout = edited_.layout, page_only.palette = edited_.palette;
      page_only.course = edited_.course, page_only.show = edited_.show;
      if (ConfigToText(page_only) != ConfigToText(edited_) && trainer_->step() > 0 && live_edit_step_ == 0)
        live_edit_step_ = trainer_->step();
      trainer_->UpdateHyperparameters(edited_);
    }
  } else {
    Rebuild();
  }
}

void App::Train(double budget_seconds) {
  train_seconds_ = 0.0;
  if (!on_playground()) {
    StopTrainingThread();  // the playground's trainer is kept, paused, while another task is on
    // The task's run steps here, once a frame, whatever tab is on screen; its view only draws it.
    const long limit = LessonStepsThisFrame();
    train_seconds_ = task_output_.Step(budget_seconds, std::max(1L, limit), playing_ && limit > 0);
    FollowLessonRun();  // the progress after this frame's steps, of a run built in this frame too
    if (playing_ && lesson_.progress >= 1.0 && !lesson_.continued) {
      playing_ = false;  // the lesson is told: "Finished", with Replay and Continue
      lesson_.finished = true;
    }
    return;
  }
  long limit = StepsThisFrame();  // 0: a fast screen's frame that the speed grants no step yet
  // An exercise's step budget: training stops there, as grading's replay does (grading/exercise.h).
  if (const CourseConfig& course = trainer_->config().course; course.has_goal()) {
    const long budget = course.step_budget();
    if (playing_ && trainer_->step() >= budget) playing_ = false;
    limit = std::min(limit, std::max(0L, budget - trainer_->step()));
  }
  if (playing_ && UsesTrainingThread()) {
    if (!background_.running()) StartTrainingThread();
    // The last picture first; once training has ended there, the trainer comes back with its message.
    if (background_.Refresh(*trainer_)) {
      StopTrainingThread();
      return;
    }
    // Trains while this frame draws, for the frame's budget: on two cores a training thread that never
    // rested took the browser's drawing down to 22 fps (12 x 256). A budget of about a millisecond (the
    // page's least) grants nothing, nor does a frame the speed gives no step.
    if (budget_seconds > 0.0011 && limit > 0) background_.Grant(budget_seconds, limit);
    return;
  }
  StopTrainingThread();
  if (!playing_ || gpu_.active || limit == 0) return;
  train_seconds_ = TrainFrame(*trainer_, pacing_, budget_seconds, limit);
}

// A lesson with an end (TaskRun::Progress) moves at most 1 / lesson_seconds_ of its way per second of
// play, so that DQN, the autoencoder, the DBN and attention take about half a minute where they took
// 8 s; the steps that takes come from the steps the progress so far cost. A new run starts the clock again.
long App::LessonStepsThisFrame() {
  TaskRun* run = task_output_.run();
  FollowLessonRun();
  constexpr long kUnpaced = 100000;  // the frame's time budget decides
  // No run yet: this frame's Step builds it, so one step, and the pace knows the lesson from the next frame
  // (a cheap lesson, such as xor-by-hand's, otherwise ran to its end in the first frame).
  if (!run) return 1;
  if (!playing_ || lesson_.progress < 0.0 || lesson_.continued) return kUnpaced;
  if (lesson_.progress >= 1.0) return 0;  // told: Train pauses it at "Finished"
  // Steps taken by hand (Step, window.netlab.step) move the clock with them: the pace goes on from there.
  // At the fastest pace the frame's budget decides, up to the lesson's end.
  double allowed = 1.0;
  if (lesson_seconds_ > 0) {
    lesson_.watched = std::max(lesson_.watched, lesson_.progress * lesson_seconds_);
    lesson_.watched += std::clamp(double(ImGui::GetIO().DeltaTime), 0.0, 0.25);
    allowed = std::min(1.0, lesson_.watched / lesson_seconds_);
  }
  if (lesson_.progress >= allowed) return 0;
  if (lesson_.progress <= 0.0) return lesson_seconds_ > 0 ? 1 : kUnpaced;
  const double steps_per_share = double(run->steps()) / lesson_.progress;
  return std::clamp(std::lround((allowed - lesson_.progress) * steps_per_share), 1L, kUnpaced);
}

// The lesson's pace follows the task's run: a new run (Reset, Replay, an edit), or the same one gone back
// in steps, starts the clock again.
void App::FollowLessonRun() {
  const TaskRun* run = task_output_.run();
  if (run != lesson_.run || (run && run->steps() < lesson_.steps)) lesson_ = LessonPace{run};
  lesson_.progress = run ? run->Progress() : -1.0;
  lesson_.steps = run ? run->steps() : 0;
}

// Play and Pause; Play after a lesson's end trains on past it.
void App::TogglePlaying() {
  if (lesson_.finished && !playing_) ContinueLesson();
  else playing_ = !playing_;
}

void App::ReplayLesson() {
  lesson_ = LessonPace{};
  message_.clear();
  Rebuild();
  playing_ = true;
}

void App::ContinueLesson() {
  lesson_.finished = false;
  lesson_.continued = true;
  playing_ = true;
}

long App::StepsThisFrame() {
  if (!playing_) {
    owed_steps_ = 0.0;  // a paused run starts again at its pace, not with a burst
    return steps_this_frame_ = 0;
  }
  if (steps_per_second_ <= 0) return steps_this_frame_ = 100000;  // Fastest: the time budget decides
  // The frame's length times the speed, with the fraction carried over; a long stall (a hidden tab)
  // grants at most a quarter second's steps, so training never races to catch up.
  const double frame = std::clamp(double(ImGui::GetIO().DeltaTime), 0.0, 0.25);
  owed_steps_ = std::min(owed_steps_ + frame * steps_per_second_, std::max(1.0, 0.25 * steps_per_second_));
  steps_this_frame_ = long(owed_steps_);
  owed_steps_ -= double(steps_this_frame_);
  return steps_this_frame_;
}

bool App::UsesTrainingThread() const {
#ifdef __EMSCRIPTEN_PTHREADS__
  // An exercise counts its steps exactly (its budget), so it trains in the frame, not on the thread.
  return on_playground() && !trainer_->tf_playground() && !gpu_.wanted && !gpu_.active &&
         !trainer_->config().course.has_goal() &&
         (edited_.view.empty() || edited_.view == "playground");
#else
  return false;  // the desktop's frames hold 10 ms of steps; the single-threaded page has no threads
#endif
}

void App::StartTrainingThread() {
  if (background_.running()) return;
  auto copy = std::make_unique<Trainer>(trainer_->config());
  copy->CopyHistoryFrom(*trainer_);
  Trainer::Picture first;
  trainer_->TakePicture(first);
  copy->ShowPicture(first);
  background_.Start(std::move(trainer_), pacing_);
  trainer_ = std::move(copy);
}

void App::StepPlaygroundOnce() {
  BackToPresent();  // a step goes on from the present, as Play does
  if (!trainer_->diverged().empty()) return;
  StopTrainingThread();  // the step goes to the trainer itself
  trainer_->Step();
  trainer_->Evaluate();
}

void App::StopTrainingThread() {
  if (background_.running()) trainer_ = background_.Stop(&pacing_);
}

void App::Frame(float width, float height, double train_budget_seconds) {
  frames_per_second_ = ImGui::GetIO().Framerate;
  NoteEveryControl();  // the layout report's controls (platform/layout_report.h)
  gate_.StartFrame(edited_.course);
  const double frame_start = NowSeconds();
  FollowTimeline();
  Train(train_budget_seconds);
  NoteTimeline();
  // Pinned runs replay a few milliseconds a frame until their curves are whole.
  if (pins_.Replaying()) pins_.Replay(0.004, edited_, on_playground() ? TaskData() : task_output_.data());
  const double train_end = NowSeconds();
  UseColorBlindPalette(edited_.palette == "colorblind");
  if (embedded_ || edited_.layout == "compact") {
    DrawEmbedded(width, height);
  } else {
    const ScreenLayout layout = ComputeScreenLayout(width, height, ImGui::GetFontSize(), false, narrow_shows_controls_);
    if (layout.narrow) DrawScreenSwitch(layout.bar);
    if (layout.controls.width > 0) DrawControls(layout.controls);
    if (layout.output.width > 0) DrawOutput(layout.output);
    // Over the output (a phone's Output screen, or the whole screen while it shows the controls).
    DrawWelcome(layout.output.width > 0 ? layout.output : Region{0, 0, width, height});
    train_budget_ = train_budget_seconds;
    std::string searched_config;
    const TaskData* data =
        FindSearchObjective(edited_.task) && FindSearchObjective(edited_.task)->reads_data && task_output_.data_ready()
            ? &task_output_.data()
            : nullptr;
    if (DrawSearchWindow(search_panel_, &show_search_, edited_, data, ImVec2(width, height), train_budget_seconds,
                         searched_config))
      LoadConfigText(searched_config);
  }
  HandleShortcuts(width, height);
  ApplyEdits();
  CheckCourseGoal();
  ReportConfigChange();
  // The UI's own time: the frame less its training steps, smoothed over about 30 frames.
  const double ui_seconds = (NowSeconds() - train_end) + (train_end - frame_start - train_seconds_);
  ui_seconds_ += (ui_seconds - ui_seconds_) / 30.0;
}

void App::DrawEmbedded(float width, float height) {
  // The run bar goes first into the output window (untitled: no chrome), which DrawOutput then fills
  // at full width; the first Begin of a frame sets the window flags.
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(width, height));
  ImGui::Begin("Output", nullptr,
               ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoTitleBar |
                   ImGuiWindowFlags_NoBackground);
  const EmbedBarClicks clicks = DrawEmbedBar(playing_, trainer_->step(), share_, edited_, !embedded_);
  ImGui::End();
  if (clicks.toggle_play) playing_ = !playing_;
  if (clicks.show_controls) edited_.layout = "full";
  if (clicks.step && !on_playground()) task_output_.StepOnce();
  if (clicks.step && on_playground()) StepPlaygroundOnce();
  if (clicks.reset) {
    message_.clear();
    Rebuild();
  }
  DrawOutput({0, 0, width, height});
}

void App::OpenWindow(const std::string& name) {
  if (name == "search") show_search_ = true;
  if (name.rfind("models", 0) == 0) {
    const std::string task = name.size() > 7 && name[6] == '/' ? TaskOfView(name.substr(7)) : "rbm";
    if (!task.empty()) SwitchTask(task);
  }
}

namespace {

std::string JsonStrings(const std::vector<std::string>& names) {
  std::string json = "[";
  for (const std::string& n : names) json += (json.size() > 1 ? "," : "") + JsonString(n);
  return json + "]";
}

// Faithful mode's numbers with all 17 digits of a double, so a test can hold them against the
// headless run's; null outside TF Playground mode.
std::string TfPlaygroundStatusJson(const tfplayground::Experiment* e) {
  if (!e) return "null";
  auto full = [](double v) {
    if (!std::isfinite(v)) return std::string("null");
    char text[40];
    std::snprintf(text, sizeof text, "%.17g", v);
    return std::string(text);
  };
  return "{\"epoch\":" + std::to_string(e->epoch()) + ",\"train_loss\":" + full(e->train_loss()) +
         ",\"test_loss\":" + full(e->test_loss()) + "}";
}

// [[a, b], [c, d]]: the playground's Errors tab's counts; null before it was first drawn.
std::string ConfusionJson(const std::vector<std::vector<int>>& confusion) {
  if (confusion.empty()) return "null";
  std::string json = "[";
  for (size_t t = 0; t < confusion.size(); ++t) {
    json += t ? ",[" : "[";
    for (size_t p = 0; p < confusion[t].size(); ++p) json += (p ? "," : "") + std::to_string(confusion[t][p]);
    json += "]";
  }
  return json + "]";
}

// [{"steps":N,"label":"...","points":K,"done":true,"failed":""}, ...]: the pins and their replay.
std::string PinsJson(const PinnedRuns& pins, const Config& current) {
  std::string json = "[";
  for (const PinnedRun& pin : pins.runs())
    json += std::string(json.size() > 1 ? "," : "") + "{\"task\":" + JsonString(pin.config.task) +
            ",\"steps\":" + std::to_string(pin.steps) +
            ",\"label\":" + JsonString(DifferenceLabel(ConfigDifferences(pin.config, current), 200)) +
            ",\"points\":" + std::to_string(pin.reports.size()) + ",\"done\":" + (pin.done() ? "true" : "false") +
            ",\"failed\":" + JsonString(pin.failed) + "}";
  return json + "]";
}

}  // namespace

std::string App::StatusJson() const {
  const MetricsPoint& m = trainer_->history().back();
  const CourseConfig& course = trainer_->config().course;
  std::string goal = "null";
  if (on_playground() && course.has_goal()) {
    const GoalProgress p = EvaluateGoal(course, GoalValues(), HiddenNeurons());
    goal = std::string("{\"met\":") + (p.met ? "true" : "false") + ",\"summary\":" + JsonString(p.summary) +
           ",\"reported\":" + (goal_reported_generation_ == trainer_generation_ ? "true" : "false") + "}";
  }
  std::string error = trainer_->diverged().empty() ? message_ : trainer_->diverged();
  const bool regression = trainer_->is_regression();
  // The step and epoch of the run on screen: the playground's, or the task's (its updates, and epochs for
  // the tasks counted in them).
  const TaskRun* run = on_playground() ? nullptr : task_output_.run();
  const long step = on_playground() ? trainer_->step() : run ? run->steps() : 0;
  const double epoch = on_playground() ? trainer_->epoch()
                       : run && run->StepsPerEpoch() > 0 ? double(run->steps()) / double(run->StepsPerEpoch())
                                                          : std::nan("");
  return std::string("{") + "\"playing\":" + (playing_ ? "true" : "false") +
         ",\"step\":" + std::to_string(step) + ",\"epoch\":" + JsonNumber(epoch) +
         ",\"train_loss\":" + JsonNumber(m.train_loss) + ",\"test_loss\":" + JsonNumber(m.test_loss) +
         // Regression has no accuracy: null (the announcer and the embeds then say none).
         ",\"train_accuracy\":" + JsonNumber(regression ? std::nan("") : m.train_accuracy) +
         ",\"test_accuracy\":" + JsonNumber(regression ? std::nan("") : m.test_accuracy) +
         ",\"fps\":" + JsonNumber(frames_per_second_) +
         ",\"ui_ms\":" + JsonNumber(1000.0 * ui_seconds_) +
         ",\"diverged\":" + (trainer_->diverged().empty() ? "false" : "true") +
         ",\"stopped_early\":" + (trainer_->stopped_early().empty() ? "false" : "true") +
         ",\"history\":" + std::to_string(trainer_->history().size()) +
         ",\"painted\":" + std::to_string(trainer_->config().data.painted.size()) +
         ",\"embedded\":" + (embedded_ || edited_.layout == "compact" ? "true" : "false") +
         ",\"backend\":" + (gpu_.active ? "\"webgpu\"" : "\"cpu\"") + ",\"gpu_status\":" + JsonString(gpu_.status) +
         ",\"training_thread\":" + (background_.running() ? "true" : "false") +
         ",\"gradient_check\":" + GradientCheckStatusJson(gradient_check_view_) +
         ",\"confusion\":" + ConfusionJson(errors_view_.confusion) + ",\"palette\":" + JsonString(edited_.palette) + ",\"task\":" + JsonString(edited_.task) + ",\"view\":" + JsonString(edited_.view) +
         ",\"tabs\":" + JsonStrings(FindTask(edited_.task)->views) +
         ",\"run\":" + (on_playground() ? std::string("null") : task_output_.ViewStatusJson()) +
         ",\"models\":" + task_output_.StatusJson() + ",\"message\":" + JsonString(error) +
         ",\"tf_playground\":" + TfPlaygroundStatusJson(trainer_->tf_playground()) +
         ",\"visible_controls\":" + JsonStrings(gate_.visible()) +
         ",\"hidden_controls\":" + JsonStrings(edited_.course.hidden) +
         ",\"locked_controls\":" + JsonStrings(edited_.course.locked) + ",\"goal\":" + goal +
         ",\"pins\":" + PinsJson(pins_, edited_) +
         ",\"timeline\":{\"shown\":" + std::to_string(present_ ? scrubbed_step_ : -1L) +
         ",\"present\":" + std::to_string(present_ ? present_->step() : trainer_->step()) +
         ",\"snapshots\":" + std::to_string(timeline_.count()) + ",\"interval\":" + std::to_string(timeline_.interval()) +
         ",\"bytes\":" + std::to_string(timeline_.bytes()) + "}}";
}

std::string App::TfPlaygroundLinkJson() const {
  std::string url, why;
  const bool fits = TfPlaygroundLink(edited_, url, why);
  return std::string("{\"link\":") + (fits ? JsonString(url) : "null") + ",\"why\":" + JsonString(why) + "}";
}

int App::HiddenNeurons() const {
  if (const tfplayground::Experiment* e = trainer_->tf_playground()) {
    int neurons = 0;
    for (double size : e->settings().network_shape) neurons += tfplayground::NodeCount(size);
    return neurons;
  }
  return netlab::HiddenNeurons(trainer_->config());  // what --verify counts (grading/exercise.h)
}

// The playground's numbers at `m` as its report line names them (tasks/playground: step, epoch, the
// losses and, for classification, the accuracies): what a goal's terms and a pin's curve read.
std::vector<std::pair<std::string, double>> App::ReportNumbers(const MetricsPoint& m) const {
  std::vector<std::pair<std::string, double>> values = {
      {"step", double(m.step)}, {"epoch", m.epoch}, {"train_loss", m.train_loss}, {"test_loss", m.test_loss}};
  if (!trainer_->is_regression()) {
    values.emplace_back("train_accuracy", m.train_accuracy);
    values.emplace_back("test_accuracy", m.test_accuracy);
  }
  return values;
}

std::vector<std::pair<std::string, double>> App::GoalValues() const { return ReportNumbers(trainer_->history().back()); }

void App::DrawCourseGoal() {
  const CourseConfig& course = trainer_->config().course;
  if (!on_playground() || !course.has_goal()) return;
  const GoalProgress progress = EvaluateGoal(course, GoalValues(), HiddenNeurons());
  if (!course.goal_text.empty()) ImGui::TextWrapped("%s", course.goal_text.c_str());
  const ImVec4 colour = progress.met ? ImVec4(0.1f, 0.55f, 0.1f, 1.0f) : ImVec4(0.2f, 0.35f, 0.7f, 1.0f);
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextWrapped("%s", progress.summary.c_str());
  ImGui::PopStyleColor();
  NoteItemRect("course goal");
  const long budget = course.step_budget();
  ImGui::Text("Step %ld of the %ld allowed", trainer_->step(), budget);
  if (trainer_->step() >= budget) ImGui::TextWrapped("The exercise's steps are used: Submit, or Reset and try other settings.");
  DrawExerciseSubmit(edited_, trainer_->step(), share_, submitted_);
}

// Reports the goal once per model: a rebuilt trainer (Reset, an architecture edit) may meet it again.
void App::CheckCourseGoal() {
  if (!on_playground() || goal_reported_generation_ == trainer_generation_) return;
  const CourseConfig& course = trainer_->config().course;
  const MetricsPoint& m = trainer_->history().back();
  if (!course.has_goal() || !EvaluateGoal(course, GoalValues(), HiddenNeurons()).met) return;
  goal_reported_generation_ = trainer_generation_;
  if (share_.goal_met)
    share_.goal_met(std::string("{\"test_loss\":") + JsonNumber(m.test_loss) +
                    ",\"neurons\":" + std::to_string(HiddenNeurons()) + ",\"step\":" + std::to_string(m.step) +
                    ",\"epoch\":" + JsonNumber(m.epoch) + ",\"goal_test_loss\":" + JsonNumber(course.goal_test_loss) +
                    ",\"goal_max_neurons\":" + std::to_string(course.goal_max_neurons) +
                    ",\"goal\":" + JsonString(FormatGoalTerms(course.goal)) +
                    ",\"text\":" + JsonString(course.goal_text) + "}");
}

std::string App::StepTimes(int count) {
  if (!on_playground()) {
    task_output_.StepTimes(count);
    return "[]";
  }
  std::string losses = "[";
  for (int i = 0; i < count && i < 100000; ++i) {
    trainer().Step();
    // JsonNumber: nine digits, null for NaN (diverged training).
    losses += (i ? "," : "") + JsonNumber(trainer_->Evaluate().train_loss);
  }
  return losses + "]";
}

std::string App::WeightsBytes() {
  if (on_playground()) return SaveWeights(trainer_->config(), trainer_->network());
  TaskRun* run = task_output_.run();
  if (!run || !FindTask(edited_.task)->Can(kWeights)) return "";
  return SaveWeights(run->config(), run->Parameters());
}

std::string App::ReportLine() { return on_playground() ? PlaygroundReportLine(trainer()) : task_output_.ReportLine(); }

// The page shows the step the config's timeline key asks for: a past one is the snapshot before it trained
// on to it (compare/timeline.h), shown in the run's place while the run itself waits in present_. Play
// goes on from the present; "Resume from here" makes the past step the run.
void App::FollowTimeline() {
  if (!on_playground()) return;
  long want = edited_.show.timeline;
  if (present_ && playing_) want = -1;
  const long now = present_ ? present_->step() : trainer_->step();
  if (want > now) message_ = "The timeline shows the steps this run has passed; it is at step " + std::to_string(now) + ".";
  if (want >= now) want = -1;
  if (want < 0) return BackToPresent();
  if (present_ && scrubbed_step_ == want) return;
  StopTrainingThread();
  std::unique_ptr<Trainer> at;
  std::string error;
  if (!timeline_.TrainerAt(want, at, error)) {
    message_ = "Cannot show step " + std::to_string(want) + ": " + error;
    edited_.show.timeline = -1;
    return;
  }
  if (!present_) present_ = std::move(trainer_);
  trainer_ = std::move(at);
  ++trainer_generation_;
  scrubbed_step_ = want;
  playing_ = false;
}

// The run itself on screen again (a past step shown is dropped; the timeline key says the present).
void App::BackToPresent() {
  if (present_) {
    trainer_ = std::move(present_);
    ++trainer_generation_;
  }
  scrubbed_step_ = edited_.show.timeline = -1;
}

// A snapshot when one is due: at most twice a second while the training thread runs, which gives the
// trainer back for it (the next frame starts the thread again).
void App::NoteTimeline() {
  if (!on_playground() || present_ || !timeline_.Due(trainer_->step())) return;
  if (background_.running()) {
    if (NowSeconds() - timeline_time_ < 0.5) return;
    StopTrainingThread();
  }
  timeline_.Offer(*trainer_);
  timeline_time_ = NowSeconds();
}

void App::ForgetTimeline() {
  present_.reset();
  timeline_.Reset();
  scrubbed_step_ = -1;
  edited_.show.timeline = -1;
}

}  // namespace netlab
