// The App's screen: the controls on the left, the output (a task's tabs, the playground's pictures) on
// the right, and on narrow screens the switch between them.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <type_traits>

#include "nn/activation.h"
#include "app/app.h"
#include "widgets/layout.h"
#include "data/dataset.h"
#include "data/input_features.h"
#include "core/gemm.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "links/share_link.h"
#include "widgets/value_slider.h"
#include "platform/item_locator.h"
#include "nn/initializer.h"
#include "nn/loss.h"
#include "optim/optimizer.h"
#include "platform/item_locator.h"
#include "widgets/figure_export.h"
#include "widgets/colour_bar.h"
#include "widgets/plots.h"
#include "widgets/point_painting.h"
#include "core/registry.h"
#include "panels/config_sections.h"
#include "panels/course_gate.h"
#include "panels/share_panel.h"
#include "tasks/examples.h"
#include "tasks/table.h"

namespace netlab {
namespace {

// The fixed windows tile the screen, which EndUiFrame clears to the window background colour: their own
// background rectangle would fill every pixel a second time, a full-screen pass in a software renderer.
constexpr ImGuiWindowFlags kFixedWindow =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoBackground;

}  // namespace

void App::DrawScreenSwitch(const Region& bar) {
  ImGui::SetNextWindowPos(ImVec2(bar.x, bar.y));
  ImGui::SetNextWindowSize(ImVec2(bar.width, bar.height));
  ImGui::Begin("##screens", nullptr, kFixedWindow | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
  // Play and Pause on every screen of a phone, not only under Controls: the output is what one watches.
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float play_width = ImGui::CalcTextSize("Pause").x + 2.0f * ImGui::GetStyle().FramePadding.x + 8.0f;
  const float half = (ImGui::GetContentRegionAvail().x - 2.0f * spacing - play_width) * 0.5f;
  for (int i = 0; i < 2; ++i) {
    const bool controls = i == 0, chosen = controls == narrow_shows_controls_;
    if (i) ImGui::SameLine();
    if (chosen) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(controls ? "Controls" : "Output", ImVec2(half, 0))) narrow_shows_controls_ = controls;
    NoteItemRect(controls ? "Controls screen" : "Output screen");
    if (chosen) ImGui::PopStyleColor();
  }
  ImGui::SameLine();
  if (ImGui::Button(playing_ ? "Pause" : "Play", ImVec2(play_width, 0))) TogglePlaying();
  NoteItemRect("screen play");
  ImGui::End();
}

void App::DrawControls(const Region& region) {
  const float width = region.width;
  ImGui::SetNextWindowPos(ImVec2(region.x, region.y));
  ImGui::SetNextWindowSize(ImVec2(region.width, region.height));
  ImGui::Begin("Netlab", nullptr, kFixedWindow);
  gate_.StartFrame(edited_.course);
  if (ImGui::Button(playing_ ? "Pause" : "Play", ImVec2(70, 0))) TogglePlaying();
  ImGui::SameLine();
  if (ImGui::Button("Step", ImVec2(60, 0))) {
    if (!on_playground()) {
      task_output_.StepOnce();
    } else {
      StepPlaygroundOnce();
    }
  }
  ImGui::SameLine();
  if (ImGui::Button("Reset", ImVec2(60, 0))) {
    message_.clear();
    Rebuild();
  }
  // The playground's steps per second, whatever the screen's frame rate (App::StepsThisFrame). The other
  // tasks train as fast as each frame's budget allows, paced by their own runs: no speed to choose.
  if (on_playground()) {
    static const int kSpeeds[] = {60, 300, 1200, 6000, 0};
    static const char* kSpeedLabels[] = {"60 steps/s", "300 steps/s", "1200 steps/s", "6000 steps/s", "Fastest"};
    int speed = 0;
    while (speed < 4 && kSpeeds[speed] != steps_per_second_) ++speed;
    // The speed combo shares the row when its longest label fits, else takes a row of its own.
    const float speed_width = ImGui::CalcTextSize("6000 steps/s").x + ImGui::GetFrameHeight() +
                              2.0f * ImGui::GetStyle().FramePadding.x;
    SameLineIfFits(speed_width);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::Combo("##speed", &speed, kSpeedLabels, 5)) steps_per_second_ = kSpeeds[speed];
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Training steps a second while playing, on any screen");
  } else if (lesson_.progress >= 0.0) {
    // A lesson with an end (TaskRun::Progress) takes this long from start to finish while playing.
    static const int kPaces[] = {60, 30, 10, 0};
    static const char* kPaceLabels[] = {"Lesson in 60 s", "Lesson in 30 s", "Lesson in 10 s", "Fastest"};
    int pace = 0;
    while (pace < 3 && kPaces[pace] != lesson_seconds_) ++pace;
    SameLineIfFits(ImGui::CalcTextSize("Lesson in 60 s").x + ImGui::GetFrameHeight() + 2.0f * ImGui::GetStyle().FramePadding.x);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::Combo("##pace", &pace, kPaceLabels, 4)) lesson_seconds_ = kPaces[pace];
    NoteItemRect("lesson pace");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("How long the lesson takes from start to finish while playing");
  }
  DrawTaskCombo();
  if (!on_playground()) {
    ImGui::PushItemWidth(width * 0.5f);
    DrawTaskControls();
    ImGui::PopItemWidth();
    ImGui::End();
    return;
  }
  ImGui::Text("Epoch %.1f   step %ld", trainer_->epoch(), trainer_->step());
  ImGui::PushItemWidth(width * 0.5f);
  DrawCourseGoal();
  if (SectionHeader("Data", "What the network learns from: the points or images, how many, how noisy, and the share kept aside to test on. The seed draws the same data and the same initial weights every time.", ImGuiTreeNodeFlags_DefaultOpen)) DrawDataSection(edited_, gate_);
  if (!gate_.Hidden("features") && SectionHeader("Features", "What the network is given for each point: x₁ and x₂, or products and sines of them. A circle is easy with x₁² and x₂² even without hidden layers.", ImGuiTreeNodeFlags_DefaultOpen))
    DrawFeatureSection(edited_, gate_);
  if (SectionHeader("Network", "The layers between input and output: units and activation per layer, and for each its options (normalization, skip, dropout). The output layer is added for you.", ImGuiTreeNodeFlags_DefaultOpen)) DrawNetworkSection(edited_, gate_);
  if (SectionHeader("Optimizer", "How each step changes the weights: the update rule, its step size (learning rate), its own settings, and the batch size (points per step).", ImGuiTreeNodeFlags_DefaultOpen)) DrawOptimizerSection(edited_, gate_, *FindTask(edited_.task));
  if (!gate_.Hidden("regularization") && SectionHeader("Regularization", "What keeps the weights small or the training honest: L1 and L2 penalties, gradient clipping, and early stopping on a held-out share."))
    DrawRegularizationSection(edited_, gate_, *FindTask(edited_.task));
  if (!gate_.Hidden("initializer") && SectionHeader("Initializer", "How the weights start: their distribution and scale. Reset starts again from the same ones; a new seed draws others.", ImGuiTreeNodeFlags_DefaultOpen))
    DrawInitializerSection(edited_, gate_, *FindTask(edited_.task));
  if (SectionHeader("Share and export", "This experiment as a link, a config or a weights file, and the trained model for ONNX or PyTorch; the layout, the palette and the UI scale.", ImGuiTreeNodeFlags_DefaultOpen)) {
    DrawShareControls(share_, edited_, [this] { return WeightsBytes(); });
    DrawTfPlaygroundLinkButton(share_, edited_);
    DrawExportControls(share_, *trainer_, message_);
    // A sealed exercise is the student's page: authoring is the teacher's, in a page without a seal.
    if (edited_.course.seal.empty()) {
      const bool open = ImGui::TreeNode("Author an exercise");
      NoteItemRect("Author an exercise");
      if (open) {
        DrawExerciseAuthor(edited_, GoalValues(), exercise_author_, share_);
        ImGui::TreePop();
      }
    }
  }
  if (SectionHeader("Compute", "Where the steps run: the CPU's SIMD code on its threads, or the GPU for large networks where the browser has WebGPU.", ImGuiTreeNodeFlags_DefaultOpen)) DrawComputeSection(gpu_, GemmThreads());
  ImGui::PopItemWidth();
  ImGui::End();
}

