#pragma once
// Maximum mean discrepancy (Gretton, Borgwardt, Rasch, Schölkopf & Smola, "A kernel two-sample test",
// JMLR 2012): how far apart two distributions P and Q are, as the distance between their mean embeddings
// in a kernel's feature space,
//   MMD²(P, Q) = E k(x, x') + E k(y, y') - 2 E k(x, y),   x, x' ~ P,  y, y' ~ Q independent,
// zero exactly when P = Q for a characteristic kernel such as the Gaussian one, k(a, b) = exp(-|a - b|² / (2 σ²)),
// or a mean of Gaussians of several widths (Li, Swersky & Zemel 2015 train generators on such a mixture:
// one width sees structure on its own scale only). It compares samples of a generative model with data
// without a discriminator, so it is the score by which the hyperparameter search compares GANs
// (workbench/gan_trial.h).
#include "core/tensor.h"

namespace netlab {

// Between row `i` of `a` and row `j` of `b`, the mean of `scales` Gaussian kernels of widths bandwidth,
// bandwidth / 2, ..., bandwidth / 2^(scales - 1):
//   k(a, b) = 1/S Σ_{s<S} exp(-|a - b|² 4^s / (2 bandwidth²)),  in [0, 1], 1 at a = b.
double GaussianKernel(const Matrix& a, int i, const Matrix& b, int j, double bandwidth, int scales = 1);

// The unbiased estimate of MMD² with that kernel from m points of each distribution (rows of `x` and
// `y`, same columns),
// Gretton et al.'s U-statistic of their Lemma 6 for m = n:
//   MMD²_u = 1 / (m (m - 1)) Σ_{i≠j} h(z_i, z_j),
//   h(z_i, z_j) = k(x_i, x_j) + k(y_i, y_j) - k(x_i, y_j) - k(x_j, y_i).
// Its mean is MMD²(P, Q) exactly, so it can be slightly negative when P = Q (the biased estimate, which
// keeps the i = j terms, is at least 0 and about 2 (1 - E k) / m too high). NaN when the samples differ
// in size or columns, or have fewer than 2 points.
double SquaredMmd(const Matrix& x, const Matrix& y, double bandwidth, int scales = 1);

// The median heuristic for the Gaussian kernel's bandwidth (Gretton et al. 2012, Sec. 8): the median
// Euclidean distance between distinct rows of `points`; 1 when there are fewer than 2 rows or it is 0.
double MedianPairwiseDistance(const Matrix& points);

}  // namespace netlab
