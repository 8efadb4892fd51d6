// sw.js: the service worker that lets the app open with no network.
//
// web/build_shell.py writes the served copy: BUILD becomes a SHA-256 prefix
// over every shell file (so any change to the app is a new version) and SHELL
// the list of those files. Install precaches the whole shell under
// "tokhai-shell-<BUILD>" (cache.addAll: all or nothing); the hashed app files
// come from the HTTP cache when the page has just loaded them. The photo
// worker's files (photo-worker.js, photo.<hash>.js and .wasm), which the page
// loads only with its first photo, are downloaded here, so that photos are
// made offline too.
//
// - The shell is served cache-first; a page load of any URL in scope gets the
//   cached index.html.
// - /api/ and /healthz are never answered here: they go to the network as if
//   there were no service worker, and nothing from them is ever cached (API
//   answers carry personal data).
// - A new version installs in the background and then waits: it takes over
//   when every tab of the old one has closed, or when the page asks
//   ({type: 'skip-waiting'}, sent by citizen-app.js at a safe moment).
//   Old caches are deleted on activation, that is only after the new cache
//   is complete.
'use strict';

const BUILD = '__TOKHAI_BUILD__';
const SHELL = ['__TOKHAI_SHELL__'];
const PREFIX = 'tokhai-shell-';
const CACHE = PREFIX + BUILD;
const scope = new URL(self.registration.scope);

function isNetworkOnly(url) {
  const path = url.pathname.slice(scope.pathname.length - 1);
  return path === '/healthz' || path === '/api' || path.startsWith('/api/');
}

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
  if (event.data && event.data.type === 'version' && event.ports[0]) {
    event.ports[0].postMessage({ build: BUILD });
  }
});

async function fromShell(request, url) {
  const cache = await caches.open(CACHE);
  const key = request.mode === 'navigate' ? new URL('./', scope).href : request;
  const hit = await cache.match(key, { ignoreSearch: request.mode === 'navigate' });
  if (hit) return hit;
  return fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  if (isNetworkOnly(url)) return;
  event.respondWith(fromShell(request, url));
});
