// Embedding Netlab in a course page: one or more independent playgrounds, each its own WASM module
// instance on its own canvas.
//
//   <script src="netlab/web/netlab-embed.js"></script>
//   <div id="xor" style="width: 480px; height: 360px"></div>
//   <script>
//     Netlab.mount(document.getElementById('xor'), {
//       config: 'dataset=xor&layers=4:relu&seed=2',  // a share-link fragment or config text, of
//                                                    // any task (docs/config.md, version 2)
//       autoplay: false,                              // start paused (default true)
//       panels: 'output',                            // 'output' (compact, default) or 'all'
//       view: 'playground',                          // the tab in front: playground, backprop,
//                                                    // gradient_check, layers, race
//     }).then((playground) => { playground.setPlaying(true); });
//   </script>
//
// The returned playground has status(), setPlaying(on), step(n), setView(tab), configText(),
// loadConfig(text), shareLink(), and on(event, callback): 'goal' calls back once the config's exercise
// goal is met (docs/config.md, "Course pages"), with {test_loss, neurons, step, epoch, text, ...}.
// The WASM code is compiled once and instantiated per playground.
(function () {
  'use strict';
  const here = document.currentScript ? document.currentScript.src : location.href;
  const distUrl = new URL('dist/', here).href;
  const playgroundUrl = new URL('../index.html', here).href;
  let runtime = null;  // Promise of { compiled WebAssembly.Module } once netlab.js is loaded
  let startups = Promise.resolve();

  function loadRuntime() {
    if (runtime) return runtime;
    runtime = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = distUrl + 'netlab.js';
      script.onload = resolve;
      script.onerror = () => reject(new Error('Could not load ' + script.src));
      document.head.appendChild(script);
    }).then(() => WebAssembly.compileStreaming(fetch(distUrl + 'netlab.wasm')));
    return runtime;
  }

  // Emscripten's GLFW listens for keys on the whole window, so every playground would receive every
  // key press (and swallow Backspace and Tab from the page). While one playground starts, its window
  // key listeners are wrapped to run only when its canvas has the focus. Startups run one at a time
  // so each wrapper knows its canvas.
  const keyEvents = new Set(['keydown', 'keypress', 'keyup']);
  function withKeysFocusedOn(canvas, start) {
    const original = window.addEventListener;
    window.addEventListener = function (type, listener, options) {
      if (keyEvents.has(type) && typeof listener === 'function') {
        const inner = listener;
        listener = function (event) { if (document.activeElement === canvas) return inner.call(this, event); };
      }
      return original.call(this, type, listener, options);
    };
    const restore = () => { window.addEventListener = original; };
    return start().then((value) => { restore(); return value; }, (error) => { restore(); throw error; });
  }

  function showMessage(element, text) {
    const box = document.createElement('div');
    box.textContent = text;
    box.style.cssText = 'padding:1em;color:#a01010;font:14px system-ui,sans-serif';
    element.replaceChildren(box);
  }

  function mount(element, options) {
    options = options || {};
    const canvas = document.createElement('canvas');
    canvas.tabIndex = 0;
    canvas.style.cssText = 'display:block;width:100%;height:100%;outline:none';
    canvas.addEventListener('contextmenu', (event) => event.preventDefault());
    canvas.addEventListener('mousedown', () => canvas.focus());
    // Space is the play/pause shortcut: on a focused playground it must not scroll the course page.
    canvas.addEventListener('keypress', (event) => { if (event.key === ' ') event.preventDefault(); });
    element.replaceChildren(canvas);
    const panels = options.panels || 'output';
    const listeners = { goal: [] };
    let metGoal = null;  // a goal met before on('goal') was called is still delivered
    const mounted = startups.then(() => loadRuntime()).then((compiled) => withKeysFocusedOn(canvas, () =>
      new Promise((resolve, reject) => {
        createNetlab({
          canvas,
          netlabConfig: options.config || '',
          netlabAutoplay: options.autoplay !== false,
          netlabEmbedded: panels !== 'all',
          onNetlabCopyLink: (fragment) => window.open(playgroundUrl + '#' + fragment, '_blank', 'noopener'),
          instantiateWasm: (imports, receive) => {
            WebAssembly.instantiate(compiled, imports).then((instance) => receive(instance, compiled), reject);
            return {};
          },
          onNetlabReady: () => {},
          onNetlabGoal: (goal) => {
            metGoal = goal;
            for (const callback of listeners.goal) callback(goal);
          },
          onAbort: (what) => reject(new Error('Netlab stopped: ' + what)),
          printErr: (text) => console.warn(text),
        }).then(resolve, reject);
      }))).then((module) => {
      const status = module.cwrap('netlab_status_json', 'string', []);
      // Texts go in through the heap, never ccall's stack (web/netlab-module.js says why).
      const withText = (name, text) => module.netlabCallWithText(module['_' + name], text, name.replace(/^netlab_/, ''));
      const setView = (view) => { withText('netlab_set_view', view); };
      if (options.view) setView(options.view);
      return {
        element,
        canvas,
        module,
        status: () => JSON.parse(status()),
        setPlaying: (on) => module.ccall('netlab_set_playing', null, ['number'], [on ? 1 : 0]),
        step: (n) => JSON.parse(module.ccall('netlab_step', 'string', ['number'], [n])),
        setView,
        configText: () => module.ccall('netlab_config_text', 'string', [], []),
        loadConfig: (text) => !!withText('netlab_load_config', text),
        shareLink: () => playgroundUrl + '#' + module.ccall('netlab_share_link', 'string', [], []),
        // The text the last frame drew: runs that overlap each other or are cut off (layout_report.h).
        layoutReport: () => JSON.parse(module.ccall('netlab_layout_report', 'string', [], [])),
        on: (event, callback) => {
          if (!listeners[event]) throw new Error("Netlab: unknown event '" + event + "' (known: goal)");
          listeners[event].push(callback);
          if (event === 'goal' && metGoal) callback(metGoal);
        },
      };
    });
    startups = mounted.catch(() => {});
    return mounted.catch((error) => {
      showMessage(element, 'This Netlab demo could not start: ' + error.message);
      throw error;
    });
  }

  window.Netlab = { mount };
})();
