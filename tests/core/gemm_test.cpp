// The blocked GEMM against the naive loop with the same per-output summation order (bit for bit), and
// against Eigen's product (to rounding) so that the reference itself reads the transposes right.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <thread>

#include "core/gemm.h"
#include "core/rng.h"

using namespace netlab;

namespace {

Matrix RandomMatrix(int rows, int cols, Rng& rng) {
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.Normal(0.0f, 1.0f);
  return m;
}

bool SameBits(const Matrix& x, const Matrix& y) {
  return x.rows() == y.rows() && x.cols() == y.cols() &&
         std::memcmp(x.data(), y.data(), sizeof(float) * size_t(x.size())) == 0;
}

// op(a) op(b) computed by Eigen in double, the independent check on what the transpose flags mean.
Matrix EigenProduct(const Matrix& a, bool transpose_a, const Matrix& b, bool transpose_b) {
  Eigen::MatrixXd da = a.cast<double>(), db = b.cast<double>();
  if (transpose_a) da.transposeInPlace();
  if (transpose_b) db.transposeInPlace();
  return (da * db).cast<float>();
}

}  // namespace

TEST_CASE("blocked GEMM equals the naive same-order loop bit for bit at odd sizes", "[gemm]") {
  Rng rng(11);
  // Sizes straddle the micro-tile (4 x 8), the row block (64), the depth block (256) and the column
  // block (1024), and include the direct-loop path for tiny products.
  const int shapes[][3] = {{1, 1, 1},   {3, 5, 7},     {4, 8, 16},   {17, 9, 33},  {5, 31, 257},
                           {65, 13, 300}, {70, 1030, 3}, {33, 77, 513}, {129, 10, 784}, {2, 3, 0}};
  for (const auto& s : shapes) {
    const int m = s[0], n = s[1], k = s[2];
    for (int flags = 0; flags < 8; ++flags) {
      const bool ta = flags & 1, tb = flags & 2, accumulate = flags & 4;
      INFO("m=" << m << " n=" << n << " k=" << k << " ta=" << ta << " tb=" << tb << " acc=" << accumulate);
      const Matrix a = ta ? RandomMatrix(k, m, rng) : RandomMatrix(m, k, rng);
      const Matrix b = tb ? RandomMatrix(n, k, rng) : RandomMatrix(k, n, rng);
      // C is a window of a wider matrix so that ldc != columns is exercised too.
      const Matrix start = RandomMatrix(m, n + 3, rng);
      Matrix blocked = start, naive = start;
      const GemmShape shape{m, n, k};
      Gemm(shape, ta, a.data(), int(a.cols()), tb, b.data(), int(b.cols()), blocked.data(), n + 3, accumulate);
      GemmReference(shape, ta, a.data(), int(a.cols()), tb, b.data(), int(b.cols()), naive.data(), n + 3,
                    accumulate);
      REQUIRE(SameBits(blocked, naive));
      // The three columns outside the window are untouched.
      REQUIRE(SameBits(Matrix(blocked.rightCols(3)), Matrix(start.rightCols(3))));

      Matrix expected = EigenProduct(a, ta, b, tb);
      if (accumulate) expected += start.leftCols(n);
      const float tolerance = 1e-5f * float(k + 1) + 1e-5f;
      REQUIRE((Matrix(blocked.leftCols(n)) - expected).cwiseAbs().maxCoeff() <= tolerance * 4.0f);
    }
  }
}

TEST_CASE("Multiply gives op(a) op(b) with the right shape", "[gemm]") {
  Rng rng(3);
  const Matrix x = RandomMatrix(64, 37, rng), w = RandomMatrix(37, 21, rng), dy = RandomMatrix(64, 21, rng);
  Matrix y, dw, dx;
  Multiply(x, false, w, false, y);
  Multiply(x, true, dy, false, dw);
  Multiply(dy, false, w, true, dx);
  REQUIRE(y.rows() == 64);
  REQUIRE(y.cols() == 21);
  REQUIRE(dw.rows() == 37);
  REQUIRE(dw.cols() == 21);
  REQUIRE(dx.rows() == 64);
  REQUIRE(dx.cols() == 37);
  REQUIRE((y - EigenProduct(x, false, w, false)).cwiseAbs().maxCoeff() < 1e-3f);
  REQUIRE((dw - EigenProduct(x, true, dy, false)).cwiseAbs().maxCoeff() < 1e-3f);
  REQUIRE((dx - EigenProduct(dy, false, w, true)).cwiseAbs().maxCoeff() < 1e-3f);
}

