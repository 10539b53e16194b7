// Netlab's service worker (issue 17): after the first visit the playground starts without a network,
// for a classroom whose Wi-Fi drops. It lies beside index.html because a service worker controls only
// the folder its script is in and below; every URL here is relative to that folder, so the same file
// works at any path prefix (/, /netlab/, /courses/dl/netlab/) and in scripts/package's folder.
//
// web/dist/netlab-version.js (scripts/stamp-web-version, run by every build) names the build by a hash
// of its files and lists them. The browser fetches this script and that import afresh at each visit
// (web/netlab-offline.js registers with updateViaCache 'none'); a changed version installs a new
// worker, which fills a cache named after the new build and, once the whole build is in it, takes over
// and deletes the old build's cache. So the cached copy changes as a whole, never file by file, and the
// new build serves from the next load on.
importScripts('web/dist/netlab-version.js');

const scope = new URL('./', self.location.href).href;
// Caches are per origin, not per folder: the folder in the name keeps two Netlab copies on one site
// (two courses) from deleting each other's.
const cachePrefix = `netlab ${scope} `;
const cacheName = cachePrefix + self.netlabBuild.version;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(cacheName);
    // 'no-cache' revalidates with the server, so no file of the previous build comes from the HTTP cache.
    await cache.addAll(self.netlabBuild.files.map((file) => new Request(new URL(file, scope), { cache: 'no-cache' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys())
      if (name.startsWith(cachePrefix) && name !== cacheName) await caches.delete(name);
    await self.clients.claim();
  })());
});

// The build's files by address; requests for anything else (a benchmark page, a test page in a
// checkout) go to the network untouched, so nothing outside the build is ever served stale.
const buildFiles = new Set(self.netlabBuild.files.map((file) => new URL(file, scope).href));

// The cached copy that answers `request`, by address without query and fragment: the page under any
// of its addresses (the folder, index.html, with a query such as ?autoplay=0 or a link's fragment) is
// the cached index.html. Null for what is not part of the build.
function cacheKey(request) {
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  if (request.mode === 'navigate' && url.pathname.endsWith('/')) url.pathname += 'index.html';
  return buildFiles.has(url.href) ? url.href : null;
}

async function respond(key, request) {
  const cached = await (await caches.open(cacheName)).match(key);
  return cached || fetch(request);  // the cache emptied by hand (browser settings): the network, if any
}

self.addEventListener('fetch', (event) => {
  if (event.request.method !== 'GET') return;
  const key = cacheKey(event.request);
  if (key) event.respondWith(respond(key, event.request));
});
