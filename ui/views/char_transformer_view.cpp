// Character transformer view (tasks/char_transformer/; a decoder-only GPT at playground size, issue 36).
// "training": the last batch's loss and the held-out loss over the steps against the add-one unigram's and
// bigram's on the same held-out characters (dashed levels), in nats. "samples": text generated from the
// model as it is, continuing the `prompt` key at the `sample_temperature` key, made anew at most twice a
// second from a fixed random stream (so it changes with the weights only; New sample draws another), a
// few characters a frame within a small time budget. "attention": every block's and head's causal
// attention weights over the prompt as small heat matrices (rows: the query position, columns: the key
// position), the cell under the pointer's row and column outlined in all of them.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/json_text.h"
#include "imgui.h"
#include "platform/layout_report.h"
#include "tasks/char_transformer/char_transformer_run.h"
#include "views/task_view.h"
#include "widgets/colour_bar.h"
#include "widgets/layout.h"
#include "widgets/line_plot.h"
#include "widgets/value_slider.h"

namespace netlab {
namespace {

constexpr int kSampleChars = 240;        // characters generated after the prompt
constexpr double kSampleBudget = 0.004;  // seconds of generation a frame
constexpr double kSampleEvery = 0.5;     // a new sample at most this often (seconds) while the weights move
constexpr double kPatternsEvery = 0.5;   // the attention patterns likewise
constexpr long kRecordEvery = 10;        // the batch loss's curve: a point every 10 updates
const ImU32 kInk = IM_COL32(60, 60, 60, 255), kBlue = IM_COL32(8, 119, 189, 255);

// Blue for much weight, white for none (the colour bar says so).
ImU32 Shade(float w) {
  const int shade = int(255 - 225 * std::clamp(w, 0.0f, 1.0f));
  return IM_COL32(shade, shade, 255, 255);
}

// A character as a tick label or in the sample block: a space as a middle dot, a line break as a pilcrow.
std::string Shown(char c, bool tick) {
  if (c == ' ') return tick ? "\xC2\xB7" : " ";
  if (c == '\n') return "\xC2\xB6";
  if (c == '\t') return "\xE2\x86\x92";
  if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) return "?";
  return std::string(1, c);
}

class CharTransformerView : public RunView<CharTransformerRun> {
 public:
  void Attached() override {
    steps_.clear(), train_.clear(), held_steps_.clear(), held_.clear();
    recorded_block_ = held_block_ = -1;
    sample_.clear(), composing_.clear();
    composing_left_ = 0;
    sample_steps_ = patterns_steps_ = -1;
    next_sample_at_ = next_patterns_at_ = 0.0;
    sample_seed_ = 1;
    patterns_.clear();
    patterns_prompt_.clear();
    if (!run_->error().empty()) return;
    MeasureHeldOut();
  }

  // The batch loss every 10 updates; the held-out loss at every report (100 updates), as the report has it.
  void AfterSteps(long steps, double, bool at_once) override {
    if (!run_->error().empty() || (steps <= 0 && !at_once)) return;
    if (run_->updates() / kRecordEvery != recorded_block_ && run_->updates() > 0) {
      recorded_block_ = run_->updates() / kRecordEvery;
      steps_.push_back(float(run_->updates()));
      train_.push_back(float(run_->last_loss()));
    }
    if (run_->updates() / run_->StepsPerReport() != held_block_ || at_once) MeasureHeldOut();
  }

  bool measuring() const override { return composing_left_ > 0 && samples_shown_; }

