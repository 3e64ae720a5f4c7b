// Share links: the whole scenario in the URL fragment, `#s=1&d=` + base64url (no padding) of the
// zlib-format deflate (RFC 1950) of the scenario JSON in UTF-8 (DESIGN.md, "The playground").
// `s` is the link format version. The CLI writes the same links (`policylab link FILE`).

export const kLinkVersion = '1';

function toBase64Url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('bad base64url');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function pipe(bytes, stream) {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
}

/** The fragment (without '#') for a scenario JSON text. */
export async function encodeFragment(scenarioText) {
  const packed = await pipe(new TextEncoder().encode(scenarioText), new CompressionStream('deflate'));
  return `s=${kLinkVersion}&d=${toBase64Url(packed)}`;
}

/** True when the fragment looks like a share link (so a plain anchor is left alone). */
export function isShareFragment(hash) {
  return /^#?s=/.test(hash);
}

/**
 * Decodes a share fragment into the scenario JSON text, or throws an Error whose message is
 * written for the person who opened the link.
 */
export async function decodeFragment(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const version = params.get('s');
  if (version !== kLinkVersion) {
    throw new Error(`this link uses link format ${JSON.stringify(version)}, which this version of the playground does not read`);
  }
  const data = params.get('d');
  if (!data) throw new Error('this link carries no scenario (the `d=` part is missing)');
  let text;
  try {
    const bytes = await pipe(fromBase64Url(data), new DecompressionStream('deflate'));
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error('this link is truncated or damaged: its scenario could not be decompressed. Nothing was loaded.');
  }
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error('this link is damaged: its scenario is not valid JSON. Nothing was loaded.');
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc) || typeof doc.scenario !== 'number') {
    throw new Error('this link does not hold a Policy Lab scenario. Nothing was loaded.');
  }
  return text;
}
