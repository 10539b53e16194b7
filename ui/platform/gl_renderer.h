#pragma once
// Draws Dear ImGui's draw lists with OpenGL. On the web this is our own WebGL2 renderer: Dear ImGui's
// OpenGL3 backend reads the GL state back every frame to restore it afterwards, and in Chromium one of
// those reads (glGetIntegerv(GL_SCISSOR_BOX)) is a synchronous round trip to the GPU process, which
// waits there until the previous frame is drawn: measured 90 ms of a 94 ms frame in headless Chromium's
// software GL. The page owns its whole context, so nothing needs saving. The desktop keeps Dear ImGui's
// backend (native drivers answer those reads locally).
struct ImDrawData;

namespace netlab {

bool InitGlRenderer(const char* glsl_version);
void ShutdownGlRenderer();
void NewGlRendererFrame();  // creates the shader and font texture on the first frame
void RenderGlDrawData(ImDrawData* draw_data);
void RebuildGlFontTexture();  // after the font atlas changed (a new pixel ratio)

}  // namespace netlab
