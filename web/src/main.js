// The playground page: builds a scenario document (DESIGN.md) from the editors, evaluates it in
// the engine's worker on every edit (debounced), shows decisions, diagnostics and highlights,
// and keeps the whole scenario in the URL fragment (share links).
import { Engine } from './engine.js';
import { EditorSlot, loadEditors } from './editor_slot.js';
import { locatePointer } from './pointer.js';
import { encodeFragment, decodeFragment, isShareFragment } from './share.js';
import { el, clear, richText } from './dom.js';
import { resultCard } from './render.js';

const t0 = performance.now();
const $ = (id) => document.getElementById(id);
const embed = new URLSearchParams(location.search).get('embed') === '1';
const singleFile = !!document.getElementById('worker-source');
const kDebounceMs = 150;
const kTopLevel = ['scenario', 'title', 'description', 'caller', 'resourcePolicies', 'requests'];

/** Measurements read by tests/browser and shown in the footer. */
const metrics = (window.policylab = { firstDecisionMs: null, firstDecisionPaintedMs: null, lastEvaluationMs: null, evaluations: 0, ready: false, marks: { appStart: t0 } });

const engine = new Engine();
// The catalog (for completion) and CodeMirror are loaded once the first decision is painted:
// the worker answers in order, and the first decision matters more than completion.
const loadCatalog = () => Promise.all([engine.catalog(), loadEditors()]).then(([c, editors]) => {
  editors.setCatalog(c);
  const list = $('managed-options');
  for (const name of c.managedPolicies) list.appendChild(el('option', { value: name }));
  const actions = $('action-options');
  for (const a of c.actions) if (a.name.startsWith('lambda:')) actions.appendChild(el('option', { value: a.name }));
}).catch(() => {});
engine.version().then((v) => {
  Object.assign(metrics.marks, engine.marks);  // workerStart, engineReady (in the worker)
  metrics.marks.versionShown = performance.now(); $('engine-version').textContent = v; }).catch((e) => showBanner(e.message, 'error'));

// ---------------------------------------------------------------------------------------------
// Editor state: one object per card, rebuilt whenever a scenario is loaded.
const ui = {
  title: '', description: '',
  identity: [],   // {card, nameInput, view}
  managed: [],    // names
  resource: [],   // {card, attachedInput, view, name}
  requests: [],   // {card, inputs..., paramsView, contextView, hidden}
  boundary: null, session: null, scps: null, extras: null,
  json: null,
  tab: 'form',
  userEdited: false,
  lastScenario: null,   // the document last sent (for the request titles)
  lastResult: null,
  selected: 0,
  entryIndex: [],       // identityPolicies index → {kind, ref}
};

const pretty = (v) => JSON.stringify(v, null, 2);
let loading = false;
const readOnly = embed;

function onEdit() {
  if (loading) return;  // filling the editors from a scenario is not an edit
  ui.userEdited = true;
  scheduleEvaluate();
}

function policyEditor(parent, text, label, opts = {}) {
  return new EditorSlot(parent, { text, onChange: onEdit, readOnly, label, ...opts });
}

function removeButton(label, onclick) {
  return embed ? null : el('button', { type: 'button', class: 'icon-button', 'aria-label': label, title: label, onclick }, '✕');
}

function field(labelText, input, hint) {
  const id = input.id || `f-${Math.random().toString(36).slice(2)}`;
  input.id = id;
  if (readOnly) input.disabled = true;
  input.addEventListener('input', onEdit);
  return el('div', { class: 'field' }, el('label', { for: id }, labelText), input,
    hint ? el('span', { class: 'hint' }, hint) : null, el('span', { class: 'field-error', 'aria-live': 'polite' }));
}

function input(value, attrs = {}) {
  return el('input', { type: 'text', value: value ?? '', spellcheck: 'false', autocomplete: 'off', ...attrs });
}

