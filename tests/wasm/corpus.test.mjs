// The whole conformance corpus through the wasm module equals the native CLI's result document
// for the same file (the JSON, not just decisions). The CLI is $POLICYLAB_CLI or build/policylab.
// One difference is expected and removed before comparing: scenarios without `now` evaluate at
// the current time, so `aws:CurrentTime` and `aws:EpochTime` differ by the seconds between runs.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadPolicyLab, corpusFiles, root } from './load.mjs';

const cli = process.env.POLICYLAB_CLI || path.join(root, 'build', 'policylab');
const lab = await loadPolicyLab();
const kClockKeys = new Set(['aws:CurrentTime', 'aws:EpochTime']);

function native(file) {
  try {
    return execFileSync(cli, ['eval', file], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if (typeof e.stdout === 'string' && e.stdout.trim()) return e.stdout;  // exit 1/2 still prints the result
    throw e;
  }
}

/** Replaces clock values (only when the scenario has no fixed `now`). */
function withoutClock(value) {
  if (Array.isArray(value)) return value.map(withoutClock);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = kClockKeys.has(k) ? '<clock>' : withoutClock(v);
    return out;
  }
  return value;
}

const files = corpusFiles();
test('the corpus is there', () => assert.ok(files.length > 20, `${files.length} files`));
test('the native CLI is built', { skip: false }, () => assert.ok(fs.existsSync(cli), `${cli} missing: build the native project first`));

for (const file of files) {
  const name = path.relative(path.join(root, 'tests', 'corpus'), file);
  test(`wasm equals native: ${name}`, { skip: !fs.existsSync(cli) && 'native CLI not built' }, () => {
    const text = fs.readFileSync(file, 'utf8');
    let fromWasm = JSON.parse(lab.evaluate(text));
    let fromCli = JSON.parse(native(file));
    if (!(JSON.parse(text) || {}).now) { fromWasm = withoutClock(fromWasm); fromCli = withoutClock(fromCli); }
    assert.deepEqual(fromWasm, fromCli);
  });
}
