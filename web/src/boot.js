// A classic script in <head>, run as soon as the parser reaches it (long before the page's
// module bundle): starts the engine's worker, which fetches, compiles and warms up the wasm
// module, and the examples download, while the browser is still busy with the page. app.js
// (engine.js, main.js) adopts both.
window.policylabBoot = {
  worker: new Worker(new URL('./worker.js', document.baseURI)),
  gallery: fetch('gallery.json').then((r) => (r.ok ? r.json() : Promise.reject(new Error(`gallery.json: HTTP ${r.status}`)))),
};
window.policylabBoot.gallery.catch(() => {});
