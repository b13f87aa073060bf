// A small DER reader (X.690) and what a reader wants from an X.509 certificate (RFC 5280) and a
// public key: names, SANs, validity, the key's algorithm, and Fulcio's OIDC issuer and CI
// extensions (sigstore/fulcio docs/oid-info.md).
import { base64ToBytes, hex, utf8 } from './common.js';

/** Reads the TLV at {@code pos}: tag class, number, constructed bit, content bounds. */
export function read(bytes, pos = 0) {
  if (pos + 2 > bytes.length) throw new Error('DER: truncated');
  const first = bytes[pos];
  let p = pos + 1;
  let number = first & 0x1f;
  if (number === 0x1f) {
    number = 0;
    let b;
    do {
      b = bytes[p++];
      number = number * 128 + (b & 0x7f);
    } while (b & 0x80);
  }
  let length = bytes[p++];
  if (length & 0x80) {
    const n = length & 0x7f;
    if (n === 0 || n > 4) throw new Error('DER: unsupported length');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[p++];
  }
  const end = p + length;
  if (end > bytes.length) throw new Error('DER: length beyond the data');
  return { cls: first >> 6, constructed: (first & 0x20) !== 0, number, tag: first, start: p, end, bytes };
}

/** The children of a constructed node. */
export function children(node) {
  const out = [];
  for (let p = node.start; p < node.end;) {
    const child = read(node.bytes, p);
    out.push(child);
    p = child.end;
  }
  return out;
}

export function content(node) {
  return node.bytes.subarray(node.start, node.end);
}

/** An OBJECT IDENTIFIER's dotted form. */
export function oid(node) {
  const b = content(node);
  const parts = [];
  let value = 0;
  for (let i = 0; i < b.length; i++) {
    value = value * 128 + (b[i] & 0x7f);
    if (!(b[i] & 0x80)) {
      if (parts.length === 0) parts.push(Math.min(2, Math.floor(value / 40)), value - 40 * Math.min(2, Math.floor(value / 40)));
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

function text(node) {
  const b = content(node);
  if (node.number === 30) { // BMPString
    let s = '';
    for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i] << 8) | b[i + 1]);
    return s;
  }
  return utf8.decode(b);
}

function time(node) {
  const s = text(node);
  const m = node.number === 23
    ? s.match(/^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/)
    : s.match(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/);
  if (!m) return null;
  let year = parseInt(m[1], 10);
  if (node.number === 23) year += year < 50 ? 2000 : 1900;
  return Date.UTC(year, m[2] - 1, m[3], m[4], m[5], m[6]) / 1000;
}

const NAMES = {
  '2.5.4.3': 'CN', '2.5.4.5': 'serialNumber', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST',
  '2.5.4.10': 'O', '2.5.4.11': 'OU', '1.2.840.113549.1.9.1': 'emailAddress',
};

function name(node) {
  return children(node).flatMap((set) => children(set).map((pair) => {
    const [type, value] = children(pair);
    return `${NAMES[oid(type)] || oid(type)}=${text(value)}`;
  })).join(', ');
}

const CURVES = { '1.2.840.10045.3.1.7': 'P-256', '1.3.132.0.34': 'P-384', '1.3.132.0.35': 'P-521' };

/** The algorithm of a SubjectPublicKeyInfo: "ECDSA P-256", "Ed25519", "RSA 2048", … */
export function keyAlgorithm(spki) {
  const [alg, bits] = children(spki);
  const [algOid, param] = children(alg);
  switch (oid(algOid)) {
    case '1.2.840.10045.2.1': return `ECDSA ${param && param.number === 6 ? (CURVES[oid(param)] || oid(param)) : ''}`.trim();
    case '1.3.101.112': return 'Ed25519';
    case '1.2.840.113549.1.1.1': {
      const key = read(bits.bytes, bits.start + 1);
      const modulus = content(children(key)[0]);
      const size = (modulus[0] === 0 ? modulus.length - 1 : modulus.length) * 8;
      return `RSA ${size}`;
    }
    default: return oid(algOid);
  }
}

const SAN_TYPES = { 1: 'email', 2: 'DNS', 6: 'URI', 7: 'IP' };

function sans(value) {
  return children(read(value)).map((general) => {
    if (general.number === 0) {
      const [type, wrapped] = children(general);
      const inner = children(wrapped)[0];
      return { type: `otherName ${oid(type)}`, value: inner ? text(inner) : '' };
    }
    if (general.number === 7) return { type: 'IP', value: Array.from(content(general)).join('.') };
    return { type: SAN_TYPES[general.number] || `[${general.number}]`, value: text(general) };
  });
}

/** Fulcio's extensions under 1.3.6.1.4.1.57264.1: .1–.6 hold raw text, .8 on DER strings. */
const FULCIO = {
  1: 'OIDC issuer (v1)', 2: 'GitHub workflow trigger', 3: 'GitHub workflow SHA', 4: 'GitHub workflow name',
  5: 'GitHub workflow repository', 6: 'GitHub workflow ref', 8: 'OIDC issuer', 9: 'Build signer URI',
  10: 'Build signer digest', 11: 'Runner environment', 12: 'Source repository URI',
  13: 'Source repository digest', 14: 'Source repository ref', 15: 'Source repository identifier',
  16: 'Source repository owner URI', 17: 'Source repository owner identifier', 18: 'Build config URI',
  19: 'Build config digest', 20: 'Build trigger', 21: 'Run invocation URI',
  22: 'Source repository visibility at signing',
};
const FULCIO_PREFIX = '1.3.6.1.4.1.57264.1.';

/** What a reader wants of a certificate (DER bytes). */
export function certificate(der) {
  const [tbs] = children(read(der));
  const fields = children(tbs);
  let i = 0;
  if (fields[0].cls === 2 && fields[0].number === 0) i = 1; // [0] version
  const serial = hex(content(fields[i]));
  const issuer = name(fields[i + 2]);
  const [notBefore, notAfter] = children(fields[i + 3]).map(time);
  const subject = name(fields[i + 4]);
  const key = keyAlgorithm(fields[i + 5]);
  const out = { serial, issuer, subject, notBefore, notAfter, key, sans: [], fulcio: [] };
  const extensions = fields.find((f) => f.cls === 2 && f.number === 3);
  if (extensions) {
    for (const ext of children(children(extensions)[0])) {
      const parts = children(ext);
      const id = oid(parts[0]);
      const value = content(parts[parts.length - 1]);
      if (id === '2.5.29.17') out.sans = sans(value);
      else if (id.startsWith(FULCIO_PREFIX)) {
        const n = parseInt(id.slice(FULCIO_PREFIX.length), 10);
        if (!FULCIO[n]) continue;
        const shown = n >= 8 ? text(read(value)) : utf8.decode(value);
        out.fulcio.push({ oid: id, name: FULCIO[n], value: shown });
      }
    }
  }
  out.oidcIssuer = (out.fulcio.find((f) => f.oid === `${FULCIO_PREFIX}8`)
    || out.fulcio.find((f) => f.oid === `${FULCIO_PREFIX}1`) || {}).value || null;
  return out;
}

/** Every PEM block in a text: its label and DER bytes. */
export function pemBlocks(textValue) {
  const out = [];
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  let m;
  while ((m = re.exec(textValue)) !== null) {
    const body = m[2].split('\n').filter((l) => !l.includes(':')).join('').replace(/\s+/g, '');
    try {
      out.push({ label: m[1], der: base64ToBytes(body) });
    } catch (e) {
      // not base64 (a PGP armor with headers we cannot read): skip it
    }
  }
  return out;
}
