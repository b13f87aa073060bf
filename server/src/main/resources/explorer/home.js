// The home page: the logs (shards, sizes, latest checkpoint and its age), their witnesses, and the
// search box.
import { h, getJson, getText, logInfo, shards, searchForms, timeNode, fail, parseNote, ago, utc } from './common.js';

/** The witnesses' cosignatures of a C2SP checkpoint: every signature not by the log's own key. */
function cosignatures(note) {
  return note.signatures.filter((s) => s.name !== note.origin).map((s) => {
    // tlog-cosignature/v1: key id (4 bytes), timestamp (8, big-endian seconds), Ed25519 (64).
    let time = null;
    if (s.bytes.length === 76) {
      time = Number(new DataView(s.bytes.buffer, 4, 8).getBigUint64(0));
    }
    return { name: s.name, time };
  });
}

function entries(size) {
  return BigInt(size) === 1n ? 'entry' : 'entries';
}

function fact(term, ...value) {
  return [h('dt', { text: term }), h('dd', {}, ...value)];
}

async function latestIntegration(info) {
  const total = shards(info).reduce((sum, s) => sum + BigInt(s.treeSize), 0n);
  if (BigInt(info.treeSize) === 0n) return null;
  const entry = await getJson(`/api/v1/log/entries?logIndex=${total - 1n}`);
  const [uuid, value] = Object.entries(entry)[0];
  return { uuid, time: value.integratedTime, index: value.logIndex };
}

async function v1Card(info) {
  const latest = await latestIntegration(info);
  const list = shards(info);
  const card = h('article', { class: 'card', 'aria-labelledby': 'log-v1' },
    h('h3', { id: 'log-v1', text: 'Rekor v1 log' }),
    h('p', {}, h('span', { class: 'big', id: 'v1-size', text: BigInt(info.treeSize).toLocaleString('en') }),
      ` ${entries(info.treeSize)} in the active shard`),
    h('dl', { class: 'kv' },
      fact('Active shard', h('span', { class: 'mono', text: info.treeID })),
      fact('Latest checkpoint', `size ${info.treeSize}, root `, h('span', { class: 'mono', text: info.rootHash.slice(0, 16) + '…' })),
      fact('Checkpoint age', latest
        ? [ago(latest.time), ' (', h('time', { datetime: new Date(latest.time * 1000).toISOString(), text: utc(latest.time) }), '), signed with the batch of ', h('a', { href: `/entries/${latest.uuid}`, text: `entry ${latest.index}` })]
        : 'no entry yet: the checkpoint is of the empty tree'),
      fact('Shards', `${list.length} (${list.length - 1} frozen)`)));
  if (list.length > 1) {
    card.append(h('table', {},
      h('caption', { class: 'visually-hidden', text: 'Shards, oldest first' }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Shard (tree id)' }), h('th', { scope: 'col', text: 'Entries' }), h('th', { scope: 'col', text: 'State' }))),
      h('tbody', {}, list.map((s) => h('tr', {},
        h('td', { class: 'mono', text: s.treeID }), h('td', { text: String(s.treeSize) }), h('td', { text: s.active ? 'active' : 'frozen' }))))));
  }
  return card;
}

async function c2spCard(title, path, id) {
  const note = parseNote(await getText(path));
  return {
    note,
    card: h('article', { class: 'card', 'aria-labelledby': id },
      h('h3', { id, text: title }),
      h('p', {}, h('span', { class: 'big', text: BigInt(note.size).toLocaleString('en') }), ` ${entries(note.size)}`),
      h('dl', { class: 'kv' },
        fact('Origin', h('span', { class: 'mono', text: note.origin })),
        fact('Checkpoint', h('a', { href: path, text: path })))),
  };
}

async function main() {
  searchForms('');
  const logs = document.getElementById('logs');
  const witnesses = document.getElementById('witnesses');
  const tiles = document.body.dataset.tilesPrefix || '';
  const v2 = document.body.dataset.v2Prefix || '';
  const cards = h('div', { class: 'logs' });
  const notes = [];
  try {
    cards.append(await v1Card(await logInfo()));
  } catch (e) {
    fail(logs, e, 'Could not read the log');
    witnesses.textContent = '';
    return;
  }
  for (const [title, path, id] of [['Tile API (C2SP) of the active shard', `${tiles}/checkpoint`, 'log-tiles'],
    ...(v2 ? [['Rekor v2 log', `${v2}/checkpoint`, 'log-v2']] : [])]) {
    try {
      const { note, card } = await c2spCard(title, path, id);
      notes.push(note);
      cards.append(card);
    } catch (e) {
      // a log without a C2SP checkpoint (no tiles key, or no v2 log): nothing to show for it
    }
  }
  logs.replaceChildren(cards);
  const rows = notes.flatMap((note) => cosignatures(note).map((c) => ({ ...c, origin: note.origin })));
  if (rows.length === 0) {
    witnesses.replaceChildren(h('p', { text: 'No witness has cosigned the latest checkpoints.' }));
    return;
  }
  witnesses.replaceChildren(h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Witness' }), h('th', { scope: 'col', text: 'Log' }), h('th', { scope: 'col', text: 'Cosigned' }))),
    h('tbody', {}, rows.map((r) => h('tr', {},
      h('td', { class: 'mono', text: r.name }), h('td', { class: 'mono', text: r.origin }),
      h('td', {}, r.time === null ? 'yes' : timeNode(r.time))))))));
}

main();
