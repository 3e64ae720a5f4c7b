// Differential test (issue #5): the same seeded random scenarios through Policy Lab's native CLI
// and through @cloud-copilot/iam-simulate (tests/differential/oracle.mjs, a separate process),
// decisions compared request by request.
//
//   node tests/differential/run.mjs [--count N] [--seed S] [--cli build/policylab] [--show K]
//                                   [--save DIR]
//
// Exit status: 0 when every disagreement matches a pattern listed in KNOWN_DIFFERENCES.md
// (classifiers in known.mjs), 1 otherwise. Requests the peer cannot compare (it rejects the
// input, or drops a context key it believes does not apply to the action) are counted apart.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { generateScenarios } from './generate.mjs';
import { CLASSIFIERS } from './known.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const count = Number(opt('--count', 2000));
const seed = Number(opt('--seed', 1));
const cli = path.resolve(root, opt('--cli', process.env.POLICYLAB_CLI || 'build/policylab'));
const show = Number(opt('--show', 20));
const saveDir = opt('--save', null);

function run(cmd, args, input) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    p.stdout.on('data', (d) => out.push(d));
    p.stderr.on('data', (d) => err.push(d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
    p.stdin.end(input);
  });
}

// Policy Lab: one CLI process per scenario (a batch of 6-10 requests), nproc at a time.
async function policyLab(scenarios) {
  const results = new Array(scenarios.length);
  let next = 0;
  const worker = async () => {
    while (next < scenarios.length) {
      const i = next++;
      const r = await run(cli, ['eval', '-', '--compact'], JSON.stringify(scenarios[i]));
      let doc;
      try {
        doc = JSON.parse(r.stdout);
      } catch {
        results[i] = scenarios[i].requests.map(() => ({ decision: 'crash', detail: r.stderr.slice(0, 300) }));
        continue;
      }
      const errors = (doc.diagnostics || []).filter((d) => d.severity === 'error');
      if (errors.length) {
        const detail = errors.map((d) => `${d.code} ${d.pointer || ''}: ${d.message}`).join('; ');
        results[i] = scenarios[i].requests.map(() => ({ decision: 'invalid', detail }));
        continue;
      }
      results[i] = doc.results.map((x) => ({ decision: x.decision, decidedBy: x.checks?.[0]?.decidedBy, error: x.error }));
    }
  };
  await Promise.all(Array.from({ length: os.cpus().length }, worker));
  return results;
}

async function oracle(scenarios) {
  const r = await run(process.execPath, [path.join(here, 'oracle.mjs')], JSON.stringify(scenarios));
  if (r.code !== 0) throw new Error(`oracle failed (${r.code}): ${r.stderr.slice(0, 2000)}`);
  return JSON.parse(r.stdout);
}

function listedKnownDifferences() {
  const text = readFileSync(path.join(here, 'KNOWN_DIFFERENCES.md'), 'utf8');
  return new Set([...text.matchAll(/^Classifier: `([a-z0-9-]+)`/gm)].map((m) => m[1]));
}

// A copy of the scenario with only the one request, for printing and saving.
function single(scenario, i) {
  return { ...scenario, requests: [scenario.requests[i]] };
}

const t0 = Date.now();
const scenarios = generateScenarios(count, seed);
const [ours, theirs] = await Promise.all([policyLab(scenarios), oracle(scenarios)]);
const listed = listedKnownDifferences();

const tally = { requests: 0, agree: 0, notComparable: 0, known: 0, unexplained: 0 };
const byCategory = new Map();
const notComparable = new Map();
const unexplained = [];
const bump = (m, k) => m.set(k, (m.get(k) || 0) + 1);

