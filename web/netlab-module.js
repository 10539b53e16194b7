// What the C++ side of the page (web/main_web.cpp) asks of the browser, linked into netlab.js with
// --pre-js so that every module instance (the page, each embedded playground) gets its own copy bound to
// its own Module and canvas. main_web.cpp calls these through one-line EM_JS hooks.
Module['netlabHost'] = (function () {
  'use strict';
  var canvas = function () { return Module['canvas']; };

  function newString(text) {
    var size = lengthBytesUTF8(text) + 1, pointer = _malloc(size);
    if (pointer) stringToUTF8(text, pointer, size);
    return pointer;
  }

  // Calls an exported C function (`_netlab_...`) with one text, copied into the heap: ccall's 'string'
  // arguments go on the module's 1 MB stack at up to 4 bytes a character, where a long link from the
  // address bar or an embedding page would run past the stack. A text the heap cannot hold is refused.
  Module['netlabCallWithText'] = function (exported, text, what) {
    if (typeof text !== 'string')
      throw new TypeError('Netlab: ' + what + ' takes a text (a link or config), not ' + (text === null ? 'null' : typeof text));
    var pointer = newString(text);
    if (!pointer) throw new RangeError('Netlab: not enough memory for a text of ' + text.length + ' characters');
    try { return exported(pointer); } finally { _free(pointer); }
  };

  // Emscripten's GLFW sizes the canvas when the window is created and removes its inline CSS width
  // and height; the page's size for it is put back so that the backing store can follow the box.
  var inlineSize = null;

  // The backing store is the CSS size times devicePixelRatio (re-read each frame, so browser zoom and a
  // window dragged to another screen take effect at once); a change of either wakes a paused page.
  var changed = true;
  function watchPixelRatio() {
    if (typeof matchMedia !== 'function') return;  // pthread workers load this file too
    var query = matchMedia('(resolution: ' + (window.devicePixelRatio || 1) + 'dppx)');
    var onChange = function () { changed = true; query.removeEventListener('change', onChange); watchPixelRatio(); };
    query.addEventListener('change', onChange);
  }
  watchPixelRatio();
  if (typeof window !== 'undefined') window.addEventListener('resize', function () { changed = true; });

  function fileBytes(file) {
    return file.arrayBuffer().then(function (buffer) { return {name: file.name, bytes: new Uint8Array(buffer)}; });
  }

  // Screen readers hear the training's progress from an off-screen live region beside the canvas: the
  // epoch, the losses and the accuracy, at most every 5 seconds and only when the epoch moved on.
  function startAnnouncer() {
    var region = document.createElement('div');
    region.setAttribute('role', 'status');
    region.setAttribute('aria-live', 'polite');
    region.className = 'netlab-announcer';
    region.style.cssText = 'position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);' +
                           'white-space:nowrap;margin:-1px;padding:0;border:0';
    canvas().insertAdjacentElement('afterend', region);
    var lastEpoch = null;
    var number = function (value, digits) { return value === null ? 'not available' : value.toFixed(digits); };
    setInterval(function () {
      var s = JSON.parse(UTF8ToString(_netlab_status_json()));
      var epoch = Math.floor(s.epoch);
      if (epoch === lastEpoch) return;
      lastEpoch = epoch;
      var text = 'Epoch ' + epoch + ', step ' + s.step + ': training loss ' + number(s.train_loss, 3) +
                 ', test loss ' + number(s.test_loss, 3);
      if (s.test_accuracy !== null && s.test_accuracy !== undefined)
        text += ', test accuracy ' + Math.round(100 * s.test_accuracy) + ' percent';
      region.textContent = text + (s.playing ? '.' : ', paused.');
    }, 5000);
  }

  // Pointer events come before the touch and mouse events emscripten's GLFW turns into ImGui's input, so
  // each tells ImGui the source of what follows. Emscripten's GLFW keeps no position for touches (only its
  // SDL sets event.touch), so a finger's or pen's positions all come from here. The browser neither pans the page under a finger on the canvas nor sends the
  // emulated mouse events after a tap (they would click a second time).
  function watchPointers(element) {
    var kinds = {mouse: 0, touch: 1, pen: 2}, last = -1;
    var note = function (event) {
      var kind = kinds[event.pointerType] || 0;
      if (event.type === 'pointermove' && kind === 0 && last === 0) return;
      last = kind;
      var rect = element.getBoundingClientRect();
      _netlab_pointer(kind, event.clientX - rect.left, event.clientY - rect.top);
    };
    element.style.touchAction = 'none';
    element.addEventListener('pointerdown', note, true);
    element.addEventListener('pointermove', note, true);
    element.addEventListener('touchend', function (event) { event.preventDefault(); }, {passive: false});
  }

  // The WebGL2 context emscripten's GLFW creates next asks to keep the canvas's pixels between frames
  // (preserveDrawingBuffer), so a frame can redraw only what changed (ui/platform/partial_redraw.h).
  // ?redraw=full leaves the browser's default: every frame redraws the whole canvas.
  function askToKeepPixels(element) {
    if (/[?&]redraw=full(&|$)/.test(window.location.search)) return;
    var getContext = element.getContext;
    element.getContext = function (type, attributes) {
      if (type === 'webgl2' || type === 'webgl') attributes = Object.assign({}, attributes, {preserveDrawingBuffer: true});
      return getContext.call(element, type, attributes);
    };
  }

  var host = {
    beforeWindow: function () {
      askToKeepPixels(canvas());
      var style = canvas().style;
      inlineSize = {width: style.width, height: style.height};
      return [Math.max(1, canvas().clientWidth | 0), Math.max(1, canvas().clientHeight | 0)];
    },
    // Whether the context got what askToKeepPixels asked for.
    keepsPixels: function () {
      var attributes = typeof GLctx !== 'undefined' && GLctx ? GLctx.getContextAttributes() : null;
      return attributes && attributes.preserveDrawingBuffer ? 1 : 0;
    },
    afterWindow: function () {
      var element = canvas(), style = element.style;
      if (inlineSize.width) style.width = inlineSize.width;
      if (inlineSize.height) style.height = inlineSize.height;
      // A canvas that no CSS sizes would grow with its backing store: it keeps the size it has now.
      var width = element.clientWidth, height = element.clientHeight;
      element.width += 7;
      element.height += 7;
      if (element.clientWidth !== width) style.width = width + 'px';
      if (element.clientHeight !== height) style.height = height + 'px';
      startAnnouncer();
      watchPointers(element);
    },
    // Writes [css width, css height, device pixels per css pixel, changed since last call] at `out`.
    syncCanvas: function (out) {
      var element = canvas();
      var cssWidth = Math.max(1, element.clientWidth), cssHeight = Math.max(1, element.clientHeight);
      var ratio = window.devicePixelRatio || 1;
      var backingWidth = Math.max(1, Math.round(cssWidth * ratio)), backingHeight = Math.max(1, Math.round(cssHeight * ratio));
      // ImGui's surface is the bounding box (fractional CSS pixels), which emscripten's GLFW also scales
      // mouse positions by; times the ratio it is the backing store exactly.
      var box = element.getBoundingClientRect();
      var width = box.width || cssWidth, height = box.height || cssHeight;
      if (element.width !== backingWidth) { element.width = backingWidth; changed = true; }
      if (element.height !== backingHeight) { element.height = backingHeight; changed = true; }
      var index = out >> 2;
      HEAPF32[index] = width;
      HEAPF32[index + 1] = height;
      HEAPF32[index + 2] = backingWidth / width;
      HEAPF32[index + 3] = changed ? 1 : 0;
      changed = false;
    },
    initialConfig: function () { return newString(Module['netlabConfig'] || ''); },
    // Module.netlabAutoplay === false starts paused (embedded demos, tests that watch from step 0).
    initialAutoplay: function () { return Module['netlabAutoplay'] === false ? 0 : 1; },
    initialFirstVisit: function () { return Module['netlabFirstVisit'] ? 1 : 0; },
    // Module.netlabScale: the UI scale ?scale= asks for (NaN when it is no number: the page says so).
    initialScale: function () { var s = Module['netlabScale']; return s === undefined ? 1 : Number(s); },
    // Module.netlabEmbedded: the compact layout of iframes (?embed=1) and Netlab.mount.
    initialEmbedded: function () { return Module['netlabEmbedded'] ? 1 : 0; },
    ready: function () { if (Module['onNetlabReady']) Module['onNetlabReady'](); },
    // Sharing goes through hooks the page sets on the module (web/netlab-page.js, web/netlab-embed.js),
    // so each playground on a page decides for itself (only the main page touches the address bar).
    copyLink: function (fragment) { if (Module['onNetlabCopyLink']) Module['onNetlabCopyLink'](fragment); },
    copyTfPlaygroundLink: function (url) {
      if (Module['onNetlabCopyTfPlaygroundLink']) Module['onNetlabCopyTfPlaygroundLink'](url);
    },
    // The course's goal was met (config/course.h): the embedding page's 'goal' event, an iframe's message.
    goalMet: function (json) { if (Module['onNetlabGoal']) Module['onNetlabGoal'](JSON.parse(json)); },
    // Pinned runs (compare/pinned_runs.h): "STEPS LINK" lines the page keeps and a pins link carries.
    initialPins: function () { return newString(Module['netlabPins'] || ''); },
    pinsChanged: function (pins) { if (Module['onNetlabPinsChanged']) Module['onNetlabPinsChanged'](pins); },
    copyPinsLink: function (pins) { if (Module['onNetlabCopyPinsLink']) Module['onNetlabCopyPinsLink'](pins); },
    recordVideo: function (seconds) { if (Module['onNetlabRecordVideo']) Module['onNetlabRecordVideo'](seconds); },
    configChanged: function (fragment) {
      if (Module['onNetlabConfigChanged']) Module['onNetlabConfigChanged'](fragment);
    },
    // Downloads the bytes as a file with a temporary object URL.
    download: function (name, bytes) {
      var link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([bytes], {type: 'application/octet-stream'}));
      link.download = name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    },
    // A file picker; the chosen file's bytes go to netlab_load_file.
    pickFile: function () {
      var input = document.createElement('input');
      input.type = 'file';
      input.accept = '.txt,.cfg,.nlw,text/plain,application/octet-stream';
      input.onchange = function () {
        if (!input.files || !input.files[0]) return;
        // The size first: a file over the limit is never read into memory (weights of the largest
        // network are a few MB; the limit is the data files' own).
        if (input.files[0].size > Module['netlabMaxDataFileBytes']) { _netlab_load_file(0, -2); return; }
        input.files[0].arrayBuffer().then(function (buffer) {
          var bytes = new Uint8Array(buffer);
          var pointer = _malloc(Math.max(1, bytes.length));
          if (!pointer) { _netlab_load_file(0, -1); return; }  // the heap cannot hold it: say so
          HEAPU8.set(bytes, pointer);
          _netlab_load_file(pointer, bytes.length);
          _free(pointer);
        });
      };
      input.click();
    },
    // The Fashion-MNIST subset that scripts/build-web cuts from Debian's files, next to netlab.js.
    fetchFashionSubset: function () {
      var names = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz',
                   't10k-labels-idx1-ubyte.gz'];
      var base = (Module['netlabDataUrl'] || scriptDirectory + 'data/') + 'fashion-mnist/';
      Module['netlabLoadModelsData']('Fashion-MNIST', Promise.all(names.map(function (name) {
        return fetch(base + name).then(function (response) {
          if (!response.ok) throw new Error(name + ': HTTP ' + response.status);
          return response.arrayBuffer();
        }).then(function (buffer) { return {name: name, bytes: new Uint8Array(buffer)}; });
      })));
    },
    // A picker for the user's CSV or IDX files (several at once: train and test images and labels).
    pickModelsDataFiles: function () {
      var input = document.createElement('input');
      input.type = 'file';
      input.multiple = true;
      input.accept = '.csv,.txt,.gz,.idx,.idx1-ubyte,.idx3-ubyte,text/csv,application/octet-stream';
      var answered = false;
      input.onchange = function () {
        answered = true;
        var files = Array.prototype.slice.call(input.files || []);
        Module['netlabLoadModelsData']('your files', Promise.all(files.map(function (file) {
          // Sizes are known before reading: a file over the limit is never read into memory.
          if (file.size > Module['netlabMaxDataFileBytes'])
            return Promise.reject(new Error(file.name + ' is over ' + Math.round(Module['netlabMaxDataFileBytes'] / 1048576) +
                                            ' MB, the limit for a data file'));
          return fileBytes(file);
        })));
      };
      // A dismissed picker fires no change event; the window learns of it when the page gets focus back.
      window.addEventListener('focus', function () {
        setTimeout(function () { if (!answered) Module['netlabLoadModelsData']('your files', []); }, 1000);
      }, {once: true});
      input.click();
    },
  };

  // Data files for the Models window: Module.netlabLoadModelsData(what, [{name, bytes}]) unpacks gzipped
  // ones (DecompressionStream) and hands them to netlab_models_data_*; a failure arrives as an error
  // message instead, so the window never waits forever. The page and the tests call it too.
  // `maxBytes` (kMaxDataFileBytes) bounds every file: the unpacking is read as a stream and stops there,
  // so a small .gz bomb costs the tab no more, and a failed _malloc is a message, not a write at 0.
  host.installModelsDataLoader = function (maxBytes) {
    Module['netlabMaxDataFileBytes'] = maxBytes;
    var limitText = Math.round(maxBytes / 1048576) + ' MB, the limit for a data file';
    var gunzip = function (name, bytes) {
      if (bytes.length > maxBytes) return Promise.reject(new Error(name + ' is over ' + limitText));
      if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return Promise.resolve(bytes);
      if (typeof DecompressionStream === 'undefined')
        return Promise.reject(new Error('this browser cannot unpack .gz files; unpack them first'));
      var reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
      var chunks = [], total = 0;
      var pump = function () {
        return reader.read().then(function (step) {
          if (step.done) {
            var out = new Uint8Array(total), at = 0;
            chunks.forEach(function (chunk) { out.set(chunk, at); at += chunk.length; });
            return out;
          }
          total += step.value.length;
          if (total > maxBytes) {
            reader.cancel().catch(function () {});
            throw new Error(name + ' unpacks to more than ' + limitText);
          }
          chunks.push(step.value);
          return pump();
        });
      };
      return pump();
    };
    // Copies into the WASM heap; null when the heap cannot grow that far.
    var copyIn = function (bytes) {
      var pointer = _malloc(Math.max(1, bytes.length));
      if (pointer) HEAPU8.set(bytes, pointer);
      return pointer;
    };
    var finish = function (what, error) {
      var whatPointer = newString(what), errorPointer = newString(error);
      if (whatPointer && errorPointer) _netlab_models_data_end(whatPointer, errorPointer);
      _free(whatPointer);
      _free(errorPointer);
    };
    Module['netlabLoadModelsData'] = function (what, files) {
      return Promise.resolve(files).then(function (list) {
        return Promise.all(list.map(function (file) {
          return gunzip(file.name, file.bytes).then(function (bytes) {
            return {name: file.name.endsWith('.gz') ? file.name.slice(0, -3) : file.name, bytes: bytes};
          });
        }));
      }).then(function (list) {
        _netlab_models_data_begin();
        list.forEach(function (file) {
          var namePointer = newString(file.name), pointer = copyIn(file.bytes);
          var kept = namePointer && pointer && _netlab_models_data_file(namePointer, pointer, file.bytes.length);
          _free(pointer);
          _free(namePointer);
          if (!kept)
            throw new Error('not enough memory for ' + file.name + ' (' + (file.bytes.length / 1048576).toFixed(1) + ' MB)');
        });
        finish(what, '');
      }).catch(function (error) { finish(what, String(error && error.message || error)); });
    };
  };

  return host;
})();
