import { api, type EventDetail } from './api.js';
import { formatRange, h, link, percent, plural, routes } from './dom.js';
import { rewriteGraphCard } from './graph.js';
import { exportLinks } from './list-controls.js';
import { coverageChart } from './timeline.js';

/** Outlets listed before "show all" in the coverage table. */
const FIRST_OUTLETS = 30;

/** #/event/:id : coverage over time and by outlet, wire copy vs original reporting, and the rewrite graph. */
export async function eventPage(main: HTMLElement, _params: URLSearchParams, id: string): Promise<void> {
  const event = await api.event(id);
  const timeline = event.timeline;
  const idOf = new Map(event.articles.map((name, i) => [name, event.articleIds[i] ?? name]));
  const articleLink = (name: string) => link(routes.article(idOf.get(name) ?? name), name);
  main.append(
    h('nav', { class: 'crumbs' }, link(routes.stories(), 'Storylines'), ' / ', link('#/events', 'Events'), ' / ', `Event ${event.id}`),
    h(
      'header',
      { class: 'page-head' },
      h('h1', { 'data-testid': 'event-title' }, event.title || event.id),
      h('p', { class: 'meta' }, `${formatRange(event.date, event.dateEnd)} · ${plural(event.articles.length, 'article')} · ${plural(event.coverage.filter((c) => c.source).length, 'outlet')}`),
      event.entities.length ? h('p', { class: 'entities' }, ...event.entities.slice(0, 12).map(entityBadge)) : null,
    ),
    rewriteGraphCard(event, main),
    coverageChart(timeline, main),
    exportLinks('coverage', { event: event.id }),
    coverage(event, articleLink),
    reasons(event, articleLink),
  );
}

/** An entity as a badge linking to its page. */
export function entityBadge(name: string): HTMLElement {
  return h('a', { class: 'badge entity', href: routes.entity(name), 'data-testid': 'entity-badge' }, name);
}

function coverage(event: EventDetail, articleLink: (name: string) => HTMLElement): HTMLElement {
  const copies = event.coverage.reduce((n, c) => n + c.copies.length, 0);
  const original = event.coverage.reduce((n, c) => n + c.original.length, 0);
  const list = (names: string[]) => (names.length ? h('ul', { class: 'plain' }, ...names.slice(0, 20).map((n) => h('li', {}, articleLink(n))), names.length > 20 ? h('li', { class: 'meta' }, `and ${names.length - 20} more`) : null) : h('span', { class: 'none' }, '—'));
  const rowOf = (c: EventDetail['coverage'][number]) => h('tr', { 'data-testid': 'coverage-row' }, h('td', { class: 'outlet' }, c.source || 'unknown'), h('td', {}, list(c.original)), h('td', { class: 'copies' }, list(c.copies)));
  const body = h('tbody', {}, ...event.coverage.slice(0, FIRST_OUTLETS).map(rowOf));
  const more = event.coverage.length > FIRST_OUTLETS ? h('button', { type: 'button', class: 'more' }, `Show all ${event.coverage.length} outlets`) : null;
  more?.addEventListener('click', () => {
    body.replaceChildren(...event.coverage.map(rowOf));
    more.remove();
  });
  return h(
    'section',
    { class: 'card', 'data-testid': 'coverage' },
    h('h2', {}, 'Coverage by outlet'),
    h('p', { class: 'meta' }, `${plural(original, 'article')} of original reporting, ${copies} wire ${copies === 1 ? 'copy or rewrite' : 'copies or rewrites'}`),
    h('div', { class: 'table-wrap' }, h('table', { class: 'coverage' }, h('thead', {}, h('tr', {}, h('th', {}, 'Outlet'), h('th', {}, 'Original reporting'), h('th', {}, 'Copies and rewrites'))), body)),
    more,
  );
}

function reasons(event: EventDetail, articleLink: (name: string) => HTMLElement): HTMLElement {
  const nameOf = new Map(event.articleIds.map((id, i) => [id, event.articles[i] ?? id]));
  const details = h('details', { class: 'card reasons' }, h('summary', {}, 'Why these articles are one event'));
  // Built when opened: an event of 2,000 articles has 2,000 reasons.
  details.addEventListener('toggle', () => {
    if (!details.open || details.querySelector('ul')) return;
    details.append(
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
  });
  return details;
}