// Identity policies ---------------------------------------------------------------------------
function addIdentity(entry, focus) {
  const nameInput = input(entry.name ?? `policy-${ui.identity.length + 1}`, { class: 'name-input' });
  const host = el('div', { class: 'editor-host' });
  const item = { nameInput };
  const card = el('div', { class: 'policy-card' },
    el('div', { class: 'card-head' }, field('Policy name', nameInput),
      removeButton('Remove this identity policy', () => { ui.identity.splice(ui.identity.indexOf(item), 1); card.remove(); onEdit(); })),
    host);
  $('identity-list').appendChild(card);
  item.card = card;
  item.view = policyEditor(host, pretty(entry.document ?? { Version: '2012-10-17', Statement: [] }), `identity policy ${nameInput.value}`);
  ui.identity.push(item);
  if (focus) item.view.focus();
}

function renderManaged() {
  const list = clear($('managed-list'));
  ui.managed.forEach((name, i) => {
    list.appendChild(el('li', { class: 'chip', 'data-managed': name },
      el('span', {}, name),
      removeButton(`Detach ${name}`, () => { ui.managed.splice(i, 1); renderManaged(); onEdit(); })));
  });
}

// Resource policies ---------------------------------------------------------------------------
function addResource(entry, focus) {
  const attachedInput = input(entry.attachedTo ?? '', { class: 'arn-input', placeholder: 'arn:aws:lambda:region:account:function:name (optional)' });
  const host = el('div', { class: 'editor-host' });
  const item = { attachedInput, name: entry.name };
  const card = el('div', { class: 'policy-card' },
    el('div', { class: 'card-head' }, field('Attached to', attachedInput),
      removeButton('Remove this resource policy', () => { ui.resource.splice(ui.resource.indexOf(item), 1); card.remove(); onEdit(); })),
    host);
  $('resource-list').appendChild(card);
  item.card = card;
  item.view = policyEditor(host, pretty(entry.document ?? { Version: '2012-10-17', Statement: [] }), 'resource policy');
  ui.resource.push(item);
  if (focus) item.view.focus();
}

// Requests ------------------------------------------------------------------------------------
const kExpectOptions = ['', 'allowed', 'explicitDeny', 'implicitDeny'];

function requestTarget(r) {
  if (r.cli !== undefined) return r.cli;
  if (r.operation !== undefined) return r.operation;
  return r.action ?? '';
}
function targetMode(text) {
  const t = text.trim();
  if (/^aws\s/.test(t)) return 'cli';
  if (t.includes(':') || t === '') return 'action';
  return 'operation';
}

function addRequest(r, focus) {
  const index = ui.requests.length;
  const item = { hidden: {} };
  for (const k of ['expectDecidedBy', 'expectResponse']) if (r[k] !== undefined) item.hidden[k] = r[k];
  item.note = input(r.note, { placeholder: 'what this request shows' });
  item.target = input(requestTarget(r), { list: 'action-options', placeholder: 'lambda:InvokeFunction, Invoke, or aws lambda …', class: 'mono' });
  item.resource = input(r.resource, { class: 'mono arn-input', placeholder: 'arn:aws:lambda:us-east-1:111122223333:function:name' });
  item.principal = input(r.principal, { class: 'mono', placeholder: 'the caller (default), a service, * or an ARN' });
  item.expect = el('select', {});
  const options = kExpectOptions.includes(r.expect ?? '') ? kExpectOptions : [...kExpectOptions, r.expect];
  for (const o of options) item.expect.appendChild(el('option', { value: o }, o === '' ? '(none)' : o));
  item.expect.value = r.expect ?? '';
  item.expect.addEventListener('change', onEdit);
  if (readOnly) item.expect.disabled = true;

  const paramsHost = el('div', { class: 'editor-host small' });
  const contextHost = el('div', { class: 'editor-host small' });
  const resourceField = field('Resource', item.resource);
  const paramsField = el('div', { class: 'field wide' }, el('span', { class: 'label' }, 'Parameters (JSON)'), paramsHost);
  const card = el('div', { class: 'request-card', 'data-request-card': index },
    el('div', { class: 'card-head' }, el('span', { class: 'request-number' }, `#${index + 1}`),
      field('Note', item.note),
      removeButton('Remove this request', () => { ui.requests.splice(ui.requests.indexOf(item), 1); card.remove(); renumberRequests(); onEdit(); })),
    el('div', { class: 'request-grid' },
      field('Action, API operation or aws lambda command', item.target),
      resourceField,
      paramsField,
      field('Principal override', item.principal),
      field('Expected decision', item.expect),
      el('div', { class: 'field wide' }, el('span', { class: 'label' }, 'Context keys (JSON)'), contextHost)));
  const syncMode = () => {
    const mode = targetMode(item.target.value);
    resourceField.hidden = mode !== 'action';
    paramsField.hidden = mode !== 'operation';
  };
  item.target.addEventListener('input', syncMode);
  item.paramsView = new EditorSlot(paramsHost, { text: r.parameters ? pretty(r.parameters) : '', onChange: onEdit, readOnly, optional: true, mode: 'json', label: 'request parameters' });
  item.contextView = new EditorSlot(contextHost, { text: r.context ? pretty(r.context) : '', onChange: onEdit, readOnly, optional: true, mode: 'context', label: 'request context keys' });
  item.card = card;
  syncMode();
  $('request-list').appendChild(card);
  ui.requests.push(item);
  if (focus) item.target.focus();
}

