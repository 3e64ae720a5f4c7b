// A classic script in <head>, run as soon as the parser reaches it (long before the page's
// module bundle). It starts, in parallel, while the browser is still busy with the page:
//   - the engine's worker (a new thread takes a while to start);
//   - the wasm module's download and streaming compilation, handed to the worker when ready
//     (WebAssembly.Module can be posted to a worker), so the worker need not fetch it itself;
//   - the examples download.
// app.js (engine.js, main.js) adopts the worker and the examples.
const worker = new Worker(new URL('./worker.js', document.baseURI));
WebAssembly.compileStreaming(fetch('policylab.wasm'))
  .then((module) => worker.postMessage({ op: 'init', module }))
  .catch(() => worker.postMessage({ op: 'init', module: null }));  // the worker fetches it
window.policylabBoot = {
  worker,
  gallery: fetch('gallery.json').then((r) => (r.ok ? r.json() : Promise.reject(new Error(`gallery.json: HTTP ${r.status}`)))),
};
window.policylabBoot.gallery.catch(() => {});
