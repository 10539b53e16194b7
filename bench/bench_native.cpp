// Native side of the benchmark: the same measurements as the WASM module, printed as JSON for bench/run.
#include <cstdio>
#include <cstdlib>

#include "measurements.h"

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 0.3;
  std::printf("{\"gemm\": [");
  const int sizes[] = {64, 128, 256, 512, 1024};
  for (int i = 0; i < 5; ++i) {
    const int n = sizes[i];
    std::printf("%s{\"n\": %d, \"netlab\": %.3f, \"eigen\": %.3f}", i ? ", " : "", n,
                netlab::bench::NetlabGemmGflops(n, seconds), netlab::bench::EigenGemmGflops(n, seconds));
    std::fflush(stdout);
  }
  std::printf("], \"mlp_samples_per_second\": %.1f", netlab::bench::MlpSamplesPerSecond(64, 2 * seconds));
  std::printf(", \"cnn_samples_per_second\": %.1f}\n", netlab::bench::CnnSamplesPerSecond(64, 2 * seconds));
  return 0;
}