const disagreements = [];
scenarios.forEach((s, si) => {
  s.requests.forEach((req, ri) => {
    tally.requests++;
    const a = ours[si][ri];
    const b = theirs[si][ri];
    if (b.decision === 'error') {
      tally.notComparable++;
      bump(notComparable, `peer rejects the input: ${b.error.replace(/"[^"]*\d[^"]*"/g, '…').slice(0, 120)}`);
      return;
    }
    if (b.ignoredKeys?.length) {
      tally.notComparable++;
      bump(notComparable, `peer drops context keys it deems inapplicable: ${b.ignoredKeys.join(', ')}`);
      return;
    }
    if (a.decision === b.decision) {
      tally.agree++;
      return;
    }
    disagreements.push({ scenario: single(s, ri), index: ri, request: req, ours: a, theirs: b });
  });
});

// Classify. A classifier with `neutralize` explains a disagreement only if both engines agree
// once its feature is removed (re-run in one more batch through both engines); first each
// matching classifier alone, then all of them together (a scenario may combine two known
// differences). Predicate-only classifiers are checked on what remains.
const predicateFor = (d) => CLASSIFIERS.find((c) => !c.neutralize && c.matches(d));
const candidates = [];
for (const d of disagreements) {
  const ns = CLASSIFIERS.filter((c) => c.neutralize && c.matches(d));
  ns.forEach((c) => candidates.push({ d, ids: [c.id], s: c.neutralize(d.scenario) }));
  if (ns.length > 1) candidates.push({ d, ids: ns.map((c) => c.id), s: ns.reduce((s, c) => c.neutralize(s), d.scenario) });
  if (!ns.length) {
    const p = predicateFor(d);
    if (p) d.explainedBy = [p.id];
  }
}
if (candidates.length) {
  const [o2, t2] = await Promise.all([policyLab(candidates.map((x) => x.s)), oracle(candidates.map((x) => x.s))]);
  candidates.forEach((x, i) => {
    if (x.d.explainedBy) return;
    const rest = { ...x.d, scenario: x.s, request: x.s.requests[0], ours: o2[i][0], theirs: t2[i][0] };
    if (rest.ours.decision === rest.theirs.decision) {
      x.d.explainedBy = x.ids;
    } else {
      const p = predicateFor(rest);
      if (p) x.d.explainedBy = [...x.ids, p.id];
    }
  });
}
for (const d of disagreements) {
  if (!d.explainedBy) {
    const p = predicateFor(d);
    if (p) d.explainedBy = [p.id];
  }
  const category = d.explainedBy ? d.explainedBy.join(' + ') : 'unclassified';
  if (d.explainedBy && d.explainedBy.every((id) => listed.has(id))) {
    tally.known++;
    bump(byCategory, category);
  } else {
    tally.unexplained++;
    unexplained.push(d);
    bump(byCategory, d.explainedBy ? `${category} (not listed)` : category);
  }
}

const secs = ((Date.now() - t0) / 1000).toFixed(1);
console.log(`differential: ${count} scenarios (seed ${seed}), ${tally.requests} requests in ${secs}s`);
console.log(`  agree ${tally.agree}, known differences ${tally.known}, unexplained ${tally.unexplained}, not comparable ${tally.notComparable}`);
for (const [k, v] of [...byCategory].sort((x, y) => y[1] - x[1])) console.log(`  disagreement ${k}: ${v}`);
for (const [k, v] of [...notComparable].sort((x, y) => y[1] - x[1]).slice(0, 12)) console.log(`  not comparable (${v}): ${k}`);

if (saveDir) mkdirSync(saveDir, { recursive: true });
unexplained.slice(0, show).forEach((d, n) => {
  console.log(`\n--- unexplained disagreement ${n + 1}: request ${d.index} of "${d.scenario.title}" (${d.ours.decision}/${d.theirs.decision})`);
  console.log(`policylab: ${d.ours.decision}${d.ours.detail ? ' (' + d.ours.detail + ')' : ''}   iam-simulate: ${d.theirs.decision}`);
  console.log(JSON.stringify(d.scenario));
  if (saveDir) writeFileSync(path.join(saveDir, `d${n + 1}.json`), JSON.stringify(d.scenario, null, 2));
});
process.exit(tally.unexplained === 0 ? 0 : 1);
