#pragma once
// How often the pictures of a training model are redrawn: the heatmap, the network's thumbnails and
// weight lines, the loss curve. While training, the weights change with every step, and repainting all
// of them every frame made every frame redraw half the canvas: in a software renderer (headless
// Chromium's SwiftShader on two cores) that alone held the page under 30 frames a second. At ten
// pictures a second the animation still reads as continuous, and the frames between them redraw only
// the numbers that changed. A paused model, a single step or an edit is pictured at once.
#include <climits>

#include "core/clock.h"

namespace netlab {

class PictureCadence {
 public:
  static constexpr double kSecondsBetweenPictures = 0.1;

  // The model version the pictures show this frame: `model_version` once the last picture is
  // kSecondsBetweenPictures old (or at once when not `training`), else the version shown so far.
  long Shown(long model_version, bool training) {
    const double now = NowSeconds();
    if (model_version != shown_ && (!training || now - shown_at_ >= kSecondsBetweenPictures)) {
      shown_ = model_version;
      shown_at_ = now;
    }
    return shown_;
  }
 private:
  long shown_ = LONG_MIN;
  double shown_at_ = -1e9;
};

}  // namespace netlab
