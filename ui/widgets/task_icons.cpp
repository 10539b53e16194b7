#include "widgets/task_icons.h"

#include <cmath>

namespace netlab {
namespace {

// TensorFlow Playground's two class colours, a light grey, and the lines' grey.
const ImU32 kOrange = IM_COL32(245, 147, 34, 255), kBlue = IM_COL32(8, 119, 189, 255);
const ImU32 kPaleOrange = IM_COL32(252, 222, 188, 255), kPaleBlue = IM_COL32(190, 218, 238, 255);
const ImU32 kPale = IM_COL32(225, 225, 225, 255), kLine = IM_COL32(120, 120, 120, 255);
constexpr float kPi = 3.14159265f;

// The icon's square: points given as fractions (0..1 across, 0..1 down) of it.
struct Box {
  ImDrawList* draw;
  ImVec2 min;
  float size;
  ImVec2 At(float u, float v) const { return ImVec2(min.x + u * size, min.y + v * size); }
  float Len(float f) const { return f * size; }
  void Dot(float u, float v, ImU32 colour, float radius = 0.06f) const { draw->AddCircleFilled(At(u, v), Len(radius), colour); }
  void Cell(float u, float v, float side, ImU32 colour) const { draw->AddRectFilled(At(u, v), At(u + side, v + side), colour); }
  void Line(float u0, float v0, float u1, float v1, ImU32 colour = kLine, float width = 0.025f) const {
    draw->AddLine(At(u0, v0), At(u1, v1), colour, std::max(1.0f, Len(width)));
  }
};

// Units in rows (v) at evenly spaced u, each joined to every unit of the next row.
void Layers(const Box& b, const int* units, int rows) {
  auto u_of = [](int i, int n) { return (float(i) + 0.5f) / float(n); };
  for (int r = 0; r + 1 < rows; ++r)
    for (int i = 0; i < units[r]; ++i)
      for (int j = 0; j < units[r + 1]; ++j)
        b.Line(0.1f + 0.8f * u_of(i, units[r]), 0.15f + 0.7f * float(r) / float(rows - 1), 0.1f + 0.8f * u_of(j, units[r + 1]),
               0.15f + 0.7f * float(r + 1) / float(rows - 1), kLine, 0.012f);
  for (int r = 0; r < rows; ++r)
    for (int i = 0; i < units[r]; ++i)
      b.Dot(0.1f + 0.8f * u_of(i, units[r]), 0.15f + 0.7f * float(r) / float(rows - 1), r + 1 == rows ? kOrange : kBlue, 0.065f);
}

void Playground(const Box& b) {
  b.Cell(0, 0, 1, kPaleOrange);
  b.draw->AddCircleFilled(b.At(0.5f, 0.5f), b.Len(0.3f), kPaleBlue, 24);
  for (int k = 0; k < 8; ++k) {
    const float a = float(k) * kPi / 4.0f;
    b.Dot(0.5f + 0.4f * std::cos(a), 0.5f + 0.4f * std::sin(a), kOrange);
    b.Dot(0.5f + 0.14f * std::cos(a + 0.4f), 0.5f + 0.14f * std::sin(a + 0.4f), kBlue);
  }
}

void Classify(const Box& b) {  // a digit's pixels and a 3x3 filter's window on them
  static const char* const kSeven[] = {"#####", "....#", "...#.", "..#..", ".#...", ".#..."};
  for (int r = 0; r < 6; ++r)
    for (int c = 0; c < 5; ++c) b.Cell(0.1f + 0.16f * float(c), 0.04f + 0.155f * float(r), 0.15f, kSeven[r][c] == '#' ? IM_COL32(40, 40, 40, 255) : kPale);
  b.draw->AddRect(b.At(0.42f, 0.04f), b.At(0.9f, 0.51f), kBlue, 0.0f, 0, std::max(1.0f, b.Len(0.04f)));
}

void Sequence(const Box& b) {  // a wave, then its continuation
  ImVec2 wave[33];
  for (int i = 0; i <= 32; ++i) wave[i] = b.At(float(i) / 32.0f, 0.5f - 0.32f * std::sin(float(i) / 32.0f * 3.0f * kPi));
  b.draw->AddPolyline(wave, 20, kBlue, 0, std::max(1.0f, b.Len(0.05f)));
  b.draw->AddPolyline(wave + 19, 14, kOrange, 0, std::max(1.0f, b.Len(0.05f)));
}

void Attention(const Box& b) {  // the reversal's anti-diagonal
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 5; ++j) b.Cell(0.05f + 0.18f * float(j), 0.05f + 0.18f * float(i), 0.17f, i + j == 4 ? kBlue : kPale);
}

void CharTransformerIcon(const Box& b) {  // a causal attention pattern: the lower triangle, heaviest on the diagonal
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 5; ++j) {
      const ImU32 colour = j > i ? kPale : j == i ? kBlue : j + 1 == i ? IM_COL32(90, 160, 210, 255) : kPaleBlue;
      b.Cell(0.05f + 0.18f * float(j), 0.05f + 0.18f * float(i), 0.17f, colour);
    }
}

