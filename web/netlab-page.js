// Page glue for index.html: checks what the browser must offer, loads the WASM app into the canvas,
// shows progress and clear errors, and exposes window.netlab for tests and scripting.
(function () {
  'use strict';
  const overlay = document.getElementById('overlay');
  function showError(text) {
    overlay.hidden = false;
    overlay.className = 'error';
    overlay.textContent = text;
    window.netlabError = text;
  }

  // The smallest module that uses a v128 instruction (from wasm-feature-detect's simd test).
  const simdProbe = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1,
                                    8, 0, 65, 0, 253, 15, 253, 98, 11]);
  function missingFeature() {
    if (typeof WebAssembly !== 'object') return 'This browser has no WebAssembly support.';
    if (!WebAssembly.validate(simdProbe))
      return 'This browser does not support WebAssembly SIMD, which Netlab needs. ' +
             'Use a current Chrome, Edge, Firefox or Safari (16.4 or later).';
    const probe = document.createElement('canvas');
    if (!probe.getContext('webgl2'))
      return 'WebGL2 is not available in this browser (or it is switched off), and Netlab draws with it. ' +
             'Enable hardware acceleration or use a current browser.';
    return null;
  }

  const problem = missingFeature();
  if (problem) { showError(problem); return; }

  // Threads need SharedArrayBuffer, which browsers give only to cross-origin isolated pages (serve.mjs
  // sends COOP/COEP); elsewhere the single-threaded build runs.
  const threaded = self.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
  const build = threaded ? 'web/dist/netlab-threads.js' : 'web/dist/netlab.js';
  const script = document.createElement('script');
  script.src = build;
  script.onerror = () => showError(`Could not load ${build}. Build it with ./scripts/serve.`);
  // The URL hash is a share link (docs/config.md); ?embed=1 gives the compact iframe layout and
  // ?autoplay=0 starts paused, ?webgpu=on|off overrides the WebGPU default. Edits push history entries,
  // so Back and Forward walk through them.
  const query = new URLSearchParams(location.search);
  const embedded = query.get('embed') === '1';
  let shownFragment = location.hash.replace(/^#/, '');
  let lastPush = 0;
  function linkFor(fragment) { return location.origin + location.pathname + '#' + fragment; }
  function onConfigChanged(fragment) {
    if (embedded || fragment === shownFragment) return;
    shownFragment = fragment;
    // A slider drag changes the config every frame: within a second, replace instead of adding entries.
    const now = Date.now();
    if (now - lastPush < 1000) history.replaceState(null, '', '#' + fragment);
    else history.pushState(null, '', '#' + fragment);
    lastPush = now;
  }
  function onCopyLink(fragment) {
    const url = linkFor(fragment);
    window.netlabLastLink = url;
    if (embedded) { window.open(url, '_blank', 'noopener'); return; }
    const fallback = () => window.prompt('Copy this link:', url);
    if (navigator.clipboard) navigator.clipboard.writeText(url).catch(fallback);
    else fallback();
  }

  function onCopyTfPlaygroundLink(url) {
    window.netlabLastTfPlaygroundLink = url;
    const fallback = () => window.prompt('Copy this TensorFlow Playground link:', url);
    if (navigator.clipboard) navigator.clipboard.writeText(url).catch(fallback);
    else fallback();
  }
  // A course page hears that its exercise's goal was met: an iframe (?embed=1) gets a message
  // {type: 'netlab-goal', goal: {...}} from its frame, and the page itself a 'netlab-goal' event.
  function onGoal(goal) {
    window.netlabGoal = goal;
    window.dispatchEvent(new CustomEvent('netlab-goal', { detail: goal }));
    if (window.parent !== window) window.parent.postMessage({ type: 'netlab-goal', goal }, '*');
  }

  script.onload = () => {
    createNetlab({
      canvas: document.getElementById('canvas'),
      netlabConfig: shownFragment,
      netlabAutoplay: query.get('autoplay') !== '0',
      netlabEmbedded: embedded,
      onNetlabCopyLink: onCopyLink,
      onNetlabConfigChanged: onConfigChanged,
      onNetlabCopyTfPlaygroundLink: onCopyTfPlaygroundLink,
      onNetlabGoal: onGoal,
      onNetlabReady: () => { overlay.hidden = true; },
      onAbort: (what) => showError('Netlab stopped: ' + what),
      printErr: (text) => console.warn(text),
    }).then((module) => {
      const status = module.cwrap('netlab_status_json', 'string', []);
      const loadConfig = (text) => !!module.ccall('netlab_load_config', 'number', ['string'], [text]);
      window.netlab = {
        module,
        build,
        gemmThreads: () => module.ccall('netlab_gemm_threads', 'number', [], []),
        status: () => JSON.parse(status()),
        setPlaying: (on) => module.ccall('netlab_set_playing', null, ['number'], [on ? 1 : 0]),
        configText: () => module.ccall('netlab_config_text', 'string', [], []),
        loadConfig,
        setView: (view) => module.ccall('netlab_set_view', null, ['string'], [view]),
        openWindow: (name) => module.ccall('netlab_open_window', null, ['string'], [name]),
        // Gives the Models window data files, [{name, bytes: Uint8Array}] (gzipped ones are unpacked), as
        // its "Open files..." button does; status().models says how it went.
        loadModelsData: (files) => module.netlabLoadModelsData('your files', files),
        // Switches the Models window to a built-in data set: 'digits 8x8', 'iris', 'Fashion-MNIST subset'.
        setModelsData: (name) => !!module.ccall('netlab_models_data_source', 'number', ['string'], [name]),
        // Where a named button ('Start search', 'Apply best', 'Cancel search') was drawn, in page pixels.
        itemRect: (name) => {
          const r = JSON.parse(module.ccall('netlab_item_rect', 'string', ['string'], [name]));
          if (!r) return null;
          const canvas = document.getElementById('canvas').getBoundingClientRect();
          return { x: canvas.x + r.x, y: canvas.y + r.y, width: r.width, height: r.height };
        },
        // The text the last frame drew: runs that overlap each other or are cut off (layout_report.h).
        layoutReport: () => JSON.parse(module.ccall('netlab_layout_report', 'string', [], [])),
        saveWeights: () => module.ccall('netlab_save_weights', null, [], []),
        openFile: () => module.ccall('netlab_open_file', null, [], []),
        // What the Export ONNX / History CSV / Data CSV buttons save: base64url ONNX bytes ('' when the
        // network has no ONNX form), and CSV text.
        exportOnnxBase64: () => module.ccall('netlab_export_onnx_base64', 'string', [], []),
        historyCsv: () => module.ccall('netlab_history_csv', 'string', [], []),
        datasetCsv: () => module.ccall('netlab_dataset_csv', 'string', [], []),
        editConfig: (text) => !!module.ccall('netlab_edit_config', 'number', ['string'], [text]),
        shareLink: () => linkFor(module.ccall('netlab_share_link', 'string', [], [])),
        // What "Copy TF Playground link" copies: {link: URL or null, why: the reason when null}.
        tfPlaygroundLink: () => JSON.parse(module.ccall('netlab_tf_playground_link', 'string', [], [])),
        // Steps n times (also while paused) and returns the train loss after each step.
        step: (n) => JSON.parse(module.ccall('netlab_step', 'string', ['number'], [n])),
      };
      const followHash = () => {
        const fragment = location.hash.replace(/^#/, '');
        if (fragment === shownFragment) return;
        shownFragment = fragment;
        loadConfig(fragment);
      };
      // ?webgpu=on uses any adapter (software ones too), ?webgpu=off never asks for one; by default
      // hardware adapters train large networks (see the Compute section).
      const gpuMode = ['on', 'off'].includes(query.get('webgpu')) ? query.get('webgpu') : 'auto';
      window.netlab.gpuReady = window.NetlabGpuTrainer
        ? NetlabGpuTrainer.attach(module, gpuMode).catch((error) => { console.warn('WebGPU: ' + error); return null; })
        : Promise.resolve(null);
      window.netlab.gpuReady.then((trainer) => { window.netlab.gpuTrainer = trainer; });
      window.addEventListener('popstate', followHash);
      window.addEventListener('hashchange', followHash);
    }, (error) => showError('Netlab could not start: ' + error));
  };
  document.body.appendChild(script);
})();
