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
#include "model_tabs/models_window.h"
#include "config/compression.h"
#include "config/share_link.h"
#include "core/json_text.h"
#include "data/dataset_csv.h"
#include "export/onnx_export.h"
#include "train/history_csv.h"
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
  if (pointer) stringToUTF8(text, pointer, size);
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
      if (!pointer) { _netlab_load_file(0, -1); return; }  // the heap cannot hold it: say so
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
// `max_bytes` (kMaxDataFileBytes) bounds every file: the unpacking is read as a stream and stops there,
// so a small .gz bomb costs the tab no more, and a failed _malloc is a message, not a write at 0.
EM_JS(void, InstallModelsDataLoader, (double max_bytes), {
  Module['netlabMaxDataFileBytes'] = max_bytes;
  var limitText = Math.round(max_bytes / 1048576) + ' MB, the limit for a data file';
  var gunzip = function(name, bytes) {
    if (bytes.length > max_bytes) return Promise.reject(new Error(name + ' is over ' + limitText));
    if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return Promise.resolve(bytes);
    if (typeof DecompressionStream === 'undefined')
      return Promise.reject(new Error('this browser cannot unpack .gz files; unpack them first'));
    var reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
    var chunks = [], total = 0;
    var pump = function() {
      return reader.read().then(function(step) {
        if (step.done) {
          var out = new Uint8Array(total), at = 0;
          chunks.forEach(function(chunk) { out.set(chunk, at); at += chunk.length; });
          return out;
        }
        total += step.value.length;
        if (total > max_bytes) {
          reader.cancel().catch(function() {});
          throw new Error(name + ' unpacks to more than ' + limitText);
        }
        chunks.push(step.value);
        return pump();
      });
    };
    return pump();
  };
  // Copies into the WASM heap; null when the heap cannot grow that far.
  var copyIn = function(bytes) {
    var pointer = _malloc(Math.max(1, bytes.length));
    if (pointer) HEAPU8.set(bytes, pointer);
    return pointer;
  };
  var newString = function(text) {
    var size = lengthBytesUTF8(text) + 1, pointer = _malloc(size);
    if (pointer) stringToUTF8(text, pointer, size);
    return pointer;
  };
  var finish = function(what, error) {
    var whatPointer = newString(what), errorPointer = newString(error);
    if (whatPointer && errorPointer) _netlab_models_data_end(whatPointer, errorPointer);
    _free(whatPointer);
    _free(errorPointer);
  };
  Module['netlabLoadModelsData'] = function(what, files) {
    return Promise.resolve(files).then(function(list) {
      return Promise.all(list.map(function(file) {
        return gunzip(file.name, file.bytes).then(function(bytes) { return {name: file.name.endsWith(".gz") ? file.name.slice(0, -3) : file.name, bytes: bytes}; });
      }));
    }).then(function(list) {
      _netlab_models_data_begin();
      list.forEach(function(file) {
        var namePointer = newString(file.name), pointer = copyIn(file.bytes);
        var kept = namePointer && pointer && _netlab_models_data_file(namePointer, pointer, file.bytes.length);
        _free(pointer);
        _free(namePointer);
        if (!kept)
          throw new Error('not enough memory for ' + file.name + ' (' + (file.bytes.length / 1048576).toFixed(1) + ' MB)');
      });
      finish(what, "");
    }).catch(function(error) { finish(what, String(error && error.message || error)); });
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
      // Sizes are known before reading: a file over the limit is never read into memory.
      if (file.size > Module['netlabMaxDataFileBytes'])
        return Promise.reject(new Error(file.name + ' is over ' + Math.round(Module['netlabMaxDataFileBytes'] / 1048576) +
                                        ' MB, the limit for a data file'));
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
// 0 when the copy cannot be allocated (the heap cannot grow): the page then reports it and the window
// keeps its data. The probe stands in for catching std::bad_alloc, which this build cannot (no exceptions).
EMSCRIPTEN_KEEPALIVE int netlab_models_data_file(const char* name, const unsigned char* bytes, int size) {
  const size_t length = size_t(std::max(0, size));
  void* probe = std::malloc(std::max<size_t>(1, length));
  if (!probe) return 0;
  std::free(probe);
  g_data_files.push_back({name, std::vector<uint8_t>(bytes, bytes + length)});
  return 1;
}
// `what` names the request ("Fashion-MNIST", "your files"); a non-empty `error` says why it failed.
EMSCRIPTEN_KEEPALIVE void netlab_models_data_end(const char* what, const char* error) {
  if (g_app) g_app->models().ReceiveDataFiles(what, g_data_files, error);
  g_data_files.clear();
}

EMSCRIPTEN_KEEPALIVE int netlab_models_data_source(const char* name) { return g_app && g_app->models().SelectData(name); }

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
// A negative size: the page could not allocate the file's bytes.
EMSCRIPTEN_KEEPALIVE int netlab_load_file(const char* bytes, int size) {
  if (g_app && size < 0) g_app->ShowMessage("Could not open that file: not enough memory to read it. The current model is kept.");
  return g_app && size >= 0 && g_app->LoadFile(std::string(bytes, size_t(size)));
}

// Steps `count` times, evaluating after each, and returns the train losses as a JSON array with all nine
// significant digits a float needs: tests compare two page loads of one link exactly.
EMSCRIPTEN_KEEPALIVE const char* netlab_step(int count) {
  static std::string losses;
  losses = "[";
  for (int i = 0; g_app && i < count && i < 100000; ++i) {
    g_app->trainer().Step();
    // JsonNumber: nine digits, null for NaN (diverged training).
    losses += (i ? "," : "") + netlab::JsonNumber(g_app->trainer().Evaluate().train_loss);
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

// What "Export ONNX", "History CSV" and "Data CSV" produce, for scripts and tests: the ONNX model as
// base64url ("" when the network has no ONNX form), the CSVs as text.
EMSCRIPTEN_KEEPALIVE const char* netlab_export_onnx_base64() {
  static std::string encoded;
  std::string bytes, error;
  encoded.clear();
  if (g_app && netlab::ExportOnnx(g_app->trainer().config(), g_app->trainer().network(), bytes, error))
    encoded = netlab::Base64UrlEncode(bytes);
  return encoded.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* netlab_history_csv() {
  static std::string csv;
  csv = g_app ? netlab::HistoryCsv(g_app->trainer().history()) : "";
  return csv.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* netlab_dataset_csv() {
  static std::string csv;
  csv = g_app ? netlab::DatasetCsv(g_app->trainer().data()) : "";
  return csv.c_str();
}

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
  if (initial && initial[0]) g_app->LoadConfigText(initial);
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
  InstallModelsDataLoader(double(netlab::kMaxDataFileBytes));
  netlab::ModelsDataActions data_actions;
  data_actions.fetch_fashion = [] { FetchFashionSubset(); };
  data_actions.pick_files = [] { PickModelsDataFiles(); };
  g_app->models().SetDataActions(data_actions);
  ReportReady();
  emscripten_set_main_loop(Frame, 0, false);
  return 0;
}
