// Browser entry point: the same App as the desktop build, driven by the browser's animation frames,
// with a few C functions the page calls (status for tests and embedding, play/pause, config in/out).
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "app/app.h"
#include "core/gemm.h"
#include "platform/glfw_imgui.h"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "platform/item_locator.h"
#include "widgets/value_slider.h"
#include "platform/layout_report.h"
#include "platform/touch_input.h"
#include "views/task_output.h"
#include "links/compression.h"
#include "links/share_link.h"
#include "core/json_text.h"
#include "data/dataset_csv.h"
#include "export/onnx_export.h"
#include "train/history_csv.h"
#include "web_app.h"

namespace {

// Everything the page's C++ side keeps between calls (STYLE.md section 4): the app, its window, the data
// files arriving between netlab_models_data_begin and _end, the canvas and the mouse as last measured,
// and the buffers the exported functions return strings in.
struct WebPage {
  netlab::App* app = nullptr;
  GLFWwindow* window = nullptr;
  std::vector<netlab::DataFile> data_files;
  netlab::UiSurface surface;
  bool finger_or_pen = false;  // the last pointer event's source; its positions come from netlab_pointer
  // A paused page draws only when something may have changed: input, a resized canvas, a call from the
  // page, data arriving. ImGui needs a few frames to settle after an event (hover, then the click's
  // result), and tooltips appear after a delay, so drawing goes on for a while after the last event.
  // Both a time and a count: on a loaded machine the browser may not call the next frame for longer than
  // the time, and a press and release queued in ImGui's input queue must still be drawn through.
  double redraw_until = 0.0;  // emscripten_get_now() milliseconds
  int frames_owed = 0;        // frames to draw after the last event, however late they come
  long frames_drawn = 0;
  // Milliseconds of the last drawn frame, smoothed: the app's Frame (training and panels) and the GL
  // submission of ImGui's draw lists (netlab_frame_timing; bench/frame-profile.mjs reads them).
  double app_ms = 0.0, render_ms = 0.0;
  double last_frame_start = 0.0;  // emscripten_get_now() when the last drawn frame began
  char timing_json[160] = {};
  std::string status, config_text, losses, link, snapshot;
  char rect_json[128] = {};
  bool layout_fixture = false;  // netlab_test_layout_fixture
};

WebPage& Page() {
  static WebPage page;
  return page;
}

// The browser side of each hook is in web/netlab-module.js (Module.netlabHost); the calls stay one line.
EM_JS(void, HostBeforeWindow, (int* size), {
  var s = Module['netlabHost'].beforeWindow(); HEAP32[size >> 2] = s[0]; HEAP32[(size >> 2) + 1] = s[1];
});
EM_JS(void, HostAfterWindow, (), { Module['netlabHost'].afterWindow(); });
EM_JS(int, HostKeepsPixels, (), { return Module['netlabHost'].keepsPixels(); });
// ?glstate=ask: ImGui's GL backend asks GL for its state every frame instead of being answered
// (ui/platform/known_gl_state.h), for comparison.
EM_JS(int, HostAsksGlState, (), { return /[?&]glstate=ask(&|$)/.test(window.location.search) ? 1 : 0; });
extern "C" int netlab_answer_gl_queries;
EM_JS(void, HostSyncCanvas, (float* out), { Module['netlabHost'].syncCanvas(out); });
EM_JS(char*, HostInitialConfig, (), { return Module['netlabHost'].initialConfig(); });
EM_JS(int, HostInitialAutoplay, (), { return Module['netlabHost'].initialAutoplay(); });
EM_JS(double, HostInitialScale, (), { return Module['netlabHost'].initialScale(); });
EM_JS(int, HostInitialFirstVisit, (), { return Module['netlabHost'].initialFirstVisit(); });
EM_JS(int, HostInitialEmbedded, (), { return Module['netlabHost'].initialEmbedded(); });
EM_JS(void, HostReady, (), { Module['netlabHost'].ready(); });
EM_JS(void, HostCopyLink, (const char* fragment), { Module['netlabHost'].copyLink(UTF8ToString(fragment)); });
EM_JS(void, HostConfigChanged, (const char* fragment), { Module['netlabHost'].configChanged(UTF8ToString(fragment)); });
EM_JS(void, HostDownload, (const char* name, const char* bytes, int size), {
  Module['netlabHost'].download(UTF8ToString(name), HEAPU8.slice(bytes, bytes + size));
});
EM_JS(void, HostPickFile, (), { Module['netlabHost'].pickFile(); });
EM_JS(void, HostCopyTfPlaygroundLink, (const char* url), { Module['netlabHost'].copyTfPlaygroundLink(UTF8ToString(url)); });
EM_JS(void, HostGoalMet, (const char* json), { Module['netlabHost'].goalMet(UTF8ToString(json)); });
EM_JS(char*, HostInitialPins, (), { return Module['netlabHost'].initialPins(); });
EM_JS(void, HostPinsChanged, (const char* pins), { Module['netlabHost'].pinsChanged(UTF8ToString(pins)); });
EM_JS(void, HostCopyPinsLink, (const char* pins), { Module['netlabHost'].copyPinsLink(UTF8ToString(pins)); });
EM_JS(void, HostRecordVideo, (double seconds), { Module['netlabHost'].recordVideo(seconds); });
EM_JS(void, HostFetchFashionSubset, (), { Module['netlabHost'].fetchFashionSubset(); });
EM_JS(void, HostPickModelsDataFiles, (), { Module['netlabHost'].pickModelsDataFiles(); });
EM_JS(void, HostInstallModelsDataLoader, (double max_bytes), { Module['netlabHost'].installModelsDataLoader(max_bytes); });

// Keeps a paused page drawing for a second after anything happened.
void Wake() {
  Page().redraw_until = emscripten_get_now() + 1000.0;
  Page().frames_owed = 6;  // ImGui trickles a move, a press and a release into separate frames
}

// Emscripten's GLFW reports the mouse in backing-store pixels (it scales by canvas.width / CSS width);
// ImGui lays out in CSS pixels divided by the UI scale, so positions are scaled back before they reach
// ImGui's input queue.
void OnCursorPos(GLFWwindow* window, double x, double y) {
  WebPage& page = Page();
  Wake();
  if (page.finger_or_pen) return;  // GLFW repeats the last mouse position for touch moves
  const float ratio = page.surface.pixel_ratio * page.surface.zoom;
  page.surface.mouse_x = float(x) / ratio;
  page.surface.mouse_y = float(y) / ratio;
  ImGui_ImplGlfw_CursorPosCallback(window, page.surface.mouse_x, page.surface.mouse_y);
}
void OnCursorEnter(GLFWwindow* window, int entered) {
  WebPage& page = Page();
  Wake();
  page.surface.mouse_inside = entered != 0;
  // Leaving, GLFW's backend marks the mouse as gone; the position kept here must say the same.
  if (!entered) page.surface.mouse_x = page.surface.mouse_y = -FLT_MAX;
  ImGui_ImplGlfw_CursorEnterCallback(window, entered);
}

// The GLFW backend listens for wheel events on the whole document (and cancels them, so the page could
// not scroll, and every playground on a page would scroll). Here only wheel events over this canvas
// reach ImGui, as emscripten's GLFW delivers them: browser pixels, positive downwards.
void OnScroll(GLFWwindow*, double x, double y) {
  Wake();
  constexpr float kPixelsPerWheelStep = 100.0f;  // one notch of a mouse wheel in Chromium and Firefox
  ImGui::GetIO().AddMouseWheelEvent(float(-x) / kPixelsPerWheelStep, float(-y) / kPixelsPerWheelStep);
}

void OnMouseButton(GLFWwindow* window, int button, int action, int mods) {
  Wake();
  ImGui_ImplGlfw_MouseButtonCallback(window, button, action, mods);
}
void OnKey(GLFWwindow* window, int key, int scancode, int action, int mods) {
  Wake();
  ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
}
void OnChar(GLFWwindow* window, unsigned int c) {
  Wake();
  ImGui_ImplGlfw_CharCallback(window, c);
}

void InstallInputCallbacks(GLFWwindow* window) {
  emscripten_set_wheel_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, false, nullptr);
  glfwSetCursorPosCallback(window, OnCursorPos);
  glfwSetCursorEnterCallback(window, OnCursorEnter);
  glfwSetScrollCallback(window, OnScroll);
  glfwSetMouseButtonCallback(window, OnMouseButton);
  glfwSetKeyCallback(window, OnKey);
  glfwSetCharCallback(window, OnChar);
}

