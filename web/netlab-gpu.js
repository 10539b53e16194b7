// WebGPU host code for Netlab: creates the device, runs the WGSL kernels in shaders/, and keeps a dense
// network's weights and optimizer state resident on the GPU between training steps, reading back only
// the per-row losses, and that asynchronously. Every failure (no WebGPU, no adapter, a lost device, a
// validation error) turns the GPU path off and is reported through `reason`; callers then use the CPU
// path, so training never stops because of the GPU.
(function (global) {
  'use strict';

  // Engine registry names -> the ids the kernels switch on (shaders/dense.wgsl, loss.wgsl, optimizer.wgsl).
  // Left out: gelu (WGSL has no erf), prelu/softmax/maxout (layers of their own), hinge, sgld (its noise
  // stream is the engine's Rng).
  const ACTIVATIONS = { linear: 0, relu: 1, leaky_relu: 2, sigmoid: 3, tanh: 4, softplus: 5, abs: 6, elu: 7 };
  const LOSSES = { mse: 0, mae: 1, sigmoid_bce: 2, softmax_ce: 3 };
  const OPTIMIZERS = { sgd: 0, momentum: 1, nesterov: 2, adagrad: 3, rmsprop: 4, adam: 5, adamw: 6 };
  const ADAM_KINDS = new Set(['adam', 'adamw']);
  // Each optimizer's state slots in the engine's member order (engine/optim/optimizer.cpp): Momentum::velocity_,
  // AdaGrad::accumulated_, RmsProp::mean_square_, Adam::first_moment_ and second_moment_. Slot k lives in
  // the GPU buffer STATE_BUFFERS[k] of every parameter; SQUARE_SLOTS are sums of squares
  // (never negative, or sqrt would turn them into NaN).
  const STATE_SLOTS = {
    sgd: [], momentum: ['velocity'], nesterov: ['velocity'], adagrad: ['accumulated squares'],
    rmsprop: ['mean square'], adam: ['first moment', 'second moment'], adamw: ['first moment', 'second moment'],
  };
  const STATE_BUFFERS = ['first', 'second'];
  const SQUARE_SLOTS = new Set(['accumulated squares', 'mean square', 'second moment']);
  const SHADERS = ['gemm.wgsl', 'dense.wgsl', 'loss.wgsl', 'optimizer.wgsl'];
  const ELEMENTWISE_ENTRIES = {
    dense: ['add_bias', 'bias_activation', 'activation_backward', 'column_sum'],
    loss: ['loss_gradient'],
    optimizer: ['update'],
  };
  // The kernels live in shaders/ beside web/, wherever the page that loads this script is.
  const DEFAULT_SHADER_BASE = global.document && document.currentScript
    ? new URL('../shaders/', document.currentScript.src).href : 'shaders/';

  const unsupported = (what) => new Error(`${what} is not supported on the GPU`);

  class NetlabGpu {
    // Resolves to a NetlabGpu, or to null with NetlabGpu.lastReason saying why not. With `compile: false`
    // the kernels are compiled by the first compile() instead: a software adapter (SwiftShader) spends
    // most of a second on it in the GPU process's main thread, which draws the page's frames too, so a
    // page that will not use the GPU should not pay for it at start.
    static async create({ disabled = false, shaderBase = DEFAULT_SHADER_BASE, compile = true } = {}) {
      const fail = (reason) => { NetlabGpu.lastReason = reason; return null; };
      if (disabled) return fail('WebGPU switched off');
      if (!global.navigator || !navigator.gpu) return fail('this browser has no WebGPU');
      try {
        const adapter = await navigator.gpu.requestAdapter();
        if (!adapter) return fail('no WebGPU adapter');
        const device = await adapter.requestDevice({
          requiredLimits: { maxComputeWorkgroupStorageSize: Math.min(16384, adapter.limits.maxComputeWorkgroupStorageSize) },
        });
        const code = await Promise.all(SHADERS.map((f) => fetch(shaderBase + f).then((r) => {
          if (!r.ok) throw new Error(`cannot load ${f}`);
          return r.text();
        })));
        const gpu = new NetlabGpu(device, adapter, code);
        if (compile) await gpu.compile();
        return gpu.available ? gpu : fail(gpu.reason);
      } catch (error) {
        return fail(String(error && error.message || error));
      }
    }

    constructor(device, adapter, code) {
      this.device = device;
      this.adapterInfo = adapter.info ? `${adapter.info.vendor} ${adapter.info.architecture} ${adapter.info.description}`.trim() : '';
      this.available = true;
      this.reason = '';
      this.code = code;
      this.compiled = null;  // the promise of compile(), once asked for
      device.lost.then((info) => this.disable(`device lost: ${info.message || info.reason}`));
      device.addEventListener && device.addEventListener('uncapturederror', (e) => this.disable(`WebGPU error: ${e.error.message}`));
    }

    // Compiles the kernels once; resolves when they are ready (or `available` is false and `reason` says why).
    compile() {
      if (!this.compiled) this.compiled = this.compilePipelines();
      return this.compiled;
    }

    async compilePipelines() {
      const [gemmCode, denseCode, lossCode, optimizerCode] = this.code;
      const device = this.device;
      device.pushErrorScope('validation');
      const gemmModule = device.createShaderModule({ code: gemmCode });
      this.gemmPipeline = device.createComputePipeline({ layout: 'auto', compute: { module: gemmModule, entryPoint: 'main' } });
      // One explicit layout for all element-wise kernels (four storage buffers, the shape, the optimizer
      // settings): 'auto' would drop the bindings an entry point does not use, and then one bind-group
      // shape could not serve them all.
      const storage = (binding) => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'storage' } });
      const uniform = (binding) => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform' } });
      this.elementwiseLayout = device.createBindGroupLayout({
        entries: [storage(0), storage(1), storage(2), storage(3), uniform(4), uniform(5)],
      });
      const pipelineLayout = device.createPipelineLayout({ bindGroupLayouts: [this.elementwiseLayout] });
      const modules = { dense: denseCode, loss: lossCode, optimizer: optimizerCode };
      this.pipelines = {};
      for (const [name, entries] of Object.entries(ELEMENTWISE_ENTRIES)) {
        const module = device.createShaderModule({ code: modules[name] });
        for (const entryPoint of entries)
          this.pipelines[entryPoint] = device.createComputePipeline({ layout: pipelineLayout, compute: { module, entryPoint } });
      }
      // Stand-ins for the bindings a kernel does not use: distinct, so no buffer is bound twice as writable.
      this.unused = [0, 1, 2, 3].map(() => this.buffer(4));
      this.unusedSettings = this.uniform(new Uint32Array(12));
      const error = await device.popErrorScope();
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
      const buffer = this.device.createBuffer({ size: Math.max(16, Math.ceil(words.byteLength / 16) * 16), usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
      this.device.queue.writeBuffer(buffer, 0, words.buffer, words.byteOffset, words.byteLength);
      return buffer;
    }

    // A recorded GEMM C = op(A) op(B) (+C): bind group and grid, replayed by encodeKernel every step.
    gemmKernel(a, b, c, m, n, k, transA = false, transB = false, accumulate = false) {
      const shape = this.uniform(new Uint32Array([m, n, k, transA ? 1 : 0, transB ? 1 : 0, accumulate ? 1 : 0, 0, 0]));
      const group = this.device.createBindGroup({
        layout: this.gemmPipeline.getBindGroupLayout(0),
        entries: [a, b, c, shape].map((buffer, binding) => ({ binding, resource: { buffer } })),
      });
      return { pipeline: this.gemmPipeline, group, groups: [Math.ceil(n / 64), Math.ceil(m / 64)], uniforms: [shape] };
    }

    // A recorded element-wise kernel over `invocations` threads; `buffers` fill storage bindings 0..3 in
    // order (missing ones get stand-ins), `settings` is the optimizer's uniform buffer.
    elementwiseKernel(entry, buffers, { rows, cols, kind = 0, flag = 0, invocations = rows * cols, settings = null }) {
      const shape = this.uniform(new Uint32Array([rows, cols, kind, flag]));
      const bound = [0, 1, 2, 3].map((i) => buffers[i] || this.unused[i]).concat([shape, settings || this.unusedSettings]);
      const group = this.device.createBindGroup({
        layout: this.elementwiseLayout,
        entries: bound.map((buffer, binding) => ({ binding, resource: { buffer } })),
      });
      return { pipeline: this.pipelines[entry], group, groups: [Math.ceil(invocations / 64)], uniforms: [shape] };
    }

    encodeKernel(pass, kernel) {
      pass.setPipeline(kernel.pipeline);
      pass.setBindGroup(0, kernel.group);
      pass.dispatchWorkgroups(...kernel.groups);
    }

    // Encodes C = op(A) op(B) (+C) on GPU buffers into `pass` (one-off: allocates its uniform).
    encodeGemm(pass, a, b, c, m, n, k, transA = false, transB = false, accumulate = false) {
      this.encodeKernel(pass, this.gemmKernel(a, b, c, m, n, k, transA, transB, accumulate));
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

    // Throws Error('<what> is not supported on the GPU') for names outside NetlabGpu.SUPPORTED, and a
    // clear Error for shapes that do not fit together.
    createMlp(description) {
      return new GpuMlp(this, description);
    }
  }

  NetlabGpu.SUPPORTED = Object.freeze({
    activations: Object.freeze(Object.keys(ACTIVATIONS)),
    losses: Object.freeze(Object.keys(LOSSES)),
    optimizers: Object.freeze(Object.keys(OPTIMIZERS)),
  });

  const PLANS_KEPT = 8;  // batch sizes whose buffers and bind groups stay cached

  // A dense network Y = X W + b per layer (engine/nn/dense.cpp), the engine's element-wise activation after
  // every hidden layer, a linear output layer feeding the engine loss. Weights, biases and optimizer
  // state stay on the GPU. step() encodes one whole engine training step — forward, loss value and
  // gradient, backward, optimizer update of every parameter — in one submission and resolves to the
  // batch loss once the GPU has finished; further steps can be queued before that resolves.
  class GpuMlp {
    constructor(gpu, { sizes, activations = [], loss, weights, biases }) {
      const layers = (sizes || []).length - 1;
      if (!(layers >= 1) || !sizes.every((s) => Number.isInteger(s) && s > 0))
        throw new Error('createMlp needs sizes: at least two positive integers (inputs ... outputs)');
      if (activations.length !== layers - 1)
        throw new Error(`createMlp needs one activation per hidden layer (${layers - 1}), got ${activations.length}`);
      for (const name of activations) if (!(name in ACTIVATIONS)) throw unsupported(`activation '${name}'`);
      if (!(loss in LOSSES)) throw unsupported(`loss '${loss}'`);
      for (let l = 0; l < layers; ++l) {
        if (!weights || !weights[l] || weights[l].length !== sizes[l] * sizes[l + 1])
          throw new Error(`createMlp: weights[${l}] must hold ${sizes[l]} x ${sizes[l + 1]} values`);
        if (!biases || !biases[l] || biases[l].length !== sizes[l + 1])
          throw new Error(`createMlp: biases[${l}] must hold ${sizes[l + 1]} values`);
      }
      this.gpu = gpu;
      this.sizes = sizes.slice();
      this.layers = layers;
      this.activations = activations.map((a) => ACTIVATIONS[a]);
      this.loss = LOSSES[loss];
      // Parameter tensors in the engine's CollectParameters order: W0, b0, W1, b1, ...
      this.parameters = [];
      for (let l = 0; l < layers; ++l) {
        for (const [data, rows, cols, isWeight] of [[weights[l], sizes[l], sizes[l + 1], 1], [biases[l], 1, sizes[l + 1], 0]]) {
          const count = rows * cols;
          this.parameters.push({
            rows, cols, isWeight,
            value: gpu.buffer(Float32Array.from(data)),
            gradient: gpu.buffer(count),
            first: gpu.buffer(count),  // velocity / accumulated squares / Adam m: zero, as EnsureState
            second: gpu.buffer(count), // Adam v
          });
        }
      }
      this.settingsWords = new ArrayBuffer(48);
      this.settings = gpu.uniform(new Uint32Array(12));
      // The kind whose state the `first`/`second` buffers hold (null: none, the next step starts from
      // zero) and how many steps that state has taken (Adam's t).
      this.optimizerKind = null;
      this.stateSteps = 0;
      this.plans = new Map();
      this.destroyed = false;
    }

    // Buffers and recorded kernels for batches of `rows` samples, built once per batch size.
    plan(rows) {
      let plan = this.plans.get(rows);
      if (plan) {
        this.plans.delete(rows);
        this.plans.set(rows, plan);  // most recently used last
        return plan;
      }
      const gpu = this.gpu, sizes = this.sizes, L = this.layers, p = this.parameters;
      // activations[l]: input of layer l (activations[0] the batch); pre[l]: X W + b of layer l;
      // deltas[l]: dL/d(pre of layer l) once backpropagated, rows x sizes[l + 1].
      const activations = [gpu.buffer(rows * sizes[0])];
      const pre = [], deltas = [], kernels = [];
      for (let l = 0; l < L; ++l) {
        pre.push(gpu.buffer(rows * sizes[l + 1]));
        deltas.push(gpu.buffer(rows * sizes[l + 1]));
        if (l < L - 1) activations.push(gpu.buffer(rows * sizes[l + 1]));
      }
      const targets = gpu.buffer(rows * sizes[L]), rowLoss = gpu.buffer(rows);
      for (let l = 0; l < L; ++l) {
        const [fanIn, fanOut] = [sizes[l], sizes[l + 1]];
        kernels.push(gpu.gemmKernel(activations[l], p[2 * l].value, pre[l], rows, fanOut, fanIn));
        kernels.push(l === L - 1
          ? gpu.elementwiseKernel('add_bias', [pre[l], p[2 * l + 1].value], { rows, cols: fanOut })
          : gpu.elementwiseKernel('bias_activation', [pre[l], p[2 * l + 1].value, activations[l + 1]],
                                  { rows, cols: fanOut, kind: this.activations[l] }));
      }
      kernels.push(gpu.elementwiseKernel('loss_gradient', [pre[L - 1], targets, deltas[L - 1], rowLoss],
                                         { rows, cols: sizes[L], kind: this.loss, invocations: rows }));
      // Backward from the top (engine Dense::Backward: dW = Xᵀ dY, db = colsum dY, dX = dY Wᵀ), then the
      // update of that layer: its weights are not needed below it once dX is computed, so this equals
      // the engine's backward-everything-then-step order.
      for (let l = L - 1; l >= 0; --l) {
        const [fanIn, fanOut] = [sizes[l], sizes[l + 1]];
        const [weight, bias] = [p[2 * l], p[2 * l + 1]];
        kernels.push(gpu.gemmKernel(activations[l], deltas[l], weight.gradient, fanIn, fanOut, rows, true, false));
        kernels.push(gpu.elementwiseKernel('column_sum', [deltas[l], bias.gradient], { rows, cols: fanOut, invocations: fanOut }));
        if (l > 0) {
          kernels.push(gpu.gemmKernel(deltas[l], weight.value, deltas[l - 1], rows, fanIn, fanOut, false, true));
          kernels.push(gpu.elementwiseKernel('activation_backward', [deltas[l - 1], pre[l - 1], activations[l]],
                                             { rows, cols: fanIn, kind: this.activations[l - 1] }));
        }
        for (const parameter of [weight, bias])
          kernels.push(gpu.elementwiseKernel('update', [parameter.value, parameter.gradient, parameter.first, parameter.second],
                                             { rows: parameter.rows, cols: parameter.cols, flag: parameter.isWeight, settings: this.settings }));
      }
      plan = { rows, input: activations[0], targets, rowLoss, kernels, staging: [],
               buffers: [...activations, ...pre, ...deltas, targets, rowLoss, ...kernels.flatMap((k) => k.uniforms)] };
      this.plans.set(rows, plan);
      if (this.plans.size > PLANS_KEPT) this.dropPlan(this.plans.keys().next().value);
      return plan;
    }

    // WebGPU frees a destroyed buffer only after the work already submitted with it has finished.
    dropPlan(rows) {
      const plan = this.plans.get(rows);
      this.plans.delete(rows);
      plan.buffers.concat(plan.staging).forEach((b) => b.destroy());
      plan.staging = [];
    }

    // Writes this step's optimizer settings (engine OptimizerSettings field names); a new kind starts
    // from zero state, as a freshly created engine Optimizer does.
    writeSettings(encoder, optimizer) {
      const kind = optimizer && optimizer.kind;
      if (!(kind in OPTIMIZERS)) throw unsupported(`optimizer '${kind}'`);
      if (kind !== this.optimizerKind) {
        for (const p of this.parameters) { encoder.clearBuffer(p.first); encoder.clearBuffer(p.second); }
        this.optimizerKind = kind;
        this.stateSteps = 0;
      }
      const t = ++this.stateSteps;
      // The engine keeps its settings as float; Math.fround mirrors its float arithmetic for 1 - beta^t:
      // correction = 1.0f - float(pow(double(beta), double(t))), t counting the steps taken with this state
      // from 1 (continuing from setState's step, as the engine's Adam::step_ does once restored).
      const f = Math.fround;
      const setting = (name, fallback) => f(optimizer[name] === undefined ? fallback : optimizer[name]);
      const beta1 = setting('beta1', 0.9), beta2 = setting('beta2', 0.999);
      let correction1 = 1, correction2 = 1;
      if (ADAM_KINDS.has(kind)) {
        correction1 = f(1 - f(Math.pow(beta1, t)));
        correction2 = f(1 - f(Math.pow(beta2, t)));
      }
      const floats = new Float32Array(this.settingsWords, 0, 9);
      floats.set([setting('learning_rate', 0.03), setting('momentum', 0.9), beta1, beta2, setting('epsilon', 1e-8),
                  setting('rho', 0.9), setting('weight_decay', 0.01), correction1, correction2]);
      new Uint32Array(this.settingsWords, 36, 3).set([OPTIMIZERS[kind], 0, 0]);
      this.gpu.device.queue.writeBuffer(this.settings, 0, this.settingsWords);
    }

    // One engine training step on a batch; resolves to Loss::value of the batch before the update, or null
    // when the GPU path failed (gpu.reason says why). Never throws.
    async step(inputs, targets, optimizer) {
      const gpu = this.gpu, device = gpu.device;
      if (!gpu.available) return null;
      let staging = null, plan = null;
      try {
        if (this.destroyed) throw new Error('step() on a destroyed network');
        const rows = inputs.length / this.sizes[0];
        if (!(rows >= 1) || !Number.isInteger(rows) || targets.length !== rows * this.sizes[this.layers])
          throw new Error(`step() needs rows x ${this.sizes[0]} inputs and rows x ${this.sizes[this.layers]} targets, got ${inputs.length} and ${targets.length}`);
        device.pushErrorScope('validation');
        let error;
        try {
          plan = this.plan(rows);
          const encoder = device.createCommandEncoder();
          this.writeSettings(encoder, optimizer);
          // writeBuffer copies at once: the caller may refill its arrays for the next step.
          device.queue.writeBuffer(plan.input, 0, inputs instanceof Float32Array ? inputs : Float32Array.from(inputs));
          device.queue.writeBuffer(plan.targets, 0, targets instanceof Float32Array ? targets : Float32Array.from(targets));
          const pass = encoder.beginComputePass();
          for (const kernel of plan.kernels) gpu.encodeKernel(pass, kernel);
          pass.end();
          // The per-row losses go to this step's own staging buffer in the same submission, so a step
          // queued behind this one cannot overwrite them before they are read.
          staging = plan.staging.pop() || device.createBuffer({ size: Math.max(16, Math.ceil(rows / 4) * 16), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
          encoder.copyBufferToBuffer(plan.rowLoss, 0, staging, 0, staging.size);
          device.queue.submit([encoder.finish()]);
        } finally {
          error = device.popErrorScope();
        }
        if ((error = await error)) throw new Error(error.message);
        await staging.mapAsync(GPUMapMode.READ);
        const rowLoss = new Float32Array(staging.getMappedRange(), 0, rows);
        let total = 0;
        for (let r = 0; r < rows; ++r) total += rowLoss[r];
        staging.unmap();
        if (this.plans.get(rows) === plan) plan.staging.push(staging); else staging.destroy();
        // Engine losses are the mean over the batch of the per-sample loss.
        return gpu.available ? total / rows : null;
      } catch (error) {
        gpu.disable(String(error && error.message || error));
        return null;
      }
    }

    // The current parameters (after every step queued so far), engine layout: weights[l] fan_in x fan_out
    // row-major, biases[l] fan_out; with { state: true } also the optimizer state as setState takes it
    // ({ kind, step, slots } or null when the GPU holds none), all copied in one submission queued
    // behind every step so far. Resolves to null when the GPU path failed.
    async readParameters({ state = false } = {}) {
      const gpu = this.gpu, device = gpu.device;
      if (!gpu.available || this.destroyed) return null;
      try {
        // Kind and step count as of now: they describe the state after the steps already queued.
        const kind = state ? this.optimizerKind : null;
        const stateSteps = this.stateSteps;
        const slotCount = kind === null ? 0 : STATE_SLOTS[kind].length;
        const sources = [this.parameters.map((p) => p.value)];
        for (let k = 0; k < slotCount; ++k) sources.push(this.parameters.map((p) => p[STATE_BUFFERS[k]]));
        const sizes = this.parameters.map((p) => p.rows * p.cols);
        const total = sizes.reduce((a, b) => a + b, 0) * sources.length;
        const staging = device.createBuffer({ size: Math.max(16, Math.ceil(total / 4) * 16), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
        const encoder = device.createCommandEncoder();
        let offset = 0;
        for (const buffers of sources) buffers.forEach((buffer, i) => {
          encoder.copyBufferToBuffer(buffer, 0, staging, offset * 4, sizes[i] * 4);
          offset += sizes[i];
        });
        device.queue.submit([encoder.finish()]);
        await staging.mapAsync(GPUMapMode.READ);
        const all = new Float32Array(staging.getMappedRange().slice(0));
        staging.unmap();
        staging.destroy();
        if (!gpu.available) return null;
        offset = 0;
        const tensors = sources.map(() => sizes.map((size) => all.slice(offset, (offset += size))));
        const values = tensors.shift();
        const result = {
          weights: values.filter((_, i) => this.parameters[i].isWeight),
          biases: values.filter((_, i) => !this.parameters[i].isWeight),
        };
        if (state) result.state = kind === null ? null : { kind, step: stateSteps, slots: tensors };
        return result;
      } catch (error) {
        gpu.disable(String(error && error.message || error));
        return null;
      }
    }

    // Replaces the optimizer state with an engine one, { kind, step, slots } in readParameters' layout:
    // slots in the engine's order for `kind` (sgd none; momentum/nesterov velocity; adagrad accumulated
    // squares; rmsprop mean square; adam/adamw first and second moment), each one array per parameter
    // W0, b0, W1, b1, ... . The next step() of that kind continues from it (Adam's t from `step`); a step
    // of another kind starts from zero state. setState(null) drops the state. Throws a clear Error on a
    // state that does not fit this network; queued behind every step so far.
    setState(state) {
      if (this.destroyed) throw new Error('setState() on a destroyed network');
      if (state === null || state === undefined) {
        this.optimizerKind = null;
        this.stateSteps = 0;
        return;
      }
      const { kind, step, slots } = state;
      if (!(kind in STATE_SLOTS)) throw unsupported(`optimizer '${kind}'`);
      if (!Number.isInteger(step) || step < 0)
        throw new Error(`setState: step must be a non-negative integer, got ${step}`);
      const names = STATE_SLOTS[kind];
      if (!Array.isArray(slots) || slots.length !== names.length)
        throw new Error(`setState: ${kind} keeps ${names.length} state slot(s) (${names.join(', ') || 'none'}), got ${Array.isArray(slots) ? slots.length : 'no slots array'}`);
      const data = names.map((name, k) => {
        const tensors = slots[k];
        if (!tensors || tensors.length !== this.parameters.length)
          throw new Error(`setState: ${kind} ${name} needs one array per parameter (${this.parameters.length}), got ${tensors ? tensors.length : 'none'}`);
        return tensors.map((tensor, i) => {
          const p = this.parameters[i], count = p.rows * p.cols;
          if (!tensor || tensor.length !== count)
            throw new Error(`setState: ${kind} ${name} of parameter ${i} must hold ${p.rows} x ${p.cols} values, got ${tensor ? tensor.length : 'none'}`);
          const values = Float32Array.from(tensor);
          for (let j = 0; j < count; ++j) {
            if (!Number.isFinite(values[j]) || (SQUARE_SLOTS.has(name) && values[j] < 0))
              throw new Error(`setState: ${kind} ${name} of parameter ${i} holds ${values[j]} at ${j}`);
          }
          return values;
        });
      });
      const queue = this.gpu.device.queue;
      this.parameters.forEach((p, i) => STATE_BUFFERS.forEach((buffer, k) => {
        if (k < data.length) queue.writeBuffer(p[buffer], 0, data[k][i]);
        else queue.writeBuffer(p[buffer], 0, new Float32Array(p.rows * p.cols));
      }));
      this.optimizerKind = kind;
      this.stateSteps = step;
    }

    destroy() {
      if (this.destroyed) return;
      this.destroyed = true;
      for (const rows of [...this.plans.keys()]) this.dropPlan(rows);
      for (const p of this.parameters) [p.value, p.gradient, p.first, p.second].forEach((b) => b.destroy());
      this.settings.destroy();
    }
  }

  global.NetlabGpu = NetlabGpu;
})(typeof window !== 'undefined' ? window : globalThis);
