// Tiled matrix product C = op(A) op(B) (+ C when accumulate = 1), row-major float32.
// op(A) is M x K, op(B) is K x N; trans_a / trans_b say whether A is stored K x M / B stored N x K,
// which is what a dense layer's backward pass needs (dW = Xᵀ dY, dX = dY Wᵀ) without a transpose copy.
// Each 16x16 workgroup computes a 64x64 tile of C, each invocation a 4x4 block, staging 64x16 slabs of
// A and B in workgroup memory so every loaded value is reused 64 times.

struct Shape {
  m : u32, n : u32, k : u32,
  trans_a : u32, trans_b : u32, accumulate : u32,
};

@group(0) @binding(0) var<storage, read> a : array<f32>;
@group(0) @binding(1) var<storage, read> b : array<f32>;
@group(0) @binding(2) var<storage, read_write> c : array<f32>;
@group(0) @binding(3) var<uniform> shape : Shape;

const TILE : u32 = 64u;
const SLAB : u32 = 16u;
var<workgroup> tile_a : array<array<f32, 64>, 16>;  // [k][m]
var<workgroup> tile_b : array<array<f32, 64>, 16>;  // [k][n]

fn load_a(row : u32, col : u32) -> f32 {  // op(A)[row][col]
  if (row >= shape.m || col >= shape.k) { return 0.0; }
  if (shape.trans_a == 1u) { return a[col * shape.m + row]; }
  return a[row * shape.k + col];
}

fn load_b(row : u32, col : u32) -> f32 {  // op(B)[row][col]
  if (row >= shape.k || col >= shape.n) { return 0.0; }
  if (shape.trans_b == 1u) { return b[col * shape.k + row]; }
  return b[row * shape.n + col];
}

@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) group : vec3<u32>, @builtin(local_invocation_id) local : vec3<u32>) {
  let row0 = group.y * TILE;
  let col0 = group.x * TILE;
  let flat = local.y * 16u + local.x;  // 0..255
  var sum : array<array<f32, 4>, 4>;
  for (var i = 0u; i < 4u; i++) { for (var j = 0u; j < 4u; j++) { sum[i][j] = 0.0; } }

  for (var k0 = 0u; k0 < shape.k; k0 += SLAB) {
    // 256 invocations load the 16x64 slabs of op(A) and op(B): 4 values each.
    for (var e = 0u; e < 4u; e++) {
      let index = flat * 4u + e;  // 0..1023
      let kk = index / TILE;
      let mm = index % TILE;
      tile_a[kk][mm] = load_a(row0 + mm, k0 + kk);
      tile_b[kk][mm] = load_b(k0 + kk, col0 + mm);
    }
    workgroupBarrier();
    for (var kk = 0u; kk < SLAB; kk++) {
      var av : array<f32, 4>;
      var bv : array<f32, 4>;
      for (var i = 0u; i < 4u; i++) {
        av[i] = tile_a[kk][local.y * 4u + i];
        bv[i] = tile_b[kk][local.x * 4u + i];
      }
      for (var i = 0u; i < 4u; i++) { for (var j = 0u; j < 4u; j++) { sum[i][j] = fma(av[i], bv[j], sum[i][j]); } }
    }
    workgroupBarrier();
  }

  for (var i = 0u; i < 4u; i++) {
    let row = row0 + local.y * 4u + i;
    if (row >= shape.m) { continue; }
    for (var j = 0u; j < 4u; j++) {
      let col = col0 + local.x * 4u + j;
      if (col >= shape.n) { continue; }
      let index = row * shape.n + col;
      if (shape.accumulate == 1u) { c[index] = c[index] + sum[i][j]; } else { c[index] = sum[i][j]; }
    }
  }
}
