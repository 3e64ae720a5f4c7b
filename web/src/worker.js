// The engine's thread. Loads the wasm module once and answers {id, op, arg} messages with
// {id, ok, value, ms, marks}; the page never blocks on an evaluation. Talk to it through
// engine.js. Bundled as a classic worker script (build.mjs): those start sooner than modules.
import createPolicyLab from './policylab.js';

// Times on the page's clock (ms since navigation start), read by engine.js for the metrics.
const pageClock = () => performance.timeOrigin + performance.now();
const marks = { workerStart: pageClock() };
// A small scenario run once at start-up, before any request: the browser compiles wasm functions
// lazily, on their first call, so this moves that one-off cost off the page's first evaluation
// (the page is still starting meanwhile). Its result is discarded; a failure here only means
// the page's first evaluation pays for the compilation itself.
const kWarmUp = JSON.stringify({
  scenario: 1,
  caller: {
    principal: 'arn:aws:iam::111122223333:role/warm-up', region: 'us-east-1',
    identityPolicies: [{ name: 'p', document: { Version: '2012-10-17', Statement: [
      { Effect: 'Allow', Action: ['lambda:Invoke*', 'lambda:Get*'], Resource: 'arn:aws:lambda:*:111122223333:function:f*',
        Condition: { StringEquals: { 'aws:PrincipalTag/team': '${aws:PrincipalTag/team}' }, Bool: { 'aws:SecureTransport': 'true' } } },
      { Effect: 'Deny', NotAction: 'lambda:Get*', NotResource: 'arn:aws:lambda:us-east-1:111122223333:function:f:*' }] } }],
  },
  resourcePolicies: [{ attachedTo: 'arn:aws:lambda:us-east-1:111122223333:function:f', document: { Version: '2012-10-17', Statement: [
    { Sid: 's', Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-east-1:111122223333:function:f',
      Condition: { StringEquals: { 'AWS:SourceAccount': '111122223333' }, ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::b*' } } }] } }],
  requests: [
    { action: 'lambda:InvokeFunction', resource: 'arn:aws:lambda:us-east-1:111122223333:function:f', expect: 'allowed' },
    { principal: 's3.amazonaws.com', action: 'lambda:InvokeFunction', resource: 'arn:aws:lambda:us-east-1:111122223333:function:f',
      context: { 'aws:SourceArn': 'arn:aws:s3:::bucket', 'aws:SourceAccount': '111122223333' } },
  ],
});
let asked = false;  // has the page asked for an evaluation yet? Then that one warms up instead.
// The first message is {op: 'init', module}: a WebAssembly.Module compiled by the page
// (boot.js), or null, and then the module is fetched and compiled here.
let init;
const initialized = new Promise((resolve) => { init = resolve; });
const ready = initialized.then((compiled) => createPolicyLab(compiled ? {
  instantiateWasm(imports, receive) {
    WebAssembly.instantiate(compiled, imports).then((instance) => receive(instance, compiled));
    return {};
  },
} : {})).then((m) => {
  marks.engineReady = pageClock();
  if (!asked) {
    try {
      m.evaluate(kWarmUp);
    } catch {
      // nothing to do: see above
    }
    marks.warmedUp = pageClock();
  }
  return m;
});
const ops = {
  evaluate: (m, arg) => m.evaluate(arg),
  catalog: (m) => m.catalog(),
  version: (m) => m.version(),
};

self.onmessage = async (event) => {
  const { id, op, arg } = event.data;
  if (op === 'init') { init(event.data.module); return; }
  if (op === 'evaluate') asked = true;
  try {
    const module = await ready;
    const t0 = performance.now();
    const value = ops[op](module, arg);
    self.postMessage({ id, ok: true, value, ms: performance.now() - t0, marks });
  } catch (err) {
    self.postMessage({ id, ok: false, error: String((err && err.message) || err) });
  }
};