  void Draw(const std::string& tab, float, float) override {
    samples_shown_ = tab == "samples";
    if (tab == "samples") {
      ImGui::TextWrapped("Read the samples as it trains: letter soup with the text's letter frequencies first, then "
                         "words, then the licence's phrases. Low temperature: safe and repetitive; high: daring and misspelt.");
      DrawDerivation("Sampling (Radford et al. 2019): the model gives logits z over the V characters for the next one; "
                     "it is drawn from p_j = exp(z_j / τ) / Σ_k exp(z_k / τ), appended, and the model reads the text again "
                     "(its last `context` characters). τ → 0 takes the most likely character every time; τ = 1 is the model's "
                     "own distribution; τ > 1 flattens it. The same random numbers are used until New sample, so the text "
                     "changes only as the weights do.");
    } else if (tab == "attention") {
      ImGui::TextWrapped("Point at a cell: its row (the query character) and column (the key it reads) light up in every "
                         "head. Look for a head that reads the previous character (the diagonal just below the main one) "
                         "and heads that read back to the start of a word.");
      DrawDerivation("Causal self-attention (Vaswani et al. 2017): at each position i a head forms a query qᵢ = LN(xᵢ) W_q, "
                     "and keys kⱼ and values vⱼ likewise; aᵢⱼ = softmaxⱼ(qᵢ · kⱼ / √d) over j ≤ i only (a character "
                     "cannot read the future it is to predict), and the head writes Σⱼ aᵢⱼ vⱼ. Each row of a matrix sums "
                     "to 1; the heads of a block read in parallel, the blocks one after the other, each block's input "
                     "the residual stream the blocks below wrote into.");
    } else {
      ImGui::TextWrapped("Watch the held-out loss fall through the unigram line and then the bigram line: below the "
                         "bigram the model uses more than the previous character to guess the next.");
      DrawDerivation("Loss: the mean of −ln p(next character | the characters before it) over the positions, in nats "
                     "(ln V ≈ 4.3 for guessing among V characters uniformly). Baselines from counts over the trained 90% "
                     "with add-one smoothing, scored on the same held-out characters: unigram p(c) = (n(c) + 1) / (N + V), "
                     "which knows only how common each character is; bigram p(c | a) = (n(a c) + 1) / (n(a ·) + V), which "
                     "also knows the previous character. The batch loss is of 16 windows of the trained text and falls "
                     "below the held-out loss as the model memorises the 35 KB it trains on.");
    }
    if (!run_->error().empty()) {
      ImGui::TextWrapped("The character transformer cannot train: %s", run_->error().c_str());
      return;
    }
    if (!run_->diverged().empty()) ImGui::TextColored(ImVec4(0.85f, 0.3f, 0.1f, 1), "%s", run_->diverged().c_str());
    if (tab == "samples") DrawSamples();
    else if (tab == "attention") DrawAttention();
    else DrawTraining();
  }

  std::string StatusJson() const override {
    if (!run_ || !run_->error().empty()) return "{}";
    return "{\"updates\":" + std::to_string(run_->updates()) + ",\"train_loss\":" + JsonNumber(run_->last_loss()) +
           ",\"test_loss\":" + JsonNumber(held_.empty() ? 0.0 : double(held_.back())) +
           ",\"unigram\":" + JsonNumber(run_->unigram()) + ",\"bigram\":" + JsonNumber(run_->bigram()) +
           ",\"sample_steps\":" + std::to_string(sample_steps_) + ",\"sample\":" + JsonString(sample_) + "}";
  }

 private:
  void MeasureHeldOut() {
    held_block_ = run_->updates() / run_->StepsPerReport();
    if (!held_steps_.empty() && long(held_steps_.back()) == run_->updates()) return;
    held_steps_.push_back(float(run_->updates()));
    held_.push_back(float(run_->HeldOutLossNow()));
  }

  // The prompt's characters the corpus has (the others left out), cropped to the model's context.
  std::vector<int> PromptTokens(bool crop) const {
    std::vector<int> tokens;
    for (char c : show_prompt_)
      if (run_->vocabulary().Index(c) >= 0) tokens.push_back(run_->vocabulary().Index(c));
    const size_t context = size_t(run_->model().shape().context);
    if (crop && tokens.size() > context) tokens.erase(tokens.begin(), tokens.end() - long(context));
    return tokens;
  }

