// Browser entry point: the same App as the desktop build, driven by the browser's animation frames,
// with a few C functions the page calls (status for tests and embedding, play/pause, config in/out).
#include <GLFW/glfw3.h>
#include <emscripten.h>

#include <algorithm>
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
#include "platform/item_locator.h"
#include "platform/layout_report.h"
#include "model_tabs/models_panel.h"
#include "config/share_link.h"
#include "web_app.h"

namespace {

netlab::App* g_app = nullptr;
GLFWwindow* g_window = nullptr;

// Each module instance owns its canvas (Module.canvas), so several playgrounds can share a page.
EM_JS(int, CanvasCssWidth, (), { return Math.max(1, Module['canvas'].clientWidth | 0); });
EM_JS(int, CanvasCssHeight, (), { return Math.max(1, Module['canvas'].clientHeight | 0); });
// The page passes the initial config text (e.g. from the URL hash) as Module.netlabConfig.
EM_JS(char*, InitialConfigText, (), {
  var text = Module['netlabConfig'] || "";
  var size = lengthBytesUTF8(text) + 1;
  var pointer = _malloc(size);
  stringToUTF8(text, pointer, size);
  return pointer;
});
// Module.netlabAutoplay === false starts paused (embedded demos, tests that watch from step 0).
EM_JS(int, InitialAutoplay, (), { return Module['netlabAutoplay'] === false ? 0 : 1; });
EM_JS(void, ReportReady, (), { if (Module['onNetlabReady']) Module['onNetlabReady'](); });
// Module.netlabEmbedded: the compact layout of iframes (?embed=1) and Netlab.mount.
EM_JS(int, InitialEmbedded, (), { return Module['netlabEmbedded'] ? 1 : 0; });

// Sharing goes through hooks the page sets on the module (web/netlab-page.js, web/netlab-embed.js), so
// each playground on a page decides for itself (only the main page touches the address bar).
EM_JS(void, CallCopyLinkHook, (const char* fragment), {
  if (Module['onNetlabCopyLink']) Module['onNetlabCopyLink'](UTF8ToString(fragment));
});
EM_JS(void, CallConfigChangedHook, (const char* fragment), {
  if (Module['onNetlabConfigChanged']) Module['onNetlabConfigChanged'](UTF8ToString(fragment));
});
// Downloads the bytes as a file with a temporary object URL.
EM_JS(void, DownloadFile, (const char* name, const char* bytes, int size), {
  var blob = new Blob([HEAPU8.slice(bytes, bytes + size)], {type: 'application/octet-stream'});
  var link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = UTF8ToString(name);
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(function() { URL.revokeObjectURL(link.href); }, 1000);
});
// A file picker; the chosen file's bytes go to netlab_load_file.
EM_JS(void, PickFile, (), {
  var input = document.createElement('input');
  input.type = 'file';
  input.accept = '.txt,.cfg,.nlw,text/plain,application/octet-stream';
  input.onchange = function() {
    if (!input.files || !input.files[0]) return;
    input.files[0].arrayBuffer().then(function(buffer) {
      var bytes = new Uint8Array(buffer);
      var pointer = _malloc(Math.max(1, bytes.length));
      HEAPU8.set(bytes, pointer);
      _netlab_load_file(pointer, bytes.length);
      _free(pointer);
    });
  };
  input.click();
});

// Data files for the Models window: Module.netlabLoadModelsData(what, [{name, bytes}]) unpacks gzipped
// ones (DecompressionStream) and hands them to netlab_models_data_*; a failure arrives as an error
// message instead, so the window never waits forever. The page and the tests call it too.
EM_JS(void, InstallModelsDataLoader, (), {
  Module['netlabLoadModelsData'] = function(what, files) {
    var gunzip = function(bytes) {
      if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return Promise.resolve(bytes);
      if (typeof DecompressionStream === 'undefined')
        return Promise.reject(new Error('this browser cannot unpack .gz files; unpack them first'));
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
      return new Response(stream).arrayBuffer().then(function(buffer) { return new Uint8Array(buffer); });
    };
    var newString = function(text) {
      var size = lengthBytesUTF8(text) + 1, pointer = _malloc(size);
      stringToUTF8(text, pointer, size);
      return pointer;
    };
    var finish = function(error) {
      var whatPointer = newString(what), errorPointer = newString(error);
      _netlab_models_data_end(whatPointer, errorPointer);
      _free(whatPointer);
      _free(errorPointer);
    };
    return Promise.resolve(files).then(function(list) {
      return Promise.all(list.map(function(file) {
        return gunzip(file.bytes).then(function(bytes) { return {name: file.name.endsWith(".gz") ? file.name.slice(0, -3) : file.name, bytes: bytes}; });
      }));
    }).then(function(list) {
      _netlab_models_data_begin();
      list.forEach(function(file) {
        var namePointer = newString(file.name);
        var pointer = _malloc(Math.max(1, file.bytes.length));
        HEAPU8.set(file.bytes, pointer);
        _netlab_models_data_file(namePointer, pointer, file.bytes.length);
        _free(pointer);
        _free(namePointer);
      });
      finish("");
    }, function(error) { finish(String(error && error.message || error)); });
  };
});
// The Fashion-MNIST subset that scripts/build-web cuts from Debian's files, next to this script.
EM_JS(void, FetchFashionSubset, (), {
  var names = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz',
               't10k-labels-idx1-ubyte.gz'];
  var base = (Module['netlabDataUrl'] || scriptDirectory + 'data/') + 'fashion-mnist/';
  Module['netlabLoadModelsData']('Fashion-MNIST', Promise.all(names.map(function(name) {
    return fetch(base + name).then(function(response) {
      if (!response.ok) throw new Error(name + ': HTTP ' + response.status);
      return response.arrayBuffer();
    }).then(function(buffer) { return {name: name, bytes: new Uint8Array(buffer)}; });
  })));
});
// A picker for the user's CSV or IDX files (several at once: train and test images and labels).
EM_JS(void, PickModelsDataFiles, (), {
  var input = document.createElement('input');
  input.type = 'file';
  input.multiple = true;
  input.accept = '.csv,.txt,.gz,.idx,.idx1-ubyte,.idx3-ubyte,text/csv,application/octet-stream';
  var answered = false;
  input.onchange = function() {
    answered = true;
    var files = Array.prototype.slice.call(input.files || []);
    Module['netlabLoadModelsData']('your files', Promise.all(files.map(function(file) {
      return file.arrayBuffer().then(function(buffer) { return {name: file.name, bytes: new Uint8Array(buffer)}; });
    })));
  };
  // A dismissed picker fires no change event; the window learns of it when the page gets focus back.
  window.addEventListener('focus', function() {
    setTimeout(function() { if (!answered) Module['netlabLoadModelsData']('your files', []); }, 1000);
  }, {once: true});
  input.click();
});

