#include "panels/search_panel.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "search/config_search_space.h"
#include "search/classify_trial.h"
#include "search/objectives.h"
#include "imgui_internal.h"
#include "platform/item_locator.h"
#include "panels/search_plot.h"
#include "links/config_text.h"

namespace netlab {
namespace {

constexpr SearchMethod kMethods[] = {SearchMethod::kGrid, SearchMethod::kRandom, SearchMethod::kBayesian};

void InitializeDimensions(SearchPanel& panel) {
  if (!panel.dimensions.empty()) return;
  for (const ConfigHyperparameter& p : ConfigHyperparameters()) {
    SearchDimensionChoice choice;
    choice.dimension = DefaultDimension(p);
    choice.chosen.assign(choice.dimension.choices.size(), 1);
    // Learning rate and width are what students tune first; the rest are one click away.
    choice.enabled = choice.dimension.name == "learning_rate" || choice.dimension.name == "hidden_units";
    panel.dimensions.push_back(choice);
  }
}

// Whether the registry's entry i can vary `config`: what the task reads (search/objectives.h).
bool Searchable(size_t i, const Config& config) {
  const Task* task = FindTask(config.task);
  return task && Searchable(ConfigHyperparameters()[i], *task);
}

SearchSpace ChosenSpace(const SearchPanel& panel, const Config& current) {
  SearchSpace space;
  for (size_t i = 0; i < panel.dimensions.size(); ++i) {
    const SearchDimensionChoice& choice = panel.dimensions[i];
    if (!choice.enabled || !Searchable(i, current)) continue;
    Dimension d = choice.dimension;
    if (d.kind == DimensionKind::kCategorical) {
      d.choices.clear();
      for (size_t i = 0; i < choice.dimension.choices.size(); ++i)
        if (choice.chosen[i]) d.choices.push_back(choice.dimension.choices[i]);
    }
    space.dimensions.push_back(d);
  }
  return space;
}

// The data of a task that makes its own (the sequence task's waves).
const TaskData& NoData() {
  static const TaskData none;
  return none;
}

void StartSearch(SearchPanel& panel, const Config& current, const TaskData* data) {
  panel.message = ValidateEarlyStopping(panel.early_stopping);
  if (!panel.message.empty()) return;
  const SearchObjective* objective = FindSearchObjective(current.task);
  if (!objective) {
    panel.message = SearchRefusal(current.task);
    return;
  }
  if (objective->reads_data && !data) {
    panel.message = "The data set is still loading; start the search once it is there.";
    return;
  }
  panel.base = current;
  panel.space = ChosenSpace(panel, current);
  TrialFactory trials = objective->make(panel.base, panel.space, data ? *data : NoData(), panel.early_stopping);
  panel.search = std::make_unique<HyperparameterSearch>(panel.space, panel.settings, std::move(trials));
  panel.message = panel.search->error();
  panel.row_order.clear();
  panel.sorted_rows = 0;
  panel.plot_dimension = 0;
}

void DrawDimensionEditor(SearchDimensionChoice& choice, const ConfigHyperparameter& p) {
  ImGui::PushID(p.name);
  ImGui::Checkbox(p.label, &choice.enabled);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", p.tooltip);
  if (choice.enabled) {
    Dimension& d = choice.dimension;
    ImGui::Indent();
    if (d.kind == DimensionKind::kCategorical) {
      for (size_t i = 0; i < d.choices.size(); ++i) {
        if (i % 4) ImGui::SameLine();
        bool on = choice.chosen[i] != 0;
        if (ImGui::Checkbox(d.choices[i].c_str(), &on)) choice.chosen[i] = on;
      }
    } else if (d.kind == DimensionKind::kInteger) {
      int range[2] = {int(d.low), int(d.high)};
      ImGui::SetNextItemWidth(160);
      if (ImGui::DragInt2("range", range, 0.2f, int(p.limit_low), int(p.limit_high))) {
        d.low = std::clamp(double(range[0]), p.limit_low, p.limit_high);
        d.high = std::clamp(double(range[1]), p.limit_low, p.limit_high);
      }
    } else {
      float range[2] = {float(d.low), float(d.high)};
      ImGui::SetNextItemWidth(160);
      if (ImGui::InputFloat2("range", range, "%.5g")) {
        d.low = std::clamp(double(range[0]), p.limit_low, p.limit_high);
        d.high = std::clamp(double(range[1]), p.limit_low, p.limit_high);
      }
    }
    if (d.kind != DimensionKind::kCategorical) {
      ImGui::SameLine();
      ImGui::Checkbox("log", &d.log_scale);
    }
    ImGui::Unindent();
  }
  ImGui::PopID();
}

void DrawSetup(SearchPanel& panel, const Config& current, const TaskData* data) {
  SearchSettings& s = panel.settings;
  int method = int(std::find(std::begin(kMethods), std::end(kMethods), s.method) - std::begin(kMethods));
  ImGui::SetNextItemWidth(180);
  if (ImGui::BeginCombo("Method", SearchMethodLabel(s.method))) {
    for (int i = 0; i < 3; ++i)
      if (ImGui::Selectable(SearchMethodLabel(kMethods[i]), i == method)) s.method = kMethods[i];
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Grid: every combination of a few levels.\nRandom: independent draws; tries more distinct "
                      "values of each dimension than a grid of the same size.\nBayesian: a Gaussian process models "
                      "validation loss; each trial maximises expected improvement\nEI = (best - mu) Phi(z) + "
                      "sigma phi(z), z = (best - mu) / sigma.");
  ImGui::SetNextItemWidth(120);
  ImGui::InputInt("Trials", &s.budget);
  s.budget = std::clamp(s.budget, 1, 500);
  int seed = int(s.seed);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(100);
  if (ImGui::InputInt("Search seed", &seed) && seed >= 0) s.seed = uint64_t(seed);
  EarlyStoppingSettings& e = panel.early_stopping;
  int max_steps = int(e.max_steps), every = int(e.steps_per_check);
  ImGui::SetNextItemWidth(120);
  if (ImGui::InputInt("Steps per trial", &max_steps, 100)) e.max_steps = std::clamp(max_steps, 10, 100000);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(100);
  if (ImGui::InputInt("Check every", &every, 10)) e.steps_per_check = std::clamp(every, 1, 10000);
  ImGui::SetNextItemWidth(120);
  ImGui::InputInt("Patience (checks)", &e.patience);
  e.patience = std::clamp(e.patience, 1, 1000);
  if (ImGui::TreeNodeEx("Hyperparameters", ImGuiTreeNodeFlags_DefaultOpen)) {
    const auto& table = ConfigHyperparameters();
    for (size_t i = 0; i < table.size(); ++i)
      if (Searchable(i, current)) DrawDimensionEditor(panel.dimensions[i], table[i]);
    ImGui::TreePop();
  }
  const SearchObjective* objective = FindSearchObjective(current.task);
  ImGui::TextWrapped("%s", objective ? objective->scored_by : SearchRefusal(current.task).c_str());
  if (ImGui::Button("Start search")) StartSearch(panel, current, data);
  NoteItemRect("Start search");
}

double SortKey(const HyperparameterSearch& search, int row, int column) {
  const TrialResult& r = search.results()[size_t(row)];
  const int dims = int(search.space().size());
  if (column == 0) return row;
  if (column <= dims) return r.point[size_t(column - 1)];
  if (column == dims + 1) return r.failed() ? INFINITY : r.value;
  return double(r.steps);
}

void SortRows(SearchPanel& panel, ImGuiTableSortSpecs* specs) {
  const HyperparameterSearch& search = *panel.search;
  const bool new_rows = panel.sorted_rows != search.results().size();
  if (!specs || (!specs->SpecsDirty && !new_rows)) return;
  panel.row_order.resize(search.results().size());
  for (size_t i = 0; i < panel.row_order.size(); ++i) panel.row_order[i] = int(i);
  if (specs->SpecsCount > 0) {
    const ImGuiTableColumnSortSpecs& spec = specs->Specs[0];
    const bool ascending = spec.SortDirection == ImGuiSortDirection_Ascending;
    std::stable_sort(panel.row_order.begin(), panel.row_order.end(), [&](int a, int b) {
      const double ka = SortKey(search, a, spec.ColumnIndex), kb = SortKey(search, b, spec.ColumnIndex);
      return ascending ? ka < kb : ka > kb;
    });
  }
  specs->SpecsDirty = false;
  panel.sorted_rows = search.results().size();
}

// Returns the row whose "Load" button was pressed, or -1.
int DrawResultsTable(SearchPanel& panel) {
  const HyperparameterSearch& search = *panel.search;
  const int dims = int(search.space().size());
  const int columns = dims + 5;
  int load = -1;
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("results", columns, flags, ImVec2(0, 180))) return -1;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("#");
  for (const Dimension& d : search.space().dimensions) ImGui::TableSetupColumn(d.name.c_str());
  ImGui::TableSetupColumn("validation loss", ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortAscending);
  ImGui::TableSetupColumn("steps");
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_NoSort);
  ImGui::TableSetupColumn("note", ImGuiTableColumnFlags_NoSort);
  ImGui::TableHeadersRow();
  SortRows(panel, ImGui::TableGetSortSpecs());
  const int best = search.BestIndex();
  for (int row : panel.row_order) {
    const TrialResult& r = search.results()[size_t(row)];
    ImGui::TableNextRow();
    if (row == best) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, IM_COL32(255, 200, 120, 120));
    ImGui::TableNextColumn();
    ImGui::Text("%d", row + 1);
    for (int i = 0; i < dims; ++i) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(FormatValue(search.space().dimensions[size_t(i)], r.point[size_t(i)]).c_str());
    }
    ImGui::TableNextColumn();
    if (r.failed()) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "failed");
    else ImGui::Text("%.5f", r.value);
    ImGui::TableNextColumn();
    ImGui::Text("%ld", r.steps);
    ImGui::TableNextColumn();
    ImGui::PushID(row);
    if (ImGui::SmallButton("Load")) load = row;
    ImGui::PopID();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.note.c_str());
  }
  ImGui::EndTable();
  return load;
}

