// Verifies an entry in the browser with WebCrypto alone, trusting none of the server's claims:
// the entry id is the body's leaf hash, the inclusion proof leads to the checkpoint's root
// (RFC 9162 §2.1.3.2), the checkpoint is signed by the log's key (signed note), and so is the SET.
import { base64ToBytes, fromHex, getText, hex, parseNote } from './common.js';
import { children, content, oid, read } from './der.js';

const subtle = crypto.subtle;

async function sha256(...parts) {
  const length = parts.reduce((n, p) => n + p.length, 0);
  const all = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return new Uint8Array(await subtle.digest('SHA-256', all));
}

const leafHash = (leaf) => sha256(Uint8Array.of(0), leaf);
const nodeHash = (left, right) => sha256(Uint8Array.of(1), left, right);

function equal(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The root an inclusion proof leads to (RFC 9162 §2.1.3.2); throws if the proof's shape is wrong. */
export async function rootFromProof(index, size, leaf, proof) {
  if (index >= size) throw new Error(`index ${index} is not below tree size ${size}`);
  let fn = index;
  let sn = size - 1n;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) throw new Error('the proof has more hashes than the tree has levels');
    if ((fn & 1n) === 1n || fn === sn) {
      r = await nodeHash(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) throw new Error('the proof has fewer hashes than the tree has levels');
  return r;
}

/** The log's key: its algorithm from the SPKI, imported for WebCrypto. */
async function importKey(spki) {
  const [alg] = children(read(spki));
  const [algOid, param] = children(alg);
  switch (oid(algOid)) {
    case '1.2.840.10045.2.1': {
      if (!param || oid(param) !== '1.2.840.10045.3.1.7') throw new Error('the log key is ECDSA on a curve other than P-256');
      const key = await subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
      return { name: 'ECDSA P-256', key, verify: (sig, data) => subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, p1363(sig), data) };
    }
    case '1.3.101.112': {
      const key = await subtle.importKey('spki', spki, { name: 'Ed25519' }, false, ['verify']);
      return { name: 'Ed25519', key, verify: (sig, data) => subtle.verify({ name: 'Ed25519' }, key, sig, data) };
    }
    default:
      throw new Error(`the log key's algorithm ${oid(algOid)} is not one the explorer verifies`);
  }
}

/** An ASN.1 ECDSA signature as WebCrypto wants it: r and s, 32 bytes each. */
function p1363(der) {
  const out = new Uint8Array(64);
  children(read(der)).forEach((integer, i) => {
    let v = content(integer);
    while (v.length > 32 && v[0] === 0) v = v.subarray(1);
    if (v.length > 32) throw new Error('ECDSA signature integer too long');
    out.set(v, 32 * i + 32 - v.length);
  });
  return out;
}

function spkiFromPem(pem) {
  const m = pem.match(/-----BEGIN PUBLIC KEY-----([\s\S]*?)-----END PUBLIC KEY-----/);
  if (!m) throw new Error('the log did not answer with a PEM public key');
  return base64ToBytes(m[1].replace(/\s+/g, ''));
}

/**
 * Runs every step, reporting each as it finishes: report(id, title, passed, detail). Returns true
 * if all passed. A step that cannot run (its input missing) fails.
 */
export async function verifyEntry(uuid, entry, report) {
  let ok = true;
  const step = async (id, title, check) => {
    try {
      const detail = await check();
      report(id, title, true, detail);
    } catch (e) {
      ok = false;
      report(id, title, false, e.message || String(e));
    }
  };
  const body = base64ToBytes(entry.body);
  const proof = (entry.verification || {}).inclusionProof;
  const treeHex = uuid.length === 80 ? uuid.slice(0, 16) : null;
  const treeID = treeHex ? BigInt(`0x${treeHex}`).toString() : null;
  const leaf = await leafHash(body);

  await step('leaf', 'The entry id is the hash of its body', async () => {
    if (hex(leaf) !== uuid.slice(-64)) throw new Error(`SHA-256(0x00 ‖ body) is ${hex(leaf)}, the id ends in ${uuid.slice(-64)}`);
    return `leaf hash ${hex(leaf)}`;
  });
  let root = null;
  await step('proof', 'The inclusion proof leads to the root hash', async () => {
    if (!proof) throw new Error('the entry came without an inclusion proof');
    root = await rootFromProof(BigInt(proof.logIndex), BigInt(proof.treeSize), leaf, proof.hashes.map(fromHex));
    if (hex(root) !== proof.rootHash) throw new Error(`recomputed root ${hex(root)}, the proof claims ${proof.rootHash}`);
    return `${proof.hashes.length} hashes, index ${proof.logIndex} of ${proof.treeSize}: root ${hex(root)}`;
  });
  let note = null;
  await step('checkpoint', 'The checkpoint commits to that root and tree size', async () => {
    if (!proof || !proof.checkpoint) throw new Error('the entry came without a checkpoint');
    note = parseNote(proof.checkpoint);
    if (note.size !== String(proof.treeSize)) throw new Error(`checkpoint size ${note.size}, proof size ${proof.treeSize}`);
    if (!root || !equal(base64ToBytes(note.root), root)) throw new Error('the checkpoint\'s root is not the recomputed root');
    if (treeID && !note.origin.endsWith(` - ${treeID}`)) throw new Error(`checkpoint origin "${note.origin}" is not of shard ${treeID}`);
    return `origin ${note.origin}`;
  });
  let logKey = null;
  await step('key', 'The log key is the one that names this log', async () => {
    const spki = spkiFromPem(await getText(`/api/v1/log/publicKey${treeID ? `?treeID=${treeID}` : ''}`));
    const logID = hex(await sha256(spki));
    if (logID !== entry.logID) throw new Error(`SHA-256 of the log key is ${logID}, the entry's logID is ${entry.logID}`);
    logKey = { ...(await importKey(spki)), hint: (await sha256(spki)).subarray(0, 4) };
    return `${logKey.name}, log id ${logID}`;
  });
  await step('signature', 'The checkpoint is signed by the log key', async () => {
    if (!note || !logKey) throw new Error('no checkpoint or no log key to check');
    const mine = note.signatures.filter((s) => equal(s.bytes.subarray(0, 4), logKey.hint));
    if (mine.length === 0) throw new Error('no signature line carries the log key\'s id');
    const message = new TextEncoder().encode(note.text);
    for (const s of mine) {
      if (await logKey.verify(s.bytes.subarray(4), message)) return `signature by ${s.name} verifies`;
    }
    throw new Error('the signature does not verify');
  });
  await step('set', 'The signed entry timestamp (SET) verifies', async () => {
    const set = (entry.verification || {}).signedEntryTimestamp;
    if (!set || !logKey) throw new Error('no SET or no log key to check');
    // Rekor's SET payload: RFC 8785 JSON of these four fields, keys in that order.
    const payload = `{"body":"${entry.body}","integratedTime":${entry.integratedTime},"logID":"${entry.logID}","logIndex":${entry.logIndex}}`;
    if (!(await logKey.verify(base64ToBytes(set), new TextEncoder().encode(payload)))) throw new Error('the SET does not verify');
    return `over integrated time ${entry.integratedTime} and log index ${entry.logIndex}`;
  });
  return ok;
}