void Frame() {
  int width = CanvasCssWidth(), height = CanvasCssHeight(), current_width = 0, current_height = 0;
  glfwGetWindowSize(g_window, &current_width, &current_height);
  if (width != current_width || height != current_height) glfwSetWindowSize(g_window, width, height);
  glfwPollEvents();
  netlab::BeginUiFrame();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  g_app->Frame(size.x, size.y);
  netlab::EndUiFrame(g_window);
}

}  // namespace

netlab::App* WebApp() { return g_app; }

std::vector<netlab::DataFile> g_data_files;  // between netlab_models_data_begin and _end

extern "C" {

EMSCRIPTEN_KEEPALIVE void netlab_models_data_begin() { g_data_files.clear(); }
EMSCRIPTEN_KEEPALIVE void netlab_models_data_file(const char* name, const unsigned char* bytes, int size) {
  g_data_files.push_back({name, std::vector<uint8_t>(bytes, bytes + std::max(0, size))});
}
// `what` names the request ("Fashion-MNIST", "your files"); a non-empty `error` says why it failed.
EMSCRIPTEN_KEEPALIVE void netlab_models_data_end(const char* what, const char* error) {
  netlab::ReceiveModelsDataFiles(what, g_data_files, error);
  g_data_files.clear();
}

EMSCRIPTEN_KEEPALIVE int netlab_models_data_source(const char* name) { return netlab::SelectModelsData(name); }

EMSCRIPTEN_KEEPALIVE const char* netlab_status_json() {
  static std::string status;
  status = g_app ? g_app->StatusJson() : "{}";
  return status.c_str();
}

EMSCRIPTEN_KEEPALIVE void netlab_set_playing(int playing) {
  if (g_app) g_app->SetPlaying(playing != 0);
}

EMSCRIPTEN_KEEPALIVE const char* netlab_config_text() {
  static std::string text;
  text = g_app ? g_app->ConfigText() : "";
  return text.c_str();
}

EMSCRIPTEN_KEEPALIVE void netlab_set_view(const char* view) {
  if (g_app) g_app->SetView(view);
}

EMSCRIPTEN_KEEPALIVE void netlab_open_window(const char* name) {
  if (g_app) g_app->OpenWindow(name);
}

// {"x":..,"y":..,"width":..,"height":..} in canvas pixels, or "null" when `name` is not on screen.
EMSCRIPTEN_KEEPALIVE const char* netlab_item_rect(const char* name) {
  static char json[128];
  netlab::ItemRect r;
  if (!netlab::FindItemRect(name, r)) return "null";
  std::snprintf(json, sizeof json, "{\"x\":%.1f,\"y\":%.1f,\"width\":%.1f,\"height\":%.1f}", r.x, r.y, r.width,
                r.height);
  return json;
}

// Every text run the last frame drew, with the ones that overlap or are cut off (platform/layout_report.h).
EMSCRIPTEN_KEEPALIVE const char* netlab_layout_report() {
  static std::string report;
  report = netlab::LayoutReportJson();
  return report.c_str();
}

// Threads the engine's GEMM uses: 1 in the plain build, more in netlab-threads.js.
EMSCRIPTEN_KEEPALIVE int netlab_gemm_threads() { return netlab::GemmThreads(); }

EMSCRIPTEN_KEEPALIVE int netlab_load_config(const char* text) { return g_app && g_app->LoadConfigText(text); }

// The same path as an edit in the panels: applied on the next frame and reported (history.pushState).
EMSCRIPTEN_KEEPALIVE int netlab_edit_config(const char* text) { return g_app && g_app->EditConfigText(text); }

// Bytes of a picked file: weights, config text or a share link (may contain NUL bytes, hence the size).
EMSCRIPTEN_KEEPALIVE int netlab_load_file(const char* bytes, int size) {
  return g_app && size >= 0 && g_app->LoadFile(std::string(bytes, size_t(size)));
}

// Steps `count` times, evaluating after each, and returns the train losses as a JSON array with all nine
// significant digits a float needs: tests compare two page loads of one link exactly.
EMSCRIPTEN_KEEPALIVE const char* netlab_step(int count) {
  static std::string losses;
  losses = "[";
  for (int i = 0; g_app && i < count && i < 100000; ++i) {
    g_app->trainer().Step();
    char number[32];
    const double loss = g_app->trainer().Evaluate().train_loss;
    if (std::isfinite(loss)) std::snprintf(number, sizeof number, "%.9g", loss);
    else std::snprintf(number, sizeof number, "null");  // JSON has no NaN: diverged training
    losses += (i ? "," : "") + std::string(number);
  }
  return (losses += "]").c_str();
}

// What the "Save weights" and "Open file..." buttons do, for scripts and tests.
EMSCRIPTEN_KEEPALIVE void netlab_save_weights() {
  if (!g_app) return;
  const std::string bytes = g_app->WeightsBytes();
  DownloadFile("netlab-weights.nlw", bytes.data(), int(bytes.size()));
}
EMSCRIPTEN_KEEPALIVE void netlab_open_file() { PickFile(); }

// The share-link fragment of the current config (without '#').
EMSCRIPTEN_KEEPALIVE const char* netlab_share_link() {
  static std::string link;
  link = g_app ? netlab::EncodeShareLink(g_app->trainer().config()) : "";
  return link.c_str();
}

}  // extern "C"

