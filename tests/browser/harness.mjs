// Shared by the browser tests: a static server on a free port (scripts/serve.mjs) and headless
// Debian Chromium driven by playwright-core (resolved from web/node_modules).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const dist = path.join(root, 'web', 'dist');
export const screenshots = path.join(root, 'tests', 'browser', 'screenshots');
const require = createRequire(path.join(root, 'web', 'package.json'));
export const { chromium } = require('playwright-core');

export const kChromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: kChromiumArgs });
}

/** Starts scripts/serve.mjs on a free port (or `port`); resolves {url, stop}. */
export function serve(port = 0) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'serve.mjs'), '--port', String(port), '--dir', dist, '--quiet'],
      { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (d) => {
      const m = /listening (\d+)/.exec(String(d));
      if (m) {
        resolve({
          url: `http://localhost:${m[1]}/`,
          port: Number(m[1]),
          stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** A share fragment (#s=1&d=…) for a scenario, made the way the CLI and the page make it. */
export function shareFragment(scenario) {
  const text = typeof scenario === 'string' ? scenario : JSON.stringify(scenario);
  return `#s=1&d=${zlib.deflateSync(Buffer.from(text, 'utf8')).toString('base64url')}`;
}

export function readScenario(rel) {
  return JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8'));
}

/** Waits until the page shows `count` decisions from an evaluation newer than `after`. */
export async function waitForDecisions(page, { count, after = 0, timeout = 10000 } = {}) {
  await page.waitForFunction(({ count, after }) => {
    const m = window.policylab;
    if (!m || m.evaluations <= after) return false;
    const cards = document.querySelectorAll('#result-list [data-request-index]');
    return count === undefined ? cards.length > 0 : cards.length === count;
  }, { count, after }, { timeout });
  return page.$$eval('#result-list [data-request-index]', (els) => els.map((e) => ({
    index: Number(e.dataset.requestIndex), decision: e.dataset.decision, pass: e.dataset.pass ?? null,
  })));
}

export const evaluations = (page) => page.evaluate(() => window.policylab?.evaluations ?? 0);