function renumberRequests() {
  ui.requests.forEach((r, i) => {
    r.card.dataset.requestCard = String(i);
    r.card.querySelector('.request-number').textContent = `#${i + 1}`;
  });
}

// Loading and building scenario documents -----------------------------------------------------
function optionalText(v) { return v === undefined || v === null ? '' : pretty(v); }

/** Fills every editor from a scenario document (an object). */
function loadScenario(doc) {
  loading = true;
  try {
    fillEditors(doc);
  } finally {
    loading = false;
  }
}

function fillEditors(doc) {
  const caller = doc.caller || {};
  ui.title = doc.title ?? '';
  ui.description = doc.description ?? '';
  $('scenario-title').textContent = ui.title || 'Untitled scenario';
  clear($('scenario-description')).appendChild(richText(ui.description));
  $('scenario-description').hidden = !ui.description;
  $('caller-principal').value = caller.principal ?? '';
  $('caller-region').value = caller.region ?? '';
  $('caller-org').value = caller.orgId ?? '';
  $('caller-tags').value = caller.tags ? JSON.stringify(caller.tags) : '';

  clear($('identity-list')); ui.identity = []; ui.managed = [];
  for (const entry of caller.identityPolicies || []) {
    if (entry && entry.managed !== undefined && entry.document === undefined) ui.managed.push(entry.managed);
    else addIdentity(entry || {});
  }
  renderManaged();
  clear($('resource-list')); ui.resource = [];
  for (const entry of doc.resourcePolicies || []) addResource(entry || {});
  clear($('request-list')); ui.requests = [];
  for (const r of doc.requests || []) addRequest(r || {});

  ui.boundary.setText(optionalText(caller.permissionsBoundary));
  ui.session.setText(optionalText(caller.sessionPolicy));
  ui.scps.setText(caller.scps && caller.scps.length ? pretty(caller.scps) : '');
  const extras = {};
  for (const [k, v] of Object.entries(doc)) if (!kTopLevel.includes(k)) extras[k] = v;
  ui.extras.setText(Object.keys(extras).length ? pretty(extras) : '');
  const hasAdvanced = caller.permissionsBoundary || caller.sessionPolicy || (caller.scps && caller.scps.length) || Object.keys(extras).length;
  $('advanced-summary-note').textContent = hasAdvanced ? ' (this scenario uses some)' : '';
  ui.selected = 0;
  if (ui.tab === 'json') ui.json.setText(pretty(doc));
}

/**
 * Builds the scenario document from the form. Returns {doc} or {syntaxErrors: [names]} when an
 * editor holds invalid JSON (the editor shows the error at its line; evaluation waits).
 */
