// JavaScript side of scripts/bench: decisions per second of
//   wasm          Policy Lab's Embind module under node: evaluateDecisions() (the JSON API without
//                 the per-statement trace) on the scenario with its request repeated n times
//                 (1,000, fewer for big documents), divided by n
//   iam-simulate  @cloud-copilot/iam-simulate's runSimulation() per decision, with the same
//                 policies and request context as the differential test gives it (oracle.mjs)
// Usage: node js_bench.mjs WASM_DIR|- FILE...   prints one JSON line per file and engine.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

import { simulate } from '../oracle.mjs';

const [wasmDir, ...files] = process.argv.slice(2);

async function loadWasm(relative) {
  const dir = path.resolve(relative);
  // Emscripten's ES-module output reads the CommonJS globals on node; the wasm bytes are passed
  // in because node's fetch cannot read a file path.
  globalThis.__dirname ??= dir;
  globalThis.require ??= createRequire(path.join(dir, 'policylab.js'));
  const { default: createPolicyLab } = await import(pathToFileURL(path.join(dir, 'policylab.js')).href);
  return createPolicyLab({ wasmBinary: fs.readFileSync(path.join(dir, 'policylab.wasm')) });
}

async function perSecond(f, minSeconds) {
  let runs = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  do {
    await f();
    ++runs;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  } while (elapsed < minSeconds);
  return runs / elapsed;
}

const wasm = wasmDir !== '-' ? await loadWasm(wasmDir) : null;
for (const file of files) {
  const scenario = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (wasm) {
    // Repeat the request as often as the 4 MiB document limit allows (at most 1,000 times).
    const n = Math.max(1, Math.min(1000, Math.floor(3e6 / JSON.stringify(scenario).length)));
    const many = JSON.stringify({ ...scenario, requests: Array.from({ length: n }, () => scenario.requests[0]) });
    const result = JSON.parse(wasm.evaluateDecisions(many));
    if (!result.results?.length) throw new Error(`wasm: ${JSON.stringify(result.diagnostics).slice(0, 300)}`);
    const decision = result.results[0].decision;
    const rate = n * (await perSecond(() => wasm.evaluateDecisions(many), 1.0));
    console.log(JSON.stringify({ file, engine: 'wasm', decision, perSec: Math.round(rate) }));
  }
  let decision;
  const rate = await perSecond(async () => {
    decision = (await simulate(scenario, scenario.requests[0])).decision;
  }, 1.0);
  console.log(JSON.stringify({ file, engine: 'iam-simulate', decision, perSec: Math.round(rate) }));
}
