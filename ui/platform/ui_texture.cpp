#include "platform/ui_texture.h"

#include <GLFW/glfw3.h>

#include "platform/partial_redraw.h"

namespace netlab {

UiTexture::~UiTexture() {
  if (name_) glDeleteTextures(1, &name_);
}

void UiTexture::Update(int width, int height, const std::vector<ImU32>& rgba, bool smooth) {
  if (width <= 0 || height <= 0 || rgba.size() < size_t(width) * size_t(height)) return;
  if (!name_) glGenTextures(1, &name_);
  glBindTexture(GL_TEXTURE_2D, name_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, smooth ? GL_LINEAR : GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, smooth ? GL_LINEAR : GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  // IM_COL32 packs R in the lowest byte: on the little-endian machines GL and WASM run on, the bytes
  // in memory are R, G, B, A, which is GL_RGBA / GL_UNSIGNED_BYTE.
  if (width == width_ && height == height_) {
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
  } else {
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
    width_ = width;
    height_ = height;
  }
  // Unbound again without asking GL what was bound before: in the browser a glGet is a round trip to
  // the GPU process, and nothing draws between frames (ImGui's backend binds what it needs).
  glBindTexture(GL_TEXTURE_2D, 0);
  NoteTextureChanged(id());
}

}  // namespace netlab
