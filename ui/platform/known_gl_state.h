// The web build compiles Dear ImGui's OpenGL backend (imgui_impl_opengl3.cpp) with this header included
// first (CMakeLists.txt). Every frame the backend asks GL for the state it is about to change (23 glGet
// and glIsEnabled calls) so that it can put it back afterwards. In the browser each such query is a
// synchronous round trip to the GPU process, which first finishes all the drawing queued before it: in a
// software renderer the page's main thread then waits for the previous frame's pixels.
//
// On our page nothing else keeps GL state across that call: EndUiFrame sets its own viewport and
// scissor, UiTexture unbinds what it binds. So the backend's questions about that state are answered
// here with GL's initial values, without asking; anything else (the version, the extensions, asked once
// at start) still goes to GL. ?glstate=ask puts the round trips back, for comparison.
//
// This was once taken out because headless Chromium then sometimes stopped issuing animation frames for
// about a second after the page started. The cause was the WebGPU kernels' compile (SwiftShader, about
// 0.8 s on the GPU process's main thread, which also draws the page's frames); with the round trips
// the same second was spent blocked inside a frame instead. web/netlab-gpu-trainer.js now compiles them
// only when the GPU is to be used.
#pragma once

#include <GLES3/gl3.h>

#ifdef __cplusplus
extern "C" {
#endif
void NetlabKnownGetIntegerv(GLenum name, GLint* values);
GLboolean NetlabKnownIsEnabled(GLenum capability);
GLboolean NetlabKnownIsProgram(GLuint program);
#ifdef __cplusplus
}
#endif

#define glGetIntegerv NetlabKnownGetIntegerv
#define glIsEnabled NetlabKnownIsEnabled
#define glIsProgram NetlabKnownIsProgram
