// WebGPU host code for Netlab: creates the device, runs the WGSL kernels in shaders/, and keeps a dense
// network's weights resident on the GPU between training steps, reading back only the loss, and that
// asynchronously. Every failure (no WebGPU, no adapter, a lost device, a validation error) turns the GPU
// path off and is reported through `reason`; callers then use the CPU path, so training never stops
// because of the GPU.
(function (global) {
  'use strict';

  const ACTIVATIONS = { linear: 0, relu: 1, tanh: 2, sigmoid: 3 };
  // The kernels live in shaders/ beside web/, wherever the page that loads this script is.
  const DEFAULT_SHADER_BASE = global.document && document.currentScript
    ? new URL('../shaders/', document.currentScript.src).href : 'shaders/';

  class NetlabGpu {
    // Resolves to a NetlabGpu, or to null with NetlabGpu.lastReason saying why not.
    static async create({ disabled = false, shaderBase = DEFAULT_SHADER_BASE } = {}) {
      const fail = (reason) => { NetlabGpu.lastReason = reason; return null; };
      if (disabled) return fail('WebGPU switched off');
      if (!global.navigator || !navigator.gpu) return fail('this browser has no WebGPU');
      try {
        const adapter = await navigator.gpu.requestAdapter();
        if (!adapter) return fail('no WebGPU adapter');
        const device = await adapter.requestDevice({
          requiredLimits: { maxComputeWorkgroupStorageSize: Math.min(16384, adapter.limits.maxComputeWorkgroupStorageSize) },
        });
        const [gemmCode, denseCode] = await Promise.all(
          ['gemm.wgsl', 'dense.wgsl'].map((f) => fetch(shaderBase + f).then((r) => {
            if (!r.ok) throw new Error(`cannot load ${f}`);
            return r.text();
          })));
        const gpu = new NetlabGpu(device, adapter, gemmCode, denseCode);
        await gpu.checkCompiled();
        return gpu.available ? gpu : fail(gpu.reason);
      } catch (error) {
        return fail(String(error && error.message || error));
      }
    }

    constructor(device, adapter, gemmCode, denseCode) {
      this.device = device;
      this.adapterInfo = adapter.info ? `${adapter.info.vendor} ${adapter.info.architecture} ${adapter.info.description}`.trim() : '';
      this.available = true;
      this.reason = '';
      device.lost.then((info) => this.disable(`device lost: ${info.message || info.reason}`));
      device.addEventListener && device.addEventListener('uncapturederror', (e) => this.disable(`WebGPU error: ${e.error.message}`));
      device.pushErrorScope('validation');
      this.gemmModule = device.createShaderModule({ code: gemmCode });
      this.denseModule = device.createShaderModule({ code: denseCode });
      this.gemmPipeline = device.createComputePipeline({ layout: 'auto', compute: { module: this.gemmModule, entryPoint: 'main' } });
      // One explicit layout for all element-wise kernels: 'auto' would drop the bindings an entry point
      // does not use, and then one bind-group shape could not serve them all.
      const storage = (binding) => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'storage' } });
      this.denseLayout = device.createBindGroupLayout({
        entries: [storage(0), storage(1), storage(2), { binding: 3, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform' } }],
      });
      const pipelineLayout = device.createPipelineLayout({ bindGroupLayouts: [this.denseLayout] });
      this.densePipelines = {};
      for (const entry of ['bias_activation', 'activation_backward', 'column_sum', 'softmax_cross_entropy', 'sgd_update'])
        this.densePipelines[entry] = device.createComputePipeline({ layout: pipelineLayout, compute: { module: this.denseModule, entryPoint: entry } });
      this.compileScope = device.popErrorScope();
    }

    async checkCompiled() {
      const error = await this.compileScope;
      if (error) this.disable(`shader compilation failed: ${error.message}`);
    }

    disable(reason) {
      if (!this.available) return;
      this.available = false;
      this.reason = reason;
    }

    buffer(sizeOrData, usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST) {
      const data = typeof sizeOrData === 'number' ? null : sizeOrData;
      const bytes = Math.max(16, Math.ceil((data ? data.byteLength : sizeOrData * 4) / 16) * 16);
      const buffer = this.device.createBuffer({ size: bytes, usage });
      if (data) this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
      return buffer;
    }

    uniform(words) {
      const buffer = this.device.createBuffer({ size: Math.ceil(words.byteLength / 16) * 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
      this.device.queue.writeBuffer(buffer, 0, words.buffer, words.byteOffset, words.byteLength);
      return buffer;
    }

    // Encodes C = op(A) op(B) (+C) on GPU buffers into `pass`.
    encodeGemm(pass, a, b, c, m, n, k, transA = false, transB = false, accumulate = false) {
      const shape = this.uniform(new Uint32Array([m, n, k, transA ? 1 : 0, transB ? 1 : 0, accumulate ? 1 : 0, 0, 0]));
      const group = this.device.createBindGroup({
        layout: this.gemmPipeline.getBindGroupLayout(0),
        entries: [a, b, c, shape].map((buffer, binding) => ({ binding, resource: { buffer } })),
      });
      pass.setPipeline(this.gemmPipeline);
      pass.setBindGroup(0, group);
      pass.dispatchWorkgroups(Math.ceil(n / 64), Math.ceil(m / 64));
    }

    encodeDense(pass, entry, x, y, z, rows, cols, activation = 0, scale = 0, invocations = rows * cols) {
      const words = new ArrayBuffer(16);
      new Uint32Array(words, 0, 3).set([rows, cols, activation]);
      new Float32Array(words, 12, 1)[0] = scale;
      const pipeline = this.densePipelines[entry];
      const group = this.device.createBindGroup({
        layout: this.denseLayout,
        entries: [x, y, z, this.uniform(new Uint32Array(words))].map((buffer, binding) => ({ binding, resource: { buffer } })),
      });
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, group);
      pass.dispatchWorkgroups(Math.ceil(invocations / 64));
    }

    async read(buffer, count) {
      const staging = this.device.createBuffer({ size: Math.ceil(count * 4 / 16) * 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
      const encoder = this.device.createCommandEncoder();
      encoder.copyBufferToBuffer(buffer, 0, staging, 0, staging.size);
      this.device.queue.submit([encoder.finish()]);
      await staging.mapAsync(GPUMapMode.READ);
      const out = new Float32Array(staging.getMappedRange().slice(0, count * 4));
      staging.unmap();
      staging.destroy();
      return out;
    }

    // One-shot product of host arrays; resolves to the m x n result, or null when the GPU path failed.
    async gemm(aData, bData, m, n, k, transA = false, transB = false) {
      if (!this.available) return null;
      try {
        this.device.pushErrorScope('validation');
        const a = this.buffer(aData), b = this.buffer(bData), c = this.buffer(m * n);
        const encoder = this.device.createCommandEncoder();
        const pass = encoder.beginComputePass();
        this.encodeGemm(pass, a, b, c, m, n, k, transA, transB);
        pass.end();
        this.device.queue.submit([encoder.finish()]);
        const error = await this.device.popErrorScope();
        if (error) throw new Error(error.message);
        const result = await this.read(c, m * n);
        [a, b, c].forEach((x) => x.destroy());
        return this.available ? result : null;
      } catch (error) {
        this.disable(String(error.message || error));
        return null;
      }
    }

    createMlp(layerSizes, activations, weights, biases) {
      return new GpuMlp(this, layerSizes, activations, weights, biases);
    }
  }

  // A dense network (softmax cross-entropy output) whose weights live on the GPU. step() encodes a whole
  // SGD step — forward, loss gradient, backward, updates — in one submission and resolves to the mean
  // batch loss when the GPU has finished; the next step can be queued before that resolves.
  class GpuMlp {
    constructor(gpu, sizes, activations, weights, biases) {
      this.gpu = gpu;
      this.sizes = sizes;
      this.activations = activations.map((a) => ACTIVATIONS[a]);
      this.weights = weights.map((w) => gpu.buffer(Float32Array.from(w)));
      this.biases = biases.map((b) => gpu.buffer(Float32Array.from(b)));
      this.weightGrads = weights.map((w) => gpu.buffer(w.length));
      this.biasGrads = biases.map((b) => gpu.buffer(b.length));
      this.batch = 0;
    }

    ensureBatch(rows) {
      if (this.batch === rows) return;
      this.batch = rows;
      this.outputs = this.sizes.map((s) => this.gpu.buffer(rows * s));  // outputs[0] is the input
      this.grads = this.sizes.map((s) => this.gpu.buffer(rows * s));
      this.labels = this.gpu.buffer(rows);
      this.losses = this.gpu.buffer(rows);
    }

    async step(inputs, labels, learningRate) {
      const gpu = this.gpu, device = gpu.device, rows = labels.length, L = this.weights.length;
      if (!gpu.available) return null;
      try {
        this.ensureBatch(rows);
        device.queue.writeBuffer(this.outputs[0], 0, inputs);
        device.queue.writeBuffer(this.labels, 0, Float32Array.from(labels));
        device.pushErrorScope('validation');
        const encoder = device.createCommandEncoder();
        const pass = encoder.beginComputePass();
        for (let l = 0; l < L; ++l) {
          const [fanIn, fanOut] = [this.sizes[l], this.sizes[l + 1]];
          gpu.encodeGemm(pass, this.outputs[l], this.weights[l], this.outputs[l + 1], rows, fanOut, fanIn);
          gpu.encodeDense(pass, 'bias_activation', this.outputs[l + 1], this.biases[l], this.losses, rows, fanOut,
                          l === L - 1 ? 0 : this.activations[l]);
        }
        const classes = this.sizes[L];
        // Logits -> dL/dlogits in place (in outputs[L]), per-row losses into `losses`.
        gpu.encodeDense(pass, 'softmax_cross_entropy', this.outputs[L], this.labels, this.losses, rows, classes, 0, 0, rows);
        for (let l = L - 1; l >= 0; --l) {
          const [fanIn, fanOut] = [this.sizes[l], this.sizes[l + 1]];
          const gradOut = l === L - 1 ? this.outputs[L] : this.grads[l + 1];
          gpu.encodeGemm(pass, this.outputs[l], gradOut, this.weightGrads[l], fanIn, fanOut, rows, true, false);
          gpu.encodeDense(pass, 'column_sum', gradOut, this.biasGrads[l], this.losses, rows, fanOut, 0, 0, fanOut);
          if (l > 0) {
            gpu.encodeGemm(pass, gradOut, this.weights[l], this.grads[l], rows, fanIn, fanOut, false, true);
            gpu.encodeDense(pass, 'activation_backward', this.grads[l], this.outputs[l], this.losses, rows, fanIn,
                            this.activations[l - 1]);
          }
          gpu.encodeDense(pass, 'sgd_update', this.weights[l], this.weightGrads[l], this.losses, fanIn, fanOut, 0, learningRate);
          gpu.encodeDense(pass, 'sgd_update', this.biases[l], this.biasGrads[l], this.losses, 1, fanOut, 0, learningRate);
        }
        pass.end();
        device.queue.submit([encoder.finish()]);
        const error = await device.popErrorScope();
        if (error) throw new Error(error.message);
        const losses = await gpu.read(this.losses, rows);
        return losses.reduce((s, v) => s + v, 0) / rows;
      } catch (error) {
        gpu.disable(String(error.message || error));
        return null;
      }
    }

    async readWeights(layer) {
      return this.gpu.read(this.weights[layer], this.sizes[layer] * this.sizes[layer + 1]);
    }
  }

  global.NetlabGpu = NetlabGpu;
})(typeof window !== 'undefined' ? window : globalThis);
