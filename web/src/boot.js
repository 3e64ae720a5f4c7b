// Loaded before the page's bundle: starts the engine's worker (which fetches and compiles the
// wasm module) and the examples download while the browser is still parsing app.js, so the
// first decision is on screen sooner. app.js (engine.js, main.js) adopts both.
window.policylabBoot = {
  worker: new Worker(new URL('./worker.js', document.baseURI), { type: 'module' }),
  gallery: fetch('gallery.json').then((r) => (r.ok ? r.json() : Promise.reject(new Error(`gallery.json: HTTP ${r.status}`)))),
};
window.policylabBoot.gallery.catch(() => {});
