// What an entry's body holds, for any kind: the digests it commits to, the certificates and keys
// that signed it (found wherever the kind keeps them, as base64 PEM), and its attestation.
import { base64ToBytes, utf8 } from './common.js';
import { certificate, keyAlgorithm, pemBlocks, read } from './der.js';

/** Decodes a base64 string to text if it is PEM (certificates, keys), else null. */
function pemText(value) {
  if (typeof value !== 'string' || value.length < 40 || !/^[A-Za-z0-9+/=]+$/.test(value)) return null;
  try {
    const text = utf8.decode(base64ToBytes(value));
    return text.includes('-----BEGIN ') ? text : null;
  } catch (e) {
    return null;
  }
}

/** Walks the body: digests ({algorithm, value} objects) and signer material, each with its path. */
export function material(body) {
  const digests = [];
  const certificates = [];
  const keys = [];
  const seen = new Set();
  const walk = (node, path) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => walk(child, `${path}[${i}]`));
    } else if (node && typeof node === 'object') {
      if (typeof node.algorithm === 'string' && typeof node.value === 'string') {
        digests.push({ path, algorithm: node.algorithm, value: node.value });
        return;
      }
      for (const [key, child] of Object.entries(node)) walk(child, path ? `${path}.${key}` : key);
    } else {
      const text = pemText(node);
      if (!text || seen.has(text)) return;
      seen.add(text);
      for (const block of pemBlocks(text)) {
        try {
          if (block.label === 'CERTIFICATE') certificates.push({ path, ...certificate(block.der) });
          else if (block.label === 'PUBLIC KEY') keys.push({ path, algorithm: keyAlgorithm(read(block.der)) });
          else keys.push({ path, algorithm: block.label.toLowerCase() });
        } catch (e) {
          keys.push({ path, algorithm: `${block.label.toLowerCase()} (not readable: ${e.message})` });
        }
      }
    }
  };
  walk(body.spec || body, '');
  return { digests, certificates, keys };
}

/** The in-toto statement the log kept for an intoto entry, parsed; null when there is none. */
export function attestation(entry) {
  const data = entry.attestation && entry.attestation.data;
  if (!data) return null;
  try {
    return JSON.parse(utf8.decode(base64ToBytes(data)));
  } catch (e) {
    return { unreadable: true };
  }
}

/** The signer's identity in a few words: a certificate's first SAN, or the key's algorithm. */
export function signer(found) {
  const cert = found.certificates[0];
  if (cert) {
    const san = cert.sans[0];
    return san ? san.value : cert.subject;
  }
  return found.keys[0] ? `${found.keys[0].algorithm} key` : null;
}

/** One line for a results list: who signed what. */
export function describeBody(body, entry) {
  const found = material(body);
  const parts = [];
  const who = signer(found);
  if (who) parts.push(`Signed by ${who}`);
  const digest = found.digests[0];
  if (digest) parts.push(`${digest.algorithm}:${digest.value}`);
  const statement = attestation(entry);
  if (statement && statement.predicateType) parts.push(statement.predicateType);
  return parts.join(' · ');
}
