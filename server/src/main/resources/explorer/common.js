// Shared by the explorer's pages: DOM building (text only, never HTML from data), the API calls,
// byte encodings, time formatting, and what a typed query means.

/** Builds an element; children are nodes, strings (as text) or arrays of them; null is skipped. */
export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : String(child));
  }
}

/** A failed API call: its HTTP status and Rekor's message. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function call(path, init) {
  const response = await fetch(path, init);
  const text = await response.text();
  if (!response.ok) {
    let message = `HTTP ${response.status}`;
    try {
      message = JSON.parse(text).message || message;
    } catch (e) {
      // not Rekor's JSON error shape: keep the status
    }
    throw new ApiError(response.status, message);
  }
  return text;
}

/** GET a JSON document of the API. */
export async function getJson(path) {
  return JSON.parse(await call(path, { headers: { Accept: 'application/json' } }));
}

/** GET plain text (checkpoints, PEM keys). */
export function getText(path) {
  return call(path, {});
}

/** POST a JSON body to the API and parse the answer. */
export async function postJson(path, body) {
  const text = await call(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return JSON.parse(text);
}

let logInfoPromise = null;

/** The log's state ({@code GET /api/v1/log}), fetched once per page. */
export function logInfo() {
  if (!logInfoPromise) logInfoPromise = getJson('/api/v1/log');
  return logInfoPromise;
}

/** The shards oldest first, each with its tree id in decimal and as the 16 hex digits of UUIDs. */
export function shards(info) {
  const all = [...(info.inactiveShards || []), info];
  return all.map((s, i) => ({
    treeID: s.treeID,
    hex: BigInt(s.treeID).toString(16).padStart(16, '0'),
    treeSize: s.treeSize,
    active: i === all.length - 1,
    position: i,
  }));
}

export function base64ToBytes(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function bytesToBase64(bytes) {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function fromHex(text) {
  if (!/^([0-9a-fA-F]{2})*$/.test(text)) throw new Error(`not hex: ${text.slice(0, 20)}`);
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.substr(i * 2, 2), 16);
  return out;
}

export const utf8 = new TextDecoder('utf-8', { fatal: false });

/** A Unix time in seconds as "2026-12-06 13:41:46 UTC". */
export function utc(seconds) {
  return new Date(seconds * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** A Unix time in seconds relative to now: "3 minutes ago". */
export function ago(seconds) {
  const diff = seconds - Date.now() / 1000;
  const units = [
    ['year', 31536000],
    ['month', 2592000],
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(diff) >= size) return relative.format(Math.round(diff / size), unit);
  }
  return relative.format(Math.round(diff), 'second');
}

/** A <time> element showing UTC, with the relative time beside it. */
export function timeNode(seconds) {
  return [
    h('time', { datetime: new Date(seconds * 1000).toISOString(), text: utc(seconds) }),
    ` (${ago(seconds)})`,
  ];
}

/** "hashedrekord 0.0.1" from a decoded body. */
export function kindOf(body) {
  return `${body.kind || 'unknown kind'} ${body.apiVersion || ''}`.trim();
}

/** The decoded JSON of an entry's base64 body, or null if it is not JSON. */
export function decodeBody(entry) {
  try {
    return JSON.parse(utf8.decode(base64ToBytes(entry.body)));
  } catch (e) {
    return null;
  }
}

const PEM = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/;

/**
 * What a query typed into the search box means. Returns {type, ...}: index, uuid, digest (a
 * 64-hex value that may be a UUID or a SHA-256 digest), hash, email, subject, publicKey; or
 * {type: 'empty'}.
 */
export function classify(raw) {
  const text = raw.trim();
  if (!text) return { type: 'empty' };
  if (/^[0-9]{1,19}$/.test(text)) return { type: 'index', index: BigInt(text).toString() };
  if (/^[0-9a-fA-F]{80}$/.test(text)) return { type: 'uuid', uuid: text.toLowerCase() };
  if (/^[0-9a-fA-F]{64}$/.test(text)) return { type: 'digest', value: text.toLowerCase() };
  if (/^(sha256:[0-9a-fA-F]{64}|sha1:[0-9a-fA-F]{40}|sha512:[0-9a-fA-F]{128})$/i.test(text)
      || /^([0-9a-fA-F]{40}|[0-9a-fA-F]{128})$/.test(text)) {
    return { type: 'hash', hash: text.toLowerCase() };
  }
  const pem = text.match(PEM);
  if (pem) {
    if (pem[1] === 'PGP PUBLIC KEY BLOCK') return publicKey('pgp', text, 'a PGP public key');
    const what = pem[1] === 'CERTIFICATE' ? 'a certificate' : 'a public key';
    return publicKey('x509', pem[0].replace(/\r/g, '') + '\n', what);
  }
  if (/^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/=]+/.test(text)) {
    return publicKey('ssh', text, 'an SSH public key');
  }
  if (/^untrusted comment:/.test(text) || /^RW[A-Za-z0-9+/]{54}$/.test(text)) {
    return publicKey('minisign', text, 'a minisign public key');
  }
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text) && !text.includes('://')) return { type: 'email', email: text };
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/.test(text)) return { type: 'subject', subject: text, what: 'the subject' };
  return { type: 'subject', subject: text, what: 'the subject or identity' };
}

function publicKey(format, content, what) {
  const bytes = new TextEncoder().encode(content);
  return { type: 'publicKey', format, content: bytesToBase64(bytes), what };
}

/** Lets Enter submit the search box (Shift+Enter still adds a line, for pasted keys). */
export function enterSubmits(form) {
  const box = form.querySelector('textarea');
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (box.value.trim()) form.requestSubmit();
    }
  });
}

/** Wires every search form on the page; the page's query goes back into the box. */
export function searchForms(query) {
  for (const form of document.querySelectorAll('form.search')) {
    enterSubmits(form);
    if (query) form.querySelector('textarea').value = query;
  }
}

/** Shows a failure in a status element, in words a reader can act on. */
export function fail(element, error, what) {
  element.textContent = error instanceof ApiError
    ? `${what}: the log answered ${error.status}: ${error.message}`
    : `${what}: ${error.message || error}`;
  element.classList.remove('muted');
  element.setAttribute('data-error', 'true');
}

/** A signed note split into its text lines and its signature lines (C2SP signed-note). */
export function parseNote(note) {
  const split = note.indexOf('\n\n');
  if (split < 0) throw new Error('the checkpoint has no signature block');
  const lines = note.slice(0, split).split('\n');
  const signatures = note.slice(split + 2).split('\n').filter((l) => l).map((line) => {
    const m = line.match(/^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/);
    if (!m) throw new Error(`bad signature line: ${line}`);
    return { name: m[1], bytes: base64ToBytes(m[2]) };
  });
  return { origin: lines[0], size: lines[1], root: lines[2], text: note.slice(0, split + 1), signatures };
}

