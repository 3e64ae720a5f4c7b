// Shrinks a disagreement to a minimal scenario (greedy delta debugging): drops policies,
// statements, condition operators, keys, list values and context keys while Policy Lab and
// iam-simulate still disagree the same way. A tool for writing up known differences.
//   node tests/differential/run.mjs --save /tmp/d ... ; node tests/differential/minimize.mjs /tmp/d/d1.json
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { simulate } from './oracle.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.resolve(here, '../..', process.env.POLICYLAB_CLI || 'build/policylab');

function ours(s) {
  const r = spawnSync(cli, ['eval', '-', '--compact'], { input: JSON.stringify(s) });
  try {
    const doc = JSON.parse(r.stdout.toString());
    if ((doc.diagnostics || []).some((d) => d.severity === 'error')) return 'invalid';
    return doc.results[0].decision;
  } catch {
    return 'crash';
  }
}
async function signature(s) {
  const t = await simulate(s, s.requests[0]);
  return `${ours(s)}/${t.decision}`;
}

// Every "path" whose removal yields a smaller candidate.
function* shrinks(s) {
  const walk = function* (v, p) {
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; --i) {
        yield [...p, i];
        yield* walk(v[i], [...p, i]);
      }
    } else if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        yield [...p, k];
        yield* walk(v[k], [...p, k]);
      }
    }
  };
  yield* walk(s.caller, ['caller']);
  yield* walk(s.resourcePolicies, ['resourcePolicies']);
  yield* walk(s.requests[0].context || {}, ['requests', 0, 'context']);
}
function without(s, p) {
  const c = structuredClone(s);
  let o = c;
  for (const k of p.slice(0, -1)) o = o[k];
  const last = p[p.length - 1];
  if (Array.isArray(o)) o.splice(last, 1);
  else delete o[last];
  return c;
}

const KEEP = new Set(['Version', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'document', 'attachedTo', 'AWS', 'Service', 'Statement']);

const s0 = JSON.parse(readFileSync(process.argv[2], 'utf8'));
s0.requests = [s0.requests[Number(process.argv[3] || 0)]];
const target = await signature(s0);
let s = s0;
for (let changed = true; changed;) {
  changed = false;
  for (const p of shrinks(s)) {
    if (p[0] === 'caller' && p.length === 2 && (p[1] === 'principal' || p[1] === 'region')) continue;
    // Keep the structure valid and the policy language the same: drop whole statements, operators,
    // keys and list values, never a required element, the Version, or the last list value.
    const last = p[p.length - 1];
    if (KEEP.has(last)) continue;
    const parent = p.slice(0, -1).reduce((o, k) => o[k], s);
    if (Array.isArray(parent) && parent.length === 1 && KEEP.has(p[p.length - 2])) continue;
    const c = without(s, p);
    if ((await signature(c)) === target) {
      s = c;
      changed = true;
      break;
    }
  }
}
console.log(`# ${target}`);
console.log(JSON.stringify(s));
