import { api, type EventDetail } from './api.js';
import { badge, formatRange, h, link, percent, plural, routes } from './dom.js';
import { graphLegend, rewriteGraph } from './graph.js';

/** #/event/:id : coverage by outlet, wire copy vs original reporting, and the rewrite graph. */
export async function eventPage(main: HTMLElement, id: string): Promise<void> {
  const event = await api.event(id);
  const idOf = new Map(event.articles.map((name, i) => [name, event.articleIds[i] ?? name]));
  const articleLink = (name: string) => link(routes.article(idOf.get(name) ?? name), name);
  main.append(
    h('nav', { class: 'crumbs' }, link(routes.stories(), 'Storylines'), ' / ', `Event ${event.id}`),
    h(
      'header',
      { class: 'page-head' },
      h('h1', { 'data-testid': 'event-title' }, event.title || event.id),
      h('p', { class: 'meta' }, `${formatRange(event.date, event.dateEnd)} · ${plural(event.articles.length, 'article')} · ${plural(event.coverage.filter((c) => c.source).length, 'outlet')}`),
      event.entities.length ? h('p', { class: 'entities' }, ...event.entities.slice(0, 12).map((e) => badge(e, 'entity'))) : null,
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Rewrite graph'),
      h('p', { class: 'hint' }, 'Sources on the left, their copies and rewrites to the right. Click an article to read it, an edge to compare the two side by side.'),
      event.graph.edges.length ? h('div', { class: 'graph-wrap' }, rewriteGraph(event.graph.nodes, event.graph.edges)) : h('p', { class: 'empty' }, 'No copies or rewrites found among these articles: each is its own reporting.'),
      graphLegend(),
    ),
    coverage(event, articleLink),
    reasons(event, articleLink),
  );
}

function coverage(event: EventDetail, articleLink: (name: string) => HTMLElement): HTMLElement {
  const copies = event.coverage.reduce((n, c) => n + c.copies.length, 0);
  const original = event.coverage.reduce((n, c) => n + c.original.length, 0);
  const list = (names: string[]) => (names.length ? h('ul', { class: 'plain' }, ...names.map((n) => h('li', {}, articleLink(n)))) : h('span', { class: 'none' }, '—'));
  return h(
    'section',
    { class: 'card', 'data-testid': 'coverage' },
    h('h2', {}, 'Coverage by outlet'),
    h('p', { class: 'meta' }, `${plural(original, 'article')} of original reporting, ${copies} wire ${copies === 1 ? 'copy or rewrite' : 'copies or rewrites'}`),
    h(
      'table',
      { class: 'coverage' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Outlet'), h('th', {}, 'Original reporting'), h('th', {}, 'Copies and rewrites'))),
      h('tbody', {}, ...event.coverage.map((c) => h('tr', { 'data-testid': 'coverage-row' }, h('td', { class: 'outlet' }, c.source || 'unknown'), h('td', {}, list(c.original)), h('td', { class: 'copies' }, list(c.copies))))),
    ),
  );
}

function reasons(event: EventDetail, articleLink: (name: string) => HTMLElement): HTMLElement {
  const nameOf = new Map(event.articleIds.map((id, i) => [id, event.articles[i] ?? id]));
  return h(
    'details',
    { class: 'card reasons' },
    h('summary', {}, 'Why these articles are one event'),
    h(
      'ul',
      { class: 'plain' },
      ...event.reasons.map((r) =>
        h(
          'li',
          {},
          articleLink(nameOf.get(r.article) ?? r.article),
          ` ${r.action} (score ${percent(r.score)})`,
          r.note ? h('span', { class: 'note' }, ` — ${r.note}`) : null,
          Object.keys(r.parts).length ? h('span', { class: 'parts' }, ' ', Object.entries(r.parts).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')) : null,
        ),
      ),
    ),
  );
}
