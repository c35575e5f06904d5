// limen's service worker: after one visit every page works offline. The cache is named after the
// build (version.js, written by ./build.sh), so a new build installs a new cache, takes over, and
// deletes the old one: a new version replaces the old cleanly.
// The samples come from samples/list.js, written from limen's one list (wasm/internal/samples).
importScripts('version.js', 'samples/list.js');
const CACHE = 'limen-' + self.LIMEN_VERSION;
const SHELL = ['./', 'index.html', 'embed.html', 'lesson.html', 'api.html', 'style.css', 'lesson.css',
  'limen.js', 'wasm_exec.js', 'limen.wasm', 'lesson.wasm', 'pool.js', 'api-example.js', 'manifest.webmanifest',
  'samples/list.js'].concat(self.LIMEN_SAMPLES);

// A response that came through a redirect cannot answer a navigation: keep a plain copy instead.
async function plain(resp) {
  if (!resp.redirected) return resp;
  return new Response(await resp.blob(), { status: resp.status, statusText: resp.statusText, headers: resp.headers });
}

async function keep(cache, url) {
  const resp = await fetch(new Request(url, { cache: 'reload' }));
  if (resp.ok) await cache.put(url, await plain(resp));
}

self.addEventListener('install', (e) => {
  e.waitUntil((async () => {
    const c = await caches.open(CACHE);
    // One missing optional file must not stop the rest from being cached.
    await Promise.all(SHELL.map((u) => keep(c, u).catch(() => {})));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (e) => {
  e.waitUntil((async () => {
    for (const k of await caches.keys()) if (k.startsWith('limen-') && k !== CACHE) await caches.delete(k);
    await self.clients.claim();
  })());
});

// Cache first for this site's own files (they change only with a new build, which brings a new
// cache); anything not cached yet is fetched and kept.
self.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== self.location.origin) return;
  e.respondWith((async () => {
    const c = await caches.open(CACHE);
    const hit = await c.match(e.request, { ignoreSearch: true });
    // A worker's script URL says its module (pool.js?module=lesson, web/limen.js) and a worker
    // takes its URL from the response: a cached file answers a URL with a query as a new Response,
    // which has none of its own, so the worker keeps the URL it was started with.
    if (hit && url.search) return new Response((await plain(hit)).body, { status: hit.status, statusText: hit.statusText, headers: hit.headers });
    if (hit) return plain(hit);
    const resp = await plain(await fetch(e.request));
    if (resp.ok && resp.type === 'basic') c.put(e.request, resp.clone());
    return resp;
  })());
});
