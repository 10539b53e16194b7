#pragma once
// Fingers and pens on a touch screen: ImGui learns each event's source (io.AddMouseSourceEvent), hit
// boxes grow while the last input was a finger, and a finger dragged over a panel (not over a widget)
// scrolls it, as a page scrolls on a phone.

namespace netlab {

enum class PointerKind { kMouse = 0, kTouch = 1, kPen = 2 };

// Before the platform's button event: the source of what follows and, for a finger or pen (which have
// no hover position), where it went down, in layout pixels.
void NotePointer(PointerKind kind, float x, float y);
// After ImGui::NewFrame: touch-sized hit boxes and finger scrolling.
void ApplyTouchGestures();

}  // namespace netlab