  // The prompt's text box; true when the prompt changed. It edits the `prompt` key (at most 64 characters,
  // no '&', which would end the key in a link).
  bool PromptBox() {
    char buffer[65];
    std::snprintf(buffer, sizeof buffer, "%s", show().prompt.c_str());
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x * 0.6f, 24.0f * ImGui::GetFontSize()));
    const bool edited = ImGui::InputText("Prompt", buffer, sizeof buffer, ImGuiInputTextFlags_CallbackCharFilter,
                                         [](ImGuiInputTextCallbackData* data) {
                                           return data->EventChar == '&' || data->EventChar == '\n' ||
                                                          data->EventChar >= 0x7F ? 1 : 0;
                                         });
    if (edited) show().prompt = buffer;
    show_prompt_ = show().prompt;
    return edited;
  }

  void DrawTraining() {
    ImGui::Text("%ld steps; last batch %.3f nats, held-out %.3f (step %ld); unigram %.3f, bigram %.3f", run_->updates(),
                run_->last_loss(), held_.empty() ? 0.0 : double(held_.back()),
                held_steps_.empty() ? 0L : long(held_steps_.back()), run_->unigram(), run_->bigram());
    LinePlot plot;
    plot.x_label = "step";
    plot.y_label = "nats";
    plot.y_low = 0.0f;
    plot.log_switch = &show().log_scale;
    plot.series = {{"batch (trained text)", &train_, &steps_}, {"held-out", &held_, &held_steps_}};
    plot.levels = {{"unigram", float(run_->unigram()), IM_COL32(150, 90, 180, 255)},
                   {"bigram", float(run_->bigram()), IM_COL32(120, 120, 120, 255)}};
    const float width = ImGui::GetContentRegionAvail().x;
    const float room = ImGui::GetContentRegionAvail().y - ImGui::GetStyle().ItemSpacing.y;
    DrawLinePlot(plot, width, std::max(120.0f, std::min(std::max(LinePlotHeight(width), 0.9f * room), room)));
  }

  // Generation: a sample of kSampleChars characters is composed a few a frame (at least one, then while
  // kSampleBudget lasts) and shown once whole; a new one starts when the weights, the prompt or the
  // temperature changed or New sample was pressed, at most every kSampleEvery seconds (and at most a
  // fifth of the time). Generation runs the model in evaluation only, never a training step.
  void AdvanceSample(bool force) {
    const float temperature = show().sample_temperature;
    const bool changed = show_prompt_ != sample_prompt_ || temperature != sample_temperature_;
    if (composing_left_ == 0) {
      const bool stale = sample_steps_ != run_->updates() || changed || force;
      if (!stale || (!force && !changed && NowSeconds() < next_sample_at_)) return;
      composing_prompt_ = PromptTokens(false);
      composing_.clear();
      composing_left_ = composing_prompt_.empty() ? 0 : kSampleChars;
      composing_steps_ = run_->updates();
      sample_prompt_ = show_prompt_;
      sample_temperature_ = temperature;
      rng_ = Rng(uint64_t(sample_seed_) * 7919u + 17u);
      compose_seconds_ = 0.0;
      if (composing_left_ == 0) {  // nothing to continue
        sample_.clear();
        sample_tokens_.clear();
        sample_prompt_tokens_.clear();
        sample_steps_ = composing_steps_;
        return;
      }
    } else if (changed || force) {
      composing_left_ = 0;  // begin again with the new prompt or temperature
      AdvanceSample(force);
      return;
    }
    CharTransformer& model = run_->model();
    const double start = NowSeconds();
    do {
      std::vector<int> text = composing_prompt_;
      text.insert(text.end(), composing_.begin(), composing_.end());
      const std::vector<int> next = model.Generate(text, 1, temperature, rng_);
      composing_.insert(composing_.end(), next.begin(), next.end());
      --composing_left_;
    } while (composing_left_ > 0 && NowSeconds() - start < kSampleBudget);
    compose_seconds_ += NowSeconds() - start;
    if (composing_left_ > 0) return;
    sample_prompt_tokens_ = composing_prompt_;
    sample_tokens_ = composing_;
    sample_ = run_->vocabulary().Decode(composing_);
    sample_steps_ = composing_steps_;
    next_sample_at_ = NowSeconds() + std::max(kSampleEvery, 4.0 * compose_seconds_);
  }

  void DrawSamples() {
    PromptBox();
    ImGui::SameLine();
    const bool again = ImGui::Button("New sample");
    if (again) ++sample_seed_;
    const float slider = std::min(ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("Temperature").x -
                                      ImGui::GetStyle().ItemInnerSpacing.x,
                                  14.0f * ImGui::GetFontSize());
    ImGui::SetNextItemWidth(slider);
    ValueSliderFloat("Temperature", &show().sample_temperature, 0.1f, 2.0f, "%.2f", ImGuiSliderFlags_AlwaysClamp);
    AdvanceSample(again);
    if (PromptTokens(false).empty()) {
      ImGui::TextWrapped("Type a prompt: the model continues it (the characters of the licence's text only).");
      return;
    }
    if (sample_steps_ < 0) {
      ImGui::TextWrapped("Composing the first sample...");
      return;
    }
    ImGui::TextWrapped("%d characters after the prompt (grey), from the weights of step %ld, τ = %.2f%s", kSampleChars,
                       sample_steps_, double(sample_temperature_),
                       PromptTokens(false).size() < show_prompt_.size() ? "; characters the text lacks were left out" : "");
    DrawTextBlock();
  }

  // The prompt (grey) and the sample (blue) on a grid of equal cells, broken at the block's width and at
  // line breaks: a monospaced block, so the characters line up as the model made them, one by one.
  void DrawTextBlock() {
    const float font = ImGui::GetFontSize();
    // An 'n' and a pixel wide (the UI font is proportional): the few wider letters (m, w, M, W) reach
    // into their neighbours' margins, the rest keep apart, and words still read as words.
    const float cell_w = std::ceil(ImGui::CalcTextSize("n").x) + 1.0f, line = ImGui::GetTextLineHeightWithSpacing();
    const float pad = 0.5f * font;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float width = std::max(10.0f * cell_w, avail.x);
    const int columns = std::max(10, int((width - 2.0f * pad) / cell_w));
    // Lay out first: the cells each character takes (row, column).
    struct Glyph {
      int row, col;
      char c;
      bool prompt;
    };
    std::vector<Glyph> glyphs;
    int row = 0, col = 0;
    auto place = [&](int token, bool prompt) {
      const char c = run_->vocabulary().characters[size_t(token)];
      if (col >= columns) ++row, col = 0;
      glyphs.push_back({row, col, c, prompt});
      if (c == '\n') ++row, col = 0;
      else ++col;
    };
    for (int t : sample_prompt_tokens_) place(t, true);
    for (int t : sample_tokens_) place(t, false);
    const int rows = std::max(row + 1, 6);
    const float height = std::max(2.0f * pad + float(rows) * line, std::min(avail.y - ImGui::GetStyle().ItemSpacing.y,
                                                                              2.0f * pad + 16.0f * line));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), IM_COL32(248, 248, 244, 255), 3.0f);
    draw->AddRect(origin, ImVec2(origin.x + width, origin.y + height), IM_COL32(200, 200, 200, 255), 3.0f);
    for (const Glyph& g : glyphs) {
      const std::string s = Shown(g.c, false);
      if (s == " ") continue;
      const float w = ImGui::CalcTextSize(s.c_str()).x;
      draw->AddText(ImVec2(origin.x + pad + (float(g.col) + 0.5f) * cell_w - 0.5f * w, origin.y + pad + float(g.row) * line),
                    g.c == '\n' ? IM_COL32(190, 190, 190, 255) : g.prompt ? IM_COL32(120, 120, 120, 255) : kBlue, s.c_str());
    }
    ImGui::Dummy(ImVec2(width, height));
    NoteFigure(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  }

  void DrawAttention() {
    PromptBox();
    const std::vector<int> prompt = PromptTokens(true);
    if (prompt.empty()) {
      ImGui::TextWrapped("Type a prompt: its characters are the rows and columns of every head's attention.");
      return;
    }
    if (prompt != patterns_prompt_ || (patterns_steps_ != run_->updates() && NowSeconds() >= next_patterns_at_)) {
      const double start = NowSeconds();
      patterns_ = run_->model().AttentionPatterns(prompt);
      patterns_prompt_ = prompt;
      patterns_steps_ = run_->updates();
      next_patterns_at_ = NowSeconds() + std::max(kPatternsEvery, 4.0 * (NowSeconds() - start));
    }
    if (patterns_.empty()) return;
    const int blocks = int(patterns_.size()), heads = int(patterns_[0].size()), t = int(prompt.size());
    std::string cropped;
    if (PromptTokens(false).size() > prompt.size())
      cropped = " (its last " + std::to_string(t) + " characters: the model reads " + std::to_string(t) + " back)";
    ImGui::TextWrapped("Weights of step %ld over the prompt%s; rows: query position i, columns: key position j ≤ i",
                       patterns_steps_, cropped.c_str());
    // The grid: heads across, blocks down, each matrix with the prompt's characters along its top and left;
    // the cells sized from the width and the height left, the colour bar beside.
    const float font = ImGui::GetFontSize(), line = ImGui::GetTextLineHeight();
    const float gap = font, label = line * 1.1f, title = line * 1.3f;
    const float bar = ColourBarWidth(0.0f, 1.0f) + font;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float caption = 2.5f * ImGui::GetTextLineHeightWithSpacing();
    const float by_width = (avail.x - bar - float(heads) * (label + gap)) / float(heads * t);
    const float by_height = (avail.y - caption - float(blocks) * (title + label + gap)) / float(blocks * t);
    const float cell = std::floor(std::clamp(std::min(by_width, by_height), 3.0f, 3.0f * font));
    const float side = cell * float(t), pitch_x = label + side + gap, pitch_y = title + label + side + gap;
    const bool ticks = cell >= 0.75f * font;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    const ImU32 mark = IM_COL32(230, 120, 30, 255);
    // The cell under the pointer (in any matrix) picks the query row and key column shown in all of them.
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    int hovered_row = -1, hovered_col = -1;
    for (int l = 0; l < blocks; ++l)
      for (int h = 0; h < heads; ++h) {
        const float x0 = origin.x + float(h) * pitch_x + label, y0 = origin.y + float(l) * pitch_y + title + label;
        if (mouse.x >= x0 && mouse.x < x0 + side && mouse.y >= y0 && mouse.y < y0 + side && ImGui::IsWindowHovered()) {
          hovered_row = std::min(t - 1, int((mouse.y - y0) / cell));
          hovered_col = std::min(t - 1, int((mouse.x - x0) / cell));
        }
      }
    auto centred = [&](float cx, float cy, const std::string& s, ImU32 colour) {
      const ImVec2 size = ImGui::CalcTextSize(s.c_str());
      draw->AddText(ImVec2(cx - size.x / 2, cy - size.y / 2), colour, s.c_str());
    };
    const std::string& characters = run_->vocabulary().characters;
    for (int l = 0; l < blocks; ++l)
      for (int h = 0; h < heads; ++h) {
        const float x0 = origin.x + float(h) * pitch_x + label, y0 = origin.y + float(l) * pitch_y + title + label;
        char name[48];
        std::snprintf(name, sizeof name, "block %d, head %d", l + 1, h + 1);
        draw->AddText(ImVec2(x0 - label, y0 - label - title), text, name);
        const Matrix& a = patterns_[size_t(l)][size_t(h)];
        for (int i = 0; i < t; ++i)
          for (int j = 0; j < t; ++j) {
            const ImVec2 p0(x0 + float(j) * cell, y0 + float(i) * cell);
            const ImVec2 p1(p0.x + cell - (cell >= 4.0f ? 1.0f : 0.0f), p0.y + cell - (cell >= 4.0f ? 1.0f : 0.0f));
            draw->AddRectFilled(p0, p1, j > i ? IM_COL32(238, 238, 238, 255) : Shade(a(i, j)));
          }
        if (ticks)
          for (int k = 0; k < t; ++k) {
            const std::string c = Shown(characters[size_t(prompt[size_t(k)])], true);
            centred(x0 + (float(k) + 0.5f) * cell, y0 - label / 2, c, k == hovered_col ? mark : text);
            centred(x0 - label / 2, y0 + (float(k) + 0.5f) * cell, c, k == hovered_row ? mark : text);
          }
        if (hovered_row >= 0) {
          const float thick = std::max(1.5f, 0.12f * cell);
          draw->AddRect(ImVec2(x0, y0 + float(hovered_row) * cell), ImVec2(x0 + side, y0 + float(hovered_row + 1) * cell), mark,
                        0.0f, 0, thick);
          draw->AddRect(ImVec2(x0 + float(hovered_col) * cell, y0), ImVec2(x0 + float(hovered_col + 1) * cell, y0 + side), mark,
                        0.0f, 0, thick);
        }
      }
    const float grid_w = float(heads) * pitch_x - gap, grid_h = float(blocks) * pitch_y - gap;
    ImGui::Dummy(ImVec2(grid_w, grid_h));
    NoteFigure(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());  // for the layout report's figure share
    ImGui::SameLine(0.0f, font);
    DrawColourBar("aᵢⱼ", 0.0f, 1.0f, std::min(grid_h, std::max(side, 6.0f * line)), [](float w) { return Shade(w); });
    if (hovered_row >= 0) {
      std::string weights;
      for (int l = 0; l < blocks; ++l) {
        weights += (l > 0 ? "; block " : "block ") + std::to_string(l + 1) + ":";
        for (int h = 0; h < heads; ++h) {
          char one[16];
          std::snprintf(one, sizeof one, " %.2f", double(patterns_[size_t(l)][size_t(h)](hovered_row, hovered_col)));
          weights += one;
        }
      }
      const std::string what = hovered_col > hovered_row ? " (the future: masked)" : ", weight in heads 1 to " + std::to_string(heads);
      ImGui::TextWrapped("Query '%s' (position %d) reading key '%s' (position %d)%s: %s",
                         Shown(characters[size_t(prompt[size_t(hovered_row)])], true).c_str(), hovered_row,
                         Shown(characters[size_t(prompt[size_t(hovered_col)])], true).c_str(), hovered_col,
                         what.c_str(), weights.c_str());
    } else {
      ImGui::TextWrapped("Blue: attention weight aᵢⱼ (each row sums to 1); grey: the masked future. Point at a cell.");
    }
  }

  // The training curves.
  std::vector<float> steps_, train_, held_steps_, held_;
  long recorded_block_ = -1, held_block_ = -1;
  // The samples: the shown one (its prompt, its characters, the updates its weights had) and the one
  // being composed.
  std::string show_prompt_, sample_prompt_, sample_;
  float sample_temperature_ = 0.0f;
  std::vector<int> sample_prompt_tokens_, sample_tokens_, composing_prompt_, composing_;
  int composing_left_ = 0;
  long sample_steps_ = -1, composing_steps_ = -1;
  long sample_seed_ = 1;
  double next_sample_at_ = 0.0, compose_seconds_ = 0.0;
  Rng rng_;
  // The attention patterns: [block][head], over patterns_prompt_, of the weights at patterns_steps_.
  std::vector<std::vector<Matrix>> patterns_;
  std::vector<int> patterns_prompt_;
  long patterns_steps_ = -1;
  double next_patterns_at_ = 0.0;
  bool samples_shown_ = false;  // the last frame drew the samples tab (where a sample is composed)
};

}  // namespace

std::unique_ptr<TaskView> MakeCharTransformerView() { return std::make_unique<CharTransformerView>(); }

}  // namespace netlab