function buildScenario() {
  const broken = [];
  const parse = (view, name) => {
    try { return view.value(); } catch { broken.push(name); return undefined; }
  };
  const doc = { scenario: 1 };
  if (ui.title) doc.title = ui.title;
  if (ui.description) doc.description = ui.description;
  const caller = {};
  const principal = $('caller-principal').value.trim();
  if (principal) caller.principal = principal;
  const region = $('caller-region').value.trim();
  if (region) caller.region = region;
  ui.entryIndex = [];
  caller.identityPolicies = [];
  for (const item of ui.identity) {
    ui.entryIndex.push({ kind: 'inline', ref: item });
    caller.identityPolicies.push({ name: item.nameInput.value, document: parse(item.view, `identity policy ${item.nameInput.value}`) ?? null });
  }
  for (const name of ui.managed) {
    ui.entryIndex.push({ kind: 'managed', ref: name });
    caller.identityPolicies.push({ managed: name });
  }
  const boundary = parse(ui.boundary, 'permissions boundary');
  if (boundary !== undefined) caller.permissionsBoundary = boundary;
  const session = parse(ui.session, 'session policy');
  if (session !== undefined) caller.sessionPolicy = session;
  const scps = parse(ui.scps, 'SCPs');
  if (scps !== undefined) caller.scps = scps;
  const tags = $('caller-tags').value.trim();
  if (tags) {
    try { caller.tags = JSON.parse(tags); } catch { broken.push('caller tags'); }
  }
  const org = $('caller-org').value.trim();
  if (org) caller.orgId = org;
  doc.caller = caller;
  doc.resourcePolicies = ui.resource.map((item) => {
    const entry = {};
    const attached = item.attachedInput.value.trim();
    if (attached) entry.attachedTo = attached;
    if (item.name !== undefined) entry.name = item.name;
    entry.document = parse(item.view, 'resource policy') ?? null;
    return entry;
  });
  doc.requests = ui.requests.map((item, i) => {
    const r = {};
    const note = item.note.value.trim();
    if (note) r.note = note;
    const target = item.target.value.trim();
    const mode = targetMode(target);
    if (mode === 'cli') r.cli = target;
    else if (mode === 'operation') {
      r.operation = target;
      const params = parse(item.paramsView, `request #${i + 1} parameters`);
      if (params !== undefined) r.parameters = params;
    } else {
      r.action = target;
      r.resource = item.resource.value.trim();
    }
    const p = item.principal.value.trim();
    if (p) r.principal = p;
    const ctx = parse(item.contextView, `request #${i + 1} context`);
    if (ctx !== undefined) r.context = ctx;
    if (item.expect.value) r.expect = item.expect.value;
    Object.assign(r, item.hidden);
    return r;
  });
  const extras = parse(ui.extras, 'more scenario fields');
  if (extras && typeof extras === 'object') Object.assign(doc, extras);
  return broken.length ? { syntaxErrors: broken } : { doc };
}

/** The scenario as JSON text, from whichever view is active; null when an editor is broken. */
function currentScenarioText() {
  if (ui.tab === 'json') {
    const text = ui.json.text;
    try { ui.lastScenario = JSON.parse(text); } catch { return { syntaxErrors: ['the scenario JSON'] }; }
    return { text };
  }
  const built = buildScenario();
  if (built.syntaxErrors) return built;
  ui.lastScenario = built.doc;
  return { text: JSON.stringify(built.doc) };
}

