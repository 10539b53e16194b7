#include "platform/layout_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "imgui.h"
#include "imgui_internal.h"
#include "core/json_text.h"

namespace netlab {
namespace {

// One glyph quad as drawn: its screen rectangle after the draw command's clip rectangle, the glyph and
// how it was cut.
struct DrawnGlyph {
  ImRect visible;
  const ImFont* font = nullptr;
  const ImFontGlyph* glyph = nullptr;
  float scale = 1.0f, pen_x = 0.0f, line_y = 0.0f;
  // Part of the glyph is outside its clip rectangle (or was clipped on the CPU), across or down.
  bool cut_x = false, cut_y = false;
  bool off_screen = false;   // part of it lies outside the display
  int run = -1;
};

struct TextRun {
  std::string text;
  ImRect box;
  const ImGuiWindow* window = nullptr;
  bool cut_x = false, cut_y = false, off_screen = false, ellipsis = false;
};

struct GlyphOwner {
  const ImFont* font;
  const ImFontGlyph* glyph;
};

// The glyph whose atlas rectangle holds the quad's texture centre, or none (lines, fills, the white pixel).
GlyphOwner FindGlyph(float u, float v) {
  for (const ImFont* font : ImGui::GetIO().Fonts->Fonts)
    for (const ImFontGlyph& g : font->Glyphs)
      if (g.Visible && u >= g.U0 && u <= g.U1 && v >= g.V0 && v <= g.V1) return {font, &g};
  return {nullptr, nullptr};
}

void AppendUtf8(std::string& out, unsigned int c) {
  if (c < 0x80) {
    out += char(c);
  } else if (c < 0x800) {
    out += char(0xC0 | (c >> 6));
    out += char(0x80 | (c & 0x3F));
  } else {
    out += char(0xE0 | (c >> 12));
    out += char(0x80 | ((c >> 6) & 0x3F));
    out += char(0x80 | (c & 0x3F));
  }
}

const ImGuiWindow* WindowOf(const ImDrawList* list) {
  for (const ImGuiWindow* window : GImGui->Windows)
    if (window->DrawList == list) return window;
  return nullptr;
}

// Glyph quads of one draw list: ImFont::RenderText writes each glyph as 4 vertices and 6 indices
// (0 1 2, 0 2 3) with the glyph's atlas corners; other shapes are skipped a triangle at a time.
void CollectGlyphs(const ImDrawList* list, const ImRect& display, std::vector<DrawnGlyph>& out) {
  const ImTextureID font_texture = ImGui::GetIO().Fonts->TexID;
  for (const ImDrawCmd& cmd : list->CmdBuffer) {
    if (cmd.UserCallback || cmd.TextureId != font_texture) continue;
    const ImRect clip(cmd.ClipRect.x, cmd.ClipRect.y, cmd.ClipRect.z, cmd.ClipRect.w);
    const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
    const ImDrawVert* vtx = list->VtxBuffer.Data + cmd.VtxOffset;
    for (unsigned int i = 0; i + 3 <= cmd.ElemCount;) {
      const bool quad = i + 6 <= cmd.ElemCount && idx[i + 1] == idx[i] + 1 && idx[i + 2] == idx[i] + 2 &&
                        idx[i + 3] == idx[i] && idx[i + 4] == idx[i] + 2 && idx[i + 5] == idx[i] + 3;
      if (!quad) {
        i += 3;
        continue;
      }
      const ImDrawVert& a = vtx[idx[i]];
      const ImDrawVert& c = vtx[idx[i + 2]];
      i += 6;
      if (c.pos.x <= a.pos.x || c.pos.y <= a.pos.y) continue;
      const GlyphOwner owner = FindGlyph(0.5f * (a.uv.x + c.uv.x), 0.5f * (a.uv.y + c.uv.y));
      if (!owner.glyph) continue;
      const ImFontGlyph& g = *owner.glyph;
      DrawnGlyph d;
      d.font = owner.font;
      d.glyph = &g;
      const ImRect quad_rect(a.pos, c.pos);
      // A glyph cut on the CPU (RenderTextClipped) keeps only part of its atlas rectangle.
      const float du = (g.U1 - g.U0) * 0.02f, dv = (g.V1 - g.V0) * 0.02f;
      const bool cpu_cut_x = std::fabs(a.uv.x - g.U0) > du || std::fabs(c.uv.x - g.U1) > du;
      const bool cpu_cut_y = std::fabs(a.uv.y - g.V0) > dv || std::fabs(c.uv.y - g.V1) > dv;
      const bool cpu_cut = cpu_cut_x || cpu_cut_y;
      d.scale = cpu_cut || g.Y1 <= g.Y0 ? 1.0f : quad_rect.GetHeight() / (g.Y1 - g.Y0);
      d.pen_x = quad_rect.Min.x - g.X0 * d.scale;
      d.line_y = quad_rect.Min.y - g.Y0 * d.scale;
      // Half a pixel of slack: glyph boxes of oversampled fonts carry a fraction of a pixel of padding.
      ImRect slack = clip;
      slack.Expand(0.5f);
      d.cut_x = cpu_cut_x || quad_rect.Min.x < slack.Min.x || quad_rect.Max.x > slack.Max.x;
      d.cut_y = cpu_cut_y || quad_rect.Min.y < slack.Min.y || quad_rect.Max.y > slack.Max.y;
      ImRect screen = display;
      screen.Expand(0.5f);
      d.off_screen = !screen.Contains(quad_rect);
      d.visible = quad_rect;
      d.visible.ClipWithFull(clip);
      d.visible.ClipWithFull(display);
      out.push_back(d);
    }
  }
}

// The rectangles of one draw list's pictures (AddImage quads of any texture but the font's: heatmaps,
// thumbnails, image grids, point sprites), each after its command's clip rectangle.
void CollectPictures(const ImDrawList* list, const ImRect& display, std::vector<ImRect>& out) {
  const ImTextureID font_texture = ImGui::GetIO().Fonts->TexID;
  for (const ImDrawCmd& cmd : list->CmdBuffer) {
    if (cmd.UserCallback || cmd.TextureId == font_texture) continue;
    const ImRect clip(cmd.ClipRect.x, cmd.ClipRect.y, cmd.ClipRect.z, cmd.ClipRect.w);
    const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
    const ImDrawVert* vtx = list->VtxBuffer.Data + cmd.VtxOffset;
    for (unsigned int i = 0; i + 6 <= cmd.ElemCount; i += 6) {
      ImRect r(vtx[idx[i]].pos, vtx[idx[i]].pos);
      for (int k = 1; k < 6; ++k) r.Add(vtx[idx[i + k]].pos);
      r.ClipWithFull(clip);
      r.ClipWithFull(display);
      if (r.GetWidth() > 0 && r.GetHeight() > 0) out.push_back(r);
    }
  }
}

// Consecutive glyphs on one baseline, each after the last within a few advances, are one run of text.
std::vector<TextRun> GroupRuns(std::vector<DrawnGlyph>& glyphs, const ImGuiWindow* window) {
  std::vector<TextRun> runs;
  for (size_t k = 0; k < glyphs.size(); ++k) {
    DrawnGlyph& d = glyphs[k];
    const bool continues = k > 0 && !runs.empty() && glyphs[k - 1].font == d.font &&
                           std::fabs(glyphs[k - 1].line_y - d.line_y) < 0.5f && d.pen_x > glyphs[k - 1].pen_x &&
                           d.pen_x - glyphs[k - 1].pen_x < 4.0f * d.font->FontSize * d.scale &&
                           // Text drawn over a glyph starts a run: ImGui advances the pen by each glyph's
                           // AdvanceX (no kerning), so text that continues starts at or after that advance.
                           // (Comparing boxes would split "f" from the next letter: its box overhangs.)
                           d.pen_x >= glyphs[k - 1].pen_x + glyphs[k - 1].glyph->AdvanceX * glyphs[k - 1].scale - 0.5f;
    if (!continues) {
      runs.push_back({});
      runs.back().window = window;
      runs.back().box = d.visible;
    } else {
      // A gap wider than a glyph's advance was a space (spaces draw no quad).
      const float advance = glyphs[k - 1].glyph->AdvanceX * glyphs[k - 1].scale;
      if (d.pen_x - glyphs[k - 1].pen_x > advance * 1.5f) runs.back().text += ' ';
    }
    TextRun& run = runs.back();
    d.run = int(runs.size() - 1);
    AppendUtf8(run.text, d.glyph->Codepoint);
    run.box.Add(d.visible);
    run.cut_x = run.cut_x || d.cut_x;
    run.cut_y = run.cut_y || d.cut_y;
    run.off_screen = run.off_screen || d.off_screen;
    // An ellipsis: the font's own character, or the three dots ImGui spaces closer than a '.' advances.
    if (d.glyph->Codepoint == 0x2026 || d.glyph->Codepoint == 0x85) run.ellipsis = true;  // U+2026, or Windows-1252's 0x85
    if (k >= 2 && d.glyph->Codepoint == '.' && glyphs[k - 1].glyph->Codepoint == '.' &&
        glyphs[k - 2].glyph->Codepoint == '.' && glyphs[k - 1].run == d.run && glyphs[k - 2].run == d.run &&
        d.pen_x - glyphs[k - 1].pen_x < d.glyph->AdvanceX * d.scale - 0.5f)
      run.ellipsis = true;
  }
  return runs;
}

// What the frame's widgets noted (NotePlotCurve, NoteFigure), kept for the frame they were noted in.
struct NotedCurve {
  std::vector<ImVec2> points;
  const ImDrawList* list;
};
struct NotedFigure {
  ImRect rect;
  const ImGuiWindow* window;
};
struct NotedSlider {
  ImRect frame, bar;
  const ImDrawList* list;
  bool whole = true;  // the frame lies wholly inside its window's clip rectangle (not scrolled half out)
};
// A widget as Dear ImGui's test-engine hook reports it (its label and status flags), after it was added.
struct NotedControl {
  std::string window, label;  // the root window's name; the label without its "##id" part
  const char* kind;           // "check" (checkbox, radio), "value" (slider, drag, input), "open" (tree, header), "button"
  ImRect rect;
  bool visible;               // wholly inside its window's clip rectangle and the display
};
struct FrameNotes {
  int frame = -1;
  std::vector<NotedCurve> curves;
  std::vector<NotedFigure> figures;
  std::vector<NotedSlider> sliders;
  std::vector<NotedControl> controls;
};
FrameNotes g_notes;

FrameNotes& Notes() {
  if (g_notes.frame != ImGui::GetFrameCount()) {
    g_notes.frame = ImGui::GetFrameCount();
    g_notes.curves.clear();
    g_notes.figures.clear();
    g_notes.sliders.clear();
    g_notes.controls.clear();
  }
  return g_notes;
}

// Whether the segment a-b passes through `r` (Liang-Barsky clipping of the segment to the rectangle).
bool SegmentCrosses(ImVec2 a, ImVec2 b, const ImRect& r) {
  float t0 = 0.0f, t1 = 1.0f;
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float p[4] = {-dx, dx, -dy, dy};
  const float q[4] = {a.x - r.Min.x, r.Max.x - a.x, a.y - r.Min.y, r.Max.y - a.y};
  for (int i = 0; i < 4; ++i) {
    if (p[i] == 0.0f) {
      if (q[i] < 0.0f) return false;
      continue;
    }
    const float t = q[i] / p[i];
    if (p[i] < 0.0f) t0 = std::max(t0, t);
    else t1 = std::min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

std::string Number(float v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", v);
  return text;
}

// {"text","window","x","y"} of a run, appended to a JSON list's items.
void AppendRun(std::string& list, const TextRun& run) {
  list += std::string(list.empty() ? "" : ",") + "{\"text\":" + JsonString(run.text) + ",\"window\":" +
          JsonString(run.window ? run.window->Name : "?") + ",\"x\":" + Number(run.box.Min.x) + ",\"y\":" +
          Number(run.box.Min.y) + "}";
}

}  // namespace

void NotePlotCurve(const ImVec2* points, int count) {
  if (count >= 2) Notes().curves.push_back({std::vector<ImVec2>(points, points + count), ImGui::GetWindowDrawList()});
}

void NoteSlider(ImVec2 frame_min, ImVec2 frame_max, ImVec2 bar_min, ImVec2 bar_max) {
  const ImRect frame(frame_min, frame_max);
  ImRect visible = ImGui::GetCurrentWindow()->ClipRect;
  visible.ClipWithFull(ImRect(ImVec2(0, 0), ImGui::GetIO().DisplaySize));
  visible.Expand(0.5f);
  Notes().sliders.push_back({frame, ImRect(bar_min, bar_max), ImGui::GetWindowDrawList(), visible.Contains(frame)});
}

void NoteEveryControl() { GImGui->TestEngineHookItems = true; }

void NoteControl(ImGuiContext* ctx, const char* label, ImGuiItemStatusFlags flags) {
  ImGuiWindow* window = ctx->CurrentWindow;
  if (!window || !label) return;
  std::vector<NotedControl>& controls = Notes().controls;
  if (controls.size() >= 300) return;
  const ImRect rect = ctx->LastItemData.NavRect;  // a slider's frame, not its label (its Rect holds both)
  ImRect visible = window->ClipRect;
  visible.ClipWithFull(ImRect(ImVec2(0, 0), ctx->IO.DisplaySize));
  visible.Expand(0.5f);
  const char* end = ImGui::FindRenderedTextEnd(label);
  const char* kind = (flags & ImGuiItemStatusFlags_Checkable) ? "check"
                     : (flags & ImGuiItemStatusFlags_Inputable) ? "value"
                     : (flags & ImGuiItemStatusFlags_Openable) ? "open"
                                                                 : "button";
  controls.push_back({window->RootWindow->Name, std::string(label, end), kind, rect, visible.Contains(rect)});
}

void NoteFigure(ImVec2 min, ImVec2 max) { Notes().figures.push_back({ImRect(min, max), ImGui::GetCurrentWindow()}); }

std::string LayoutReportJson() {
  ImDrawData* data = ImGui::GetDrawData();
  if (!data || !data->Valid) return "{\"error\":\"no frame rendered yet\"}";
  const ImRect display(data->DisplayPos, ImVec2(data->DisplayPos.x + data->DisplaySize.x, data->DisplayPos.y + data->DisplaySize.y));
  std::vector<TextRun> runs;
  std::vector<std::pair<ImRect, int>> boxes;  // each glyph's visible box and the run it belongs to
  std::vector<const ImDrawList*> list_of_run;
  std::string covered, crossed, hidden;
  int covered_count = 0, crossed_count = 0, hidden_count = 0;
  for (int l = 0; l < data->CmdListsCount; ++l) {
    const ImDrawList* list = data->CmdLists[l];
    std::vector<DrawnGlyph> glyphs;
    CollectGlyphs(list, display, glyphs);
    // Text and a picture of the same window sharing more than a pixel each way: a label under a
    // thumbnail, or written across a heatmap, is as unreadable as text over text.
    std::vector<ImRect> pictures;
    CollectPictures(list, display, pictures);
    std::vector<int> runs_covered;
    const size_t first = runs.size();
    std::vector<TextRun> list_runs = GroupRuns(glyphs, WindowOf(list));  // sets each glyph's run
    for (const DrawnGlyph& d : glyphs) {
      if (d.visible.GetWidth() <= 0 || d.visible.GetHeight() <= 0) continue;
      if (std::find(runs_covered.begin(), runs_covered.end(), d.run) != runs_covered.end()) continue;
      for (const ImRect& picture : pictures) {
        ImRect both = d.visible;
        both.ClipWithFull(picture);
        if (both.GetWidth() <= 1.0f || both.GetHeight() <= 1.0f) continue;
        runs_covered.push_back(d.run);
        break;
      }
    }
    for (int r : runs_covered)
      if (covered_count++ < 40) AppendRun(covered, list_runs[size_t(r)]);
    // Text a curve of this list crosses (a glyph's box, a pixel in from each side).
    const bool fresh = g_notes.frame == ImGui::GetFrameCount();
    std::vector<int> runs_crossed;
    for (const NotedCurve& curve : fresh ? g_notes.curves : std::vector<NotedCurve>()) {
      if (curve.list != list) continue;
      for (const DrawnGlyph& d : glyphs) {
        if (d.visible.GetWidth() <= 2.0f || d.visible.GetHeight() <= 2.0f) continue;
        if (std::find(runs_crossed.begin(), runs_crossed.end(), d.run) != runs_crossed.end()) continue;
        ImRect inner = d.visible;
        inner.Expand(-1.0f);
        for (size_t i = 1; i < curve.points.size(); ++i)
          if (SegmentCrosses(curve.points[i - 1], curve.points[i], inner)) {
            runs_crossed.push_back(d.run);
            break;
          }
      }
    }
    for (int r : runs_crossed)
      if (crossed_count++ < 40) AppendRun(crossed, list_runs[size_t(r)]);
    // A slider's value: the glyphs inside its frame, none of which its position bar may touch; a slider
    // with no glyph in its frame shows no value at all.
    for (const NotedSlider& slider : fresh ? g_notes.sliders : std::vector<NotedSlider>()) {
      if (slider.list != list || !slider.whole) continue;  // half scrolled out: its text may be too
      int inside = 0, touching = -1;
      for (const DrawnGlyph& d : glyphs) {
        if (d.visible.GetWidth() <= 0 || d.visible.GetHeight() <= 0 || !slider.frame.Contains(d.visible.GetCenter()))
          continue;
        ++inside;
        ImRect both = d.visible;
        both.ClipWithFull(slider.bar);
        if (both.GetWidth() > 0.5f && both.GetHeight() > 0.5f) touching = d.run;
      }
      if (inside > 0 && touching < 0) continue;
      if (hidden_count++ >= 40) continue;
      TextRun run = touching >= 0 ? list_runs[size_t(touching)] : TextRun{"(no value shown)", slider.frame, WindowOf(list)};
      AppendRun(hidden, run);
    }
    for (TextRun& run : list_runs) runs.push_back(std::move(run));
    for (const DrawnGlyph& d : glyphs)
      if (d.visible.GetWidth() > 0 && d.visible.GetHeight() > 0) boxes.push_back({d.visible, int(first) + d.run});
    list_of_run.resize(runs.size(), list);
  }
  std::string overlaps, clipped;
  int overlap_count = 0, clipped_count = 0;
  // Text over text: glyphs of two runs in one window sharing more than a pixel each way. Windows drawn
  // over other windows hide what is below them, so only a window's own runs are compared.
  std::vector<std::pair<int, int>> seen;
  for (size_t i = 0; i < boxes.size(); ++i)
    for (size_t j = i + 1; j < boxes.size(); ++j) {
      const int a = boxes[i].second, b = boxes[j].second;
      if (a == b || list_of_run[size_t(a)] != list_of_run[size_t(b)]) continue;
      ImRect both = boxes[i].first;
      both.ClipWithFull(boxes[j].first);
      if (both.GetWidth() <= 1.0f || both.GetHeight() <= 1.0f) continue;
      if (std::find(seen.begin(), seen.end(), std::make_pair(a, b)) != seen.end()) continue;
      seen.push_back({a, b});
      if (overlap_count++ >= 40) continue;
      const ImGuiWindow* w = runs[size_t(a)].window;
      overlaps += std::string(overlaps.empty() ? "" : ",") + "{\"a\":" + JsonString(runs[size_t(a)].text) +
                  ",\"b\":" + JsonString(runs[size_t(b)].text) + ",\"window\":" + JsonString(w ? w->Name : "?") +
                  ",\"x\":" + Number(both.Min.x) + ",\"y\":" + Number(both.Min.y) + "}";
    }
  for (const TextRun& run : runs) {
    // A window that scrolls shows its rows partly at the scroll edges; that is scrolling, not cutting.
    const bool scrolls_x = run.window && run.window->ScrollMax.x > 0.0f;
    const bool scrolls_y = run.window && run.window->ScrollMax.y > 0.0f;
    const bool cut = (run.cut_x && !scrolls_x) || (run.cut_y && !scrolls_y);
    // A row half scrolled past a window edge that is also the screen's edge is scrolling too.
    const bool off_screen = run.off_screen && !((run.cut_y && scrolls_y) || (run.cut_x && scrolls_x));
    const char* how = off_screen ? "screen" : run.ellipsis ? "ellipsis" : cut ? "window" : nullptr;
    if (!how || clipped_count++ >= 40) continue;
    clipped += std::string(clipped.empty() ? "" : ",") + "{\"text\":" + JsonString(run.text) + ",\"window\":" +
               JsonString(run.window ? run.window->Name : "?") + ",\"how\":\"" + how + "\",\"x\":" +
               Number(run.box.Min.x) + ",\"y\":" + Number(run.box.Min.y) + "}";
  }
  // Each window's figures against its inner area (the figures' areas summed, each clipped to the window).
  std::string figures;
  std::vector<const ImGuiWindow*> windows;
  if (g_notes.frame == ImGui::GetFrameCount())
    for (const NotedFigure& f : g_notes.figures)
      if (f.window && std::find(windows.begin(), windows.end(), f.window) == windows.end()) windows.push_back(f.window);
  for (const ImGuiWindow* window : windows) {
    const ImRect inner = window->InnerRect;
    float area = 0.0f;
    int count = 0;
    for (const NotedFigure& f : g_notes.figures) {
      if (f.window != window) continue;
      ImRect r = f.rect;
      r.ClipWithFull(inner);
      area += std::max(0.0f, r.GetWidth()) * std::max(0.0f, r.GetHeight());
      ++count;
    }
    const float whole = std::max(1.0f, inner.GetWidth() * inner.GetHeight());
    char share[32];
    std::snprintf(share, sizeof share, "%.3f", double(std::min(1.0f, area / whole)));
    figures += std::string(figures.empty() ? "" : ",") + "{\"window\":" + JsonString(window->Name) + ",\"share\":" +
               share + ",\"count\":" + std::to_string(count) + "}";
  }
  // Every widget of the frame the draw data holds (none when the frame noted nothing).
  std::string controls;
  const bool fresh_controls = g_notes.frame == ImGui::GetFrameCount();
  for (const NotedControl& c : fresh_controls ? g_notes.controls : std::vector<NotedControl>()) {
    controls += std::string(controls.empty() ? "" : ",") + "{\"window\":" + JsonString(c.window) + ",\"label\":" +
                JsonString(c.label) + ",\"kind\":\"" + c.kind + "\",\"x\":" + Number(c.rect.Min.x) + ",\"y\":" +
                Number(c.rect.Min.y) + ",\"width\":" + Number(c.rect.GetWidth()) + ",\"height\":" +
                Number(c.rect.GetHeight()) + ",\"visible\":" + (c.visible ? "true" : "false") + "}";
  }
  return "{\"display\":[" + Number(display.GetWidth()) + "," + Number(display.GetHeight()) + "],\"runs\":" +
         std::to_string(runs.size()) + ",\"overlap_count\":" + std::to_string(overlap_count) + ",\"overlaps\":[" +
         overlaps + "],\"clipped_count\":" + std::to_string(clipped_count) + ",\"clipped\":[" + clipped +
         "],\"covered_count\":" + std::to_string(covered_count) + ",\"covered\":[" + covered +
         "],\"over_curves\":[" + crossed + "],\"hidden_values\":[" + hidden + "],\"figures\":[" +
         figures + "],\"controls\":[" + controls + "]}";
}

}  // namespace netlab

// Dear ImGui's test-engine hooks (IMGUI_ENABLE_TEST_ENGINE, set for every build in CMakeLists.txt): each
// widget reports its label and status flags here once NoteEveryControl asked for them.
void ImGuiTestEngineHook_ItemAdd(ImGuiContext*, ImGuiID, const ImRect&, const ImGuiLastItemData*) {}
void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID, const char* label, ImGuiItemStatusFlags flags) {
  netlab::NoteControl(ctx, label, flags);
}
void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}
const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
