// Attention tab (task `attention`, lessons/attention_run.h): the attention matrix of one test sequence,
// drawn live (row i: output position i, column j: input position j, dark = much weight), with the input,
// the target and the model's output, and the test accuracy and anti-diagonal weight as it learns.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/json_text.h"
#include "imgui.h"
#include "tasks/attention/attention_run.h"
#include "views/task_view.h"
#include "widgets/colour_bar.h"
#include "platform/layout_report.h"
#include "widgets/layout.h"

namespace netlab {
namespace {

class AttentionView : public RunView<AttentionRun> {
 public:
  void Attached() override {
    shown_ = 0;
    Measure();
  }

  void AfterSteps(long steps, double, bool at_once) override {
    if ((steps > 0 && NowSeconds() - measured_at_ > 0.5) || at_once) Measure();  // twice a second while it trains
  }


  void Draw(const std::string&, float, float) override {
    // What to look for first; the formula behind an expander.
    ImGui::TextWrapped("Watch the blue move onto the anti-diagonal: to reverse a sequence, output i must read "
                       "input T−1−i.");
    DrawDerivation("Output i reads Σⱼ aᵢⱼ Wᵥ hⱼ, with aᵢ = softmaxⱼ(qᵢ · Wₖ hⱼ / √d) (Bahdanau et al. 2015; Vaswani et al. 2017): a weighted mean of the inputs, the weights from how well each input's key matches the output's query.");
    if (!run_->error().empty()) {
      ImGui::TextWrapped("%s", run_->error().c_str());
      return;
    }
    if (!run_->diverged().empty()) ImGui::TextColored(ImVec4(0.85f, 0.3f, 0.1f, 1), "%s", run_->diverged().c_str());
    ImGui::Text("%ld steps, loss %.3g", run_->updates(), run_->last_loss());
    ImGui::TextWrapped("Test: %.1f%% of tokens right, %.2f of the attention on the anti-diagonal", 100.0 * accuracy_, diagonal_);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Reversal needs output i to read input T−1−i: the anti-diagonal.\n"
                        "Uniform attention puts 1/T there; chance accuracy is 1/%d.", run_->vocabulary());
    ImGui::SameLine();
    if (ImGui::Button("Next sequence")) shown_ = (shown_ + 1) % int(run_->test().size());
    DrawMatrix();
  }

  std::string StatusJson() const override {
    if (!run_ || !run_->error().empty()) return "{}";
    return "{\"updates\":" + std::to_string(run_->updates()) + ",\"loss\":" + JsonNumber(run_->last_loss()) +
           ",\"test_accuracy\":" + JsonNumber(accuracy_) + ",\"anti_diagonal\":" + JsonNumber(diagonal_) + "}";
  }

 private:
  void Measure() {
    if (!run_->error().empty()) return;
    accuracy_ = run_->model().Accuracy(run_->test());
    diagonal_ = run_->model().AntiDiagonalWeight(run_->test());
    measured_at_ = NowSeconds();
  }

  // Blue for much weight, white for none (the colour bar says so).
  static ImU32 Shade(float w) {
    const int shade = int(255 - 225 * std::clamp(w, 0.0f, 1.0f));
    return IM_COL32(shade, shade, 255, 255);
  }

  // The matrix fills the space the tab has (it drew 170 px in a 960-px pane): cells sized from the
  // width and the height left, the colour bar beside it, the weights written in cells big enough to hold them.
  void DrawMatrix() {
    ReverseAttention& model = run_->model();
    const std::vector<int>& x = run_->test()[size_t(shown_)];
    const Matrix a = model.Attention(x);
    const std::vector<int> y = model.Predict(x);
    const int t = model.length();
    const float label = ImGui::GetFontSize() * 4.5f;
    const float line = ImGui::GetTextLineHeight();
    const float bar = ColourBarWidth(0.0f, 1.0f) + ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float caption = 3.0f * ImGui::GetTextLineHeightWithSpacing();
    const float cell = std::clamp(std::min((avail.x - label - bar) / float(t), (avail.y - line * 1.3f - caption) / float(t)),
                                  1.5f * ImGui::GetFontSize(), 20.0f * ImGui::GetFontSize());
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    auto centred = [&](float cx, float cy, const std::string& str, ImU32 colour) {
      const ImVec2 size = ImGui::CalcTextSize(str.c_str());
      draw->AddText(ImVec2(cx - size.x / 2, cy - size.y / 2), colour, str.c_str());
    };
    // Column heads: the input tokens; row heads: the model's token (red where it is not the reversed input).
    draw->AddText(ImVec2(origin.x, origin.y), text, "input");
    for (int j = 0; j < t; ++j) centred(origin.x + label + (j + 0.5f) * cell, origin.y + line / 2, std::to_string(x[size_t(j)]), text);
    const float top = origin.y + line * 1.3f;
    const bool numbers = cell >= 2.6f * ImGui::CalcTextSize("0.00").x / 1.5f;
    for (int i = 0; i < t; ++i) {
      const float y0 = top + i * cell;
      const int target = x[size_t(t - 1 - i)];
      const bool right = y[size_t(i)] == target;
      const std::string head = "out " + std::to_string(y[size_t(i)]);
      draw->AddText(ImVec2(origin.x, y0 + (cell - line) / 2), right ? text : IM_COL32(220, 40, 30, 255), head.c_str());
      for (int j = 0; j < t; ++j) {
        const float w = std::clamp(a(i, j), 0.0f, 1.0f);
        const ImVec2 p0(origin.x + label + j * cell, y0), p1(p0.x + cell - 1, y0 + cell - 1);
        draw->AddRectFilled(p0, p1, Shade(w));
        if (numbers) {
          char value[16];
          std::snprintf(value, sizeof value, "%.2f", double(w));
          centred(0.5f * (p0.x + p1.x), 0.5f * (p0.y + p1.y), value, w > 0.55f ? IM_COL32_WHITE : IM_COL32(60, 60, 90, 255));
        }
      }
    }
    ImGui::Dummy(ImVec2(label + t * cell, line * 1.3f + t * cell));
    NoteFigure(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());  // for the layout report's figure share
    ImGui::SameLine(0.0f, ImGui::GetFontSize());
    DrawColourBar("aᵢⱼ", 0.0f, 1.0f, line * 1.3f + t * cell, [](float w) { return Shade(w); });
    ImGui::TextWrapped("Rows: output positions (the model's token; red when it is not the reversed input). "
                       "Columns: input positions. Blue: attention weight aᵢⱼ.");
  }

  Config config_;
  int shown_ = 0;
  double accuracy_ = 0.0, diagonal_ = 0.0, measured_at_ = -1e9;
};

}  // namespace

std::unique_ptr<TaskView> MakeAttentionView() { return std::make_unique<AttentionView>(); }

}  // namespace netlab