// Three starting points for a newcomer, each an example config with a line on what it shows.
void App::DrawWelcome(const Region& output) {
  if (!welcome_ || embedded_) return;
  const float width = std::min(output.width - 24.0f, 34.0f * ImGui::GetFontSize());
  ImGui::SetNextWindowPos(ImVec2(output.x + output.width * 0.5f, output.y + output.height * 0.35f), ImGuiCond_Always,
                          ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(width, 0.0f));
  ImGui::Begin("Welcome to Netlab", &welcome_, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove |
                                                   ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings);
  ImGui::TextWrapped("Neural networks you train in this page: change anything in the controls and watch what "
                     "happens. Three places to start:");
  struct Start {
    const char* button;
    const char* example;  // examples/configs/<example>.cfg
    const char* what;
  };
  static const Start kStarts[] = {
      {"Watch a network learn", "playground",
       "Two hidden layers separate a circle of points: the picture is what the network believes, the lines are its weights."},
      {"Recognise handwritten digits", "digits-cnn",
       "A small convolutional network reads 8x8 digits; see its filters, its feature maps and what it confuses."},
      {"Follow a lesson: attention", "attention-reverse",
       "A model learns to reverse sequences; watch its attention settle on the anti-diagonal in half a minute."},
  };
  for (const Start& start : kStarts) {
    ImGui::Spacing();
    if (ImGui::Button(start.button, ImVec2(-1.0f, 0.0f))) {
      welcome_ = false;
      if (const char* text = ExampleConfigText(start.example)) LoadConfigText(text);
      playing_ = true;
    }
    NoteItemRect((std::string("welcome ") + start.example).c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", start.what);
    ImGui::PopStyleColor();
  }
  ImGui::Spacing();
  ImGui::TextWrapped("Or close this and pick any of %d tasks from the Task list in the controls.", int(Tasks().size()));
  ImGui::End();
}

void App::DrawOutput(const Region& region) {
  ImGui::SetNextWindowPos(ImVec2(region.x, region.y));
  ImGui::SetNextWindowSize(ImVec2(region.width, region.height));
  ImGui::Begin("Output", nullptr, kFixedWindow);
  if (!on_playground()) {
    DrawTaskOutput();
    ImGui::End();
    return;
  }
  if (trainer_->tf_playground()) {
    ImGui::TextColored(ImVec4(0.85f, 0.45f, 0.0f, 1.0f), "TF Playground mode");
    NoteItemRect("TF Playground mode");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("This is TensorFlow Playground's own experiment: its data, network and update rule,\n"
                        "epoch by epoch. Changing any setting continues in Netlab's model (a Netlab link).");
    ImGui::SameLine();
  }
  if (embedded_ || edited_.layout == "compact") DrawCourseGoal();
  // The header's pieces share a row while they fit and wrap on a narrow screen.
  const MetricsPoint& m = trainer_->history().back();
  char text[64];
  std::snprintf(text, sizeof text, "Train loss %.4f", m.train_loss);
  ImGui::AlignTextToFramePadding();  // level with the buttons that may share the row
  ImGui::TextUnformatted(text);
  std::snprintf(text, sizeof text, "Test loss %.4f", m.test_loss);
  SameLineIfFits(ImGui::CalcTextSize(text).x + 12.0f);
  ImGui::TextUnformatted(text);
  if (!trainer_->is_regression()) {
    std::snprintf(text, sizeof text, "Test accuracy %.1f%%", 100.0 * m.test_accuracy);
    SameLineIfFits(ImGui::CalcTextSize(text).x + 12.0f);
    ImGui::TextUnformatted(text);
  }
  // The floating hyperparameter search opens from here (the other models are tasks: the Task combo); an
  // embed's card keeps its room for the figure.
  const bool compact = embedded_ || edited_.layout == "compact";
  if (!compact) {
    SameLineIfFits(ButtonWidth("Hyperparameter search") + 12.0f);
    if (ImGui::Button("Hyperparameter search")) show_search_ = !show_search_;
  }
  const std::string& problem = trainer_->diverged().empty() ? message_ : trainer_->diverged();
  if (!problem.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.1f, 0.1f, 1.0f));
    ImGui::TextWrapped("%s", problem.c_str());
    ImGui::PopStyleColor();
    if (trainer_->diverged().empty() && ImGui::Button("Dismiss")) message_.clear();
  }
  if (!trainer_->stopped_early().empty()) ImGui::TextColored(ImVec4(0.1f, 0.5f, 0.1f, 1), "%s", trainer_->stopped_early().c_str());
  DrawViews();
  ImGui::End();
}