void Vae(const Box& b) {  // the latent map's clusters
  const ImU32 colours[3] = {kBlue, kOrange, IM_COL32(0, 158, 115, 255)};
  const float centres[3][2] = {{0.3f, 0.3f}, {0.7f, 0.4f}, {0.45f, 0.72f}};
  for (int c = 0; c < 3; ++c)
    for (int k = 0; k < 6; ++k) {
      const float a = float(k) * 1.1f + float(c);
      b.Dot(centres[c][0] + 0.13f * std::cos(a) * float(k % 3 + 1) / 3.0f, centres[c][1] + 0.13f * std::sin(a) * float(k % 3 + 1) / 3.0f, colours[c], 0.045f);
    }
}

void GumbelVae(const Box& b) {  // sample frequencies against α / Σα
  const float heights[4] = {0.1f, 0.2f, 0.3f, 0.4f};
  for (int k = 0; k < 4; ++k) {
    const float u = 0.08f + 0.23f * float(k);
    b.draw->AddRectFilled(b.At(u, 0.1f), b.At(u + 0.18f, 0.9f), kPale);
    b.draw->AddRectFilled(b.At(u, 0.9f - 1.8f * heights[k]), b.At(u + 0.18f, 0.9f), kBlue);
    b.Line(u - 0.02f, 0.9f - 1.8f * heights[k], u + 0.2f, 0.9f - 1.8f * heights[k], IM_COL32(200, 60, 20, 255), 0.04f);
  }
}

void Gan(const Box& b) {  // the ring of modes and generated points on some of them
  for (int k = 0; k < 8; ++k) {
    const float a = float(k) * kPi / 4.0f;
    b.Dot(0.5f + 0.36f * std::cos(a), 0.5f + 0.36f * std::sin(a), kPale, 0.09f);
    if (k % 3 != 1) b.Dot(0.5f + 0.36f * std::cos(a + 0.12f), 0.5f + 0.36f * std::sin(a + 0.12f), kOrange, 0.045f);
  }
}

void Flow(const Box& b) {  // two moons
  for (int i = 0; i <= 8; ++i) {
    const float a = float(i) / 8.0f * kPi;
    b.Dot(0.35f + 0.25f * std::cos(a), 0.45f - 0.25f * std::sin(a), kBlue, 0.045f);
    b.Dot(0.65f - 0.25f * std::cos(a), 0.55f + 0.25f * std::sin(a), kBlue, 0.045f);
  }
}

void Diffusion(const Box& b) {  // a moon sharp at the left, blurred into noise towards the right
  const float noise[9][2] = {{0.0f, 0.0f}, {0.01f, -0.02f}, {-0.03f, 0.02f}, {0.04f, 0.05f}, {-0.06f, 0.03f},
                             {0.08f, -0.07f}, {-0.05f, 0.1f}, {0.12f, 0.06f}, {-0.1f, -0.13f}};
  for (int i = 0; i <= 8; ++i) {
    const float a = float(i) / 8.0f * kPi, blur = float(i) / 8.0f;
    b.Dot(0.5f - 0.34f * std::cos(a) + noise[i][0] * blur * 2.0f, 0.62f - 0.3f * std::sin(a) + noise[i][1] * blur * 2.0f,
          i < 5 ? kBlue : kOrange, 0.045f);
  }
}

void Made(const Box& b) {  // x1 -> x2 -> x3 -> x4: each pixel from the ones before it
  for (int i = 0; i < 4; ++i) {
    for (int j = i + 1; j < 4; ++j) {
      const float u0 = 0.14f + 0.24f * float(i), u1 = 0.14f + 0.24f * float(j);
      b.draw->AddBezierCubic(b.At(u0, 0.6f), b.At(u0, 0.6f - 0.12f * float(j - i)), b.At(u1, 0.6f - 0.12f * float(j - i)),
                             b.At(u1, 0.6f), kLine, std::max(1.0f, b.Len(0.015f)));
    }
    b.Dot(0.14f + 0.24f * float(i), 0.6f, i == 3 ? kOrange : kBlue, 0.08f);
  }
}

void Autoencoder(const Box& b) {  // wide, narrow code, wide again
  const float widths[5] = {0.8f, 0.5f, 0.15f, 0.5f, 0.8f};
  for (int i = 0; i < 5; ++i) {
    const float v = 0.1f + 0.2f * float(i), w = widths[i];
    b.draw->AddRectFilled(b.At(0.5f - w / 2, v), b.At(0.5f + w / 2, v + 0.12f), i == 2 ? kOrange : kBlue);
  }
}

void Rbm(const Box& b) {
  const int units[2] = {3, 4};
  Layers(b, units, 2);
}

