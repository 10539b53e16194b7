#include "core/gemm.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <thread>

#include "core/thread_pool.h"

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

namespace netlab {
namespace {

// Micro-tile of C kept in registers: 4 rows x 8 columns = 8 four-lane accumulators, plus two B vectors
// and one broadcast A value, fits the 16 vector registers the engines map wasm v128 onto.
constexpr int kTileRows = 4;
constexpr int kTileColumns = 8;
// Goto & van de Geijn 2008 blocking: a (kBlockRows x kBlockDepth) block of A stays in L2 while the
// micro-kernel streams (kBlockDepth x kTileColumns) slivers of a (kBlockDepth x kBlockColumns) block of
// B from L3.
constexpr int kBlockDepth = 256;
constexpr int kBlockRows = 64;
constexpr int kBlockColumns = 1024;
// Below this many multiply-adds packing costs more than it saves; the direct loop sums in the same
// order, so the choice does not change a single bit.
constexpr std::int64_t kDirectLoopLimit = 16 * 16 * 16;

// Each thread packs into its own buffers.
alignas(16) thread_local float packed_a[kBlockRows * kBlockDepth];
alignas(16) thread_local float packed_b[kBlockDepth * kBlockColumns];

// Workers beyond the calling thread; null while Gemm runs single-threaded.
std::unique_ptr<ThreadPool> gemm_pool;
// Below this many multiply-adds per thread, waking workers costs more than it saves.
constexpr std::int64_t kMinWorkPerThread = 64 * 64 * 64;
// True on a thread while it runs a part of a split job: work inside it is not split again.
thread_local bool inside_part = false;
thread_local int this_thread_limit = 0;  // LimitGemmThreadsOnThisThread
// Taken by the thread whose job the pool runs. The playground may train on a thread of its own
// (train/background_training.h) while the page's thread draws, and both multiply: the one that finds
// the pool taken runs its product on its own thread. Same results either way (see Gemm).
std::atomic<bool> pool_taken{false};
bool TakePool() {
  bool expected = false;
  return pool_taken.compare_exchange_strong(expected, true, std::memory_order_acquire);
}
void GivePoolBack() { pool_taken.store(false, std::memory_order_release); }

inline float ElementA(const float* a, int lda, bool transpose, int row, int p) {
  return transpose ? a[long(p) * lda + row] : a[long(row) * lda + p];
}
inline float ElementB(const float* b, int ldb, bool transpose, int p, int column) {
  return transpose ? b[long(column) * ldb + p] : b[long(p) * ldb + column];
}

#ifdef __wasm_simd128__
// The 4x4 block held in rows x[0..3] (x[r][q]) written column by column: out[q * stride + r] = x[r][q].
inline void StoreTransposed4x4(const v128_t x[4], float* out, int stride) {
  const v128_t t0 = wasm_i32x4_shuffle(x[0], x[1], 0, 4, 1, 5), t1 = wasm_i32x4_shuffle(x[2], x[3], 0, 4, 1, 5);
  const v128_t t2 = wasm_i32x4_shuffle(x[0], x[1], 2, 6, 3, 7), t3 = wasm_i32x4_shuffle(x[2], x[3], 2, 6, 3, 7);
  wasm_v128_store(out, wasm_i32x4_shuffle(t0, t1, 0, 1, 4, 5));
  wasm_v128_store(out + stride, wasm_i32x4_shuffle(t0, t1, 2, 3, 6, 7));
  wasm_v128_store(out + 2 * stride, wasm_i32x4_shuffle(t2, t3, 0, 1, 4, 5));
  wasm_v128_store(out + 3 * stride, wasm_i32x4_shuffle(t2, t3, 2, 3, 6, 7));
}
#endif

// One full panel (kTileRows rows) of op(A) from row `row`, depth [p0, p0 + depth), k-major into out.
// Packing is a plain copy, so the SIMD paths change no bit of the product; they matter because the
// CNN's products are thin (K = 9 or 32, M = 9 or 16) and packing would otherwise cost as much as the
// multiply-adds.
void PackFullPanelA(const float* a, int lda, bool transpose, int row, int p0, int depth, float* out) {
  int p = 0;
#ifdef __wasm_simd128__
  if (transpose) {  // op(A)'s column p is stored row p: the panel's 4 values are adjacent
    for (; p < depth; ++p) wasm_v128_store(out + p * kTileRows, wasm_v128_load(a + long(p0 + p) * lda + row));
  } else {  // 4 stored rows, transposed 4 depths at a time
    const float* rows[kTileRows] = {a + long(row) * lda + p0, a + long(row + 1) * lda + p0, a + long(row + 2) * lda + p0,
                                    a + long(row + 3) * lda + p0};
    for (; p + 4 <= depth; p += 4) {
      const v128_t x[4] = {wasm_v128_load(rows[0] + p), wasm_v128_load(rows[1] + p), wasm_v128_load(rows[2] + p),
                           wasm_v128_load(rows[3] + p)};
      StoreTransposed4x4(x, out + p * kTileRows, kTileRows);
    }
  }
#endif
  for (; p < depth; ++p)
    for (int r = 0; r < kTileRows; ++r) out[p * kTileRows + r] = ElementA(a, lda, transpose, row + r, p0 + p);
}

// One full panel (kTileColumns columns from `column`) of op(B), depth [p0, p0 + depth), k-major into out.
void PackFullPanelB(const float* b, int ldb, bool transpose, int p0, int depth, int column, float* out) {
  int p = 0;
#ifdef __wasm_simd128__
  if (!transpose) {  // row p of op(B) is stored: 8 adjacent values
    for (; p < depth; ++p) {
      const float* source = b + long(p0 + p) * ldb + column;
      wasm_v128_store(out + p * kTileColumns, wasm_v128_load(source));
      wasm_v128_store(out + p * kTileColumns + 4, wasm_v128_load(source + 4));
    }
  } else {  // 8 stored rows (op(B)'s columns), two 4x4 transposes per 4 depths
    for (; p + 4 <= depth; p += 4)
      for (int half = 0; half < 2; ++half) {
        const float* source = b + long(column + 4 * half) * ldb + p0 + p;
        const v128_t x[4] = {wasm_v128_load(source), wasm_v128_load(source + ldb), wasm_v128_load(source + 2 * long(ldb)),
                             wasm_v128_load(source + 3 * long(ldb))};
        StoreTransposed4x4(x, out + p * kTileColumns + 4 * half, kTileColumns);
      }
  }
#endif
  for (; p < depth; ++p)
    for (int j = 0; j < kTileColumns; ++j) out[p * kTileColumns + j] = ElementB(b, ldb, transpose, p0 + p, column + j);
}

// Rows [row0, row0 + rows) x depth [p0, p0 + depth) of op(A) as panels of kTileRows rows, each stored
// k-major (the kTileRows values of one k together); rows past the edge are zero.
void PackA(const float* a, int lda, bool transpose, int row0, int rows, int p0, int depth) {
  float* out = packed_a;
  for (int r0 = 0; r0 < rows; r0 += kTileRows) {
    const int valid = std::min(kTileRows, rows - r0);
    if (valid == kTileRows) {
      PackFullPanelA(a, lda, transpose, row0 + r0, p0, depth, out);
      out += kTileRows * depth;
      continue;
    }
    // The zero rows in one fill: a loop over the 1 to 3 missing ones per k becomes a memset call each.
    std::fill(out, out + kTileRows * depth, 0.0f);
    for (int p = 0; p < depth; ++p) {
      for (int r = 0; r < valid; ++r) out[r] = ElementA(a, lda, transpose, row0 + r0 + r, p0 + p);
      out += kTileRows;
    }
  }
}

// Depth [p0, p0 + depth) x columns [column0, column0 + columns) of op(B) as panels of kTileColumns
// columns, each stored k-major; columns past the edge are zero.
void PackB(const float* b, int ldb, bool transpose, int p0, int depth, int column0, int columns) {
  float* out = packed_b;
  for (int j0 = 0; j0 < columns; j0 += kTileColumns) {
    const int valid = std::min(kTileColumns, columns - j0);
    if (valid == kTileColumns) {
      PackFullPanelB(b, ldb, transpose, p0, depth, column0 + j0, out);
      out += kTileColumns * depth;
      continue;
    }
    std::fill(out, out + kTileColumns * depth, 0.0f);
    for (int p = 0; p < depth; ++p) {
      for (int j = 0; j < valid; ++j) out[j] = ElementB(b, ldb, transpose, p0 + p, column0 + j0 + j);
      out += kTileColumns;
    }
  }
}

// c[r][j] (row stride ldc) = (load ? c[r][j] : 0) + sum over p of a[p][r] * b[p][j], summed p = 0, 1, ...
// with a rounded multiply then a rounded add.
#ifdef __wasm_simd128__
void MicroKernel(int depth, const float* a, const float* b, float* c, int ldc, bool load) {
  v128_t acc[kTileRows][2];
  for (int r = 0; r < kTileRows; ++r) {
    acc[r][0] = load ? wasm_v128_load(c + r * ldc) : wasm_f32x4_splat(0.0f);
    acc[r][1] = load ? wasm_v128_load(c + r * ldc + 4) : wasm_f32x4_splat(0.0f);
  }
  for (int p = 0; p < depth; ++p) {
    const v128_t b0 = wasm_v128_load(b);
    const v128_t b1 = wasm_v128_load(b + 4);
    for (int r = 0; r < kTileRows; ++r) {
      const v128_t ar = wasm_v128_load32_splat(a + r);
      acc[r][0] = wasm_f32x4_add(acc[r][0], wasm_f32x4_mul(ar, b0));
      acc[r][1] = wasm_f32x4_add(acc[r][1], wasm_f32x4_mul(ar, b1));
    }
    a += kTileRows;
    b += kTileColumns;
  }
  for (int r = 0; r < kTileRows; ++r) {
    wasm_v128_store(c + r * ldc, acc[r][0]);
    wasm_v128_store(c + r * ldc + 4, acc[r][1]);
  }
}
#else
void MicroKernel(int depth, const float* a, const float* b, float* c, int ldc, bool load) {
  float acc[kTileRows][kTileColumns];
  for (int r = 0; r < kTileRows; ++r)
    for (int j = 0; j < kTileColumns; ++j) acc[r][j] = load ? c[r * ldc + j] : 0.0f;
  for (int p = 0; p < depth; ++p) {
    for (int r = 0; r < kTileRows; ++r)
      for (int j = 0; j < kTileColumns; ++j) acc[r][j] = acc[r][j] + a[r] * b[j];
    a += kTileRows;
    b += kTileColumns;
  }
  for (int r = 0; r < kTileRows; ++r)
    for (int j = 0; j < kTileColumns; ++j) c[r * ldc + j] = acc[r][j];
}
#endif

// A micro-tile that sticks out of C goes through a full-size scratch tile.
void EdgeKernel(int depth, const float* a, const float* b, float* c, int ldc, bool load, int rows,
                int columns) {
  alignas(16) float tile[kTileRows * kTileColumns];
  if (load)
    for (int r = 0; r < rows; ++r)
      for (int j = 0; j < columns; ++j) tile[r * kTileColumns + j] = c[r * ldc + j];
  MicroKernel(depth, a, b, tile, kTileColumns, load);
  for (int r = 0; r < rows; ++r)
    for (int j = 0; j < columns; ++j) c[r * ldc + j] = tile[r * kTileColumns + j];
}

// The blocked product on the calling thread.
void GemmSerial(const GemmShape& shape, bool transpose_a, const float* a, int lda, bool transpose_b,
                const float* b, int ldb, float* c, int ldc, bool accumulate) {
  const int m = shape.rows, n = shape.columns, k = shape.depth;
  if (m <= 0 || n <= 0) return;
  // Also covers k == 0, where C is zero (or unchanged when accumulating).
  if (GemmUsesDirectLoop(shape)) {
    GemmReference(shape, transpose_a, a, lda, transpose_b, b, ldb, c, ldc, accumulate);
    return;
  }
  for (int j0 = 0; j0 < n; j0 += kBlockColumns) {
    const int columns = std::min(kBlockColumns, n - j0);
    for (int p0 = 0; p0 < k; p0 += kBlockDepth) {
      const int depth = std::min(kBlockDepth, k - p0);
      // After the first k block the running sums live in C.
      const bool load = accumulate || p0 > 0;
      PackB(b, ldb, transpose_b, p0, depth, j0, columns);
      for (int i0 = 0; i0 < m; i0 += kBlockRows) {
        const int rows = std::min(kBlockRows, m - i0);
        PackA(a, lda, transpose_a, i0, rows, p0, depth);
        for (int jt = 0; jt < columns; jt += kTileColumns) {
          const float* b_panel = packed_b + long(jt) * depth;
          const int tile_columns = std::min(kTileColumns, columns - jt);
          for (int it = 0; it < rows; it += kTileRows) {
            const float* a_panel = packed_a + long(it) * depth;
            float* c_tile = c + long(i0 + it) * ldc + j0 + jt;
            const int tile_rows = std::min(kTileRows, rows - it);
            if (tile_rows == kTileRows && tile_columns == kTileColumns)
              MicroKernel(depth, a_panel, b_panel, c_tile, ldc, load);
            else
              EdgeKernel(depth, a_panel, b_panel, c_tile, ldc, load, tile_rows, tile_columns);
          }
        }
      }
    }
  }
}

}  // namespace

void SetGemmThreads(int threads) {
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
  threads = 1;  // a WASM build without pthreads cannot start threads
#endif
  threads = std::max(1, threads);
  if (threads == GemmThreads()) return;
  gemm_pool.reset();
  if (threads > 1) gemm_pool = std::make_unique<ThreadPool>(threads - 1);
}

int GemmThreads() { return gemm_pool ? gemm_pool->workers() + 1 : 1; }

std::int64_t GemmMultiplyAdds(const GemmShape& shape) {
  return std::int64_t(shape.rows) * shape.columns * shape.depth;
}

bool GemmUsesDirectLoop(const GemmShape& shape) { return GemmMultiplyAdds(shape) <= kDirectLoopLimit; }

void GemmReference(const GemmShape& shape, bool transpose_a, const float* a, int lda, bool transpose_b,
                   const float* b, int ldb, float* c, int ldc, bool accumulate) {
  for (int i = 0; i < shape.rows; ++i) {
    for (int j = 0; j < shape.columns; ++j) {
      float sum = accumulate ? c[long(i) * ldc + j] : 0.0f;
      for (int p = 0; p < shape.depth; ++p) {
        const float product = ElementA(a, lda, transpose_a, i, p) * ElementB(b, ldb, transpose_b, p, j);
        sum = sum + product;
      }
      c[long(i) * ldc + j] = sum;
    }
  }
}

namespace {
int ActiveThreads() {
  if (!gemm_pool || inside_part) return 1;
  // More threads than cores only take turns on them and pay for waking each other (4 threads on 2
  // cores lost against 1), so at most one thread per core runs, whatever was asked for.
  static const int cores = std::max(1, int(std::thread::hardware_concurrency()));
  const int threads = std::min(GemmThreads(), cores);
  return this_thread_limit > 0 ? std::min(threads, this_thread_limit) : threads;
}
}  // namespace

void LimitGemmThreadsOnThisThread(int threads) { this_thread_limit = std::max(0, threads); }

int ActiveGemmThreads() { return ActiveThreads(); }

bool WorthAThread(const GemmShape& shape) { return GemmMultiplyAdds(shape) >= kMinWorkPerThread; }

namespace {
}  // namespace

void RunPartsOnThreads(int parts, void (*function)(void*, int), void* context) {
  const int threads = std::min(ActiveThreads(), parts);
  if (threads <= 1 || !TakePool()) {
    for (int part = 0; part < parts; ++part) function(context, part);
    return;
  }
  // Thread t runs parts t, t + threads, ...; inside a part, Gemm stays on its thread.
  auto body = [&](int thread) {
    inside_part = true;
    for (int part = thread; part < parts; part += threads) function(context, part);
    inside_part = false;
  };
  gemm_pool->Run(threads, body);
  GivePoolBack();
}

void Gemm(const GemmShape& shape, bool transpose_a, const float* a, int lda, bool transpose_b,
          const float* b, int ldb, float* c, int ldc, bool accumulate) {
  const std::int64_t work = GemmMultiplyAdds(shape);
  const int column_tiles = (shape.columns + kTileColumns - 1) / kTileColumns;
  const int row_tiles = (shape.rows + kTileRows - 1) / kTileRows;
  // Each thread packs all of op(A) when C is split by columns and all of op(B) when split by rows:
  // split the side whose shared operand is the smaller one (M K against K N), unless it has too few tiles.
  const int most = int(std::min<std::int64_t>(ActiveThreads(), work / kMinWorkPerThread));
  bool by_rows = shape.rows > shape.columns;
  if (std::min(most, by_rows ? row_tiles : column_tiles) < std::min(most, by_rows ? column_tiles : row_tiles))
    by_rows = !by_rows;
  const int tiles = by_rows ? row_tiles : column_tiles;
  const int parts = std::min(most, tiles);
  if (parts <= 1 || !TakePool()) {
    GemmSerial(shape, transpose_a, a, lda, transpose_b, b, ldb, c, ldc, accumulate);
    return;
  }
  // Each thread computes whole micro-tile columns (or rows) of C: every output is still summed by one
  // thread in the same order, so the result does not depend on the thread count.
  auto part = [&](int index) {
    const int step = by_rows ? kTileRows : kTileColumns;
    const int extent = by_rows ? shape.rows : shape.columns;
    const int first = int(long(tiles) * index / parts) * step;
    const int last = std::min(extent, int(long(tiles) * (index + 1) / parts) * step);
    if (first >= last) return;
    if (by_rows) {
      const float* a_slice = transpose_a ? a + first : a + long(first) * lda;
      GemmSerial({last - first, shape.columns, shape.depth}, transpose_a, a_slice, lda, transpose_b, b, ldb,
                 c + long(first) * ldc, ldc, accumulate);
    } else {
      const float* b_slice = transpose_b ? b + long(first) * ldb : b + first;
      GemmSerial({shape.rows, last - first, shape.depth}, transpose_a, a, lda, transpose_b, b_slice, ldb, c + first,
                 ldc, accumulate);
    }
  };
  gemm_pool->Run(parts, part);
  GivePoolBack();
}

void Multiply(const Matrix& a, bool transpose_a, const Matrix& b, bool transpose_b, Matrix& result) {
  eigen_assert((transpose_a ? a.rows() : a.cols()) == (transpose_b ? b.cols() : b.rows()));
#ifdef __wasm_simd128__
  const GemmShape shape{int(transpose_a ? a.cols() : a.rows()), int(transpose_b ? b.rows() : b.cols()),
                        int(transpose_a ? a.rows() : a.cols())};
  result.resize(shape.rows, shape.columns);
  Gemm(shape, transpose_a, a.data(), int(a.cols()), transpose_b, b.data(), int(b.cols()), result.data(),
       int(result.cols()), false);
#else
  // Natively Eigen's own kernels (SSE/AVX/NEON) are the faster choice.
  if (transpose_a && transpose_b) result.noalias() = a.transpose() * b.transpose();
  else if (transpose_a) result.noalias() = a.transpose() * b;
  else if (transpose_b) result.noalias() = a * b.transpose();
  else result.noalias() = a * b;
#endif
}

#ifndef __wasm_simd128__
namespace {
using Stride = Eigen::OuterStride<>;
using ConstBlock = Eigen::Map<const Matrix, 0, Stride>;
using Block = Eigen::Map<Matrix, 0, Stride>;

template <class A, class B>
void EigenProduct(const A& a, const B& b, Block& c, bool accumulate) {
  if (accumulate) c.noalias() += a * b;
  else c.noalias() = a * b;
}
}  // namespace
#endif

void Multiply(const GemmShape& shape, bool transpose_a, const float* a, int lda, bool transpose_b, const float* b,
              int ldb, float* c, int ldc, bool accumulate) {
#ifdef __wasm_simd128__
  Gemm(shape, transpose_a, a, lda, transpose_b, b, ldb, c, ldc, accumulate);
#else
  const int m = shape.rows, n = shape.columns, k = shape.depth;
  const ConstBlock a_stored(a, transpose_a ? k : m, transpose_a ? m : k, Stride(lda));
  const ConstBlock b_stored(b, transpose_b ? n : k, transpose_b ? k : n, Stride(ldb));
  Block c_block(c, m, n, Stride(ldc));
  if (transpose_a && transpose_b) EigenProduct(a_stored.transpose(), b_stored.transpose(), c_block, accumulate);
  else if (transpose_a) EigenProduct(a_stored.transpose(), b_stored, c_block, accumulate);
  else if (transpose_b) EigenProduct(a_stored, b_stored.transpose(), c_block, accumulate);
  else EigenProduct(a_stored, b_stored, c_block, accumulate);
#endif
}

}  // namespace netlab
