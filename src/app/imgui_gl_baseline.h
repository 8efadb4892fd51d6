// The GL state ImGui's OpenGL3 renderer finds when CitizenApp::draw_frame
// calls ImGui_ImplOpenGL3_RenderDrawData, told to the renderer so that it does
// not ask WebGL for it on every frame.
//
// Why: the 1.86 renderer starts each frame by backing up the GL state it is
// about to change (13 glGetIntegerv, 5 glIsEnabled here) and restores it at the
// end. In the browser each glGetIntegerv is a WebGL getParameter, and those
// Chromium does not mirror in the page's process (GL_SCISSOR_BOX, GL_BLEND_*)
// are synchronous round trips to the GPU process, which first finishes drawing
// the previous frame: GL_SCISSOR_BOX alone was about 90% of the time a frame
// spent in WebGL, GL_BLEND_* 6-9% more, frames of 80-150 ms in
// tests/bench/frame_bench.mjs (under 1 ms without them). Upstream has no
// switch for this (ocornut/imgui#6085, "don't save and restore state", open).
//
// How: cmake/TokhaiDependencies.cmake rewrites only that backup block of the
// renderer's copy, so that its glGetIntegerv / glIsEnabled calls go to a
// Baseline instead; the rest of the renderer, its restore at the end of the
// frame and its init-time queries (GL version, bindings around the font
// texture and shader set-up) are unchanged and still use the real GL.
//
// Why the answers are the real state: the app's WebGL context is used by the
// app and the renderer only. Outside the renderer, draw_frame sets the
// viewport to the whole framebuffer (the size ImGui draws at, io.DisplaySize)
// and the clear colour, and clears; the renderer's init functions restore the
// bindings they change; and the renderer restores at the end of each frame
// what it found at its start. So what it finds is WebGL's initial state plus
// that viewport, which is what Baseline answers, and its restore keeps it so.
// One value may differ and is never used: the initial scissor box is the
// canvas size when the context was created, Baseline answers the framebuffer
// size. The scissor test is off outside the renderer, and the renderer sets
// the box before every draw.
//
// Keep it true: if draw_frame (or anything else) comes to change GL state
// before the renderer runs, answer that state here. A build without NDEBUG
// checks every answer against the real GL (and so pays the round trips).
#pragma once

#include <GLES3/gl3.h>

#include <cassert>

namespace tokhai::imgui_gl {

class Baseline {
 public:
  // The framebuffer size the renderer draws at (fb_width, fb_height).
  Baseline(int width, int height) : width_(width), height_(height) {}

  // glGetIntegerv for the renderer's per-frame backup; any `name` not listed
  // goes to the real GL.
  void get_integerv(GLenum name, GLint* out) const {
    switch (name) {
      case GL_ACTIVE_TEXTURE:
        return answer(name, out, GL_TEXTURE0);
      case GL_CURRENT_PROGRAM:
      case GL_TEXTURE_BINDING_2D:
      case GL_ARRAY_BUFFER_BINDING:
      case GL_VERTEX_ARRAY_BINDING:
        return answer(name, out, 0);
      case GL_BLEND_SRC_RGB:
      case GL_BLEND_SRC_ALPHA:
        return answer(name, out, GL_ONE);
      case GL_BLEND_DST_RGB:
      case GL_BLEND_DST_ALPHA:
        return answer(name, out, GL_ZERO);
      case GL_BLEND_EQUATION_RGB:
      case GL_BLEND_EQUATION_ALPHA:
        return answer(name, out, GL_FUNC_ADD);
      case GL_VIEWPORT:
      case GL_SCISSOR_BOX: {
        const GLint box[4] = {0, 0, width_, height_};
        for (int i = 0; i < 4; ++i) out[i] = box[i];
#ifndef NDEBUG
        if (name == GL_VIEWPORT) {  // the scissor box may differ: see above
          GLint real[4];
          glGetIntegerv(name, real);
          for (int i = 0; i < 4; ++i) assert(real[i] == box[i] && "GL_VIEWPORT");
        }
#endif
        return;
      }
      default:
        glGetIntegerv(name, out);
    }
  }

  // glIsEnabled for the renderer's per-frame backup: every capability it
  // asks about is off outside it; any other goes to the real GL.
  GLboolean is_enabled(GLenum capability) const {
    switch (capability) {
      case GL_BLEND:
      case GL_CULL_FACE:
      case GL_DEPTH_TEST:
      case GL_STENCIL_TEST:
      case GL_SCISSOR_TEST:
        assert(glIsEnabled(capability) == GL_FALSE && "glIsEnabled");
        return GL_FALSE;
      default:
        return glIsEnabled(capability);
    }
  }

 private:
  static void answer([[maybe_unused]] GLenum name, GLint* out, GLint value) {
    assert([&] {
      GLint real = 0;
      glGetIntegerv(name, &real);
      return real == value;
    }() && "glGetIntegerv");
    *out = value;
  }

  GLint width_;
  GLint height_;
};

}  // namespace tokhai::imgui_gl
