#pragma once
// Sharing and export controls. The platform services (clipboard, downloads, file picker, browser
// history) differ between the web page and the desktop app, so each entry point passes them in here;
// an unset action hides its button.
#include <functional>
#include <string>

#include "config/config.h"
#include "core/exported_file.h"
#include "train/trainer.h"

namespace netlab {

struct ShareActions {
  // Receives the share-link fragment (no '#'); web: copies the page URL with it, desktop: the fragment.
  std::function<void(const std::string& fragment)> copy_link;
  // Called when an edit in the UI changed the config (web: history.pushState, so Back undoes it).
  std::function<void(const std::string& fragment)> config_changed;
  // Offers bytes as a file (web: a download; desktop: written to the working folder).
  std::function<void(const std::string& file_name, const std::string& bytes)> save_file;
  // Lets the user pick a config, link or weights file; the platform hands its bytes to App::LoadFile.
  std::function<void()> open_file;
  // Receives a whole TensorFlow Playground URL (web: copied to the clipboard; desktop: the clipboard).
  std::function<void(const std::string& url)> copy_tf_playground_link;
  // Called once when the course's exercise goal is met (web: the embedding page's 'goal' event and a
  // postMessage to the parent of an iframe), with a JSON object saying how.
  std::function<void(const std::string& json)> goal_met;
  // The UI scale (web: the page's zoom, ?scale=); unset hides the control (the desktop follows the
  // screen's own scale).
  std::function<float()> ui_scale;
  std::function<void(float)> set_ui_scale;
  // The pinned runs changed (web: kept in localStorage), as "STEPS LINK" lines; and a link carrying them
  // (web: ?pins=... before the current hash, copied).
  std::function<void(const std::string& pins)> pins_changed;
  std::function<void(const std::string& pins)> copy_pins_link;
  // Records the page as a video for `seconds` (web: a WebM from the canvas's capture stream and
  // MediaRecorder, at most 60 s, saved when done); unset hides the button (the desktop has none).
  std::function<void(double seconds)> record_video;
};

constexpr float kLeastUiScale = 0.5f, kMostUiScale = 3.0f;

// Buttons: Copy link, Save config, Save weights, Open file, and the layout choice (config.layout).
// `weights` is asked for only when clicked.
void DrawShareControls(const ShareActions& actions, Config& config, const std::function<std::string()>& weights);

// "Copy TF Playground link": the same experiment as a playground.tensorflow.org link when the config fits
// TF Playground's model (TfPlaygroundEquivalent); disabled otherwise, its tooltip saying why.
void DrawTfPlaygroundLinkButton(const ShareActions& actions, const Config& config);

// "Export PyTorch": `write` fills the folder's files (docs/pytorch.md), saved as netlab-pytorch.zip;
// disabled, its tooltip saying why, where `refusal` is not empty. `item` names it for the tests.
void DrawPytorchExportButton(const ShareActions& actions, const std::string& refusal,
                             const std::function<bool(std::vector<ExportedFile>&, std::string&)>& write,
                             std::string& message, const char* item);

// Buttons: Export ONNX (the trained network, docs/onnx.md), History CSV (every reported step with all
// metrics), Data CSV (the current points). A network without an ONNX form puts the reason in `message`.
void DrawExportControls(const ShareActions& actions, Trainer& trainer, std::string& message);

// The one-row bar of the compact layout: Play/Pause, Step, Reset, Open in Netlab, and, when the
// compact layout comes from the config rather than from the page embedding it, a way back to the controls.
struct EmbedBarClicks {
  bool toggle_play = false, step = false, reset = false, show_controls = false;
};
EmbedBarClicks DrawEmbedBar(bool playing, long step, const ShareActions& actions, const Config& config,
                            bool can_show_controls);

}  // namespace netlab
