// CodeMirror 6 editors for JSON fragments of the scenario: syntax errors and engine diagnostics
// inline, Lambda action and condition-key completion, and statement highlights (the statements
// that decided the selected request).
import { EditorState, StateEffect, StateField, RangeSetBuilder } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, drawSelection, highlightActiveLine, Decoration } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { syntaxHighlighting, bracketMatching, indentOnInput, syntaxTree } from '@codemirror/language';
import { autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { setDiagnostics, lintKeymap } from '@codemirror/lint';
import { classHighlighter } from '@lezer/highlight';
import { locatePointer } from './pointer.js';

/** The catalog, set once the worker answers; completion reads it lazily. */
let catalog = { actions: [], conditionKeys: [], managedPolicies: [] };
let actionOptions = [];
let keyOptions = [];
export function setCatalog(c) {
  catalog = c;
  actionOptions = c.actions.map((a) => ({
    label: a.name, type: 'function', detail: a.accessLevel,
    boost: a.name.startsWith('lambda:') ? 2 : a.name.startsWith('iam:') ? 1 : 0,
  }));
  keyOptions = c.conditionKeys.map((k) => ({
    label: k.name, type: 'property', detail: k.type,
    boost: k.name.startsWith('lambda:') ? 1 : 0,
  }));
}
export function getCatalog() { return catalog; }

// Which property a string belongs to: Action/NotAction values complete actions; names inside a
// Condition operator block, and names in a request's context, complete condition keys.
function completionKind(state, pos, mode) {
  let node = syntaxTree(state).resolveInner(pos, -1);
  if (node.name !== 'String' && node.name !== 'PropertyName') return null;
  const isName = node.name === 'PropertyName';
  const names = [];
  for (let n = node.parent; n; n = n.parent) {
    if (n.name === 'Property') {
      const key = n.firstChild;
      if (key && key.name === 'PropertyName') names.push(state.sliceDoc(key.from + 1, key.to - 1));
    }
  }
  if (mode === 'context') return isName && names.length === 0 ? 'keys' : null;
  if (!isName && (names[0] === 'Action' || names[0] === 'NotAction')) return 'actions';
  if (isName && names.length >= 1 && names[1] === 'Condition') return 'keys';
  if (!isName && names.length === 0) return null;
  return null;
}

function completionSource(mode) {
  return (ctx) => {
    const kind = completionKind(ctx.state, ctx.pos, mode);
    if (!kind) return null;
    const word = ctx.matchBefore(/[A-Za-z0-9:_*\-\/.${}]*/);
    if (!word || (word.from === word.to && !ctx.explicit)) return null;
    return {
      from: word.from,
      options: kind === 'actions' ? actionOptions : keyOptions,
      validFor: /^[A-Za-z0-9:_*\-\/.${}]*$/,
    };
  };
}

// Statement highlights: line decorations over the statements that decided the selected request.
const setHighlights = StateEffect.define();
const highlightField = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) if (e.is(setHighlights)) deco = e.value;
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/**
 * Highlights the ranges (from the pointer locator) in `view`: each {from, to, effect}.
 * An empty list clears them.
 */
export function highlightRanges(view, ranges) {
  const builder = new RangeSetBuilder();
  const lines = new Map();
  for (const r of ranges) {
    const first = view.state.doc.lineAt(Math.min(r.from, view.state.doc.length));
    const last = view.state.doc.lineAt(Math.min(r.to, view.state.doc.length));
    for (let n = first.number; n <= last.number; n++) {
      const cls = r.effect === 'Deny' ? 'cm-decided cm-decided-deny' : 'cm-decided cm-decided-allow';
      if (!lines.has(n)) lines.set(n, cls);
    }
  }
  // Nothing before, nothing now: skip the dispatch (a page has a dozen editors).
  if (lines.size === 0 && !view.hasHighlights) return;
  view.hasHighlights = lines.size > 0;
  for (const n of [...lines.keys()].sort((a, b) => a - b)) {
    const line = view.state.doc.line(n);
    builder.add(line.from, line.from, Decoration.line({ class: lines.get(n) }));
  }
  view.dispatch({ effects: setHighlights.of(builder.finish()) });
}

