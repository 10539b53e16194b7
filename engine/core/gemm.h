#pragma once
// Single-precision matrix multiply for the WASM build: C = op(A) op(B) (+ C), row-major, where op is
// the identity or the transpose. Packed and cache-blocked in the Goto/BLIS style with a wasm_simd128
// micro-kernel; a plain C++ micro-kernel of the same shape stands in elsewhere so that the tests can
// check the same blocking natively.
//
// Every output is summed in one fixed order, c = ((c0 + a0 b0) + a1 b1) + ... over k = 0..K-1, with a
// separate multiply and add (no fused multiply-add). The k blocks continue the running sum held in C
// instead of adding partial sums, so the result is bit-for-bit the naive triple loop with that order
// (see GemmReference), whatever the block sizes.
#include <cstdint>

#include "core/tensor.h"

namespace netlab {

struct GemmShape {
  int rows;       // M: rows of C and of op(A)
  int columns;    // N: columns of C and of op(B)
  int depth;      // K: columns of op(A), rows of op(B)
};

// c (rows x columns, row stride ldc) = op(a) op(b), or += when `accumulate`. a is stored
// (rows x depth) with row stride lda, or (depth x rows) when transpose_a; likewise b.
// Allocation-free: packing buffers are fixed-size thread-local statics.
void Gemm(const GemmShape& shape, bool transpose_a, const float* a, int lda, bool transpose_b,
          const float* b, int ldb, float* c, int ldc, bool accumulate);

// Threads Gemm may use (the caller plus workers), 1 by default; at most one per core runs at a time.
// Threads split C by columns or by rows, whole micro-tiles each, so results are the same for any count.
// Only native builds and WASM builds with pthreads honour more than 1.
void SetGemmThreads(int threads);
int GemmThreads();
// From now on, Gemm and RunParts called on this thread use at most `threads` threads (0: no limit of
// its own). The playground's training thread leaves a core to the page's thread and the browser's
// drawing (train/background_training.cpp).
void LimitGemmThreadsOnThisThread(int threads);

// The threads a Gemm or RunParts called here would use now: GemmThreads(), at most one per core, within
// this thread's limit, and 1 inside a part.
int ActiveGemmThreads();
// Whether a product is large enough to repay waking a thread for it (Gemm splits only such products).
bool WorthAThread(const GemmShape& shape);

// Runs function(context, part) for part = 0 .. parts-1 on the GEMM's threads and returns when all are
// done; for layers that split a batch into parts (Conv2d). The parts must not depend on each other;
// a Gemm called inside a part runs on that part's thread. The same parts run for any thread count, so
// a layer that sums per-part results in part order gives the same bits with 1 thread or 4.
void RunPartsOnThreads(int parts, void (*function)(void*, int), void* context);
template <class Body>
void RunParts(int parts, Body& body) {
  RunPartsOnThreads(parts, [](void* context, int part) { (*static_cast<Body*>(context))(part); }, &body);
}

// Multiply-adds in the product, M N K, counted in 64 bits: `long` is 32 bits in wasm32 and M N K passes
// 2^31 from 1291^3 on, where a wrapped count once sent large products down the naive loop (~100x slower).
std::int64_t GemmMultiplyAdds(const GemmShape& shape);
// Whether Gemm takes the naive loop (products too small to repay packing) instead of the blocked one;
// public so that the tests can check the choice in every build.
bool GemmUsesDirectLoop(const GemmShape& shape);

// The naive triple loop in the summation order Gemm promises; the tests compare the two bit for bit.
void GemmReference(const GemmShape& shape, bool transpose_a, const float* a, int lda, bool transpose_b,
                   const float* b, int ldb, float* c, int ldc, bool accumulate);

// Matrix form used by the layers: result = op(a) op(b) through Gemm in the WASM build and through Eigen
// natively. `result` is resized (no allocation once it has the right size) and must not alias a or b.
void Multiply(const Matrix& a, bool transpose_a, const Matrix& b, bool transpose_b, Matrix& result);
// The same choice for raw row-major blocks with Gemm's arguments (c = op(a) op(b), or += when
// `accumulate`): for layers that multiply slices of their buffers in place, such as one image's
// columns in Conv2d, so that no slice has to be copied into a Matrix first.
void Multiply(const GemmShape& shape, bool transpose_a, const float* a, int lda, bool transpose_b, const float* b,
              int ldb, float* c, int ldc, bool accumulate);

}  // namespace netlab
