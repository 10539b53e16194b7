// Lets the playground work offline after the first visit: registers the service worker netlab-sw.js,
// which lies beside index.html (one folder up from this script, found from this script's own address so
// any path prefix works). Browsers allow service workers only in secure contexts (https, localhost);
// elsewhere, or when registering fails, the page works as before, online only.
(function () {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  const root = new URL('../', document.currentScript.src);
  // After the page has loaded, so the worker's download does not compete with the WASM's.
  window.addEventListener('load', () => {
    // updateViaCache 'none': every visit asks the server for the worker and its version file, so a new
    // build is noticed on the next visit (netlab-sw.js says how it then replaces the old one).
    navigator.serviceWorker.register(new URL('netlab-sw.js', root).href, { scope: root.href, updateViaCache: 'none' })
      .catch((error) => console.info(`Netlab: no offline copy here (${error.message})`));
  });
})();
