// Locates a JSON pointer (RFC 6901) in JSON text: the engine's diagnostics and decidedBy entries
// carry pointers into the scenario document, and the page shows them at a line in an editor.
// The scanner is tolerant: on a syntax error it keeps what it has read, so a pointer into the
// valid part of a broken document still resolves. Tested by tests/browser (diagnostic lines).

/** @typedef {{type: 'object'|'array'|'value', from: number, to: number,
 *   members?: {key: string, keyFrom: number, value: Node}[], items?: Node[]}} Node */

/** Splits "/a/b~1c" into ["a", "b/c"]. */
export function splitPointer(pointer) {
  if (!pointer) return [];
  return pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Parses `text` into a position tree; never throws. */
export function scanJson(text) {
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\r\n'.includes(text[i])) i++; };
  const str = () => {  // at the opening quote; returns the decoded string
    i++;
    let out = '';
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        const c = text[i + 1];
        if (c === 'u') { out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)); i += 6; continue; }
        out += { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' }[c] ?? c;
        i += 2;
        continue;
      }
      out += text[i++];
    }
    i++;
    return out;
  };
  /** @returns {Node} */
  const value = () => {
    ws();
    const from = i;
    if (text[i] === '{') {
      const node = { type: 'object', from, to: text.length, members: [] };
      i++;
      for (;;) {
        ws();
        if (text[i] === '}') { i++; break; }
        if (text[i] !== '"') return node;
        const keyFrom = i;
        const key = str();
        ws();
        if (text[i] !== ':') return node;
        i++;
        const member = { key, keyFrom, value: null };
        node.members.push(member);
        member.value = value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; break; }
        return node;
      }
      node.to = i;
      return node;
    }
    if (text[i] === '[') {
      const node = { type: 'array', from, to: text.length, items: [] };
      i++;
      for (;;) {
        ws();
        if (text[i] === ']') { i++; break; }
        if (i >= text.length) return node;
        node.items.push(value());
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; break; }
        return node;
      }
      node.to = i;
      return node;
    }
    if (text[i] === '"') { str(); return { type: 'value', from, to: i }; }
    while (i < text.length && !',}] \t\r\n'.includes(text[i])) i++;
    return { type: 'value', from, to: Math.max(i, from) };
  };
  try {
    return value();
  } catch {
    return { type: 'value', from: 0, to: text.length };
  }
}

/**
 * Finds the text range of `pointer` in `text`. Returns {from, to, keyFrom, found}: `found` is
 * false when only a prefix of the pointer exists (the range is then the deepest node found).
 * `keyFrom` is where the member's key starts, for highlighting "Effect": "Alow" as a whole.
 */
export function locatePointer(text, pointer) {
  let node = scanJson(text);
  let keyFrom = node.from;
  for (const seg of splitPointer(pointer)) {
    let next = null;
    if (node.type === 'object') {
      // Duplicate keys are an engine diagnostic; the last one is the one that counts.
      const m = node.members.filter((x) => x.key === seg).pop()
        ?? node.members.filter((x) => x.key.toLowerCase() === seg.toLowerCase()).pop();
      if (m && m.value) { next = m.value; keyFrom = m.keyFrom; }
    } else if (node.type === 'array' && /^\d+$/.test(seg)) {
      next = node.items[Number(seg)] ?? null;
      if (next) keyFrom = next.from;
    }
    if (!next) return { from: node.from, to: node.to, keyFrom, found: false };
    node = next;
  }
  return { from: node.from, to: node.to, keyFrom, found: true };
}
