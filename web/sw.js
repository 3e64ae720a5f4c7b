// Offline support: after the first visit every file of the app is in the cache, and the page
// (and its engine) keep working without a network. The build fills in the list and the version
// (a hash of the files), so a new build replaces the old cache instead of mixing with it.
const kCache = 'policylab-__VERSION__';
const kFiles = __FILES__;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(kCache).then((c) => c.addAll(kFiles)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('policylab-') && k !== kCache).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

// Cache first (the files are versioned together by kCache), network as the fallback. The query
// string (?embed=1) does not change which file is served.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(caches.open(kCache).then(async (cache) => {
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
    if (request.mode === 'navigate') {
      const index = await cache.match('./', { ignoreSearch: true }) || await cache.match('index.html');
      try { return await fetch(request); } catch { if (index) return index; throw new Error('offline'); }
    }
    return fetch(request);
  }));
});
