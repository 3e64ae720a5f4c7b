// The wasm module's API: version, catalog, evaluate (tests/wasm, run by `scripts/test wasm`).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadPolicyLab, root } from './load.mjs';

const lab = await loadPolicyLab();
const seed = fs.readFileSync(path.join(root, 'tests/corpus/seeds/seed000-example1-s3-invokes-helloworld.json'), 'utf8');

test('version names the engine and its data date', () => {
  assert.match(lab.version(), /^policylab \d+\.\d+\.\d+ \(data \d{4}-\d{2}-\d{2}\)$/);
});

test('catalog lists Lambda actions, condition keys and managed policies', () => {
  const catalog = JSON.parse(lab.catalog());
  const invoke = catalog.actions.find((a) => a.name === 'lambda:InvokeFunction');
  assert.ok(invoke, 'lambda:InvokeFunction in actions');
  assert.equal(typeof invoke.accessLevel, 'string');
  assert.ok(catalog.conditionKeys.some((k) => k.name === 'lambda:FunctionUrlAuthType' && k.type));
  assert.ok(catalog.conditionKeys.some((k) => k.name === 'aws:SourceArn'));
  assert.ok(catalog.managedPolicies.includes('AWSLambda_ReadOnlyAccess'));
});

test('evaluate answers the seed scenario with its expected decisions and deciding statement', () => {
  const result = JSON.parse(lab.evaluate(seed));
  assert.deepEqual(result.diagnostics, []);
  assert.equal(result.engine, lab.version());
  assert.deepEqual(result.summary, { requests: 5, passed: 5, failed: 0 });
  assert.equal(result.results[0].decision, 'allowed');
  assert.deepEqual(result.results[0].checks[0].decidedBy.map((d) => [d.policy, d.statement, d.pointer]),
    [['resource:arn:aws:lambda:us-west-2:111111111111:function:helloworld', 0, '/resourcePolicies/0/document/Statement/0']]);
  assert.deepEqual(result.results.map((r) => r.decision),
    ['allowed', 'implicitDeny', 'implicitDeny', 'implicitDeny', 'implicitDeny']);
});

test('invalid input becomes diagnostics with a location, never an exception', () => {
  const syntax = JSON.parse(lab.evaluate('{"scenario": 1,\n  "caller": {'));
  assert.equal(syntax.results.length, 0);
  assert.equal(syntax.diagnostics[0].severity, 'error');
  assert.equal(syntax.diagnostics[0].line, 2);
  const bad = JSON.parse(seed);
  bad.resourcePolicies[0].document.Statement[0].Effect = 'Alow';
  const semantic = JSON.parse(lab.evaluate(JSON.stringify(bad, null, 2)));
  const d = semantic.diagnostics.find((x) => x.pointer === '/resourcePolicies/0/document/Statement/0/Effect');
  assert.ok(d, JSON.stringify(semantic.diagnostics));
  assert.equal(d.severity, 'error');
  assert.ok(d.line > 1 && d.column > 1);
  for (const junk of ['', 'null', '[]', '"x"', '{"scenario": 99}', '\u0000', '{'.repeat(10000)]) {
    const r = JSON.parse(lab.evaluate(junk));
    assert.ok(r.diagnostics.length > 0, `diagnostics for ${JSON.stringify(junk.slice(0, 20))}`);
  }
});

test('one evaluation of the seed scenario is fast', () => {
  lab.evaluate(seed);  // warm up
  const n = 20;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) lab.evaluate(seed);
  const ms = (performance.now() - t0) / n;
  console.log(`# wasm evaluate(seed000-example1): ${ms.toFixed(2)} ms per evaluation (node, mean of ${n})`);
  assert.ok(ms < 250, `${ms} ms`);
});