/**
 * Shows diagnostics in `view`: the editor's own JSON syntax error (if any) plus engine
 * diagnostics given as {pointer (relative to this editor's text), severity, message, code}.
 */
export function showDiagnostics(view, engineDiagnostics) {
  const text = view.state.doc.toString();
  const out = syntaxDiagnostics(view);
  for (const d of engineDiagnostics) {
    const loc = locatePointer(text, d.pointer);
    const from = Math.min(loc.keyFrom, text.length);
    // Underline the key and value on the first line only: a whole statement is too much ink.
    const lineEnd = view.state.doc.lineAt(from).to;
    const to = Math.max(Math.min(loc.to, lineEnd), Math.min(from + 1, text.length));
    out.push({
      from, to,
      severity: d.severity === 'info' ? 'info' : d.severity === 'warning' ? 'warning' : 'error',
      message: d.code ? `${d.message} [${d.code}]` : d.message,
      source: 'engine',
    });
  }
  if (out.length === 0 && !view.hasDiagnostics) return;
  view.hasDiagnostics = out.length > 0;
  view.dispatch(setDiagnostics(view.state, out));
  view.dom.dataset.diagnostics = String(out.length);
}

const parseLinter = jsonParseLinter();
/** JSON syntax errors of an editor (empty editors are allowed where `optional`). */
export function syntaxDiagnostics(view) {
  if (view.optional && view.state.doc.toString().trim() === '') return [];
  const length = view.state.doc.length;
  // A zero-width error would render as a point marker; underline one character instead.
  return parseLinter(view).map((d) => {
    const from = Math.max(0, Math.min(d.from, length - 1));
    return { ...d, from, to: Math.min(Math.max(d.to, from + 1), length), message: `invalid JSON: ${d.message}`, source: 'json' };
  });
}

const theme = EditorView.theme({
  '&': { fontSize: '13px', backgroundColor: 'var(--editor-bg)', color: 'var(--fg)' },
  '.cm-content': { fontFamily: 'var(--mono)', caretColor: 'var(--fg)' },
  '.cm-gutters': { backgroundColor: 'var(--editor-gutter)', color: 'var(--muted)', border: 'none' },
  '.cm-activeLine': { backgroundColor: 'var(--editor-active)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--editor-active)' },
  '&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '-2px' },
  '.cm-tooltip': { backgroundColor: 'var(--panel)', color: 'var(--fg)', border: '1px solid var(--border)' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--accent-fg)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground': { backgroundColor: 'var(--selection) !important' },
});

/**
 * Creates an editor in `parent`. Options: text, onChange(view), readOnly, optional (empty text
 * means "absent"), mode ('policy' | 'context' | 'json'), label (accessible name).
 */
export function createEditor(parent, { text, onChange, readOnly = false, optional = false, mode = 'policy', label }) {
  const extensions = [
    lineNumbers(),
    history(),
    drawSelection(),
    highlightActiveLine(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    json(),
    syntaxHighlighting(classHighlighter),
    autocompletion({ override: [completionSource(mode)], activateOnTyping: true }),
    keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap]),
    highlightField,
    theme,
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ 'aria-label': label || 'JSON editor' }),
    EditorState.readOnly.of(readOnly),
    EditorView.editable.of(!readOnly),
    EditorView.updateListener.of((u) => { if (u.docChanged && onChange) onChange(view); }),
  ];
  const view = new EditorView({ state: EditorState.create({ doc: text, extensions }), parent });
  view.optional = optional;
  return view;
}

/** Replaces an editor's whole text (loading an example), without firing onChange twice. */
export function setText(view, text) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}