int main() {
  std::string error;
  g_window = netlab::CreateAppWindow("Netlab", CanvasCssWidth(), CanvasCssHeight(), error);
  if (!g_window) {
    EM_ASM({ throw new Error(UTF8ToString($0)); }, error.c_str());
    return 1;
  }
#ifdef __EMSCRIPTEN_PTHREADS__
  // Up to 4 threads, the caller plus the 3 pooled workers the build starts with.
  netlab::SetGemmThreads(std::min(4, std::max(1, int(std::thread::hardware_concurrency()))));
#endif
  g_app = new netlab::App(netlab::Config());
  char* initial = InitialConfigText();
  if (initial[0]) g_app->LoadConfigText(initial);
  std::free(initial);
  g_app->SetPlaying(InitialAutoplay() != 0);
  g_app->SetEmbedded(InitialEmbedded() != 0);
  netlab::ShareActions actions;
  actions.copy_link = [](const std::string& fragment) { CallCopyLinkHook(fragment.c_str()); };
  actions.config_changed = [](const std::string& fragment) { CallConfigChangedHook(fragment.c_str()); };
  actions.save_file = [](const std::string& name, const std::string& bytes) {
    DownloadFile(name.c_str(), bytes.data(), int(bytes.size()));
  };
  actions.open_file = [] { PickFile(); };
  g_app->SetShareActions(actions);
  InstallModelsDataLoader();
  netlab::ModelsDataActions data_actions;
  data_actions.fetch_fashion = [] { FetchFashionSubset(); };
  data_actions.pick_files = [] { PickModelsDataFiles(); };
  netlab::SetModelsDataActions(data_actions);
  ReportReady();
  emscripten_set_main_loop(Frame, 0, false);
  return 0;
}
