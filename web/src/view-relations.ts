import { api, type LinkRow } from './api.js';
import { badge, h, link, percent, plural, routes } from './dom.js';
import { ORDERS, facetOptions, listPage } from './list-controls.js';

/** #/relations?kind=&minScore=&offset= : every relation, strongest first, filtered by kind and score. */
export async function relationsPage(main: HTMLElement, params: URLSearchParams): Promise<void> {
  await listPage(main, params, {
    path: '#/relations',
    title: 'Relations',
    noun: 'relation',
    limit: 50,
    fetch: api.relationList,
    exportAs: 'relations',
    fields: (page) => [
      { name: 'kind', label: 'Kind', type: 'select', options: facetOptions(page.facets?.kind, 'Any kind', params.get('kind')) },
      { name: 'minScore', label: 'Minimum score', type: 'number', step: '0.05', placeholder: '0–1' },
      { name: 'order', label: 'Order', type: 'select', options: ORDERS },
    ],
    body: (page) => relationTable(page.items),
  });
}

/** Relations as a table: each row links both articles and the diff, so every relation is a tab stop away. */
export function relationTable(rows: LinkRow[], caption?: string): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'empty card' }, 'No relation matches these filters.');
  return h(
    'div',
    { class: 'table-wrap card' },
    h(
      'table',
      { class: 'relations', 'data-testid': 'relation-table' },
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Kind'), h('th', { scope: 'col' }, 'Score'), h('th', { scope: 'col' }, 'Source'), h('th', { scope: 'col' }, 'Copy or other side'), h('th', { scope: 'col' }, 'Passages'), h('th', { scope: 'col' }, 'Compare'))),
      h('tbody', {}, ...rows.map(relationRow)),
    ),
  );
}

function relationRow(r: LinkRow): HTMLElement {
  const sourceIsB = r.source === r.b && r.source !== r.a;
  const [from, fromId, to, toId] = sourceIsB ? [r.b, r.bId, r.a, r.aId] : [r.a, r.aId, r.b, r.bId];
  return h(
    'tr',
    { 'data-testid': 'relation-row', 'data-kind': r.kind, 'data-from': fromId, 'data-to': toId },
    h('td', {}, badge(r.kind, `kind-${r.kind}`)),
    h('td', { class: 'num' }, percent(r.score)),
    h('td', {}, link(routes.article(fromId), from), r.source === 'unknown' ? h('span', { class: 'meta' }, ' (source unknown)') : null),
    h('td', {}, link(routes.article(toId), to)),
    h('td', { class: 'num' }, plural(r.passages.length, 'passage')),
    h('td', {}, h('a', { href: routes.diff(fromId, toId), 'data-testid': 'relation-diff' }, 'side by side')),
  );
}
