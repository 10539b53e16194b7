// The benchmark's WASM module: the shared measurements exported to the bench page and to node.
#include <emscripten/emscripten.h>

#include "core/gemm.h"
#include "measurements.h"

extern "C" {
// Threads the GEMM may use; returns the count it got (1 in the build without pthreads).
EMSCRIPTEN_KEEPALIVE int bench_set_threads(int threads) {
  netlab::SetGemmThreads(threads);
  return netlab::GemmThreads();
}
EMSCRIPTEN_KEEPALIVE double bench_netlab_gemm_gflops(int n, double seconds) {
  return netlab::bench::NetlabGemmGflops(n, seconds);
}
EMSCRIPTEN_KEEPALIVE double bench_eigen_gemm_gflops(int n, double seconds) {
  return netlab::bench::EigenGemmGflops(n, seconds);
}
EMSCRIPTEN_KEEPALIVE double bench_mlp_samples_per_second(int batch, double seconds) {
  return netlab::bench::MlpSamplesPerSecond(batch, seconds);
}
EMSCRIPTEN_KEEPALIVE double bench_cnn_samples_per_second(int batch, double seconds) {
  return netlab::bench::CnnSamplesPerSecond(batch, seconds);
}
EMSCRIPTEN_KEEPALIVE double bench_cnn_inference_samples_per_second(int batch, double seconds) {
  return netlab::bench::CnnInferenceSamplesPerSecond(batch, seconds);
}
// The bench CNN as ONNX for ONNX Runtime Web: its size in bytes (0 if the export failed), then where
// they are in the module's memory.
EMSCRIPTEN_KEEPALIVE int bench_cnn_onnx_size() { return int(netlab::bench::SmallCnnOnnx().size()); }
EMSCRIPTEN_KEEPALIVE const char* bench_cnn_onnx_bytes() { return netlab::bench::SmallCnnOnnx().data(); }
}
