// The engine's thread. Loads the wasm module once and answers {id, op, arg} messages with
// {id, ok, value, ms}; the page never blocks on an evaluation. Talk to it through engine.js.
import createPolicyLab from './policylab.js';

const ready = createPolicyLab();
const ops = {
  evaluate: (m, arg) => m.evaluate(arg),
  catalog: (m) => m.catalog(),
  version: (m) => m.version(),
};

self.onmessage = async (event) => {
  const { id, op, arg } = event.data;
  try {
    const module = await ready;
    const t0 = performance.now();
    const value = ops[op](module, arg);
    self.postMessage({ id, ok: true, value, ms: performance.now() - t0 });
  } catch (err) {
    self.postMessage({ id, ok: false, error: String((err && err.message) || err) });
  }
};
