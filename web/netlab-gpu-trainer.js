// Runs a Netlab module's training steps on WebGPU (web/netlab-gpu.js) when the app's plan says the
// network can go there and is large enough (engine/gpu/gpu_offload.h). Each animation frame it queues a
// frame's worth of steps on the trainer's own mini-batches (weights stay on the GPU), counts them as
// their losses come back, then copies the weights into the app so that the plots, views and any CPU
// fallback see them, together with the optimizer state, so the engine holds the whole truth between
// frames. Any GPU failure hands training back to the CPU at the last copy.
(function (global) {
  'use strict';

  const millions = (n) => (n / 1e6).toFixed(n < 1e7 ? 2 : 0) + ' M';
  // Software adapters (SwiftShader, llvmpipe, WARP) are slower than the WASM GEMM: off unless asked for.
  const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|lavapipe|warp|fallback/i;

  class GpuTrainer {
    // mode: 'auto' (use hardware adapters), 'on' (any adapter), 'off' (never create a device).
    static async attach(module, mode = 'auto') {
      const call = (name, ret, types, args) => module.ccall(name, ret, types, args);
      const available = (ok, text, wanted) => call('netlab_gpu_set_available', null, ['number', 'string', 'number'], [ok, text, wanted]);
      if (mode === 'off') {
        available(0, 'switched off by ?webgpu=off', 0);
        return null;
      }
      const gpu = global.NetlabGpu ? await global.NetlabGpu.create({ compile: false }) : null;
      if (!gpu) {
        available(0, global.NetlabGpu ? global.NetlabGpu.lastReason : 'netlab-gpu.js is not loaded', 0);
        return null;
      }
      const software = gpu.software === true || SOFTWARE_ADAPTER.test(gpu.adapterInfo);
      const adapter = (gpu.adapterInfo || 'WebGPU adapter') + (software ? ' (software)' : '');
      const wanted = mode === 'on' || !software;
      // The kernels are compiled now where the GPU is wanted from the start, else when it is switched on
      // (ensureCompiled): a software adapter's compile holds the page's frames for most of a second.
      if (wanted) {
        await gpu.compile();
        if (!gpu.available) {
          available(0, gpu.reason, 0);
          return null;
        }
      }
      available(1, adapter, wanted ? 1 : 0);
      const trainer = new GpuTrainer(module, gpu);
      trainer.schedule();
      return trainer;
    }

    constructor(module, gpu) {
      this.module = module;
      this.gpu = gpu;
      this.mlp = null;
      this.generation = -1;
      this.status = null;
      this.stepsPerFrame = 1;  // grows or shrinks to fill about one frame when the app says "fastest"
      this.busy = false;
    }

    call(name, ret = null, types = [], args = []) { return this.module.ccall(name, ret, types, args); }
    plan() { return JSON.parse(this.call('netlab_gpu_plan_json', 'string')); }

    setActive(active, status) {
      const key = (active ? 1 : 0) + status;
      if (key === this.status) return;
      this.status = key;
      this.call('netlab_gpu_set_active', null, ['number', 'string'], [active ? 1 : 0, status]);
    }

    // Compiles the kernels the first time a plan can use them; false when that failed (then reported).
    async ensureCompiled() {
      await this.gpu.compile();
      if (this.gpu.available) return true;
      this.fail();
      return false;
    }

    // Why this plan cannot run on the GPU now, or '' when it can.
    refusal(plan) {
      if (!this.gpu.available) return 'WebGPU stopped (' + this.gpu.reason + ').';
      if (!plan.wanted) return 'the GPU is switched off.';
      if (plan.unsupported) return plan.unsupported;  // the engine's decision (engine/gpu/gpu_offload.h)
      if (!plan.large_enough)
        return `this network needs ${millions(plan.multiply_adds)} multiply-adds per step, fewer than the ` +
               `${millions(plan.threshold)} that repay the GPU's latency.`;
      return '';
    }

    // Float32 copies out of the WASM heap (which may grow, and may be shared memory WebGPU refuses).
    heap(pointer, count) { return this.module.HEAPF32.slice(pointer >> 2, (pointer >> 2) + count); }

    // The engine's parameters (layer 1 weights, layer 1 bias, ...) and optimizer state slots, copied out.
    engineParameters() {
      const count = this.call('netlab_gpu_parameter_count', 'number');
      const sizes = Array.from({ length: count }, (_, i) => this.call('netlab_gpu_parameter_size', 'number', ['number'], [i]));
      const parameters = sizes.map((size, i) => this.heap(this.call('netlab_gpu_parameter', 'number', ['number'], [i]), size));
      const slots = Array.from({ length: this.call('netlab_gpu_state_slots', 'number') }, (_, slot) =>
        sizes.map((size, i) => this.heap(this.call('netlab_gpu_state', 'number', ['number', 'number'], [slot, i]), size)));
      return { parameters, slots, step: Math.max(0, this.call('netlab_gpu_state_step', 'number')) };
    }

    // Creates the GPU copy of the engine's network and optimizer state.
    upload(plan) {
      if (this.mlp) this.mlp.destroy();
      this.mlp = null;
      const { parameters, slots, step } = this.engineParameters();
      const weights = parameters.filter((_, i) => i % 2 === 0), biases = parameters.filter((_, i) => i % 2 === 1);
      this.mlp = this.gpu.createMlp({ sizes: plan.sizes, activations: plan.activations, loss: plan.loss, weights, biases });
      this.mlp.setState({ kind: plan.optimizer.kind, step, slots });
      this.generation = plan.generation;
      this.localSteps = plan.local_steps;
    }

    // Writes what the GPU read back into the engine: weights, and the optimizer state when it belongs to
    // the engine's current optimizer (a changed kind starts fresh on both sides).
    download(read) {
      const count = this.call('netlab_gpu_parameter_count', 'number');
      const pointer = (i) => this.call('netlab_gpu_parameter', 'number', ['number'], [i]) >> 2;
      for (let i = 0; i < count; ++i) this.module.HEAPF32.set(i % 2 ? read.biases[i >> 1] : read.weights[i >> 1], pointer(i));
      const state = read.state;
      if (state && state.kind === this.plan().optimizer.kind && state.slots.length === this.call('netlab_gpu_state_slots', 'number')) {
        state.slots.forEach((slot, s) => slot.forEach((values, i) =>
          this.module.HEAPF32.set(values, this.call('netlab_gpu_state', 'number', ['number', 'number'], [s, i]) >> 2)));
        this.call('netlab_gpu_set_state_step', null, ['number'], [state.step]);
      }
      this.call('netlab_gpu_parameters_loaded');
    }

    // Queues `count` steps, counts the finished ones and copies the weights back; false when the GPU
    // failed or the app rebuilt its trainer meanwhile (then nothing is counted or copied).
    async run(plan, count) {
      const steps = [];
      const inputs = plan.sizes[0], outputs = plan.sizes[plan.sizes.length - 1];
      for (let i = 0; i < count; ++i) {
        const rate = this.call('netlab_gpu_draw_batch', 'number');
        if (rate < 0) break;
        const rows = this.call('netlab_gpu_batch_rows', 'number');
        const x = this.heap(this.call('netlab_gpu_batch_inputs', 'number'), rows * inputs);
        const t = this.heap(this.call('netlab_gpu_batch_targets', 'number'), rows * outputs);
        steps.push(this.mlp.step(x, t, { ...plan.optimizer, learning_rate: rate }));
      }
      const parameters = this.mlp.readParameters({ state: true });
      const losses = await Promise.all(steps);
      const read = await parameters;
      const now = this.plan();
      // A rebuilt trainer, or CPU steps taken meanwhile (the Step button), make these results stale.
      if (now.generation !== plan.generation) return false;
      if (now.local_steps !== plan.local_steps) {
        this.call('netlab_gpu_abandon_steps');
        return false;
      }
      if (!read || losses.some((l) => l === null)) return false;
      for (const loss of losses) this.call('netlab_gpu_count_step', null, ['number'], [loss]);
      this.download(read);
      return true;
    }

    // One round: decide, (re)upload when the trainer changed, run a frame's steps while playing.
    async tick() {
      const plan = this.plan();
      const refusal = this.refusal(plan);
      if (refusal) {
        if (this.mlp) { this.mlp.destroy(); this.mlp = null; }
        this.setActive(false, refusal.charAt(0).toUpperCase() + refusal.slice(1));
        return;
      }
      if (plan.ended) return;
      if (!(await this.ensureCompiled())) return;
      if (!this.mlp || this.generation !== plan.generation || this.localSteps !== plan.local_steps) {
        try {
          this.upload(plan);
        } catch (error) {
          this.setActive(false, String(error.message || error));
          this.generation = plan.generation;
          return;
        }
      }
      this.setActive(true, `${plan.sizes.join('-')} network, ${millions(plan.multiply_adds)} multiply-adds per step.`);
      if (!plan.playing) return;
      const started = performance.now();
      // The speed's steps for this frame (0 on a fast screen's frame between them); at the fastest
      // speed as many as keep a frame within about 12 to 24 ms.
      const count = plan.fastest ? this.stepsPerFrame : plan.steps_per_frame;
      if (count === 0) return;
      const ok = await this.run(plan, count);
      if (!ok && !this.gpu.available) this.fail();
      if (ok && plan.fastest) {
        const took = performance.now() - started;
        this.stepsPerFrame = Math.max(1, Math.min(4096, took < 12 ? this.stepsPerFrame * 2 : took > 24 ? this.stepsPerFrame >> 1 : this.stepsPerFrame));
      }
    }

    fail() {
      if (this.mlp) { try { this.mlp.destroy(); } catch (e) { /* the device is gone already */ } }
      this.mlp = null;
      this.setActive(false, 'WebGPU stopped (' + this.gpu.reason + '); training goes on on the CPU.');
    }

    schedule() {
      global.requestAnimationFrame(async () => {
        if (!this.busy) {
          this.busy = true;
          try {
            await this.tick();
          } catch (error) {
            this.gpu.disable(String(error.message || error));
            this.fail();
          }
          this.busy = false;
        }
        this.schedule();
      });
    }

    // For scripts and tests while paused: exactly `count` GPU steps, one at a time, each followed by the
    // copy back and evaluation; resolves to the train loss after each (like window.netlab.step).
    async steps(count) {
      while (this.busy) await new Promise((r) => setTimeout(r, 5));
      this.busy = true;
      try {
        const losses = [];
        for (let i = 0; i < count; ++i) {
          const plan = this.plan();
          const refusal = this.refusal(plan);
          if (refusal) throw new Error(refusal);
          if (!(await this.ensureCompiled())) throw new Error('WebGPU stopped (' + this.gpu.reason + ').');
          if (!this.mlp || this.generation !== plan.generation || this.localSteps !== plan.local_steps) this.upload(plan);
          this.setActive(true, `${plan.sizes.join('-')} network, ${millions(plan.multiply_adds)} multiply-adds per step.`);
          if (!(await this.run(plan, 1))) throw new Error('a GPU step failed: ' + this.gpu.reason);
          losses.push(JSON.parse(this.call('netlab_status_json', 'string')).train_loss);
        }
        return losses;
      } finally {
        this.busy = false;
      }
    }
  }

  global.NetlabGpuTrainer = GpuTrainer;
})(typeof window !== 'undefined' ? window : globalThis);