void DrawPlot(SearchPanel& panel) {
  HyperparameterSearch& search = *panel.search;
  const SearchSpace& space = search.space();
  panel.plot_dimension = std::clamp(panel.plot_dimension, 0, int(space.size()) - 1);
  ImGui::SetNextItemWidth(160);
  if (ImGui::BeginCombo("Plot against", space.dimensions[size_t(panel.plot_dimension)].name.c_str())) {
    for (size_t i = 0; i < space.size(); ++i)
      if (ImGui::Selectable(space.dimensions[i].name.c_str(), int(i) == panel.plot_dimension)) panel.plot_dimension = int(i);
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::Checkbox("log", &panel.log_objective);
  ImGui::SameLine();
  ImGui::Checkbox("Surrogate mean +- 2 sigma", &panel.show_surrogate);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Gaussian-process posterior along this axis, the other hyperparameters fixed at the best trial.\n"
                      "Dots: every trial, projected onto this axis (orange: best; red x: failed).");
  if (panel.show_surrogate) search.FitSurrogate();
  const float width = std::max(200.0f, ImGui::GetContentRegionAvail().x);
  DrawSearchPlot(search, panel.plot_dimension, panel.show_surrogate, panel.log_objective, width, 180.0f);
}

}  // namespace

bool DrawSearchWindow(SearchPanel& panel, bool* open_window, const Config& current, const TaskData* data,
                      const ImVec2& screen, double budget_seconds, std::string& apply_text) {
  InitializeDimensions(panel);
  // A search keeps running while its window is closed.
  if (panel.search && !panel.search->finished()) panel.search->Advance(budget_seconds);
  if (!*open_window) return false;

  ImGui::SetNextWindowPos(ImVec2(std::max(0.0f, screen.x - 580.0f), 40.0f), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(560.0f, std::min(720.0f, screen.y - 60.0f)), ImGuiCond_FirstUseEver);
  const bool open = ImGui::Begin("Hyperparameter search", open_window);
  // The playground's panels fill the screen and would cover this window whenever clicked; keep it in
  // front without taking keyboard focus, except while a popup (a combo's list) is open, which must
  // stay on top.
  if (!ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
  if (!open) {
    ImGui::End();
    return false;
  }
  bool apply = false;
  const bool running = panel.search && !panel.search->finished();
  if (running) {
    const HyperparameterSearch& search = *panel.search;
    char overlay[64];
    std::snprintf(overlay, sizeof overlay, "%zu / %d trials", search.results().size(), search.planned_trials());
    ImGui::ProgressBar(float(search.results().size()) / float(std::max(1, search.planned_trials())), ImVec2(-90, 0),
                       overlay);
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(80, 0))) panel.search->Cancel();
    NoteItemRect("Cancel search");
  } else if (ImGui::CollapsingHeader("Setup", ImGuiTreeNodeFlags_DefaultOpen)) {
    DrawSetup(panel, current, data);
  }
  if (!panel.message.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.1f, 0.1f, 1.0f));
    ImGui::TextWrapped("%s", panel.message.c_str());
    ImGui::PopStyleColor();
  }
  if (panel.search && !panel.search->results().empty()) {
    HyperparameterSearch& search = *panel.search;
    ImGui::Separator();
    const int best = search.BestIndex();
    ImGui::Text("%s search%s", SearchMethodLabel(search.settings().method), search.cancelled() ? " (cancelled)" : "");
    int load = -1;
    if (best >= 0) {
      if (ImGui::Button("Apply best")) load = best;
      NoteItemRect("Apply best");
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Load the best trial's config into the task it searched.");
      ImGui::SameLine();
      ImGui::Text("validation loss %.5f (trial %d)", search.results()[size_t(best)].value, best + 1);
    }
    const int row = DrawResultsTable(panel);
    if (row >= 0) load = row;
    DrawPlot(panel);
    if (load >= 0) {
      apply_text = ConfigToText(ApplySearchPoint(panel.base, panel.space, search.results()[size_t(load)].point));
      apply = true;
    }
  }
  ImGui::End();
  return apply;
}

}  // namespace netlab
