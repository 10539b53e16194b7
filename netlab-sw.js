// Netlab's service worker (issue 17): after the first visit the playground starts without a network,
// for a classroom whose Wi-Fi drops. It lies beside index.html because a service worker controls only
// the folder its script is in and below; every URL here is relative to that folder, so the same file
// works at any path prefix (/, /netlab/, /courses/dl/netlab/) and in scripts/package's folder.
//
// web/dist/netlab-version.js (scripts/stamp-web-version, run by every build) names the build by a hash
// of its files and lists them. The browser fetches this script and that import afresh at each visit
// (web/netlab-offline.js registers with updateViaCache 'none'); a changed version installs a new
// worker, which fills a cache named after the new build and, once the whole build is in it, takes over
// and deletes the old build's cache. So a visit during a deploy never mixes two builds' files, and the
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

// The page under any of its addresses (the folder, index.html, with a query such as ?autoplay=0; the
// fragment never reaches here) is the cached index.html.
function cacheKey(request) {
  const path = new URL(request.url).pathname;
  if (request.mode === 'navigate' && (path.endsWith('/') || path.endsWith('/index.html')))
    return new URL('index.html', scope).href;
  return request;
}

async function respond(request) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(cacheKey(request), { ignoreSearch: true });
  if (cached) return cached;
  // Not in the build's list (an example page): from the network, and kept for the next offline visit.
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(scope)) return;
  event.respondWith(respond(request));
});
