// DOM helpers. User text only ever becomes text nodes or attribute values set one by one: there
// is no innerHTML anywhere in the page (content from a share link is untrusted).

/**
 * el('div', {class: 'x', 'data-y': 1, onclick: fn}, 'text', child, [more]) → HTMLElement.
 * Strings become text nodes; null/false children are skipped.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (k === 'text') node.textContent = String(v);
    else if (k === 'value') node.value = String(v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(node, c);
    else if (c instanceof Node) node.appendChild(c);
    else node.appendChild(document.createTextNode(String(c)));
  }
}

/** Text with `backticked` spans rendered as <code> (engine messages quote user input so). */
export function richText(text) {
  const frag = document.createDocumentFragment();
  String(text ?? '').split(/(`[^`]*`)/).forEach((part) => {
    if (part.startsWith('`') && part.endsWith('`') && part.length >= 2) {
      frag.appendChild(el('code', {}, part.slice(1, -1)));
    } else if (part) {
      frag.appendChild(document.createTextNode(part));
    }
  });
  return frag;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}
