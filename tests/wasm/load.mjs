// Loads the Embind module under node for the tests. The wasm bytes are passed in (node 20's
// fetch cannot load a file path), and Emscripten 3.1.6's ES-module output still reads the
// CommonJS globals `__dirname` and `require` on node, so they are provided here.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const wasmDir = path.resolve(process.env.POLICYLAB_WASM_DIR || path.join(root, 'build-wasm', 'wasm'));

export async function loadPolicyLab() {
  globalThis.__dirname ??= wasmDir;
  globalThis.require ??= createRequire(path.join(wasmDir, 'policylab.js'));
  const { default: createPolicyLab } = await import(pathToFileURL(path.join(wasmDir, 'policylab.js')).href);
  return createPolicyLab({ wasmBinary: fs.readFileSync(path.join(wasmDir, 'policylab.wasm')) });
}

/** Every scenario file of the conformance corpus (tests/corpus/**.json), sorted. */
export function corpusFiles() {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json')) out.push(p);
    }
  };
  walk(path.join(root, 'tests', 'corpus'));
  return out.sort();
}