// Training, an open Models or search window (they train on their own), a gradient check under way (each
// frame advances it), a text cursor blinking.
bool NeedsAnimation(const netlab::App& app) {
  return app.playing() || app.has_floating_window() || app.checking() || app.evaluating() || ImGui::GetIO().WantTextInput;
}

// Training gets what is left of a 30 fps frame (33 ms) once the rest of the last frame is counted (the UI,
// the browser's drawing, which in a software renderer can take most of it), up to the 10 ms the desktop
// gives, and never less than a fifth of the last frame's length: where the drawing alone runs past
// 33 ms (a 2560x1440@2 canvas in SwiftShader draws about 20 frames a second), a fixed 1 ms a frame let
// the playground's speed fall tenfold with the screen; a fifth keeps its steps per second (the speed is
// counted per second, App::StepsThisFrame) at the cost of a fifth of such frames at most.
double TrainingBudgetSeconds(WebPage& page, double now) {
  constexpr double kFrameMs = 1000.0 / 30.0, kLeastMs = 1.0, kMostMs = 10.0, kLeastShare = 0.2;
  const double interval = page.last_frame_start > 0.0 ? now - page.last_frame_start : kFrameMs;
  page.last_frame_start = now;
  // A frame after a pause (the page was idle, or hidden) says nothing about the cost of a frame.
  if (interval > 1000.0) return kMostMs / 1000.0;
  const double rest = interval - 1000.0 * page.app->train_seconds();
  const double least = std::clamp(kLeastShare * interval, kLeastMs, kMostMs);
  return std::clamp(kFrameMs - rest, least, kMostMs) / 1000.0;
}