// The view tabs; where their labels do not fit in one row (phones, small embeds) a combo chooses the view
// instead, so no tab label is cut short.
void App::DrawViews() {
  struct View {
    const char* label;
    const char* name;
    std::function<void()> draw;
  };
  const View views[] = {
      {"Playground", "playground", [this] { DrawPlayground(); }},
      {"Backprop inspector", "backprop", [this] { DrawBackpropView(backprop_view_, edited_.show); }},
      {"Gradient check", "gradient_check", [this] { DrawGradientCheckView(gradient_check_view_, NetworkOf(*trainer_)); }},
      {"Layers", "layers", [this] { DrawLayerStatisticsView(layer_statistics_view_, NetworkOf(*trainer_)); }},
      {"Errors", "errors", [this] { DrawErrorsView(errors_view_, *trainer_, edited_.show); }},
      {"Optimizer race", "race", [this] { DrawOptimizerRaceView(race_view_, edited_.show); }},
      {"Compare runs", "compare", [this] { DrawCompare(); }},
  };
  // An embed's card shows its one view (the config's, the playground by default) with no picker: half of
  // a 380-px card went to buttons, leaving a 130-px heatmap.
  if (embedded_ || edited_.layout == "compact") {
    if (!requested_view_.empty()) edited_.view = requested_view_;
    requested_view_.clear();
    for (const View& view : views)
      if (edited_.view == view.name) return view.draw();
    return views[0].draw();
  }
  const ImGuiStyle& style = ImGui::GetStyle();
  float tabs_width = 0.0f;
  for (const View& view : views)
    tabs_width += ImGui::CalcTextSize(view.label).x + 2.0f * style.FramePadding.x + style.ItemInnerSpacing.x;
  if (tabs_width > ImGui::GetContentRegionAvail().x) {
    if (!requested_view_.empty()) edited_.view = requested_view_;
    requested_view_.clear();
    constexpr int kViews = int(sizeof views / sizeof views[0]);
    int current = 0;
    while (current < kViews - 1 && edited_.view != views[current].name) ++current;
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 14.0f * ImGui::GetFontSize()));
    if (ImGui::BeginCombo("##view", views[current].label)) {
      for (int i = 0; i < kViews; ++i)
        if (ImGui::Selectable(views[i].label, i == current)) current = i;
      ImGui::EndCombo();
    }
    edited_.view = views[current].name;
    views[current].draw();
    return;
  }
  // The tab in front is part of the config (a link can open the race); a requested tab wins until the
  // tab bar has switched to it.
  if (!ImGui::BeginTabBar("views")) return;
  for (const View& view : views) {
    const bool requested = requested_view_ == view.name;
    if (!ImGui::BeginTabItem(view.label, nullptr, requested ? ImGuiTabItemFlags_SetSelected : 0)) continue;
    if (requested) requested_view_.clear();
    if (requested_view_.empty()) edited_.view = view.name;
    view.draw();
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

void App::DrawPlayground() {
  // An embed draws the figure and the loss only: its card has the run bar and "Open in Netlab" for the rest.
  const bool compact = embedded_ || edited_.layout == "compact";
  if (!compact && gate_.Begin("show_test_data")) {
    ImGui::Checkbox("Show test data", &edited_.show.test_data);
    gate_.End();
  }
  // The heatmap (SVG, PNG 1x/2x/4x) and the loss curves (SVG) as files for slides (widgets/figure_export.h):
  // one button and its menu, which fits beside "Show test data" on a 390-px phone.
  if (share_.save_file && !compact) {
    SameLineIfFits(ButtonWidth("Save figure"));
    DrawSaveFigureButton(*trainer_, trainer_->history(), edited_.show.test_data, edited_.show.log_scale, share_.save_file);
  }
  // The training as a video (web: the canvas's capture stream into a WebM, 10 s, with its progress and Stop).
  if (share_.record_video && !compact) {
    SameLineIfFits(ButtonWidth("Record 10 s"));
    if (ImGui::Button("Record 10 s")) {
      playing_ = true;  // a video of the training, not of a still page
      share_.record_video(10.0);
    }
    NoteItemRect("Record 10 s");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A WebM video of the page for 10 s while it trains (Stop ends it sooner).");
  }
  if (!compact) DrawTimeline();
  if (!compact && DrawPaintChoice(edited_.show.paint_class, edited_.show.paint_value, trainer_->is_regression(),
                                  edited_.data.painted))
    message_.clear();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  // The heatmap's colour key (what orange and blue stand for, and the values between), beside it.
  const bool regression = trainer_->is_regression();
  const float key_low = regression ? -1.0f : 0.0f;
  const char* key_what = regression ? "output" : "P(blue)";
  const float key_width = std::max(ColourBarWidth(key_low, 1.0f), ImGui::CalcTextSize(key_what).x) + ImGui::GetStyle().ItemSpacing.x;
  float curve_height = std::max(80.0f, avail.y * 0.25f);
  float side = std::max(50.0f, std::min(avail.x, avail.y - curve_height - 10.0f));
  // A phone's heatmap fills the width but for its key (the diagram has no room there anyway).
  const bool phone = !compact && avail.x < 480.0f;
  if (phone) {
    side = std::max(50.0f, std::min(side, std::floor(avail.x - key_width - 4.0f)));
    curve_height = std::max(curve_height, avail.y - side - 10.0f);  // the loss plot takes the height left
  }
  // A portrait tablet's output area is taller than wide: a square heatmap of the full width would
  // leave no room for the network beside it, so the heatmap gives up 40% of the width (phones, under
  // 480 points wide, keep the full-width heatmap).
  if (avail.x - side - 12.0f < 150.0f && avail.x >= 480.0f) {
    side = std::floor(avail.x * 0.6f);
    curve_height = std::max(curve_height, avail.y - side - 10.0f);  // the loss plot takes the height left
  }
  // An embed's card too small for the diagram beside the heatmap (examples/course-page.html's 330-px
  // cards have room for it; a 380 x 380 card has not): its heatmap
  // takes the larger of a square above the loss plot (at least 110 px tall: a legend and three ticks) and
  // a square beside it (at least 120 px wide), and the loss plot the rest.
  bool loss_beside = false;
  if (compact && avail.x - side - 12.0f <= 150.0f) {
    const float above = std::min(avail.x, avail.y - 110.0f - 10.0f);
    const float beside = std::min(avail.y - 4.0f, avail.x - 120.0f - 12.0f);
    loss_beside = beside > above + 8.0f;
    side = std::floor(std::max(50.0f, loss_beside ? beside : above));
    curve_height = loss_beside ? side + 4.0f : avail.y - side - 10.0f;
  }
  // The key goes beside the heatmap on a phone, and elsewhere where the network diagram or the loss plot
  // still has its room after it.
  const bool show_key = phone || avail.x - side - 12.0f - key_width > (loss_beside ? 120.0f : 150.0f);
  const float diagram_width = loss_beside ? 0.0f : avail.x - side - 12.0f - (show_key ? key_width : 0.0f);
  // The weights change with every step and with every rebuild (a new trainer starts at step 0 again).
  // ... and with the palette, which the pictures are painted in.
  // While training, pictured at most ten times a second (widgets/picture_cadence.h says why).
  const long model_version = pictures_.Shown(
      (trainer_generation_ * 1000000007L + trainer_->step()) * 2 + (ColorBlindPalette() ? 1 : 0), playing_);
  if (model_version != pictured_version_) {
    pictured_version_ = model_version;
    pictured_history_ = trainer_->history();
  }
  // Per picture and frame: the two pictures' evaluations (2 ms) and the rest of the UI (about 2.5 ms
  // for a 12 x 256 network) stay within the UI's 5 ms.
  constexpr double kPictureBudgetSeconds = 0.001;
  const ImVec2 heatmap_origin = ImGui::GetCursorScreenPos();
  DrawDecisionHeatmap(*trainer_, heatmap_, model_version, side, edited_.show.test_data, kPictureBudgetSeconds);
  const float paint = regression ? edited_.show.paint_value : float(edited_.show.paint_class);
  if (!compact) EditPaintedPoints(heatmap_origin, side, paint, paint_, edited_.data.painted, message_);
  if (show_key) {
    ImGui::SameLine();
    DrawColourBar(key_what, key_low, 1.0f, side, HeatmapColor);
  }
  // The diagram draws Netlab's network, which faithful mode does not train.
  if (diagram_width > 150.0f && !trainer_->tf_playground()) {
    ImGui::SameLine();
    DrawNetworkDiagram(*trainer_, diagram_, model_version, diagram_width, side, kPictureBudgetSeconds);
  }
  if (loss_beside) {
    ImGui::SameLine();
    ImGui::BeginGroup();
    DrawLossCurves(pictured_history_, ImGui::GetContentRegionAvail().x, curve_height - 4.0f, edited_.show.log_scale);
    ImGui::EndGroup();
  } else {
    DrawLossCurves(pictured_history_, std::max(100.0f, avail.x), curve_height - 4.0f, edited_.show.log_scale);
  }
  NoteItemRect("loss plot");
}

void App::PinsChanged() {
  if (share_.pins_changed) share_.pins_changed(pins_.ToText());
}

void App::LoadPins(const std::string& text) {
  std::string error;
  if (!pins_.FromText(text, error)) pins_message_ = "Some pinned runs could not be read: " + error;
}

void App::DrawCompare() {
  const CompareClicks clicks =
      DrawCompareView(pins_, edited_, trainer_->history(), trainer_->is_regression(), pins_message_);
  if (clicks.pin) {
    // The curve as watched; a setting changed while it trained (a live edit) makes the link's replay,
    // which trains today's settings from step 0, another run, and the student is told.
    PinnedRuns::Reports watched;
    for (const MetricsPoint& m : trainer_->history()) watched.emplace_back(m.step, ReportNumbers(m));
    pins_message_ = pins_.Pin(trainer_->config(), trainer_->step(), std::move(watched));
    if (pins_message_.empty() && live_edit_step_ > 0)
      pins_message_ = "Pinned the curve you watched. Its settings changed at step " + std::to_string(live_edit_step_) +
                      " while it trained, so its link replays today's settings from the start: another curve. "
                      "Reset before training to pin a run a link reproduces.";
    PinsChanged();
  }
  if (clicks.remove >= 0) {
    pins_.Remove(size_t(clicks.remove));
    pins_message_.clear();
    PinsChanged();
  }
  if (clicks.copy_link && share_.copy_pins_link) share_.copy_pins_link(pins_.ToText());
  if (clicks.open >= 0) {
    // The pinned run again: its settings, trained to its step (the same run, bit for bit).
    const PinnedRun& pin = pins_.runs()[size_t(clicks.open)];
    const long steps = pin.steps;
    const std::string view = edited_.view;
    if (LoadConfigText(EncodeShareLink(pin.config))) {
      playing_ = false;
      for (long s = 0; s < steps && trainer_->diverged().empty(); ++s) trainer_->Step();
      trainer_->Evaluate();
      edited_.view = requested_view_ = view;
    }
  }
}

// The timeline under the playground's buttons: drag back to see the run as it was (compare/timeline.h).
void App::DrawTimeline() {
  const long now = present_ ? present_->step() : trainer_->step();
  if (now <= 0 || timeline_.count() == 0) return;
  int shown = int(present_ ? scrubbed_step_ : now);
  const float buttons = present_ ? ButtonWidth("Back to the present") + ButtonWidth("Resume from here") +
                                       2.0f * ImGui::GetStyle().ItemSpacing.x
                                 : 0.0f;
  ImGui::SetNextItemWidth(std::max(120.0f, ImGui::GetContentRegionAvail().x - buttons -
                                               ImGui::CalcTextSize("Timeline: the step now").x -
                                               2.0f * ImGui::GetStyle().ItemSpacing.x));
  // Digits only in the frame: a descender (p, the comma) would reach the position bar below the value.
  // Dragged, the run follows the handle; typed (Ctrl+click), it goes to the step once the number is
  // entered, not through 2, 23 on the way to 237.
  const bool changed = ValueSliderInt(present_ ? "Timeline: a past step##timeline" : "Timeline: the step now##timeline",
                                      &shown, 0, int(std::min<long>(now, 1000000000L)), "%d");
  if ((changed && !ImGui::TempInputIsActive(ImGui::GetItemID())) || (changed && ImGui::IsItemDeactivatedAfterEdit()))
    edited_.show.timeline = shown >= now ? -1 : shown;
  NoteItemRect("timeline");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Drag back to see the heatmap, the network and the tabs as they were at that step.\n"
                      "%zu snapshots, every %ld steps now (%zu KB; at most %zu, the interval doubling).",
                      timeline_.count(), timeline_.interval(), timeline_.bytes() / 1024, Timeline::kMostSnapshots);
  if (!present_) return;
  ImGui::SameLine();
  if (ImGui::Button("Back to the present")) edited_.show.timeline = -1;
  NoteItemRect("Back to the present");
  ImGui::SameLine();
  if (ImGui::Button("Resume from here")) {
    // The past step becomes the run: what came after it is forgotten.
    present_.reset();
    timeline_.Truncate(scrubbed_step_);
    scrubbed_step_ = -1;
    edited_.show.timeline = -1;
  }
  NoteItemRect("Resume from here");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Train on from step %d: the steps after it are dropped.", shown);
}

}  // namespace netlab
