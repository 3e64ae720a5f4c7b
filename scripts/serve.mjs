// A small static file server for web/dist with no dependencies: correct MIME types (.wasm as
// application/wasm, which streaming compilation requires), the page's CSP repeated as a header,
// no caching surprises (the service worker does the caching). Used by scripts/serve and the
// browser tests. Usage: node scripts/serve.mjs [--port N] [--dir DIR] [--quiet]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const root = path.resolve(opt('--dir', path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist')));
const port = Number(opt('--port', process.env.PORT || 8080));
const quiet = args.includes('--quiet');

const kTypes = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};
const kCsp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
  + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'";

if (!fs.existsSync(path.join(root, 'index.html'))) {
  console.error(`serve: ${root}/index.html is missing; run scripts/build-web first`);
  process.exit(1);
}

const server = http.createServer((req, res) => {
  let rel;
  try { rel = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { res.writeHead(400).end(); return; }
  let file = path.join(root, path.normalize(rel));
  if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  fs.readFile(file, (err, data) => {
    if (err) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n'); return; }
    const headers = {
      'content-type': kTypes[path.extname(file)] || 'application/octet-stream',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    };
    // The single-file page carries its own (hash-based) policy; everything else gets the app's.
    if (!file.includes(`${path.sep}single${path.sep}`)) headers['content-security-policy'] = kCsp;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : data);
  });
});

server.listen(port, '127.0.0.1', () => {
  const { port: actual } = server.address();
  if (!quiet) console.log(`Policy Lab playground: http://localhost:${actual}/  (Ctrl-C to stop)`);
  else console.log(`listening ${actual}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
