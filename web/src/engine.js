// The one typed wrapper between the page and the engine's Web Worker. Every call returns a
// promise; evaluate() resolves stale calls with null so that only the latest edit renders.

/**
 * @typedef {{severity: 'error'|'warning'|'info', code: string, message: string,
 *   pointer: string, line?: number, column?: number}} Diagnostic
 * @typedef {{policy: string, pointer: string, statement: number, sid?: string, effect: string}} DecidedBy
 * @typedef {{action: string, resource: string, principal?: string, decision: string,
 *   reason?: string, decidedBy: DecidedBy[], blockedBy?: {gate: string, message: string, policy?: string}[],
 *   trace?: object[]}} Check
 * @typedef {{request: number, decision: 'allowed'|'explicitDeny'|'implicitDeny'|'error',
 *   reason?: string, checks: Check[], response?: object, error?: {code: string, message: string},
 *   expect?: string, pass?: boolean}} RequestResult
 * @typedef {{engine: string, diagnostics: Diagnostic[], results: RequestResult[],
 *   summary: {requests: number, passed: number, failed: number}}} ResultDocument
 * @typedef {{actions: {name: string, accessLevel: string}[],
 *   conditionKeys: {name: string, type: string}[], managedPolicies: string[]}} Catalog
 */

function workerScript() {
  // The single-file build carries the worker's code in a data block (no network, file://).
  const inline = document.getElementById('worker-source');
  if (!inline) return new URL('./worker.js', document.baseURI);
  const bytes = Uint8Array.from(atob(inline.textContent.trim()), (c) => c.charCodeAt(0));
  // Run as a classic worker: module workers from blob: URLs fail in file:// pages (opaque origin).
  return URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' }));
}

function startWorker() {
  const booted = window.policylabBoot?.worker;
  if (booted) return booted;  // boot.js has sent it its compiled module
  const worker = new Worker(workerScript());
  worker.postMessage({ op: 'init', module: null });  // it loads the module itself (or has it inlined)
  return worker;
}

export class Engine {
  constructor() {
    this.worker = startWorker();
    this.nextId = 1;
    this.pending = new Map();
    this.latestEvaluation = 0;
    this.worker.onmessage = (event) => {
      const { id, ok, value, error, ms, marks } = event.data;
      // The worker's start-up times (epoch ms) on this page's clock, for the metrics.
      if (marks && !this.marks) {
        this.marks = Object.fromEntries(Object.entries(marks).map(([k, t]) => [k, t - performance.timeOrigin]));
      }
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      if (ok) p.resolve({ value, ms });
      else p.reject(new Error(error));
    };
    this.worker.onerror = (event) => {
      const err = new Error(`the engine failed to start: ${event.message || 'unknown error'}`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      this.failed = err;
    };
  }

  call(op, arg) {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, arg });
    }).then((r) => ({ id, ...r }));
  }

  /** @returns {Promise<string>} */
  async version() { return (await this.call('version')).value; }

  /** @returns {Promise<Catalog>} */
  async catalog() { return JSON.parse((await this.call('catalog')).value); }

  /**
   * Evaluates a scenario document (JSON text). Resolves with null when a newer evaluation was
   * started meanwhile (its answer would be stale).
   * @returns {Promise<{result: ResultDocument, ms: number} | null>}
   */
  async evaluate(scenarioText) {
    const ticket = ++this.latestEvaluation;
    const { value, ms } = await this.call('evaluate', scenarioText);
    if (ticket !== this.latestEvaluation) return null;
    return { result: JSON.parse(value), ms };
  }
}
