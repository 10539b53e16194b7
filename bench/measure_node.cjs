// The WASM bench module under node, printed as JSON for run.mjs. Run with --no-experimental-fetch:
// Debian's emscripten 3.1.6 loader would otherwise try to fetch() the .wasm file.
const path = require('node:path');
const createNetlabBench = require(path.join(__dirname, 'dist/netlab_bench.js'));

const seconds = Number(process.argv[2] || 0.3);
const sizes = (process.argv[3] || '64,128,256,512,1024').split(',').map(Number);
createNetlabBench().then((netlab) => {
  const gemm = sizes.map((n) => ({
    n, netlab: netlab._bench_netlab_gemm_gflops(n, seconds), eigen: netlab._bench_eigen_gemm_gflops(n, seconds),
  }));
  console.log(JSON.stringify({
    gemm,
    mlp: netlab._bench_mlp_samples_per_second(64, 2 * seconds),
    cnn: netlab._bench_cnn_samples_per_second(64, 2 * seconds),
  }));
});
