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
  // A first visit (no link, never here before) opens with the welcome card's three starting points.
  let firstVisit = false;
  try {
    firstVisit = !embedded && !shownFragment && !localStorage.getItem('netlab-visited');
    localStorage.setItem('netlab-visited', '1');
  } catch (e) { /* storage denied: no card, rather than one on every visit */ }
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

  // Pinned runs: kept in this browser's storage (not an embed's: its demos share the origin); a pins link
  // (?pins=...) opens with its list, which replaces the kept one.
  let pinsText = '';
  try { pinsText = embedded ? '' : (localStorage.getItem('netlab-pins') || ''); } catch (e) { /* storage denied */ }
  if (query.has('pins')) pinsText = query.get('pins');
  function onPinsChanged(pins) {
    if (embedded) return;
    try { localStorage.setItem('netlab-pins', pins); } catch (e) { /* storage full or denied: pins last the visit */ }
  }
  function onCopyPinsLink(pins) {
    const url = location.origin + location.pathname + '?pins=' + encodeURIComponent(pins) + location.hash;
    window.netlabLastPinsLink = url;
    const fallback = () => window.prompt('Copy this link to the pinned runs:', url);
    if (navigator.clipboard) navigator.clipboard.writeText(url).catch(fallback);
    else fallback();
  }

  // The training as a video for slides (issue 35): the canvas's capture stream into MediaRecorder's WebM,
  // at most 60 s, with a progress bar and Stop over the page. Resolves to the video (a Blob).
  let recording = null;
  function recordVideo(seconds) {
    if (recording) return Promise.reject(new Error('already recording'));
    seconds = Math.min(60, Math.max(1, Number(seconds) || 10));
    const canvas = document.getElementById('canvas');
    const type = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm']
      .find((t) => window.MediaRecorder && MediaRecorder.isTypeSupported(t));
    if (!type || !canvas.captureStream) return Promise.reject(new Error('This browser cannot record the page as WebM video.'));
    const recorder = new MediaRecorder(canvas.captureStream(30), { mimeType: type, videoBitsPerSecond: 5e6 });
    const chunks = [];
    recorder.ondataavailable = (e) => { if (e.data.size) chunks.push(e.data); };
    const bar = document.createElement('div');
    bar.id = 'netlab-recording';
    bar.setAttribute('role', 'status');
    bar.style.cssText = 'position:fixed;right:12px;bottom:12px;z-index:10;padding:8px 12px;border-radius:6px;' +
      'background:#222;color:#fff;font:14px system-ui,sans-serif;display:flex;gap:10px;align-items:center';
    const label = document.createElement('span');
    const stop = document.createElement('button');
    stop.textContent = 'Stop';
    bar.append(label, stop);
    document.body.appendChild(bar);
    const start = performance.now();
    return new Promise((resolve, reject) => {
      const tick = setInterval(() => {
        const elapsed = (performance.now() - start) / 1000;
        label.textContent = `Recording ${elapsed.toFixed(1)} of ${seconds} s`;
        if (elapsed >= seconds && recorder.state === 'recording') recorder.stop();
      }, 100);
      stop.onclick = () => { if (recorder.state === 'recording') recorder.stop(); };
      recorder.onstop = () => {
        clearInterval(tick);
        bar.remove();
        recording = null;
        resolve(new Blob(chunks, { type: 'video/webm' }));
      };
      recorder.onerror = (e) => { clearInterval(tick); bar.remove(); recording = null; reject(e.error || e); };
      recording = recorder;
      recorder.start(250);
    });
  }
  function onRecordVideo(seconds) {
    recordVideo(seconds).then((video) => {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(video);
      link.download = 'netlab-training.webm';
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    }).catch((error) => console.warn(String(error && error.message || error)));
  }

  function onCopyTfPlaygroundLink(url) {
    window.netlabLastTfPlaygroundLink = url;
    const fallback = () => window.prompt('Copy this TensorFlow Playground link:', url);
    if (navigator.clipboard) navigator.clipboard.writeText(url).catch(fallback);
    else fallback();
  }
  // A course page hears that its exercise's goal was met: an iframe (?embed=1) gets a message
  // {type: 'netlab-goal', goal: {...}} from its frame, and the page itself a 'netlab-goal' event.
  // ?parent=ORIGIN names the only origin the embedding page may have: goal messages go to it alone, and
  // messages from any other are ignored.
  const parentOrigin = query.get('parent');
  function onGoal(goal) {
    window.netlabGoal = goal;
    window.dispatchEvent(new CustomEvent('netlab-goal', { detail: goal }));
    if (window.parent !== window) window.parent.postMessage({ type: 'netlab-goal', goal }, parentOrigin || '*');
  }

  // The interface of an iframe (?embed=1) for its embedding page: messages {type: 'netlab-load', config},
  // {type: 'netlab-play'}, {type: 'netlab-pause'}, {type: 'netlab-step', steps} and {type: 'netlab-status'},
  // each answered with {type: 'netlab-status', status} or {type: 'netlab-error', error}. Only the
  // embedding page is heard (the message's source is this frame's parent, and its origin the ?parent=
  // one when given); anything else that arrives (another frame, a popup, another origin, a message not
  // meant for Netlab) is ignored without a word, as are messages that are not Netlab's.
  function listenToParent(netlab) {
    if (window.parent === window) return;
    window.addEventListener('message', (event) => {
      if (event.source !== window.parent) return;
      if (parentOrigin && event.origin !== parentOrigin) return;
      const message = event.data;
      if (!message || typeof message !== 'object' || typeof message.type !== 'string' || !message.type.startsWith('netlab-'))
        return;
      const reply = (answer) => window.parent.postMessage(answer, event.origin === 'null' ? '*' : event.origin);
      const refuse = (error) => reply({ type: 'netlab-error', request: message.type.slice(0, 40), error });
      try {
        if (message.type === 'netlab-load') {
          if (typeof message.config !== 'string') return refuse('netlab-load needs config: the text of a link or config');
          if (!netlab.loadConfig(message.config)) return refuse(netlab.status().message);
        } else if (message.type === 'netlab-play' || message.type === 'netlab-pause') {
          netlab.setPlaying(message.type === 'netlab-play');
        } else if (message.type === 'netlab-step') {
          const steps = message.steps === undefined ? 1 : message.steps;
          if (!Number.isInteger(steps) || steps < 1 || steps > 1000)
            return refuse('netlab-step takes steps: a whole number from 1 to 1000');
          netlab.step(steps);
        } else if (message.type !== 'netlab-status') {
          return refuse(`unknown request '${message.type.slice(0, 40)}' (netlab-load, netlab-play, netlab-pause, ` +
                        'netlab-step, netlab-status)');
        }
        reply({ type: 'netlab-status', status: netlab.status() });
      } catch (error) {
        refuse(String(error && error.message || error));
      }
    });
  }

  script.onload = () => {
    createNetlab({
      canvas: document.getElementById('canvas'),
      netlabConfig: shownFragment,
      netlabAutoplay: query.get('autoplay') !== '0',
      // ?scale=1.5: the UI scale for a projector or a 4K screen (0.5 to 3).
      netlabScale: query.has('scale') ? query.get('scale') : undefined,
      netlabEmbedded: embedded,
      netlabFirstVisit: firstVisit,
      onNetlabCopyLink: onCopyLink,
      onNetlabConfigChanged: onConfigChanged,
      onNetlabCopyTfPlaygroundLink: onCopyTfPlaygroundLink,
      onNetlabGoal: onGoal,
      netlabPins: pinsText,
      onNetlabPinsChanged: onPinsChanged,
      onNetlabCopyPinsLink: onCopyPinsLink,
      onNetlabRecordVideo: onRecordVideo,
      onNetlabReady: () => { overlay.hidden = true; },
      // A stack overflow is stopped by the build's stack check (CMakeLists.txt) before it writes past the
      // stack; the kept run (web/netlab-run-keeper.js) is offered again after a reload.
      onAbort: (what) => {
        console.warn('Netlab stopped: ' + what);
        showError(/stack overflow/.test(String(what))
          ? 'Netlab stopped: it ran out of stack (something nested too deeply), and stopped before it could damage ' +
            'anything. Reload the page: a run kept in this browser is offered back.'
          : 'Netlab stopped: ' + what);
      },
      printErr: (text) => console.warn(text),
    }).then((module) => {
      const status = module.cwrap('netlab_status_json', 'string', []);
      // Texts go in through the heap, never ccall's stack (web/netlab-module.js says why).
      const withText = (name, text) => module.netlabCallWithText(module['_' + name], text, name.replace(/^netlab_/, ''));
      const loadConfig = (text) => !!withText('netlab_load_config', text);
      window.netlab = {
        module,
        build,
        gemmThreads: () => module.ccall('netlab_gemm_threads', 'number', [], []),
        status: () => JSON.parse(status()),
        setPlaying: (on) => module.ccall('netlab_set_playing', null, ['number'], [on ? 1 : 0]),
        configText: () => module.ccall('netlab_config_text', 'string', [], []),
        loadConfig,
        setView: (view) => { withText('netlab_set_view', view); },
        openWindow: (name) => { withText('netlab_open_window', name); },
        // Gives the Models window data files, [{name, bytes: Uint8Array}] (gzipped ones are unpacked), as
        // its "Open files..." button does; status().models says how it went.
        loadModelsData: (files) => module.netlabLoadModelsData('your files', files),
        // Switches the Models window to a built-in data set: 'digits 8x8', 'iris', 'Fashion-MNIST subset'.
        setModelsData: (name) => !!withText('netlab_models_data_source', name),
        // Where a named button ('Start search', 'Apply best', 'Cancel search') was drawn, in page pixels.
        itemRect: (name) => {
          const r = JSON.parse(module.UTF8ToString(withText('netlab_item_rect', name)));
          if (!r) return null;
          const canvas = document.getElementById('canvas').getBoundingClientRect();
          const zoom = module.ccall('netlab_ui_scale', 'number', [], []);  // layout units to CSS pixels
          return { x: canvas.x + zoom * r.x, y: canvas.y + zoom * r.y, width: zoom * r.width, height: zoom * r.height };
        },
        // Layout units to CSS pixels (the UI scale): layoutReport()'s rectangles are in layout units.
        uiScale: () => module.ccall('netlab_ui_scale', 'number', [], []),
        // The text the last frame drew: runs that overlap each other or are cut off (layout_report.h).
        layoutReport: () => JSON.parse(module.ccall('netlab_layout_report', 'string', [], [])),
        saveWeights: () => module.ccall('netlab_save_weights', null, [], []),
        openFile: () => module.ccall('netlab_open_file', null, [], []),
        // What the Export ONNX / History CSV / Data CSV buttons save: base64url ONNX bytes ('' when the
        // network has no ONNX form), and CSV text.
        exportOnnxBase64: () => module.ccall('netlab_export_onnx_base64', 'string', [], []),
        historyCsv: () => module.ccall('netlab_history_csv', 'string', [], []),
        datasetCsv: () => module.ccall('netlab_dataset_csv', 'string', [], []),
        editConfig: (text) => !!withText('netlab_edit_config', text),
        shareLink: () => linkFor(module.ccall('netlab_share_link', 'string', [], [])),
        // What "Copy TF Playground link" copies: {link: URL or null, why: the reason when null}.
        tfPlaygroundLink: () => JSON.parse(module.ccall('netlab_tf_playground_link', 'string', [], [])),
        // Steps n times (also while paused); the playground's train loss after each step ([] for the other
        // tasks, whose numbers are in reportLine()).
        step: (n) => JSON.parse(module.ccall('netlab_step', 'string', ['number'], [n])),
        // The task's report line as netlab-headless prints it: after step(N), the last line of
        // netlab-headless --headless --steps N --report-every N for the same link.
        reportLine: () => module.ccall('netlab_report_line', 'string', [], []),
        // The playground's run as bytes (train/run_snapshot.h; empty before the first step or on another
        // task), and restoring such bytes where they left off (false, with the app's message, if not one).
        // A WebM video of the page for `seconds` (1 to 60): a promise of the Blob (nothing is saved).
        recordVideo: (seconds) => recordVideo(seconds),
        runSnapshot: () => {
          const sizePointer = module._malloc(4);
          const data = module._netlab_run_snapshot(sizePointer);
          const size = module.HEAP32[sizePointer >> 2];
          module._free(sizePointer);
          return module.HEAPU8.slice(data, data + size);
        },
        restoreRun: (bytes) => {
          const pointer = module._malloc(Math.max(1, bytes.length));
          if (!pointer) return false;
          module.HEAPU8.set(bytes, pointer);
          try { return !!module._netlab_restore_run(pointer, bytes.length); } finally { module._free(pointer); }
        },
      };
      // A link opened in this tab (typed, pasted, Back or Forward) replaces the run: when it has trained,
      // the student is asked first, and the address goes back if they keep it.
      const followHash = () => {
        const fragment = location.hash.replace(/^#/, '');
        if (fragment === shownFragment) return;
        const s = window.netlab.status();
        if (!embedded && s.step > 0 &&
            !window.confirm(`Open the new link? It replaces your run, trained for ${s.step.toLocaleString('en')} steps ` +
                            `(Save weights keeps it first).`)) {
          history.replaceState(null, '', '#' + shownFragment);
          return;
        }
        shownFragment = fragment;
        loadConfig(fragment);
      };
      // The run is kept in the browser's storage as it trains and offered back after a reload; embedded
      // playgrounds (course pages) keep nothing.
      if (!embedded && window.NetlabRunKeeper) window.netlab.keeper = NetlabRunKeeper.start(window.netlab);
      if (embedded) listenToParent(window.netlab);
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
