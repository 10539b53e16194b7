// Keeps the playground's run in the browser's storage while it trains, so that a reload, a crashed tab or a
// closed laptop loses nothing: the next page load offers it back where it was (docs/config.md, "Your run
// is kept"). What is kept is the engine's run snapshot (train/run_snapshot.h: config, weights, optimizer
// state, history, random streams), in IndexedDB.
//
// Budget: one run per tab and at most 4 in all (the oldest goes first), each at most 16 MB; written
// every 5 s while the step moves, and when the tab is hidden or closed. While a kept run is offered,
// nothing is written, so the offer cannot be overwritten before it is answered. Storage that is full,
// denied or missing gives one message and no retry loop (at most one try a minute after a failure).
window.NetlabRunKeeper = (function () {
  'use strict';
  const DB_NAME = 'netlab', STORE = 'runs';
  const MAX_RUNS = 4, MAX_BYTES = 16 * 1024 * 1024, EVERY_MS = 5000, RETRY_MS = 60000;

  // The tab's own key: sessionStorage survives a reload and a crashed tab's reload, not a new tab.
  function tabKey() {
    try {
      let id = sessionStorage.getItem('netlab-tab');
      if (!id) {
        id = Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
        sessionStorage.setItem('netlab-tab', id);
      }
      return 'tab:' + id;
    } catch (error) {
      return 'tab:' + Date.now().toString(36);  // sessionStorage denied: this page load only
    }
  }

  function request(r) {
    return new Promise((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
  }

  function openDb() {
    return new Promise((resolve, reject) => {
      let r;
      try {
        if (typeof indexedDB === 'undefined' || !indexedDB) throw new Error('this browser has no IndexedDB');
        r = indexedDB.open(DB_NAME, 1);
      } catch (error) {
        reject(error);
        return;
      }
      r.onupgradeneeded = () => r.result.createObjectStore(STORE);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error || new Error('IndexedDB did not open'));
      r.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
    });
  }

  function describe(error) {
    const name = error && error.name && error.name !== 'Error' ? error.name + ': ' : '';
    return name + String(error && error.message || error);
  }

  function when(savedAt) {
    const d = new Date(savedAt), today = new Date();
    const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    return d.toDateString() === today.toDateString() ? 'today at ' + time : d.toLocaleDateString() + ' at ' + time;
  }

  // A bar at the foot of the page (outside the canvas) for the offer and for storage messages.
  function makeBar() {
    const bar = document.createElement('div');
    bar.id = 'netlab-keeper';
    bar.setAttribute('role', 'status');
    setShown(bar, false);
    bar.style.cssText = 'position:fixed;left:50%;bottom:16px;transform:translateX(-50%);max-width:min(40em,92vw);' +
      'box-sizing:border-box;padding:10px 14px;border-radius:8px;background:#23395d;color:#fff;' +
      'font:15px/1.4 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.3);z-index:10;display:none;' +
      'flex-wrap:wrap;gap:8px 12px;align-items:center';
    document.body.appendChild(bar);
    return bar;
  }

  function show(bar, text, buttons) {
    bar.replaceChildren();
    const span = document.createElement('span');
    span.textContent = text;
    span.style.flex = '1 1 16em';
    bar.appendChild(span);
    for (const [label, onClick] of buttons) {
      const b = document.createElement('button');
      b.textContent = label;
      b.style.cssText = 'font:inherit;min-height:44px;padding:0 14px;border-radius:6px;border:0;cursor:pointer;' +
        (buttons[0][0] === label ? 'background:#fff;color:#23395d;font-weight:600' : 'background:#3d5a8a;color:#fff');
      b.addEventListener('click', onClick);
      bar.appendChild(b);
    }
    setShown(bar, true);
  }

  // `hidden` alone would lose to the bar's own display:flex.
  function setShown(bar, shown) {
    bar.hidden = !shown;
    bar.style.display = shown ? 'flex' : 'none';
  }

  // netlab: window.netlab (status, runSnapshot, restoreRun, shareLink). Returns the keeper's handle.
  function start(netlab) {
    const key = tabKey();
    const bar = makeBar();
    let db = null, broken = null, failedAt = 0, offered = null, saving = false;
    let lastStep = -1, lastLink = '';
    // forgotten: settles once "Start fresh" has deleted the offered run (a reload before that may keep it).
    const keeper = { offered: () => offered, message: () => (bar.hidden ? '' : bar.textContent),
                     forgotten: Promise.resolve() };

    const fail = (what, error) => {
      failedAt = Date.now();
      if (broken) return;  // one message, not one per try
      broken = what + ' (' + describe(error) + ')';
      show(bar, 'Your run is not being kept in this browser: ' + broken +
                '. It trains on; use Save weights to keep it.', [['OK', () => { setShown(bar, false); }]]);
    };

    // Writes the run now (the step moved since the last write); resolves {saved, step, bytes}.
    keeper.keepNow = async function () {
      if (saving || offered || !db) return { saved: false, why: offered ? 'an offer is open' : 'no storage' };
      if (broken && Date.now() - failedAt < RETRY_MS) return { saved: false, why: broken };
      const status = netlab.status();
      if (status.task !== 'playground' || status.step === 0) return { saved: false, why: 'nothing to keep' };
      const link = netlab.shareLink();
      if (status.step === lastStep && link === lastLink) return { saved: false, why: 'unchanged' };
      // The snapshot first: it takes the run back from its training thread, which the status (drawn
      // from the page's copy) may trail by a few steps; the status after it is the snapshot's.
      const bytes = netlab.runSnapshot();
      const kept = netlab.status();
      if (bytes.length > MAX_BYTES) {
        fail('it is ' + (bytes.length / 1048576).toFixed(1) + ' MB, over the 16 MB a run may take here',
             new Error('too large'));
        return { saved: false, why: 'too large' };
      }
      saving = true;
      try {
        const record = { bytes, step: kept.step, task: kept.task, savedAt: Date.now(), link,
                         testLoss: kept.test_loss };
        const store = db.transaction(STORE, 'readwrite').objectStore(STORE);
        await request(store.put(record, key));
        // The budget: the newest MAX_RUNS runs stay.
        const all = await readAll();
        for (const old of all.slice(MAX_RUNS)) await request(db.transaction(STORE, 'readwrite').objectStore(STORE).delete(old.key));
        lastStep = kept.step;
        lastLink = link;
        if (broken) { broken = null; setShown(bar, false); }
        return { saved: true, step: kept.step, bytes };
      } catch (error) {
        fail('the browser refused to store it', error);
        return { saved: false, why: describe(error) };
      } finally {
        saving = false;
      }
    };

    // Every kept run, newest first, with its key.
    async function readAll() {
      const store = db.transaction(STORE, 'readonly').objectStore(STORE);
      const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
      return values.map((v, i) => Object.assign({ key: keys[i] }, v)).sort((a, b) => b.savedAt - a.savedAt);
    }

    function offer(record) {
      offered = record;
      const loss = typeof record.testLoss === 'number' ? ', test loss ' + record.testLoss.toFixed(3) : '';
      show(bar, 'Your run from ' + when(record.savedAt) + ' was kept (step ' + record.step.toLocaleString('en') +
                loss + '). Restore it where it was?', [
        ['Restore', () => {
          const ok = netlab.restoreRun(record.bytes);
          offered = null;
          setShown(bar, false);
          if (ok) { lastStep = record.step; lastLink = netlab.shareLink(); }
        }],
        ['Start fresh', async () => {
          offered = null;
          setShown(bar, false);
          keeper.forgotten = request(db.transaction(STORE, 'readwrite').objectStore(STORE).delete(record.key)).catch(() => {});
          await keeper.forgotten;
        }],
      ]);
    }

    keeper.ready = openDb().then(async (opened) => {
      db = opened;
      const all = await readAll();
      // This tab's own run (a reload, a crashed tab), else the newest one (a closed browser or laptop).
      const mine = all.find((r) => r.key === key) || all[0];
      if (mine && mine.step > 0 && mine.bytes && mine.bytes.length) offer(mine);
    }).catch((error) => fail('its storage is not available', error));

    setInterval(() => { keeper.keepNow(); }, EVERY_MS);
    // A hidden tab may be closed or frozen without another chance: write what there is.
    document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') keeper.keepNow(); });
    window.addEventListener('pagehide', () => { keeper.keepNow(); });
    return keeper;
  }

  return { start, MAX_RUNS, MAX_BYTES, EVERY_MS };
})();
