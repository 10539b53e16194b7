#include "platform/screen_capture.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "data/png_file.h"

namespace netlab {
namespace {

struct CaptureRequest {
  ImVec2 min, max;
  std::function<void(const std::string&)> done;
};

std::vector<CaptureRequest>& PendingCaptures() {
  static std::vector<CaptureRequest> pending;
  return pending;
}

}  // namespace

void RequestScreenCapture(ImVec2 min, ImVec2 max, std::function<void(const std::string& png)> done) {
  PendingCaptures().push_back({min, max, std::move(done)});
}

void AnswerScreenCapture(int framebuffer_width, int framebuffer_height) {
  std::vector<CaptureRequest> requests;
  requests.swap(PendingCaptures());
  const ImVec2 scale = ImGui::GetIO().DisplayFramebufferScale;
  for (const CaptureRequest& r : requests) {
    // ImGui's coordinates times the framebuffer scale, clamped to the framebuffer.
    const int x0 = std::clamp(int(std::floor(r.min.x * scale.x)), 0, framebuffer_width);
    const int y0 = std::clamp(int(std::floor(r.min.y * scale.y)), 0, framebuffer_height);
    const int x1 = std::clamp(int(std::ceil(r.max.x * scale.x)), 0, framebuffer_width);
    const int y1 = std::clamp(int(std::ceil(r.max.y * scale.y)), 0, framebuffer_height);
    const int width = x1 - x0, height = y1 - y0;
    if (width <= 0 || height <= 0) continue;
    std::vector<uint8_t> bottom_up(size_t(width) * size_t(height) * 4), rgba(bottom_up.size());
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    // GL's rows run from the bottom of the framebuffer; PNG's from the top.
    glReadPixels(x0, framebuffer_height - y1, width, height, GL_RGBA, GL_UNSIGNED_BYTE, bottom_up.data());
    const size_t row = size_t(width) * 4;
    for (int y = 0; y < height; ++y)
      std::copy_n(&bottom_up[size_t(height - 1 - y) * row], row, &rgba[size_t(y) * row]);
    // The canvas is opaque: the alpha WebGL leaves behind says nothing about the picture.
    for (size_t i = 3; i < rgba.size(); i += 4) rgba[i] = 255;
    r.done(EncodePng(width, height, rgba));
  }
}

}  // namespace netlab
