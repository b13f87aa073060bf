// An entry's page: its place in the log, what was signed and by whom, its attestation, the raw
// body, and the in-browser verification (data-verification: running, then passed or failed).
import { h, getJson, logInfo, shards, searchForms, timeNode, decodeBody, kindOf, utc, fail } from './common.js';
import { attestation, material } from './body.js';
import { verifyEntry } from './verify.js';

function fact(term, ...value) {
  return [h('dt', { text: term }), h('dd', {}, ...value)];
}

function mono(text) {
  return h('span', { class: 'mono', text });
}

async function shardOf(uuid) {
  try {
    const info = await logInfo();
    const list = shards(info);
    const shard = list.find((s) => s.hex === uuid.slice(0, 16));
    if (!shard) return mono(uuid.slice(0, 16));
    return [mono(shard.treeID), shard.active ? ' (active)' : ` (frozen; shard ${shard.position + 1} of ${list.length})`];
  } catch (e) {
    return mono(uuid.slice(0, 16));
  }
}

function certificateView(cert, i) {
  const validity = cert.notBefore !== null
    ? `${utc(cert.notBefore)} to ${utc(cert.notAfter)}` : 'unreadable';
  return h('div', { class: 'card' },
    h('h3', { text: `Certificate${i ? ` ${i + 1}` : ''}` }),
    h('dl', { class: 'kv' },
      fact('Subject', cert.subject || '(empty)'),
      cert.sans.length ? fact('Subject alternative names', h('ul', {}, cert.sans.map((s) => h('li', {}, `${s.type}: `, mono(s.value))))) : '',
      fact('Issuer', cert.issuer),
      cert.oidcIssuer ? fact('OIDC issuer', mono(cert.oidcIssuer)) : '',
      fact('Valid', validity),
      fact('Key', cert.key),
      fact('Serial', mono(cert.serial)),
      fact('Found at', mono(cert.path))),
    cert.fulcio.length ? [h('h4', { text: 'Fulcio extensions' }),
      h('dl', { class: 'kv fulcio' }, cert.fulcio.map((f) => fact(f.name, mono(f.value), h('br'), h('small', { class: 'muted', text: f.oid }))))] : '');
}

function contentView(body) {
  const found = material(body);
  const parts = [];
  if (found.digests.length) {
    parts.push(h('dl', { class: 'kv' }, found.digests.map((d) => fact(d.path || 'digest', mono(`${d.algorithm}:${d.value}`)))));
  }
  found.certificates.forEach((c, i) => parts.push(certificateView(c, i)));
  found.keys.forEach((k) => parts.push(h('p', {}, `Public key: ${k.algorithm} `, h('small', { class: 'muted' }, '(', mono(k.path), ')'))));
  if (parts.length === 0) parts.push(h('p', { class: 'muted', text: 'This kind carries no digest or key the explorer reads; see the raw body.' }));
  return parts;
}

function attestationView(statement) {
  if (statement.unreadable) return [h('p', { text: 'The stored attestation is not JSON.' })];
  const subjects = Array.isArray(statement.subject) ? statement.subject : [];
  return [
    h('dl', { class: 'kv' },
      fact('Statement type', mono(statement._type || '(none)')),
      fact('Predicate type', mono(statement.predicateType || '(none)'))),
    h('h3', { text: `Subjects (${subjects.length})` }),
    h('div', { class: 'table-wrap' }, h('table', { id: 'subjects' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Name' }), h('th', { scope: 'col', text: 'Digest' }))),
      h('tbody', {}, subjects.map((s) => h('tr', {}, h('td', { text: s.name || '' }),
        h('td', { class: 'mono', text: Object.entries(s.digest || {}).map(([a, v]) => `${a}:${v}`).join(' ') })))))),
    h('h3', { text: 'Predicate' }),
    h('pre', { class: 'code', id: 'predicate', tabindex: '0', 'aria-label': 'The predicate', text: JSON.stringify(statement.predicate ?? null, null, 2) }),
  ];
}

function stepView(id, title, passed, detail) {
  return h('li', { 'data-step': id, 'data-status': passed ? 'passed' : 'failed' },
    h('span', { class: 'status', text: passed ? '✓ passed: ' : '✗ failed: ' }), title,
    h('br'), h('small', { class: 'detail', text: detail }));
}

async function main() {
  searchForms('');
  const requested = decodeURIComponent(location.pathname.split('/').pop());
  const status = document.getElementById('status');
  const api = `/api/v1/log/entries/${requested}`;
  let uuid;
  let entry;
  try {
    [[uuid, entry]] = Object.entries(await getJson(api));
  } catch (e) {
    fail(status, e, `No entry ${requested}`);
    document.getElementById('title').textContent = 'Entry not found';
    return;
  }
  const body = decodeBody(entry);
  const kind = body ? kindOf(body) : 'entry';
  document.title = `${kind} · log index ${entry.logIndex} · Waxseal`;
  document.getElementById('title').textContent = `${kind} entry ${entry.logIndex}`;
  document.getElementById('facts').replaceChildren(
    ...fact('Kind', body ? `${body.kind}, version ${body.apiVersion}` : 'not JSON'),
    ...fact('Integrated', ...timeNode(entry.integratedTime)),
    ...fact('Log index', String(entry.logIndex)),
    ...fact('Shard', await shardOf(uuid)),
    ...fact('Entry UUID', mono(uuid)),
    ...fact('Log ID', mono(entry.logID)));
  document.getElementById('content').replaceChildren(...(body ? contentView(body) : []));
  const statement = attestation(entry);
  if (statement) {
    document.getElementById('attestation').replaceChildren(...attestationView(statement));
    document.getElementById('attestation-section').hidden = false;
  }
  document.getElementById('raw').textContent = body ? JSON.stringify(body, null, 2) : '(not JSON)';
  document.getElementById('raw-b64').textContent = entry.body;
  document.getElementById('api-link').href = `/api/v1/log/entries/${uuid}`;
  status.textContent = '';
  status.hidden = true;
  document.getElementById('entry').hidden = false;

  const steps = document.getElementById('steps');
  const verdict = document.getElementById('verdict');
  let passed = false;
  try {
    passed = await verifyEntry(uuid, entry, (id, title, ok, detail) => steps.append(stepView(id, title, ok, detail)));
  } catch (e) {
    steps.append(stepView('error', 'Verification could not run', false, e.message || String(e)));
  }
  verdict.textContent = passed
    ? 'Passed: this entry is in the log, as signed by the log\'s key.'
    : 'Failed: at least one check below did not hold. Do not trust this entry\'s proof.';
  verdict.setAttribute('data-verification', passed ? 'passed' : 'failed');
}

main();
