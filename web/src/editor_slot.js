// An editor that costs next to nothing until it is used. A scenario has many small JSON editors
// (a policy per card, parameters and context keys per request, the advanced policies), and each
// CodeMirror view reads layout as it is built and measured: a dozen of them held the first
// decision back by a few hundred milliseconds. A slot shows its text as static lines in the
// editor's own look (line numbers, JSON colours, statement highlights) and becomes a CodeMirror
// view on first use: a click, focus, a diagnostic to show at a line, or a reveal. CodeMirror
// itself (editors.js, most of the page's code) is a separate chunk, fetched and parsed after the
// first decision is on screen (loadEditors) or on the first use of an editor, whichever is first.
import { el, clear } from './dom.js';

let editors = null;  // the editors.js module, once loaded
let editorsLoading = null;
/** Loads CodeMirror (editors.js) once; resolves with the module. */
export function loadEditors() {
  editorsLoading ??= import('./editors.js').then((m) => { editors = m; return m; });
  return editorsLoading;
}

// JSON tokens in the classes CodeMirror's classHighlighter gives them (style.css colours both).
const kToken = /("(?:[^"\\\n]|\\.)*"?)(\s*:)?|(-?\d[\d.eE+-]*)|\b(true|false)\b|\b(null)\b|([{}[\],:])/g;

function highlightLine(line) {
  const out = [];
  let last = 0;
  for (const m of line.matchAll(kToken)) {
    if (m.index > last) out.push(line.slice(last, m.index));
    const cls = m[1] !== undefined ? (m[2] !== undefined ? 'tok-propertyName' : 'tok-string')
      : m[3] !== undefined ? 'tok-number' : m[4] !== undefined ? 'tok-bool' : m[5] !== undefined ? 'tok-null' : 'tok-punctuation';
    out.push(el('span', { class: cls }, m[1] ?? m[0]));
    if (m[2] !== undefined) out.push(el('span', { class: 'tok-punctuation' }, m[2]));
    last = m.index + m[0].length;
  }
  if (last < line.length) out.push(line.slice(last));
  return out;
}

export class EditorSlot {
  /** Options as createEditor (editors.js): text, onChange, readOnly, optional, mode, label. */
  constructor(parent, options) {
    this.parent = parent;
    this.options = options;
    this.optional = !!options.optional;
    this.view = null;
    this.liteText = options.text ?? '';
    this.ranges = [];       // statement highlights, kept for the view when it is built
    this.diagnostics = [];  // engine diagnostics, likewise
    this.renderLite();
  }

  /** The editor's current text. */
  get text() { return this.view ? this.view.state.doc.toString() : this.liteText; }

  /** The element on the page (for scrolling). */
  get dom() { return this.view ? this.view.dom : this.lite; }

  /** The text's JSON value: undefined for an empty optional editor; throws on invalid JSON. */
  value() {
    const text = this.text;
    return this.optional && text.trim() === '' ? undefined : JSON.parse(text);
  }

  /** Is the text acceptable as it stands (JSON, or empty where the editor is optional)? */
  parses() {
    try { this.value(); return true; } catch { return false; }
  }

  setText(text) {
    if (this.view) editors.setText(this.view, text);
    else if (text !== this.liteText) { this.liteText = text; this.ranges = []; this.renderLite(); }
  }

  /** Builds the CodeMirror view (once; loads CodeMirror first if need be); resolves with it. */
  async materialize() {
    if (!this.view && !editors) await loadEditors();
    return this.materializeNow();
  }

  materializeNow() {
    if (this.view) return this.view;
    const hadFocus = this.lite.contains(document.activeElement);
    this.lite.remove();
    this.view = editors.createEditor(this.parent, { ...this.options, text: this.liteText });
    if (this.ranges.length) editors.highlightRanges(this.view, this.ranges);
    if (this.diagnostics.length || !this.parses()) editors.showDiagnostics(this.view, this.diagnostics);
    if (hadFocus) this.view.focus();
    return this.view;
  }

  async focus() { (await this.materialize()).focus(); }

  /**
   * Shows engine diagnostics (pointers relative to this editor's text) together with the
   * editor's own JSON syntax errors. A slot with neither stays as it is.
   */
  showDiagnostics(list) {
    this.diagnostics = list;
    if (this.view) editors.showDiagnostics(this.view, list);
    else if (list.length || !this.parses()) this.materialize();
  }

  /** Statement highlights: [{from, to, effect}] (editors.js highlightRanges). */
  highlight(ranges) {
    if (this.view) { editors.highlightRanges(this.view, ranges); return; }
    if (ranges.length === 0 && this.ranges.length === 0) return;
    this.ranges = ranges;
    const lineOf = (offset) => this.liteText.slice(0, Math.min(offset, this.liteText.length)).split('\n').length;
    const classes = new Map();
    for (const r of ranges) {
      for (let n = lineOf(r.from); n <= lineOf(r.to); n++) {
        if (!classes.has(n)) classes.set(n, r.effect === 'Deny' ? 'cm-decided-deny' : 'cm-decided-allow');
      }
    }
    this.lite.querySelectorAll('.lite-line').forEach((line, i) => {
      const cls = classes.get(i + 1);
      line.classList.toggle('cm-decided', !!cls);
      line.classList.toggle('cm-decided-allow', cls === 'cm-decided-allow');
      line.classList.toggle('cm-decided-deny', cls === 'cm-decided-deny');
    });
  }

  /** Selects [from, to), scrolls it into view and focuses the editor. */
  async reveal(from, to) {
    const view = await this.materialize();
    view.dispatch({ selection: { anchor: from, head: to }, scrollIntoView: true });
    view.dom.scrollIntoView({ block: 'center', behavior: 'smooth' });
    view.focus();
  }

  renderLite() {
    const { readOnly, label } = this.options;
    const lines = this.liteText.split('\n');
    const lite = el('div', {
      class: 'lite-editor', role: 'textbox', 'aria-multiline': 'true', 'aria-label': label || 'JSON editor',
      'aria-readonly': readOnly ? 'true' : null, tabindex: readOnly ? null : '0',
    }, lines.map((line, i) => el('div', { class: 'lite-line' },
      el('span', { class: 'lite-number', 'aria-hidden': 'true' }, String(i + 1)),
      el('span', { class: 'lite-text' }, line === '' ? '\u200b' : highlightLine(line)))));
    lite.style.setProperty('--digits', String(String(lines.length).length));
    if (!readOnly) {
      // A click puts the cursor where it landed; keyboard focus starts at the top.
      lite.addEventListener('pointerdown', async (e) => {
        if (e.button !== 0) return;
        e.preventDefault();
        const view = await this.materialize();
        const pos = view.posAtCoords({ x: e.clientX, y: e.clientY });
        if (pos !== null) view.dispatch({ selection: { anchor: pos } });
        view.focus();
      });
      lite.addEventListener('focus', () => this.focus());
    }
    if (this.lite) this.lite.replaceWith(lite);
    else clear(this.parent).appendChild(lite);
    this.lite = lite;
  }
}
