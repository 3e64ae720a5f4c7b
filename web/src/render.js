// Renders the result document: one card per request (data-request-index, data-decision), its
// expectation, the deciding statements and a readable trace. Pure DOM building from the JSON
// contract in DESIGN.md; every string from the document goes in as text.
import { el, richText } from './dom.js';

export const kDecisionLabels = {
  allowed: { icon: '✓', label: 'Allowed' },
  explicitDeny: { icon: '✕', label: 'Explicit deny' },
  implicitDeny: { icon: '∅', label: 'Implicit deny' },
  error: { icon: '!', label: 'Error' },
};

export function badge(decision) {
  const d = kDecisionLabels[decision] || { icon: '?', label: decision };
  return el('span', { class: `badge badge-${decision}` },
    el('span', { class: 'badge-icon', 'aria-hidden': 'true' }, d.icon), d.label);
}

function requestTitle(request, result) {
  if (request?.note) return request.note;
  if (request?.cli) return request.cli;
  if (request?.operation) return `${request.operation} ${JSON.stringify(request.parameters ?? {})}`;
  const c = result.checks?.[0];
  if (c) return `${c.action} on ${c.resource}`;
  return `request ${result.request}`;
}

function expectation(result) {
  if (!result.expect) return el('span', { class: 'expect expect-none' }, 'no expectation');
  const wanted = result.expect;
  if (result.pass) {
    return el('span', { class: 'expect expect-pass' },
      el('span', { 'aria-hidden': 'true' }, '✔ '), 'expected ', el('code', {}, wanted), ': holds');
  }
  return el('span', { class: 'expect expect-fail' },
    el('span', { 'aria-hidden': 'true' }, '✘ '), 'expected ', el('code', {}, wanted), ': does not hold');
}

function decidedByList(check, reveal) {
  if (!check.decidedBy?.length) return null;
  return el('ul', { class: 'decided-by', 'aria-label': 'deciding statements' },
    check.decidedBy.map((d) => el('li', {},
      el('button', {
        class: `statement-link effect-${(d.effect || '').toLowerCase()}`, type: 'button',
        title: 'show this statement in its editor',
        onclick: () => reveal(d.pointer),
      },
      `${d.effect || ''} · ${d.policy} · statement ${d.statement}${d.sid ? ` (Sid ${d.sid})` : ''}`))));
}

function blockedByList(check) {
  if (!check.blockedBy?.length) return null;
  return el('ul', { class: 'blocked-by', 'aria-label': 'gates that did not allow' },
    check.blockedBy.map((b) => el('li', {},
      el('strong', {}, b.gate), ': ', richText(b.message), b.policy ? el('span', { class: 'muted' }, ` (${b.policy})`) : null)));
}

function elementLine(e) {
  const mark = e.matched ? '✓' : '✗';
  return el('li', { class: e.matched ? 'el-match' : 'el-nomatch' },
    el('span', { class: 'el-mark', 'aria-label': e.matched ? 'matched' : 'did not match' }, mark),
    el('span', { class: 'el-name' }, e.element),
    e.operator ? el('code', { class: 'el-op' }, e.operator) : null,
    ' ', richText(e.detail || ''));
}

function traceView(check, reveal) {
  if (!check.trace?.length) return null;
  const policies = check.trace.map((p) => {
    const statements = (p.statements || []).map((s) => el('li', { class: `trace-statement ${s.matched ? 'st-match' : 'st-nomatch'}` },
      el('div', { class: 'trace-st-head' },
        el('button', { type: 'button', class: 'statement-link', onclick: () => reveal(s.pointer), title: 'show in editor' },
          `statement ${s.statement}${s.sid ? ` (Sid ${s.sid})` : ''}`),
        ' ', el('span', { class: `effect effect-${(s.effect || '').toLowerCase()}` }, s.effect || ''),
        ' ', el('span', { class: 'st-verdict' }, s.matched ? 'applies' : 'does not apply')),
      el('ul', { class: 'trace-elements' }, (s.elements || []).map(elementLine))));
    return el('li', { class: 'trace-policy' },
      el('div', { class: 'trace-policy-head' },
        el('strong', {}, p.policy), ' ', el('span', { class: 'muted' }, p.kind || ''),
        p.note ? el('div', { class: 'trace-note' }, richText(p.note)) : null),
      statements.length ? el('ul', { class: 'trace-statements' }, statements)
        : el('p', { class: 'muted' }, 'no statements'));
  });
  return el('details', { class: 'trace' },
    el('summary', {}, 'Why: statement-by-statement trace'),
    el('ul', { class: 'trace-policies' }, policies));
}

function checkView(check, reveal, single) {
  return el('div', { class: 'check', 'data-decision': check.decision },
    single ? null : el('div', { class: 'check-head' }, badge(check.decision), ' ',
      el('code', {}, check.action), ' on ', el('code', { class: 'arn' }, check.resource)),
    single ? el('div', { class: 'check-head muted' }, el('code', {}, check.action), ' on ',
      el('code', { class: 'arn' }, check.resource), check.principal ? [' as ', el('code', {}, check.principal)] : null) : null,
    decidedByList(check, reveal),
    blockedByList(check),
    traceView(check, reveal));
}

/**
 * Builds the card of one request result.
 * @param {object} result  one entry of results[]
 * @param {object|undefined} request  the request as written in the scenario (for its title)
 * @param {(pointer: string) => void} reveal  shows a pointer's statement in its editor
 */
export function resultCard(result, request, reveal) {
  const checks = result.checks || [];
  return el('article', {
    class: `result result-${result.decision}${result.expect ? (result.pass ? ' pass' : ' fail') : ''}`,
    'data-request-index': result.request,
    'data-decision': result.decision,
    'data-pass': result.expect ? String(!!result.pass) : null,
    tabindex: '0',
    'aria-label': `request ${result.request + 1}: ${kDecisionLabels[result.decision]?.label || result.decision}`,
  },
  el('header', { class: 'result-head' },
    badge(result.decision),
    el('span', { class: 'result-index' }, `#${result.request + 1}`),
    el('span', { class: 'result-title' }, requestTitle(request, result))),
  el('div', { class: 'result-meta' }, expectation(result)),
  result.reason ? el('p', { class: 'reason' }, richText(result.reason)) : null,
  result.error ? el('p', { class: 'api-error' }, el('strong', {}, result.error.code), ': ', richText(result.error.message)) : null,
  checks.map((c) => checkView(c, reveal, checks.length === 1)),
  result.response ? el('details', { class: 'response' }, el('summary', {}, 'API response'),
    el('pre', {}, JSON.stringify(result.response, null, 2))) : null);
}
