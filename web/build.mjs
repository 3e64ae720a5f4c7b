// Builds the static playground into web/dist (served by scripts/serve):
//   index.html style.css favicon.svg app.js (the page, bundled by esbuild) chunks/ (CodeMirror)
//   worker.js policylab.wasm             (the engine's Web Worker and the wasm module)
//   gallery.json                         (web/gallery.json with each scenario file inlined)
//   sw.js                                (service worker; caches every file above)
// With --single-file it also writes dist/single/policylab.html: one file with everything
// inlined (the wasm as base64 via the -sSINGLE_FILE build) that works from file://.
// Usage: node build.mjs [--single-file]   (POLICYLAB_WASM_DIR overrides build-wasm/wasm;
//   POLICYLAB_NO_MINIFY=1 keeps names readable for profiling)
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(web, '..');
const dist = path.join(web, 'dist');
const wasmDir = path.resolve(process.env.POLICYLAB_WASM_DIR || path.join(root, 'build-wasm', 'wasm'));
const single = process.argv.includes('--single-file');

for (const f of ['policylab.js', 'policylab.wasm']) {
  if (!fs.existsSync(path.join(wasmDir, f))) {
    console.error(`build: ${path.join(wasmDir, f)} is missing; run scripts/build-wasm first`);
    process.exit(1);
  }
}

fs.rmSync(dist, { recursive: true, force: true });
fs.mkdirSync(dist, { recursive: true });

// The worker imports './policylab.js': point it at the Emscripten output (or its single-file
// variant). Emscripten's node-only branches require('fs'/'path'); they never run in a browser.
const engineModule = (file) => ({
  name: 'policylab-engine',
  setup(b) { b.onResolve({ filter: /^\.\/policylab\.js$/ }, () => ({ path: path.join(wasmDir, file) })); },
});
const common = { bundle: true, format: 'esm', minify: !process.env.POLICYLAB_NO_MINIFY, target: 'es2020', legalComments: 'none', logLevel: 'warning' };

async function bundle(entry, plugins = [], write = null, format = 'esm') {
  // In a classic (iife) worker, Emscripten's `new URL('policylab.wasm', import.meta.url)` resolves
  // against the worker script's own address.
  const define = format === 'iife' ? { 'import.meta.url': 'self.location.href' } : {};
  const result = await build({ ...common, format, define, entryPoints: [path.join(web, 'src', entry)], write: false, plugins, external: ['fs', 'path'], outdir: dist });
  const text = result.outputFiles[0].text;
  if (write) fs.writeFileSync(path.join(dist, write), text);
  return text;
}

// The page: app.js plus chunks/ (CodeMirror, imported once the first decision is on screen;
// src/editor_slot.js). The single-file page bundles everything into one script instead.
const page = await build({ ...common, entryPoints: { app: path.join(web, 'src', 'main.js') }, splitting: true,
  chunkNames: 'chunks/[name]-[hash]', outdir: dist, write: false });
const pageFiles = [];
for (const f of page.outputFiles) {
  fs.mkdirSync(path.dirname(f.path), { recursive: true });
  fs.writeFileSync(f.path, f.contents);
  pageFiles.push(path.relative(dist, f.path).split(path.sep).join('/'));
}
await bundle('worker.js', [engineModule('policylab.js')], 'worker.js', 'iife');
// boot.js is a classic script: it runs as soon as the parser reaches it, not after the document.
await bundle('boot.js', [], 'boot.js', 'iife');
fs.copyFileSync(path.join(wasmDir, 'policylab.wasm'), path.join(dist, 'policylab.wasm'));
for (const f of ['index.html', 'style.css', 'favicon.svg']) fs.copyFileSync(path.join(web, f), path.join(dist, f));

// The gallery: titles and paths from web/gallery.json, scenarios inlined (one request).
const entries = JSON.parse(fs.readFileSync(path.join(web, 'gallery.json'), 'utf8'));
const gallery = [];
for (const e of entries) {
  const file = path.join(root, e.path);
  if (!fs.existsSync(file)) { console.warn(`build: gallery entry ${e.path} is missing; skipped`); continue; }
  gallery.push({ ...e, scenario: JSON.parse(fs.readFileSync(file, 'utf8')) });
}
fs.writeFileSync(path.join(dist, 'gallery.json'), JSON.stringify(gallery));

// Service worker: every file of the build, versioned by their content.
const files = ['./', 'index.html', 'style.css', 'favicon.svg', 'boot.js', ...pageFiles.sort(), 'worker.js', 'policylab.wasm', 'gallery.json'];
const hash = createHash('sha256');
for (const f of files.slice(1)) hash.update(fs.readFileSync(path.join(dist, f)));
const version = hash.digest('hex').slice(0, 16);
fs.writeFileSync(path.join(dist, 'sw.js'), fs.readFileSync(path.join(web, 'sw.js'), 'utf8')
  .replace('__VERSION__', version).replace('__FILES__', JSON.stringify(files)));
console.log(`build: web/dist (${gallery.length} examples, cache ${version})`);

if (single) {
  const appJs = await bundle('main.js');
  const workerJs = await bundle('worker.js', [engineModule('policylab-single.js')], null, 'iife');
  // Data blocks and the inline module must not close their <script> element early.
  const jsonBlock = JSON.stringify(gallery).replace(/</g, '\\u003c');
  if (/<\/script/i.test(appJs)) throw new Error('app.js contains </script; cannot inline it');
  const scriptHash = createHash('sha256').update(appJs).digest('base64');
  const csp = `default-src 'none'; script-src 'sha256-${scriptHash}' 'wasm-unsafe-eval'; worker-src blob:; `
    + "style-src 'unsafe-inline'; img-src data:; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";
  let html = fs.readFileSync(path.join(web, 'index.html'), 'utf8');
  const css = fs.readFileSync(path.join(web, 'style.css'), 'utf8');
  const icon = `data:image/svg+xml;base64,${fs.readFileSync(path.join(web, 'favicon.svg')).toString('base64')}`;
  html = html
    .replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`)
    .replace('<link rel="icon" href="favicon.svg" type="image/svg+xml">', `<link rel="icon" href="${icon}" type="image/svg+xml">`)
    .replace('<link rel="stylesheet" href="style.css">', () => `<style>${css}</style>`)
    .replace(/<!-- boot\.js first[^\n]*\n<script src="boot\.js"><\/script>\n/, '')
    .replace('<script type="module" src="app.js"></script>', () =>
      `<script type="text/plain" id="worker-source">${Buffer.from(workerJs).toString('base64')}</script>\n`
      + `<script type="application/json" id="gallery-data">${jsonBlock}</script>\n`
      + `<script type="module">${appJs}</script>`);
  fs.mkdirSync(path.join(dist, 'single'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'single', 'policylab.html'), html);
  console.log(`build: web/dist/single/policylab.html (${(html.length / 1024).toFixed(0)} KiB)`);
}
