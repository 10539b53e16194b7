// Answers Dear ImGui's OpenGL backend's state queries on the web without a round trip to the GPU process
// (why: known_gl_state.h). The answers are GL ES 3.0's initial state, which is what our page leaves
// between frames.
#ifdef __EMSCRIPTEN__

#include "platform/known_gl_state.h"

#undef glGetIntegerv
#undef glIsEnabled
#undef glIsProgram

extern "C" {

// 0 with ?glstate=ask (web/main_web.cpp): every query goes to GL, for comparison.
int netlab_answer_gl_queries = 1;

void NetlabKnownGetIntegerv(GLenum name, GLint* values) {
  if (!netlab_answer_gl_queries) return glGetIntegerv(name, values);
  switch (name) {
    case GL_ACTIVE_TEXTURE:
      values[0] = GL_TEXTURE0;
      return;
    case GL_CURRENT_PROGRAM:
    case GL_TEXTURE_BINDING_2D:
    case GL_SAMPLER_BINDING:
    case GL_ARRAY_BUFFER_BINDING:
    case GL_ELEMENT_ARRAY_BUFFER_BINDING:
    case GL_VERTEX_ARRAY_BINDING:
      values[0] = 0;  // nothing bound
      return;
    case GL_VIEWPORT:
    case GL_SCISSOR_BOX:
      // Put back as given; every drawing path sets both before it draws.
      values[0] = values[1] = values[2] = values[3] = 0;
      return;
    case GL_BLEND_SRC_RGB:
    case GL_BLEND_SRC_ALPHA:
      values[0] = GL_ONE;
      return;
    case GL_BLEND_DST_RGB:
    case GL_BLEND_DST_ALPHA:
      values[0] = GL_ZERO;
      return;
    case GL_BLEND_EQUATION_RGB:
    case GL_BLEND_EQUATION_ALPHA:
      values[0] = GL_FUNC_ADD;
      return;
    default:
      glGetIntegerv(name, values);  // fixed by the context: the version, the extensions
  }
}

// Blending, culling, the depth, stencil and scissor tests, primitive restart: all off between frames.
GLboolean NetlabKnownIsEnabled(GLenum capability) {
  return netlab_answer_gl_queries ? GL_FALSE : glIsEnabled(capability);
}

// Only asked for the program bound before the backend drew, which is none (0 is never asked about).
GLboolean NetlabKnownIsProgram(GLuint program) {
  return program != 0 || !netlab_answer_gl_queries ? glIsProgram(program) : GL_FALSE;
}

}  // extern "C"

#endif  // __EMSCRIPTEN__