// netlab_test_layout_fixture's window: 200 x 200, a label at its top left that a curve crosses, a
// 100 x 100 figure, and two sliders: one whose value a bar covers, one of the page's.
void DrawLayoutFixture() {
  ImGui::SetNextWindowPos(ImVec2(10, 10));
  ImGui::SetNextWindowSize(ImVec2(200, 200));
  ImGui::Begin("Layout fixture", nullptr, ImGuiWindowFlags_NoDecoration);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::TextUnformatted("crossed label");
  const ImVec2 line[2] = {ImVec2(at.x - 4, at.y - 4), ImVec2(at.x + 60, at.y + 20)};
  ImGui::GetWindowDrawList()->AddPolyline(line, 2, IM_COL32(200, 0, 0, 255), 0, 2.0f);
  netlab::NotePlotCurve(line, 2);
  const ImVec2 figure = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(100, 100));
  netlab::NoteFigure(figure, ImVec2(figure.x + 100, figure.y + 100));
  // A slider noted with a bar across its digits (as ImGui's own handle lies): the report names it; the
  // page's slider below it keeps its value clear.
  static float covered = 0.5f, clear = 0.5f;
  ImGui::SetNextItemWidth(120);
  ImGui::SliderFloat("##covered", &covered, 0.0f, 1.0f, "covered %.2f");
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  netlab::NoteSlider(min, max, ImVec2(min.x + 50, min.y), ImVec2(min.x + 58, max.y));
  ImGui::SetNextItemWidth(120);
  netlab::ValueSliderFloat("##clear", &clear, 0.0f, 1.0f, "clear %.2f");
  ImGui::End();
}

void Frame() {
  WebPage& page = Page();
  float canvas[4];
  HostSyncCanvas(canvas);
  page.surface.width = canvas[0];
  page.surface.height = canvas[1];
  page.surface.pixel_ratio = canvas[2];
  if (canvas[3] != 0.0f) Wake();
  glfwPollEvents();
  if (!NeedsAnimation(*page.app) && emscripten_get_now() > page.redraw_until && page.frames_owed <= 0) return;
  if (page.frames_owed > 0) --page.frames_owed;
  ++page.frames_drawn;
  netlab::BeginUiFrame(&page.surface);
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const double start = emscripten_get_now();
  page.app->Frame(size.x, size.y, TrainingBudgetSeconds(page, start));
  if (page.layout_fixture) DrawLayoutFixture();
  const double drawn = emscripten_get_now();
  netlab::EndUiFrame(page.window);
  const double end = emscripten_get_now();
  page.app_ms += (drawn - start - page.app_ms) / 30.0;
  page.render_ms += (end - drawn - page.render_ms) / 30.0;
}

}  // namespace

