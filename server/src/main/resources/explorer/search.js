// Search results: what the query means, the matching entries newest first, ten to a page (the
// most one /api/v1/log/entries/retrieve call returns).
import { h, getJson, postJson, logInfo, shards, classify, searchForms, timeNode, decodeBody, kindOf, fail } from './common.js';
import { describeBody } from './body.js';

const PAGE_SIZE = 10;

/** Goes to an entry's page, replacing the search in the history (Back returns to the query). */
function open(uuid) {
  location.replace(`/entries/${encodeURIComponent(uuid)}`);
}

/** The entry ids that match, from /api/v1/index/retrieve. */
function indexQuery(query) {
  switch (query.type) {
    case 'hash': return { hash: query.hash };
    case 'digest': return { hash: `sha256:${query.value}` };
    case 'email': return { email: query.email };
    case 'subject': return { subject: query.subject };
    case 'publicKey': return { publicKey: { format: query.format, content: query.content } };
    default: throw new Error(`no index search for ${query.type}`);
  }
}

function describe(query) {
  switch (query.type) {
    case 'hash': return `entries for the artifact digest ${query.hash}`;
    case 'digest': return `entries for the SHA-256 digest ${query.value}`;
    case 'email': return `entries signed by ${query.email}`;
    case 'subject': return `entries for ${query.what} ${query.subject}`;
    case 'publicKey': return `entries signed with ${query.what}`;
    default: return 'entries';
  }
}

/**
 * Newest first without fetching every entry: ids come in index order within each shard, and a
 * UUID's first 16 hex digits name its shard, whose age the log's shard list gives.
 */
function newestFirst(uuids, info) {
  const position = new Map(shards(info).map((s) => [s.hex, s.position]));
  return uuids
    .map((uuid, i) => ({ uuid, i, shard: position.get(uuid.slice(0, 16)) ?? -1 }))
    .sort((a, b) => (b.shard - a.shard) || (b.i - a.i))
    .map((x) => x.uuid);
}

function resultItem(uuid, entry) {
  const body = decodeBody(entry);
  return h('li', {},
    h('a', { class: 'entry', href: `/entries/${uuid}` }, `${body ? kindOf(body) : 'entry'} · log index ${entry.logIndex}`),
    h('div', { class: 'meta' }, 'Integrated ', timeNode(entry.integratedTime)),
    h('div', { class: 'detail' }, body ? describeBody(body, entry) : ''),
    h('div', { class: 'meta mono', text: uuid }));
}

function pageLink(q, page, label, rel) {
  return h('a', { href: `/search?q=${encodeURIComponent(q)}&page=${page}`, rel }, label);
}

async function show(q, query, uuids, page) {
  const summary = document.getElementById('summary');
  const list = document.getElementById('results');
  const pages = Math.max(1, Math.ceil(uuids.length / PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  if (uuids.length === 0) {
    summary.textContent = `No ${describe(query)}.`;
    return;
  }
  const slice = uuids.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  const found = await postJson('/api/v1/log/entries/retrieve', { entryUUIDs: slice });
  const byId = new Map(found.flatMap((o) => Object.entries(o)));
  list.replaceChildren(...slice.filter((u) => byId.has(u)).map((u) => resultItem(u, byId.get(u))));
  summary.textContent = `${uuids.length} ${describe(query)}, newest first` +
    (pages > 1 ? ` — page ${current} of ${pages}` : '') + '.';
  document.title = `${uuids.length} results · Waxseal`;
  const nav = document.getElementById('pages');
  nav.replaceChildren(
    current > 1 ? pageLink(q, current - 1, '← Newer', 'prev') : '',
    pages > 1 ? h('span', { class: 'muted', text: `Page ${current} of ${pages}` }) : '',
    current < pages ? pageLink(q, current + 1, 'Older →', 'next') : '');
}

async function main() {
  const params = new URLSearchParams(location.search);
  const q = params.get('q') || '';
  const page = parseInt(params.get('page') || '1', 10) || 1;
  searchForms(q);
  const summary = document.getElementById('summary');
  const query = classify(q);
  try {
    switch (query.type) {
      case 'empty':
        summary.textContent = 'Type something to search for.';
        return;
      case 'uuid':
        open(query.uuid);
        return;
      case 'index': {
        const entry = await getJson(`/api/v1/log/entries?logIndex=${query.index}`);
        open(Object.keys(entry)[0]);
        return;
      }
      case 'digest': {
        // 64 hex digits: an entry UUID, or an artifact's SHA-256. Ask for both; entries/retrieve
        // answers a missing UUID with an empty list, not a 404 (so the console stays clean).
        const [byId, byHash] = await Promise.all([
          postJson('/api/v1/log/entries/retrieve', { entryUUIDs: [query.value] })
            .then((found) => (found.length ? found[0] : null)),
          postJson('/api/v1/index/retrieve', indexQuery(query)),
        ]);
        if (byId && byHash.length === 0) {
          open(Object.keys(byId)[0]);
          return;
        }
        const ids = newestFirst(byHash, await logInfo());
        if (byId) ids.unshift(...Object.keys(byId).filter((id) => !ids.includes(id)));
        await show(q, query, ids, page);
        return;
      }
      default: {
        const ids = await postJson('/api/v1/index/retrieve', indexQuery(query));
        await show(q, query, newestFirst(ids, await logInfo()), page);
      }
    }
  } catch (e) {
    fail(summary, e, 'The search failed');
  }
}

main();
