#include "platform/gl_renderer.h"

#include "imgui.h"

#ifndef __EMSCRIPTEN__

#include "imgui_impl_opengl3.h"

namespace netlab {

bool InitGlRenderer(const char* glsl_version) { return ImGui_ImplOpenGL3_Init(glsl_version); }
void ShutdownGlRenderer() { ImGui_ImplOpenGL3_Shutdown(); }
void NewGlRendererFrame() { ImGui_ImplOpenGL3_NewFrame(); }
void RenderGlDrawData(ImDrawData* draw_data) { ImGui_ImplOpenGL3_RenderDrawData(draw_data); }
void RebuildGlFontTexture() {
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

}  // namespace netlab

#else

#include <GLES3/gl3.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace netlab {
namespace {

// One program, one vertex array and its two buffers, the font texture: all the state the page's
// context ever has, set afresh each frame instead of saved and restored.
struct Renderer {
  GLuint program = 0, vertex_array = 0, vertices = 0, indices = 0, font_texture = 0;
  GLint projection = -1, texture = -1;
};
Renderer renderer;

// ImGui's vertex: position and texture coordinate in pixels, colour as 4 bytes (straight alpha).
const char* kVertexShader = R"(#version 300 es
uniform mat4 projection;
layout (location = 0) in vec2 position;
layout (location = 1) in vec2 uv;
layout (location = 2) in vec4 color;
out vec2 frag_uv;
out vec4 frag_color;
void main() {
  frag_uv = uv;
  frag_color = color;
  gl_Position = projection * vec4(position, 0.0, 1.0);
})";
const char* kFragmentShader = R"(#version 300 es
precision mediump float;
uniform sampler2D image;
in vec2 frag_uv;
in vec4 frag_color;
out vec4 out_color;
void main() { out_color = frag_color * texture(image, frag_uv); })";

GLuint CompiledShader(GLenum kind, const char* source) {
  const GLuint shader = glCreateShader(kind);
  glShaderSource(shader, 1, &source, nullptr);
  glCompileShader(shader);
  return shader;
}

void CreateDeviceObjects() {
  const GLuint vertex = CompiledShader(GL_VERTEX_SHADER, kVertexShader);
  const GLuint fragment = CompiledShader(GL_FRAGMENT_SHADER, kFragmentShader);
  renderer.program = glCreateProgram();
  glAttachShader(renderer.program, vertex);
  glAttachShader(renderer.program, fragment);
  glLinkProgram(renderer.program);
  glDeleteShader(vertex);
  glDeleteShader(fragment);
  renderer.projection = glGetUniformLocation(renderer.program, "projection");
  renderer.texture = glGetUniformLocation(renderer.program, "image");

  glGenVertexArrays(1, &renderer.vertex_array);
  glGenBuffers(1, &renderer.vertices);
  glGenBuffers(1, &renderer.indices);
  glBindVertexArray(renderer.vertex_array);
  glBindBuffer(GL_ARRAY_BUFFER, renderer.vertices);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, renderer.indices);  // part of the vertex array's state
  glEnableVertexAttribArray(0);
  glEnableVertexAttribArray(1);
  glEnableVertexAttribArray(2);
  const GLsizei stride = sizeof(ImDrawVert);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, (void*)offsetof(ImDrawVert, pos));
  glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, (void*)offsetof(ImDrawVert, uv));
  glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, (void*)offsetof(ImDrawVert, col));
  glBindVertexArray(0);
}

void CreateFontTexture() {
  ImGuiIO& io = ImGui::GetIO();
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
  glGenTextures(1, &renderer.font_texture);
  glBindTexture(GL_TEXTURE_2D, renderer.font_texture);
  // Bilinear: ImGui's anti-aliased lines sample between the atlas's baked texels.
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
  io.Fonts->SetTexID((ImTextureID)(intptr_t)renderer.font_texture);
}

void DestroyFontTexture() {
  if (!renderer.font_texture) return;
  glDeleteTextures(1, &renderer.font_texture);
  ImGui::GetIO().Fonts->SetTexID(0);
  renderer.font_texture = 0;
}

}  // namespace

