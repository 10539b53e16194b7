#pragma once
// Sharing and export controls. The platform services (clipboard, downloads, file picker, browser
// history) differ between the web page and the desktop app, so each entry point passes them in here;
// an unset action hides its button.
#include <functional>
#include <string>

#include "config.h"

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
};

// Buttons: Copy link, Save config, Save weights, Open file. `weights` is asked for only when clicked.
void DrawShareControls(const ShareActions& actions, const Config& config, const std::function<std::string()>& weights);

// The one-row bar of an embedded playground: Play/Pause, Step, Reset, and Copy link.
struct EmbedBarClicks {
  bool toggle_play = false, step = false, reset = false;
};
EmbedBarClicks DrawEmbedBar(bool playing, long step, const ShareActions& actions, const Config& config);

}  // namespace netlab
