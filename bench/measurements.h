#pragma once
// The measurements the native and the WASM benchmark share, so both builds time the very same code.
// Each runs its workload once to warm up, then repeats it for three rounds of at least `min_seconds`
// of wall time and reports the best round.

#include <string>

namespace netlab::bench {

// GFLOPS (2 n^3 flops per product) of an n x n by n x n float product.
double NetlabGemmGflops(int n, double min_seconds);  // engine/gemm.cpp (blocked, packed)
double EigenGemmGflops(int n, double min_seconds);   // Eigen's product, as the layers used before

// Training samples per second of a 784-256-128-10 ReLU MLP, softmax cross-entropy, Adam (lr 0.001),
// on one fixed random batch of `batch` rows: forward, loss gradient, backward, optimizer step.
double MlpSamplesPerSecond(int batch, double min_seconds);

// Training samples per second of the Fashion-MNIST CNN of tests/cnn_test.cpp (engine/small_cnn.h):
// 1x28x28 - conv 3x3x16 pad 1 - ReLU - max pool 2 - conv 3x3x32 pad 1 - ReLU - max pool 2 - dense 128
// - ReLU - dense 10, softmax cross-entropy, Adam (lr 0.001), one fixed random batch of `batch` images.
double CnnSamplesPerSecond(int batch, double min_seconds);

// Inference (forward pass only, training off) samples per second of the same CNN on a random batch: the
// figure set against ONNX Runtime Web, which runs the network's ONNX export (SmallCnnOnnx).
double CnnInferenceSamplesPerSecond(int batch, double min_seconds);
// The bench CNN (the same seed as above) exported by engine/export: input "input" (batch x 784),
// output "output" (batch x 10 logits). Empty if the export failed.
const std::string& SmallCnnOnnx();

}  // namespace netlab::bench