bool InitGlRenderer(const char*) {
  ImGuiIO& io = ImGui::GetIO();
  io.BackendRendererName = "netlab_webgl2";
  // 32-bit indices (ImDrawIdx in CMakeLists.txt): a draw list of any size needs no vertex offset.
  return true;
}

void ShutdownGlRenderer() {
  DestroyFontTexture();
  if (renderer.program) glDeleteProgram(renderer.program);
  if (renderer.vertex_array) glDeleteVertexArrays(1, &renderer.vertex_array);
  if (renderer.vertices) glDeleteBuffers(1, &renderer.vertices);
  if (renderer.indices) glDeleteBuffers(1, &renderer.indices);
  renderer = Renderer();
  ImGui::GetIO().BackendRendererName = nullptr;
}

void NewGlRendererFrame() {
  if (!renderer.program) CreateDeviceObjects();
  if (!renderer.font_texture) CreateFontTexture();
}

void RebuildGlFontTexture() {
  DestroyFontTexture();
  CreateFontTexture();
}

void RenderGlDrawData(ImDrawData* draw_data) {
  const float scale_x = draw_data->FramebufferScale.x, scale_y = draw_data->FramebufferScale.y;
  const int width = int(draw_data->DisplaySize.x * scale_x), height = int(draw_data->DisplaySize.y * scale_y);
  if (width <= 0 || height <= 0) return;
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  // Colour blends by straight alpha; the (unused) alpha channel accumulates coverage.
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_CULL_FACE);
  glDisable(GL_DEPTH_TEST);
  glEnable(GL_SCISSOR_TEST);
  glViewport(0, 0, width, height);
  // Orthographic projection of the display rectangle onto clip space, y pointing down.
  const float left = draw_data->DisplayPos.x, right = left + draw_data->DisplaySize.x;
  const float top = draw_data->DisplayPos.y, bottom = top + draw_data->DisplaySize.y;
  const float projection[16] = {
      2.0f / (right - left), 0, 0, 0,
      0, 2.0f / (top - bottom), 0, 0,
      0, 0, -1, 0,
      (right + left) / (left - right), (top + bottom) / (bottom - top), 0, 1,
  };
  glUseProgram(renderer.program);
  glUniform1i(renderer.texture, 0);
  glUniformMatrix4fv(renderer.projection, 1, GL_FALSE, projection);
  glActiveTexture(GL_TEXTURE0);
  glBindVertexArray(renderer.vertex_array);
  const ImVec2 origin = draw_data->DisplayPos;
  for (int n = 0; n < draw_data->CmdListsCount; ++n) {
    const ImDrawList* list = draw_data->CmdLists[n];
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(list->VtxBuffer.Size) * sizeof(ImDrawVert), list->VtxBuffer.Data,
                 GL_STREAM_DRAW);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, GLsizeiptr(list->IdxBuffer.Size) * sizeof(ImDrawIdx),
                 list->IdxBuffer.Data, GL_STREAM_DRAW);
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback) {
        // The reset request needs nothing: no callback of ours changes the state set above.
        if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(list, &cmd);
        continue;
      }
      // The clip rectangle in framebuffer pixels; GL's scissor counts rows from the bottom.
      const float x0 = std::max(0.0f, (cmd.ClipRect.x - origin.x) * scale_x);
      const float y0 = std::max(0.0f, (cmd.ClipRect.y - origin.y) * scale_y);
      const float x1 = std::min(float(width), (cmd.ClipRect.z - origin.x) * scale_x);
      const float y1 = std::min(float(height), (cmd.ClipRect.w - origin.y) * scale_y);
      if (x1 <= x0 || y1 <= y0) continue;
      glScissor(int(x0), int(height - y1), int(x1 - x0), int(y1 - y0));
      glBindTexture(GL_TEXTURE_2D, GLuint(intptr_t(cmd.GetTexID())));
      glDrawElements(GL_TRIANGLES, GLsizei(cmd.ElemCount), sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT,
                     (void*)(intptr_t(cmd.IdxOffset) * sizeof(ImDrawIdx)));
    }
  }
  glBindVertexArray(0);
  glDisable(GL_SCISSOR_TEST);  // the next frame's clear covers the whole canvas
}

}  // namespace netlab

#endif