// Pointer routing: a pointer into the scenario → the editor (and the pointer inside its text)
// or the form field that shows it.
function route(pointer) {
  if (ui.tab === 'json') return { view: ui.json, rest: pointer };
  let m;
  if ((m = /^\/caller\/identityPolicies\/(\d+)(\/.*)?$/.exec(pointer))) {
    const entry = ui.entryIndex[Number(m[1])];
    const rest = m[2] || '';
    if (entry?.kind === 'inline') {
      if (rest.startsWith('/document')) return { view: entry.ref.view, rest: rest.slice(9) };
      return { field: entry.ref.nameInput };
    }
    if (entry?.kind === 'managed') return { field: $('managed-input'), chip: entry.ref };
  }
  if ((m = /^\/resourcePolicies\/(\d+)(\/.*)?$/.exec(pointer))) {
    const item = ui.resource[Number(m[1])];
    const rest = m[2] || '';
    if (item && rest.startsWith('/document')) return { view: item.view, rest: rest.slice(9) };
    if (item) return { field: item.attachedInput };
  }
  for (const [key, view] of [['permissionsBoundary', ui.boundary], ['sessionPolicy', ui.session], ['scps', ui.scps]]) {
    const prefix = `/caller/${key}`;
    if (pointer === prefix || pointer.startsWith(`${prefix}/`)) return { view, rest: pointer.slice(prefix.length), advanced: true };
  }
  if ((m = /^\/caller\/(principal|region|orgId|tags)(\/.*)?$/.exec(pointer))) {
    return { field: $({ principal: 'caller-principal', region: 'caller-region', orgId: 'caller-org', tags: 'caller-tags' }[m[1]]) };
  }
  if ((m = /^\/requests\/(\d+)(?:\/([^/]+))?(\/.*)?$/.exec(pointer))) {
    const item = ui.requests[Number(m[1])];
    if (item) {
      if (m[2] === 'parameters') return { view: item.paramsView, rest: m[3] || '' };
      if (m[2] === 'context') return { view: item.contextView, rest: m[3] || '' };
      const f = { note: item.note, action: item.target, operation: item.target, cli: item.target, resource: item.resource, principal: item.principal, expect: item.expect }[m[2]];
      return { field: f || item.target };
    }
  }
  const top = /^\/([^/]+)/.exec(pointer);
  if (top && !kTopLevel.includes(top[1])) return { view: ui.extras, rest: pointer, advanced: true };
  return null;
}

function allViews() {
  if (ui.tab === 'json') return [ui.json];
  const views = [ui.boundary, ui.session, ui.scps, ui.extras];
  for (const i of ui.identity) views.push(i.view);
  for (const r of ui.resource) views.push(r.view);
  for (const q of ui.requests) views.push(q.paramsView, q.contextView);
  return views.filter(Boolean);
}