TEST_CASE("GEMM split across threads equals the naive loop bit for bit", "[gemm]") {
  SetGemmThreads(3);
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
  REQUIRE(GemmThreads() == 1);  // no threads without pthreads; the single-thread path is checked below
#else
  REQUIRE(GemmThreads() == 3);
#endif
  Rng rng(17);
  const int shapes[][3] = {{70, 300, 257}, {64, 1030, 129}, {129, 33, 300}, {5, 7, 9}};
  for (const auto& s : shapes) {
    const int m = s[0], n = s[1], k = s[2];
    for (int flags = 0; flags < 4; ++flags) {
      const bool ta = flags & 1, tb = flags & 2;
      INFO("m=" << m << " n=" << n << " k=" << k << " ta=" << ta << " tb=" << tb);
      const Matrix a = ta ? RandomMatrix(k, m, rng) : RandomMatrix(m, k, rng);
      const Matrix b = tb ? RandomMatrix(n, k, rng) : RandomMatrix(k, n, rng);
      Matrix threaded(m, n), naive(m, n);
      Gemm({m, n, k}, ta, a.data(), int(a.cols()), tb, b.data(), int(b.cols()), threaded.data(), n, false);
      GemmReference({m, n, k}, ta, a.data(), int(a.cols()), tb, b.data(), int(b.cols()), naive.data(), n, false);
      REQUIRE(SameBits(threaded, naive));
    }
  }
  SetGemmThreads(1);
  REQUIRE(GemmThreads() == 1);
}

// wasm32 has a 32-bit `long`; a product count kept in one wrapped past 2^31 (1291^3 on) and sent large
// products down the naive loop, about 100 times slower. The choice is checked here, not the speed.
TEST_CASE("GEMM counts multiply-adds in 64 bits and packs products past 2^31 of them", "[gemm]") {
  REQUIRE(GemmMultiplyAdds({2048, 2048, 2048}) == std::int64_t(1) << 33);
  REQUIRE(GemmMultiplyAdds({1291, 1291, 1291}) == std::int64_t(1291) * 1291 * 1291);
  REQUIRE(GemmMultiplyAdds({65536, 65536, 1}) == std::int64_t(1) << 32);
  // The direct loop covers exactly the products of at most 16^3 multiply-adds (and K = 0).
  REQUIRE(GemmUsesDirectLoop({16, 16, 16}));
  REQUIRE(GemmUsesDirectLoop({3000, 3000, 0}));
  REQUIRE_FALSE(GemmUsesDirectLoop({17, 16, 16}));
  REQUIRE_FALSE(GemmUsesDirectLoop({1290, 1290, 1290}));
  REQUIRE_FALSE(GemmUsesDirectLoop({1291, 1291, 1291}));
  REQUIRE_FALSE(GemmUsesDirectLoop({1536, 1536, 1536}));
  REQUIRE_FALSE(GemmUsesDirectLoop({2048, 2048, 2048}));
  REQUIRE_FALSE(GemmUsesDirectLoop({65536, 65536, 1}));
}

#if !defined(__EMSCRIPTEN__) || defined(__EMSCRIPTEN_PTHREADS__)  // (no threads to start otherwise)
// The playground may train on a thread of its own while the page's thread draws: both ask the GEMM's
// threads for parts at once, and the one that finds them taken runs its parts itself.
TEST_CASE("Two threads splitting jobs at once both get every part done", "[gemm][thread]") {
  SetGemmThreads(3);
  auto run = [](int seed, bool& ok) {
    ok = true;
    for (int round = 0; round < 300; ++round) {
      int done[8] = {0, 0, 0, 0, 0, 0, 0, 0};
      auto part = [&](int index) { done[index] += seed + index; };
      RunParts(8, part);
      for (int i = 0; i < 8; ++i) ok = ok && done[i] == seed + i;
    }
  };
  bool first_ok = false, second_ok = false;
  std::thread other([&] { run(100, second_ok); });
  run(1, first_ok);
  other.join();
  CHECK(first_ok);
  CHECK(second_ok);
  SetGemmThreads(1);
}
#endif