void Dbn(const Box& b) {
  const int units[3] = {2, 3, 4};
  Layers(b, units, 3);
}

void Dbm(const Box& b) {
  const int units[3] = {3, 3, 4};
  Layers(b, units, 3);
}

void Sbn(const Box& b) {  // burglar and earthquake -> alarm
  const ImVec2 causes[2] = {b.At(0.25f, 0.25f), b.At(0.75f, 0.25f)}, alarm = b.At(0.5f, 0.75f);
  for (const ImVec2& c : causes) {
    b.draw->AddLine(c, alarm, kLine, std::max(1.0f, b.Len(0.03f)));
    const float dx = alarm.x - c.x, dy = alarm.y - c.y, n = std::sqrt(dx * dx + dy * dy);
    const ImVec2 tip(alarm.x - dx / n * b.Len(0.1f), alarm.y - dy / n * b.Len(0.1f));
    const ImVec2 side(-dy / n * b.Len(0.06f), dx / n * b.Len(0.06f));
    b.draw->AddTriangleFilled(tip, ImVec2(tip.x - dx / n * b.Len(0.1f) + side.x, tip.y - dy / n * b.Len(0.1f) + side.y),
                              ImVec2(tip.x - dx / n * b.Len(0.1f) - side.x, tip.y - dy / n * b.Len(0.1f) - side.y), kLine);
  }
  b.Dot(0.25f, 0.25f, kBlue, 0.1f);
  b.Dot(0.75f, 0.25f, kBlue, 0.1f);
  b.Dot(0.5f, 0.75f, kOrange, 0.1f);
}

void Dqn(const Box& b) {  // a grid world, its goal and a greedy arrow
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j)
      b.Cell(0.04f + 0.24f * float(j), 0.04f + 0.24f * float(i), 0.22f,
             i == 0 && j == 3 ? IM_COL32(0, 158, 115, 255) : i == 1 && j == 1 ? IM_COL32(213, 94, 0, 255) : kPale);
  b.Line(0.15f, 0.87f, 0.15f, 0.6f, kBlue, 0.05f);
  b.draw->AddTriangleFilled(b.At(0.15f, 0.52f), b.At(0.08f, 0.63f), b.At(0.22f, 0.63f), kBlue);
}

void Perceptron(const Box& b) {  // two classes and a line between them
  b.Line(0.05f, 0.95f, 0.95f, 0.05f, IM_COL32(60, 60, 60, 255), 0.03f);
  const float orange[4][2] = {{0.2f, 0.35f}, {0.3f, 0.15f}, {0.12f, 0.6f}, {0.45f, 0.3f}};
  for (const auto& p : orange) {
    b.Dot(p[0], p[1], kOrange);
    b.Dot(1.0f - p[1], 1.0f - p[0], kBlue);
  }
}

void XorByHand(const Box& b) {  // XOR's four corners and the band between the ReLU net's two folds
  b.Cell(0, 0, 1, kPaleOrange);
  const ImVec2 band[6] = {b.At(0, 0), b.At(0.3f, 0), b.At(1, 0.7f), b.At(1, 1), b.At(0.7f, 1), b.At(0, 0.3f)};
  b.draw->AddConvexPolyFilled(band, 6, kPaleBlue);
  b.Dot(0.2f, 0.8f, kOrange, 0.08f);
  b.Dot(0.8f, 0.2f, kOrange, 0.08f);
  b.Dot(0.2f, 0.2f, kBlue, 0.08f);
  b.Dot(0.8f, 0.8f, kBlue, 0.08f);
}

struct IconRow {
  const char* task;
  void (*draw)(const Box&);
};

const IconRow kIcons[] = {
    {"playground", Playground}, {"classify", Classify}, {"sequence", Sequence}, {"attention", Attention},
    {"vae", Vae},               {"gumbel-vae", GumbelVae}, {"gan", Gan},         {"flow", Flow},
    {"made", Made},             {"autoencoder", Autoencoder}, {"rbm", Rbm},      {"dbn", Dbn},
    {"dbm", Dbm},               {"sbn", Sbn},             {"dqn", Dqn},         {"perceptron", Perceptron},
    {"xor-by-hand", XorByHand}, {"diffusion-2d", Diffusion}, {"char-transformer", CharTransformerIcon},
};

}  // namespace

bool DrawTaskIcon(const std::string& task, ImDrawList* draw, ImVec2 min, float size) {
  for (const IconRow& row : kIcons) {
    if (task != row.task) continue;
    draw->AddRectFilled(min, ImVec2(min.x + size, min.y + size), IM_COL32(255, 255, 255, 255));
    draw->PushClipRect(min, ImVec2(min.x + size, min.y + size), true);
    row.draw(Box{draw, min, size});
    draw->PopClipRect();
    draw->AddRect(min, ImVec2(min.x + size, min.y + size), IM_COL32(200, 200, 200, 255));
    return true;
  }
  return false;
}

}  // namespace netlab