/** Shows engine diagnostics at their place; unplaceable ones go to the results column. */
function placeDiagnostics(diagnostics) {
  const perView = new Map(allViews().map((v) => [v, []]));
  const general = [];
  for (const f of document.querySelectorAll('.field-error')) f.textContent = '';
  for (const f of document.querySelectorAll('[aria-invalid]')) f.removeAttribute('aria-invalid');
  for (const d of diagnostics) {
    const r = route(d.pointer || '');
    if (r?.view && perView.has(r.view)) {
      perView.get(r.view).push({ ...d, pointer: r.rest });
      if (r.advanced && d.severity === 'error') $('advanced').open = true;
    } else if (r?.field) {
      const slot = r.field.closest('.field')?.querySelector('.field-error');
      if (slot) slot.textContent = (slot.textContent ? `${slot.textContent}; ` : '') + d.message.replace(/`/g, '');
      if (d.severity === 'error') r.field.setAttribute('aria-invalid', 'true');
      general.push(d);
    } else {
      general.push(d);
    }
  }
  for (const [view, list] of perView) view.showDiagnostics(list);
  const ul = clear($('general-diagnostics'));
  for (const d of general) {
    ul.appendChild(el('li', { class: `diag diag-${d.severity}`, 'data-code': d.code },
      el('span', { class: 'diag-severity' }, d.severity), ' ', richText(d.message),
      d.pointer ? el('code', { class: 'diag-pointer' }, d.pointer) : null,
      d.line ? el('span', { class: 'muted' }, ` line ${d.line}, column ${d.column}`) : null));
  }
}

/** Highlights the statements that decided the selected request. */
function applyHighlights() {
  const result = ui.lastResult?.results?.find((r) => r.request === ui.selected);
  const perView = new Map(allViews().map((v) => [v, []]));
  for (const check of result?.checks || []) {
    for (const d of check.decidedBy || []) {
      const r = route(d.pointer || '');
      if (!r?.view || !perView.has(r.view)) continue;
      const loc = locatePointer(r.view.text, r.rest);
      if (loc.found) perView.get(r.view).push({ from: loc.from, to: loc.to, effect: d.effect });
    }
  }
  for (const [view, ranges] of perView) view.highlight(ranges);
  for (const card of document.querySelectorAll('.result')) {
    card.classList.toggle('selected', Number(card.dataset.requestIndex) === ui.selected);
  }
}

/** Scrolls to and selects the statement (or element) a pointer names. */
function reveal(pointer) {
  const r = route(pointer);
  if (!r) return;
  if (r.advanced) $('advanced').open = true;
  if (r.view) {
    const loc = locatePointer(r.view.text, r.rest);
    r.view.reveal(loc.keyFrom, loc.to);
  } else if (r.field) {
    r.field.scrollIntoView({ block: 'center', behavior: 'smooth' });
    r.field.focus();
  }
}

// Evaluation ----------------------------------------------------------------------------------
let timer = 0;
let catalogRequested = false;
const afterPaint = (f) => requestAnimationFrame(() => setTimeout(f));
function scheduleEvaluate(delay = kDebounceMs) {
  clearTimeout(timer);
  timer = setTimeout(evaluateNow, delay);
}

async function evaluateNow() {
  const current = currentScenarioText();
  for (const v of allViews()) {
    // Syntax errors right away; engine diagnostics replace these once the engine answers.
    if (!v.parses()) v.showDiagnostics([]);
  }
  if (current.syntaxErrors) {
    $('results').classList.add('stale');
    $('stale-note').textContent = `Fix the JSON syntax error in ${current.syntaxErrors.join(', ')} to see decisions again.`;
    $('stale-note').hidden = false;
    return;
  }
  let answer;
  try {
    answer = await engine.evaluate(current.text);
  } catch (e) {
    showBanner(`The engine failed: ${e.message}`, 'error');
    return;
  }
  if (!answer) return;  // a newer edit is being evaluated
  $('results').classList.remove('stale');
  $('stale-note').hidden = true;
  ui.lastResult = answer.result;
  metrics.lastEvaluationMs = answer.ms;
  if (!metrics.marks.firstResult) metrics.marks.firstResult = performance.now();
  metrics.evaluations++;
  renderResults(answer.result);
  placeDiagnostics(answer.result.diagnostics || []);
  applyHighlights();
  if (metrics.firstDecisionMs === null && answer.result.results?.length) {
    metrics.firstDecisionMs = performance.now();  // since navigation start: in the DOM
    // ...and painted: a task queued from the next animation frame runs after that frame.
    afterPaint(() => { metrics.firstDecisionPaintedMs = performance.now(); });
  }
  // Completion data and CodeMirror are not needed to read the first decision: fetched after it
  // is painted, so that parsing them does not hold the paint back.
  if (!catalogRequested) { catalogRequested = true; afterPaint(loadCatalog); }
  $('timing').textContent = `evaluated in ${answer.ms.toFixed(1)} ms`;
  metrics.ready = true;
  if (ui.userEdited) updateUrl(current.text);
}

function renderResults(result) {
  const list = clear($('result-list'));
  const requests = ui.lastScenario?.requests || [];
  for (const r of result.results || []) {
    const card = resultCard(r, requests[r.request], reveal);
    const select = () => { ui.selected = r.request; applyHighlights(); };
    card.addEventListener('click', (e) => { if (!e.target.closest('button, summary, a')) select(); });
    card.addEventListener('focus', select);
    list.appendChild(card);
  }
  const s = result.summary || { requests: 0, passed: 0, failed: 0 };
  const summary = clear($('summary'));
  if (!result.results?.length) {
    summary.appendChild(el('span', { class: 'muted' }, (result.diagnostics || []).some((d) => d.severity === 'error')
      ? 'The scenario has errors: no decisions' : 'No requests'));
  } else if (s.passed + s.failed > 0) {
    summary.appendChild(el('span', { class: s.failed ? 'expect-fail' : 'expect-pass' },
      `${s.passed} of ${s.passed + s.failed} expectations hold`));
  } else {
    summary.appendChild(el('span', {}, `${s.requests} request${s.requests === 1 ? '' : 's'}`));
  }
}

// Share links ---------------------------------------------------------------------------------
let lastFragment = '';
async function updateUrl(text) {
  const fragment = await encodeFragment(text);
  lastFragment = fragment;
  history.replaceState(null, '', `${location.pathname}${location.search}#${fragment}`);
  updatePlaygroundLink();
  return fragment;
}

function updatePlaygroundLink() {
  const link = $('open-in-playground');
  const params = new URLSearchParams(location.search);
  params.delete('embed');
  const q = params.toString();
  link.href = `${location.pathname}${q ? `?${q}` : ''}${lastFragment ? `#${lastFragment}` : ''}`;
}

async function copyLink() {
  const current = currentScenarioText();
  if (current.syntaxErrors) { toast('Fix the JSON errors first: a link carries a valid scenario'); return; }
  await updateUrl(current.text);
  try {
    await navigator.clipboard.writeText(location.href);
    toast('Link copied: it carries the whole scenario');
  } catch {
    toast('The link is in the address bar: copy it from there');
  }
}

function toast(text) {
  const t = $('toast');
  t.textContent = text;
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, 3000);
}

function showBanner(text, kind = 'error') {
  const b = $('banner');
  b.textContent = text;
  b.className = `banner banner-${kind}`;
  b.hidden = false;
}

// Gallery -------------------------------------------------------------------------------------
let gallery = [];
async function loadGallery() {
  const inline = document.getElementById('gallery-data');
  if (inline) return JSON.parse(inline.textContent);
  if (window.policylabBoot?.gallery) return window.policylabBoot.gallery;
  const response = await fetch('gallery.json');
  if (!response.ok) throw new Error(`gallery.json: HTTP ${response.status}`);
  return response.json();
}

function renderGallery() {
  const groups = new Map();
  for (const [i, g] of gallery.entries()) {
    const key = g.group || 'Examples';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push([i, g]);
  }
  const root = clear($('gallery-list'));
  for (const [name, items] of groups) {
    root.appendChild(el('section', { class: 'gallery-group' }, el('h3', {}, name),
      el('ul', {}, items.map(([i, g]) => el('li', {},
        el('button', { type: 'button', class: 'gallery-item', 'data-gallery-index': i, 'data-path': g.path, onclick: () => openExample(i) },
          el('span', { class: 'gallery-title' }, g.title),
          g.summary ? el('span', { class: 'gallery-summary' }, g.summary) : null))))));
  }
}

function openExample(i) {
  const g = gallery[i];
  $('banner').hidden = true;
  loadScenario(g.scenario);
  toggleGallery(false);
  ui.userEdited = true;  // loading an example is a state worth a link
  scheduleEvaluate(0);
  $('scenario-title').scrollIntoView({ block: 'start' });
}

function toggleGallery(open) {
  const panel = $('gallery');
  const show = open ?? panel.hidden;
  panel.hidden = !show;
  $('gallery-button').setAttribute('aria-expanded', String(show));
  if (show) panel.querySelector('button')?.focus();
}

// Tabs ----------------------------------------------------------------------------------------
function selectTab(tab) {
  if (tab === ui.tab) return;
  if (tab === 'json') {
    const built = buildScenario();
    if (built.syntaxErrors) { toast(`Fix the JSON error in ${built.syntaxErrors[0]} first`); return; }
    ui.json.setText(pretty(built.doc));
  } else {
    let doc;
    try { doc = JSON.parse(ui.json.text); } catch { toast('Fix the JSON syntax error first'); return; }
    ui.tab = 'form';
    loadScenario(doc);
  }
  ui.tab = tab;
  $('tab-form').setAttribute('aria-selected', String(tab === 'form'));
  $('tab-json').setAttribute('aria-selected', String(tab === 'json'));
  $('form-view').hidden = tab !== 'form';
  $('json-view').hidden = tab !== 'json';
  scheduleEvaluate(0);
}

// Start ---------------------------------------------------------------------------------------
function setup() {
  if (embed) document.body.classList.add('embed');
  for (const id of ['caller-principal', 'caller-region', 'caller-org', 'caller-tags', 'managed-input']) {
    $(id).addEventListener('input', onEdit);
    if (readOnly) $(id).disabled = true;
  }
  ui.boundary = new EditorSlot($('boundary-editor'), { text: '', onChange: onEdit, readOnly, optional: true, label: 'permissions boundary' });
  ui.session = new EditorSlot($('session-editor'), { text: '', onChange: onEdit, readOnly, optional: true, label: 'session policy' });
  ui.scps = new EditorSlot($('scps-editor'), { text: '', onChange: onEdit, readOnly, optional: true, label: 'service control policies' });
  ui.extras = new EditorSlot($('extras-editor'), { text: '', onChange: onEdit, readOnly, optional: true, mode: 'json', label: 'more scenario fields' });
  ui.json = new EditorSlot($('json-editor'), { text: '', onChange: onEdit, readOnly, label: 'scenario JSON' });
  $('add-identity').addEventListener('click', () => { addIdentity({ document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*' }] } }, true); onEdit(); });
  $('add-resource').addEventListener('click', () => { addResource({ document: { Version: '2012-10-17', Statement: [] } }, true); onEdit(); });
  $('add-request').addEventListener('click', () => { addRequest({ action: 'lambda:InvokeFunction', resource: '' }, true); onEdit(); });
  const attach = () => {
    const name = $('managed-input').value.trim();
    if (!name) return;
    if (!ui.managed.includes(name)) ui.managed.push(name);
    $('managed-input').value = '';
    renderManaged();
    onEdit();
  };
  $('add-managed').addEventListener('click', attach);
  $('managed-input').addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); attach(); } });
  $('gallery-button').addEventListener('click', () => toggleGallery());
  $('gallery-close').addEventListener('click', () => toggleGallery(false));
  $('copy-link').addEventListener('click', copyLink);
  $('tab-form').addEventListener('click', () => selectTab('form'));
  $('tab-json').addEventListener('click', () => selectTab('json'));
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') { e.preventDefault(); if (!embed) copyLink(); }
    if (e.key === 'Escape' && !$('gallery').hidden) toggleGallery(false);
  });
  window.addEventListener('hashchange', () => { if (isShareFragment(location.hash) && location.hash.slice(1) !== lastFragment) openFromHash(); });
  if (embed) {
    for (const b of document.querySelectorAll('.edit-only')) b.hidden = true;
    $('open-in-playground').hidden = false;
  }
}

async function openFromHash() {
  try {
    const text = await decodeFragment(location.hash);
    lastFragment = location.hash.slice(1);
    $('banner').hidden = true;
    loadScenario(JSON.parse(text));
    updatePlaygroundLink();
    scheduleEvaluate(0);
    return true;
  } catch (e) {
    showBanner(`Could not open this link: ${e.message}`, 'error');
    metrics.linkError = e.message;
    return false;
  }
}

async function main() {
  setup();
  const galleryPromise = loadGallery().then((g) => { gallery = g; metrics.marks.gallery = performance.now(); renderGallery(); return g; })
    .catch((e) => { showBanner(`The examples could not be loaded: ${e.message}`, 'warning'); return []; });
  if (isShareFragment(location.hash)) {
    const ok = await openFromHash();
    if (!ok) { clear($('result-list')); metrics.ready = true; }
    await galleryPromise;
  } else {
    const g = await galleryPromise;
    if (g.length) {
      loadScenario(g[0].scenario);
      scheduleEvaluate(0);
    }
  }
  if ('serviceWorker' in navigator && location.protocol.startsWith('http') && !singleFile && !embed) {
    navigator.serviceWorker.register('sw.js').catch(() => {});
  }
}

main();