netlab::App* WebApp() { return Page().app; }

extern "C" {

EMSCRIPTEN_KEEPALIVE void netlab_models_data_begin() { Page().data_files.clear(); }
// 0 when the copy cannot be allocated (the heap cannot grow): the page then reports it and the window
// keeps its data. The probe stands in for catching std::bad_alloc, which this build cannot (no exceptions).
EMSCRIPTEN_KEEPALIVE int netlab_models_data_file(const char* name, const unsigned char* bytes, int size) {
  const size_t length = size_t(std::max(0, size));
  void* probe = std::malloc(std::max<size_t>(1, length));
  if (!probe) return 0;
  std::free(probe);
  Page().data_files.push_back({name, std::vector<uint8_t>(bytes, bytes + length)});
  return 1;
}
// `what` names the request ("Fashion-MNIST", "your files"); a non-empty `error` says why it failed.
EMSCRIPTEN_KEEPALIVE void netlab_models_data_end(const char* what, const char* error) {
  Wake();
  if (Page().app) Page().app->task_output().ReceiveDataFiles(what, Page().data_files, error);
  Page().data_files.clear();
}

EMSCRIPTEN_KEEPALIVE int netlab_models_data_source(const char* name) {
  return Page().app && Page().app->task_output().SelectData(name);
}

EMSCRIPTEN_KEEPALIVE const char* netlab_status_json() {
  WebPage& page = Page();
  page.status = page.app ? page.app->StatusJson() : "{}";
  return page.status.c_str();
}

EMSCRIPTEN_KEEPALIVE void netlab_set_playing(int playing) {
  Wake();
  if (netlab::App* app = Page().app) app->SetPlaying(playing != 0);
}

EMSCRIPTEN_KEEPALIVE const char* netlab_config_text() {
  WebPage& page = Page();
  page.config_text = page.app ? page.app->ConfigText() : "";
  return page.config_text.c_str();
}

EMSCRIPTEN_KEEPALIVE void netlab_set_view(const char* view) {
  Wake();
  if (netlab::App* app = Page().app) app->SetView(view);
}

EMSCRIPTEN_KEEPALIVE void netlab_open_window(const char* name) {
  Wake();
  if (netlab::App* app = Page().app) app->OpenWindow(name);
}

// {"x":..,"y":..,"width":..,"height":..} in canvas pixels, or "null" when `name` is not on screen.
EMSCRIPTEN_KEEPALIVE const char* netlab_item_rect(const char* name) {
  char* json = Page().rect_json;
  netlab::ItemRect r;
  if (!netlab::FindItemRect(name, r)) return "null";
  std::snprintf(json, sizeof Page().rect_json, "{\"x\":%.1f,\"y\":%.1f,\"width\":%.1f,\"height\":%.1f}", r.x, r.y, r.width,
                r.height);
  return json;
}

// Every text run the last frame drew, with the ones that overlap or are cut off (platform/layout_report.h).
EMSCRIPTEN_KEEPALIVE const char* netlab_layout_report() {
  static std::string report;
  report = netlab::LayoutReportJson();
  return report.c_str();
}

// A pointer event's source before emscripten's GLFW delivers its button (web/netlab-module.js): 0 mouse,
// 1 finger, 2 pen; (x, y) in CSS pixels of the canvas.
EMSCRIPTEN_KEEPALIVE void netlab_pointer(int kind, float x, float y) {
  Wake();
  WebPage& page = Page();
  page.finger_or_pen = kind != 0;
  x /= page.surface.zoom;  // CSS pixels to layout units
  y /= page.surface.zoom;
  if (page.finger_or_pen) {
    page.surface.mouse_x = x;
    page.surface.mouse_y = y;
  }
  netlab::NotePointer(kind == 1 ? netlab::PointerKind::kTouch : kind == 2 ? netlab::PointerKind::kPen
                                                                          : netlab::PointerKind::kMouse, x, y);
}

// Frames drawn since the page started: a paused, untouched page draws none (tests count them).
EMSCRIPTEN_KEEPALIVE int netlab_frames_drawn() { return int(Page().frames_drawn); }

// The next frame redraws the whole canvas, and with `from_now_on` every frame does (tests compare a
// partly redrawn canvas with a whole redraw; bench/frame-rate.mjs measures both).
EMSCRIPTEN_KEEPALIVE void netlab_redraw_everything(int from_now_on) {
  if (from_now_on) netlab::UsePartialRedraw(false);
  netlab::RedrawEverythingNextFrame();
  Wake();
}

// The partial redraw's self-check (platform/glfw_imgui.h): start it for `frames` frames, then read
// {"frames","partial_frames","mean_redrawn","differing_pixels","first_bad_frame"}.
EMSCRIPTEN_KEEPALIVE void netlab_redraw_check_start(int frames) {
  netlab::StartRedrawCheck(frames);
  Wake();
}
EMSCRIPTEN_KEEPALIVE const char* netlab_redraw_check() {
  const netlab::RedrawCheckResult check = netlab::RedrawCheck();
  static char json[192];
  std::snprintf(json, sizeof json,
                "{\"frames\":%d,\"partial_frames\":%d,\"mean_redrawn\":%.4f,\"differing_pixels\":%ld,"
                "\"first_bad_frame\":%d}",
                check.frames, check.partial_frames, check.frames ? check.redrawn_share_sum / check.frames : 0.0,
                check.differing_pixels, check.first_bad_frame);
  return json;
}

// {"app_ms","render_ms","vertices","draw_commands","redrawn"}: the last frames' time in App::Frame and in
// EndUiFrame (smoothed; in Chromium the first GL query of a frame waits for the GPU process to finish
// drawing the previous one, so render_ms is mostly the browser's rasterising), the draw list's size, and
// the share of the canvas the last frame redrew (platform/partial_redraw.h).
EMSCRIPTEN_KEEPALIVE const char* netlab_frame_timing() {
  WebPage& page = Page();
  // Vertices and draw commands of the last frame: what a software renderer's time grows with.
  const ImDrawData* data = ImGui::GetDrawData();
  int commands = 0;
  for (int i = 0; data && i < data->CmdListsCount; ++i) commands += data->CmdLists[i]->CmdBuffer.Size;
  std::snprintf(page.timing_json, sizeof page.timing_json,
                "{\"app_ms\":%.2f,\"render_ms\":%.2f,\"vertices\":%d,\"draw_commands\":%d,\"redrawn\":%.4f}",
                page.app_ms, page.render_ms, data ? data->TotalVtxCount : 0, commands, netlab::RedrawnShare());
  return page.timing_json;
}

// The UI scale (?scale=, the panel's UI scale): CSS pixels per layout unit.
EMSCRIPTEN_KEEPALIVE double netlab_ui_scale() { return Page().surface.zoom; }

// Threads the engine's GEMM uses: 1 in the plain build, more in netlab-threads.js.
EMSCRIPTEN_KEEPALIVE int netlab_gemm_threads() { return netlab::GemmThreads(); }

EMSCRIPTEN_KEEPALIVE int netlab_load_config(const char* text) {
  Wake();
  return Page().app && Page().app->LoadConfigText(text);
}

// The same path as an edit in the panels: applied on the next frame and reported (history.pushState).
EMSCRIPTEN_KEEPALIVE int netlab_edit_config(const char* text) {
  Wake();
  return Page().app && Page().app->EditConfigText(text);
}

// Bytes of a picked file: weights, config text or a share link (may contain NUL bytes, hence the size).
// A negative size: the page could not allocate the file's bytes (-1), or the file is over the limit (-2).
EMSCRIPTEN_KEEPALIVE int netlab_load_file(const char* bytes, int size) {
  Wake();
  if (Page().app && size == -1) Page().app->ShowMessage("Could not open that file: not enough memory to read it. The current model is kept.");
  if (Page().app && size == -2)
    Page().app->ShowMessage("Could not open that file: it is over " + std::to_string(netlab::kMaxDataFileBytes >> 20) +
                            " MB, more than any config or weights file. The current model is kept.");
  return Page().app && size >= 0 && Page().app->LoadFile(std::string(bytes, size_t(size)));
}

// The playground's run for the page's storage (web/netlab-run-keeper.js, train/run_snapshot.h): a
// pointer to its bytes, their count in *size (0 on another task or before the first step).
EMSCRIPTEN_KEEPALIVE const char* netlab_run_snapshot(int* size) {
  WebPage& page = Page();
  page.snapshot = page.app ? page.app->RunSnapshot() : "";
  *size = int(page.snapshot.size());
  return page.snapshot.data();
}

// Restores a kept run; 0 (with the app's message saying why) when the bytes are not one.
EMSCRIPTEN_KEEPALIVE int netlab_restore_run(const char* bytes, int size) {
  Wake();
  return Page().app && size >= 0 && Page().app->RestoreRun(std::string(bytes, size_t(size)));
}

// Steps `count` times, evaluating after each, and returns the train losses as a JSON array with all nine
// significant digits a float needs: tests compare two page loads of one link exactly.
EMSCRIPTEN_KEEPALIVE const char* netlab_step(int count) {
  Wake();
  Page().losses = Page().app ? Page().app->StepTimes(count) : "[]";
  return Page().losses.c_str();
}

// The report line of the task on screen, in netlab-headless's format (App::ReportLine).
EMSCRIPTEN_KEEPALIVE const char* netlab_report_line() {
  static std::string line;
  line = Page().app ? Page().app->ReportLine() : "";
  return line.c_str();
}

// What the "Copy TF Playground link" button copies: {"link": URL or null, "why": why not}.
EMSCRIPTEN_KEEPALIVE const char* netlab_tf_playground_link() {
  static std::string json;
  json = Page().app ? Page().app->TfPlaygroundLinkJson() : "null";
  return json.c_str();
}

// What the "Save weights" and "Open file..." buttons do, for scripts and tests.
EMSCRIPTEN_KEEPALIVE void netlab_save_weights() {
  if (!Page().app) return;
  const std::string bytes = Page().app->WeightsBytes();
  HostDownload("netlab-weights.nlw", bytes.data(), int(bytes.size()));
}
EMSCRIPTEN_KEEPALIVE void netlab_open_file() { HostPickFile(); }

// What "Export ONNX", "History CSV" and "Data CSV" produce, for scripts and tests: the ONNX model as
// base64url ("" when the network has no ONNX form), the CSVs as text.
EMSCRIPTEN_KEEPALIVE const char* netlab_export_onnx_base64() {
  static std::string encoded;
  std::string bytes, error;
  encoded.clear();
  netlab::App* app = Page().app;
  if (app && netlab::ExportOnnx(app->trainer().config(), app->trainer().network(), bytes, error))
    encoded = netlab::Base64UrlEncode(bytes);
  return encoded.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* netlab_history_csv() {
  static std::string csv;
  csv = Page().app ? netlab::HistoryCsv(Page().app->trainer().history()) : "";
  return csv.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* netlab_dataset_csv() {
  static std::string csv;
  csv = Page().app ? netlab::DatasetCsv(Page().app->trainer().data()) : "";
  return csv.c_str();
}

// The share-link fragment of the current config (without '#').
EMSCRIPTEN_KEEPALIVE const char* netlab_share_link() {
  WebPage& page = Page();
  page.link = page.app ? page.app->ShareFragment() : "";
  return page.link.c_str();
}

// Test only (tests/browser/hostile.test.mjs): a recursion without end, so that a test can see the build's
// stack check stop the module with a message instead of letting it write past the stack into the heap.
// The volatile frame and the never-matched depth keep the compiler from turning it into a loop.
volatile int never_matched_depth = -1;
int RecurseWithoutEnd(int depth) {
  volatile char frame[512];
  frame[depth % 512] = char(depth);
  if (depth == never_matched_depth) return 0;
  return RecurseWithoutEnd(depth + 1) + frame[depth % 512];
}
EMSCRIPTEN_KEEPALIVE int netlab_test_runaway_recursion() { return RecurseWithoutEnd(0); }

// Test-only: from the next frame on, a small window with a label that a noted curve crosses and a noted
// figure of a known share, so tests/browser/figures.test.mjs can see the layout report find both.
EMSCRIPTEN_KEEPALIVE void netlab_test_layout_fixture() {
  Page().layout_fixture = true;
  Wake();
}

}  // extern "C"

int main() {
  WebPage& page = Page();
  std::string error;
  int size[2];
  HostBeforeWindow(size);
  page.window = netlab::CreateAppWindow("Netlab", size[0], size[1], error);
  if (!page.window) {
    EM_ASM({ throw new Error(UTF8ToString($0)); }, error.c_str());
    return 1;
  }
  HostAfterWindow();
  // A canvas that keeps its pixels between frames lets a frame redraw only what changed.
  netlab::UsePartialRedraw(HostKeepsPixels() != 0);
  netlab_answer_gl_queries = HostAsksGlState() ? 0 : 1;
  InstallInputCallbacks(page.window);
#ifdef __EMSCRIPTEN_PTHREADS__
  // Up to 4 threads, the caller plus the 3 pooled workers the build starts with.
  netlab::SetGemmThreads(std::min(4, std::max(1, int(std::thread::hardware_concurrency()))));
#endif
  page.app = new netlab::App(netlab::Config());
  // Before the link is read: a link on Fashion-MNIST fetches it as it opens.
  HostInstallModelsDataLoader(double(netlab::kMaxDataFileBytes));
  netlab::ModelsDataActions data_actions;
  data_actions.fetch_fashion = [] { HostFetchFashionSubset(); };
  data_actions.pick_files = [] { HostPickModelsDataFiles(); };
  page.app->task_output().SetDataActions(data_actions);
  char* initial = HostInitialConfig();
  if (initial && initial[0]) page.app->LoadConfigText(initial);
  std::free(initial);
  page.app->SetPlaying(HostInitialAutoplay() != 0);
  page.app->SetEmbedded(HostInitialEmbedded() != 0);
  page.app->ShowWelcome(HostInitialFirstVisit() != 0);
  netlab::ShareActions actions;
  actions.copy_link = [](const std::string& fragment) { HostCopyLink(fragment.c_str()); };
  actions.config_changed = [](const std::string& fragment) { HostConfigChanged(fragment.c_str()); };
  actions.save_file = [](const std::string& name, const std::string& bytes) {
    HostDownload(name.c_str(), bytes.data(), int(bytes.size()));
  };
  actions.open_file = [] { HostPickFile(); };
  actions.copy_tf_playground_link = [](const std::string& url) { HostCopyTfPlaygroundLink(url.c_str()); };
  actions.goal_met = [](const std::string& json) { HostGoalMet(json.c_str()); };
  actions.pins_changed = [](const std::string& pins) { HostPinsChanged(pins.c_str()); };
  actions.copy_pins_link = [](const std::string& pins) { HostCopyPinsLink(pins.c_str()); };
  actions.record_video = [](double seconds) { HostRecordVideo(seconds); };
  char* pins = HostInitialPins();
  if (pins && pins[0]) page.app->LoadPins(pins);
  std::free(pins);
  // ?scale= (a projector, a 4K screen) and the panel's UI scale: the page zooms its layout.
  actions.ui_scale = [] { return Page().surface.zoom; };
  actions.set_ui_scale = [](float zoom) { Page().surface.zoom = zoom; };
  const double asked_scale = HostInitialScale();
  if (asked_scale != 1.0) {
    if (asked_scale >= netlab::kLeastUiScale && asked_scale <= netlab::kMostUiScale) {
      page.surface.zoom = float(asked_scale);
    } else {
      page.app->ShowMessage(std::string("?scale= takes a UI scale from 0.5 to 3 (1.5 for a projector); it was ") +
                            (std::isnan(asked_scale) ? std::string("no number") : netlab::JsonNumber(asked_scale)) +
                            ", so the page keeps 1.");
    }
  }
  page.app->SetShareActions(actions);
  HostReady();
  emscripten_set_main_loop(Frame, 0, false);
  return 0;
}
