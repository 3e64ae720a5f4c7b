// The real page in headless Chromium against the real engine (web/dist built by
// scripts/build-web). Run: node --test tests/browser/   (scripts/test browser)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, serve, shareFragment, readScenario, waitForDecisions, evaluations, dist, root, screenshots } from './harness.mjs';

let browser;
let server;
const gallery = JSON.parse(fs.readFileSync(path.join(dist, 'gallery.json'), 'utf8'));
const defaultExample = gallery[0];

before(async () => {
  fs.mkdirSync(screenshots, { recursive: true });
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  return page;
}

/**
 * Replaces an editor's text the way a paste does (no auto-closed brackets). The click is what
 * turns a not-yet-used editor (editor_slot.js) into CodeMirror.
 */
async function replaceEditorText(page, editor, text) {
  await editor.locator('.lite-editor, .cm-content').first().click();
  await editor.locator('.cm-content').waitFor();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

test('the page loads and shows the default example\'s decisions, within the time budget', async () => {
  // Fresh contexts (no HTTP cache, no service worker); the best of three, because other builds
  // may share this machine's two cores. One unmeasured load first: a user's browser is already
  // running, while this one has just been launched (its first pages start its process pool).
  const runs = [];
  let page = await newPage();
  await page.goto(server.url);
  await waitForDecisions(page, { count: defaultExample.scenario.requests.length });
  let decisions;
  for (let i = 0; i < 3; i++) {
    if (page) await page.context().close();
    page = await newPage();
    await page.goto(server.url);
    decisions = await waitForDecisions(page, { count: defaultExample.scenario.requests.length });
    await page.waitForFunction(() => window.policylab.firstDecisionPaintedMs);
    runs.push(await page.evaluate(() => window.policylab));
  }
  const m = runs.reduce((a, b) => (b.firstDecisionPaintedMs < a.firstDecisionPaintedMs ? b : a));
  const r = (x) => x?.toFixed(0);
  console.log(`# first decision on screen: ${runs.map((x) => r(x.firstDecisionMs)).join(', ')} ms after navigation start (painted: ${runs.map((x) => r(x.firstDecisionPaintedMs)).join(', ')} ms); best run: app start ${r(m.marks.appStart)}, gallery ${r(m.marks.gallery)}; worker start ${r(m.marks.workerStart)}, wasm ready ${r(m.marks.engineReady)}, warmed up ${r(m.marks.warmedUp)}; result ${r(m.marks.firstResult)}; first evaluation in the worker ${m.lastEvaluationMs.toFixed(1)} ms`);
  assert.equal(decisions[0].decision, 'allowed');
  assert.ok(decisions.every((d) => d.pass === 'true'), JSON.stringify(decisions));
  assert.equal(await page.locator('#scenario-title').textContent(), defaultExample.scenario.title);
  assert.match(await page.locator('#engine-version').textContent(), /^policylab /);
  await page.screenshot({ path: path.join(screenshots, 'desktop.png') });
  assert.deepEqual(page.errors, []);
  // Issue #4's budget: the first decision on screen (painted) within 1,000 ms of navigation, on
  // the 2-core machine, best of three fresh loads (other work may share the cores).
  const painted = Math.min(...runs.map((x) => x.firstDecisionPaintedMs));
  assert.ok(painted < 1000, `first decision painted after ${r(painted)} ms (budget 1000)`);
  await page.context().close();
});

test('editing a policy changes the decision', async () => {
  const page = await newPage();
  await page.goto(server.url);
  await waitForDecisions(page, { count: defaultExample.scenario.requests.length });
  const before = await evaluations(page);
  const doc = structuredClone(defaultExample.scenario.resourcePolicies[0].document);
  doc.Statement[0].Effect = 'Deny';
  await replaceEditorText(page, page.locator('#resource-list .policy-card').first(), JSON.stringify(doc, null, 2));
  const decisions = await waitForDecisions(page, { count: defaultExample.scenario.requests.length, after: before });
  assert.equal(decisions[0].decision, 'explicitDeny');
  assert.equal(decisions[0].pass, 'false');
  // The deciding statement is highlighted in its editor.
  assert.ok(await page.locator('#resource-list .cm-decided-deny').count() > 0);
  await page.context().close();
});

test('editors become CodeMirror on first use, with the cursor where the click landed', async () => {
  const page = await newPage();
  await page.goto(server.url);
  await waitForDecisions(page, { count: defaultExample.scenario.requests.length });
  // Nothing is built before it is used; the statement highlight is drawn on the static lines.
  assert.equal(await page.locator('.cm-editor').count(), 0);
  const card = page.locator('#resource-list .policy-card').first();
  assert.ok(await card.locator('.lite-line.cm-decided-allow').count() > 0);
  await card.locator('.lite-line').nth(2).click();  // line 3: "Id": "default",
  await card.locator('.cm-editor.cm-focused').waitFor();
  assert.match(await card.locator('.cm-activeLine').textContent(), /"Id": "default"/);
  assert.ok(await card.locator('.cm-decided-allow').count() > 0);
  // Keyboard focus builds it too.
  const context = page.locator('#request-list .request-card').first().locator('.editor-host').last();
  await context.locator('.lite-editor').focus();
  await context.locator('.cm-editor.cm-focused').waitFor();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.insertText(', "aws:SourceIp": "10.0.0.1"');
  const after = await evaluations(page);
  assert.equal((await waitForDecisions(page, { count: 5, after }))[0].decision, 'allowed');
  assert.match(await context.locator('.cm-content').textContent(), /"111111111111", "aws:SourceIp": "10.0.0.1"\s*}$/);
  assert.equal(await context.locator('.cm-lintRange-error').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an invalid policy shows its diagnostic at the right line of the right editor', async () => {
  const page = await newPage();
  await page.goto(server.url);
  await waitForDecisions(page, { count: defaultExample.scenario.requests.length });
  const doc = structuredClone(defaultExample.scenario.resourcePolicies[0].document);
  doc.Statement[0].Effect = 'Alow';
  const text = JSON.stringify(doc, null, 2);
  const wantLine = text.split('\n').findIndex((l) => l.includes('"Alow"')) + 1;
  const editor = page.locator('#resource-list .policy-card').first();
  await replaceEditorText(page, editor, text);
  const range = editor.locator('.cm-lintRange-error').first();
  await range.waitFor({ timeout: 5000 });
  const line = await range.evaluate((node) => {
    const lineEl = node.closest('.cm-line');
    return [...lineEl.parentElement.querySelectorAll(':scope > .cm-line')].indexOf(lineEl) + 1;
  });
  assert.equal(line, wantLine);
  assert.match(await range.textContent(), /Effect|Alow/);
  // JSON syntax errors show inline too, and the decisions are marked stale meanwhile.
  await replaceEditorText(page, editor, text.replace('"Alow"', '"Allow",,'));
  await editor.locator('.cm-lintRange-error').first().waitFor({ timeout: 5000 });
  await page.locator('#stale-note').waitFor({ state: 'visible' });
  await page.context().close();
});

test('every gallery example loads with one click and each request meets its expectation', async () => {
  const page = await newPage();
  await page.goto(server.url);
  await waitForDecisions(page, {});
  assert.ok(gallery.length >= 20, `${gallery.length} examples`);
  for (const [i, example] of gallery.entries()) {
    const before = await evaluations(page);
    await page.click('#gallery-button');
    await page.click(`[data-gallery-index="${i}"]`);
    await page.waitForFunction((n) => window.policylab.evaluations > n, before);
    const diagnostics = await page.$$eval('#general-diagnostics li', (els) => els.map((e) => e.textContent));
    const decisions = await page.$$eval('#result-list [data-request-index]', (els) => els.map((e) => ({ decision: e.dataset.decision, pass: e.dataset.pass })));
    assert.equal(decisions.length, example.scenario.requests.length, `${example.path}: ${diagnostics.join('; ')}`);
    for (const [j, r] of example.scenario.requests.entries()) {
      if (r.expect) assert.equal(decisions[j].pass, 'true', `${example.path} request ${j}: ${decisions[j].decision}, expected ${r.expect}`);
    }
    assert.equal(await page.locator('#general-diagnostics .diag-error').count(), 0, example.path);
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a share link opened in a new page reproduces the scenario and decisions', async () => {
  const page = await newPage();
  await page.goto(server.url);
  const example = gallery.findIndex((g) => g.path.includes('ifexists'));
  const before = await evaluations(page);
  await page.click('#gallery-button');
  await page.click(`[data-gallery-index="${example}"]`);
  const decisions = await waitForDecisions(page, { count: gallery[example].scenario.requests.length, after: before });
  await page.keyboard.press('Control+S');
  await page.waitForFunction(() => location.hash.startsWith('#s=1&d='));
  const link = page.url();
  const other = await newPage();
  await other.goto(link);
  const again = await waitForDecisions(other, { count: decisions.length });
  assert.deepEqual(again, decisions);
  assert.equal(await other.locator('#scenario-title').textContent(), gallery[example].scenario.title);
  // The CLI's links open the same way.
  await page.context().close();
  await other.context().close();
});

test('a tampered or truncated link shows a clear message and loads nothing', async () => {
  const fragment = shareFragment(readScenario('tests/corpus/gallery/forallvalues-no-tags.json'));
  const data = fragment.split('&d=')[1];
  const tampered = `#s=1&d=${data.slice(0, 20)}${data[20] === 'A' ? 'B' : 'A'}${data.slice(21)}`;
  const truncated = `#s=1&d=${data.slice(0, Math.floor(data.length / 2))}`;
  for (const bad of [tampered, truncated, '#s=2&d=abc']) {
    const page = await newPage();
    await page.goto(server.url + bad);
    const banner = page.locator('#banner');
    await banner.waitFor({ state: 'visible' });
    assert.match(await banner.textContent(), /could not open this link/i);
    await page.waitForFunction(() => window.policylab?.ready);
    assert.equal(await page.locator('[data-request-index]').count(), 0, bad);
    assert.equal(await page.locator('#identity-list .policy-card').count(), 0);
    await page.context().close();
  }
});

test('payloads in policy text are shown as text and run nothing', async () => {
  const img = '<img src=x onerror="window.__pwned=1">';
  const script = '</script><script>window.__pwned=2</script>';
  const scenario = {
    scenario: 1,
    title: `${img} ${script}`,
    description: `${script}`,
    caller: {
      principal: 'arn:aws:iam::111122223333:user/alice',
      identityPolicies: [{ name: img, document: { Version: '2012-10-17', Statement: [
        { Sid: 'x', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: `arn:aws:lambda:us-east-1:111122223333:function:${script}` },
      ] } }],
    },
    requests: [{ note: `${img}${script}`, action: 'lambda:InvokeFunction', resource: `arn:aws:lambda:us-east-1:111122223333:function:${img}` }],
  };
  const page = await newPage();
  await page.goto(server.url + shareFragment(scenario));
  await waitForDecisions(page, { count: 1 });
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('img:not(.cm-widgetBuffer)').count(), 0);
  assert.equal(await page.locator('#scenario-title').textContent(), scenario.title);
  assert.equal(await page.locator('[data-request-index="0"] .result-title').textContent(), scenario.requests[0].note);
  assert.equal(await page.locator('#identity-list input').first().inputValue(), img);
  assert.ok((await page.locator('#identity-list .editor-host').textContent()).includes(script));
  await page.context().close();
});

test('embed mode is compact and read-only, with an "Open in playground" link carrying the state', async () => {
  const fragment = shareFragment(readScenario('tests/corpus/gallery/qualified-vs-unqualified-arn.json'));
  const page = await newPage({ viewport: { width: 800, height: 600 } });
  await page.goto(`${server.url}?embed=1${fragment}`);
  await waitForDecisions(page, { count: 4 });
  assert.ok(await page.locator('.editor-host .lite-editor, .editor-host .cm-editor').count() > 0);
  // Clicking an editor builds nothing editable: no CodeMirror content, no focusable text box.
  await page.locator('#identity-list .editor-host, #resource-list .editor-host').first().click();
  assert.equal(await page.locator('[contenteditable="true"]').count(), 0);
  assert.equal(await page.locator('.lite-editor[tabindex]').count(), 0);
  assert.equal(await page.locator('#form-view input:not([disabled])').count(), 0);
  assert.equal(await page.locator('#copy-link').isVisible(), false);
  assert.equal(await page.locator('#add-request').isVisible(), false);
  const href = await page.locator('#open-in-playground').getAttribute('href');
  assert.ok(href.includes(fragment.slice(1)) && !href.includes('embed'), href);
  await page.screenshot({ path: path.join(screenshots, 'embed.png') });
  await page.context().close();
});

test('screenshots: desktop, narrow and dark', async () => {
  for (const [name, options] of [
    ['narrow', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }],
    ['dark', { colorScheme: 'dark' }],
    ['dark-narrow', { colorScheme: 'dark', viewport: { width: 390, height: 844 } }],
  ]) {
    const page = await newPage(options);
    await page.goto(server.url);
    await waitForDecisions(page, {});
    await page.screenshot({ path: path.join(screenshots, `${name}.png`) });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${name}: page scrolls sideways by ${overflow}px`);
    await page.context().close();
  }
  const page = await newPage();
  await page.goto(server.url);
  await waitForDecisions(page, {});
  await page.click('#gallery-button');
  await page.screenshot({ path: path.join(screenshots, 'gallery.png') });
  await page.context().close();
});

test('the single-file build works from file://', async () => {
  const file = path.join(dist, 'single', 'policylab.html');
  const page = await newPage();
  await page.goto(`file://${file}`);
  const decisions = await waitForDecisions(page, { count: defaultExample.scenario.requests.length });
  assert.equal(decisions[0].decision, 'allowed');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// Last: it stops the shared server.
test('offline: after a first visit, a reload with the server stopped still evaluates', async () => {
  const own = await serve();
  const page = await newPage();
  await page.goto(own.url);
  await waitForDecisions(page, {});
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    }
  });
  await own.stop();
  await page.reload();
  const decisions = await waitForDecisions(page, { count: defaultExample.scenario.requests.length });
  assert.equal(decisions[0].decision, 'allowed');
  await page.context().close();
});
