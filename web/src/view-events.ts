import { api, type EventSummary } from './api.js';
import { badge, formatRange, h, plural, routes } from './dom.js';
import { ORDERS, countLine, filterForm, filterOf, pager, paging } from './list-controls.js';

const EVENT_SORTS: Array<[string, string]> = [
  ['', 'Date'],
  ['recency', 'Latest news'],
  ['size', 'Most articles'],
  ['span', 'Longest running'],
];

/** #/events?q=&from=&to=&sort=&order=&offset= : events, filtered and sorted on the server. */
export async function eventsPage(main: HTMLElement, params: URLSearchParams): Promise<void> {
  const { offset, limit } = paging(params, 50);
  const filter = filterOf(params);
  const page = await api.eventList({ ...filter, offset, limit });
  const list = h('ol', { class: 'plain event-list card', 'data-testid': 'event-list', start: offset + 1 }, ...page.items.map(eventLine));
  if (page.total === 0) list.appendChild(h('li', { class: 'empty' }, 'No event matches these filters.'));
  main.append(
    h('header', { class: 'page-head' }, h('h1', {}, 'Events'), countLine(page.total, offset, page.items.length, 'event')),
    filterForm('#/events', params, [
      { name: 'q', label: 'Title words', type: 'search' },
      { name: 'from', label: 'From', type: 'date' },
      { name: 'to', label: 'To', type: 'date' },
      { name: 'sort', label: 'Sort by', type: 'select', options: EVENT_SORTS },
      { name: 'order', label: 'Order', type: 'select', options: ORDERS },
    ]),
    list,
    pager('#/events', params, page.total, offset, limit),
  );
}

export function eventLine(e: EventSummary): HTMLElement {
  return h(
    'li',
    { class: 'event-row', 'data-testid': 'event-row', 'data-id': e.id, 'data-size': e.size },
    h('a', { class: 'event-title', href: routes.event(e.id) }, e.title || e.id),
    h('div', { class: 'meta' }, formatRange(e.dateBegin, e.dateEnd), ' ', badge(plural(e.size, 'article'), 'count'), ' ', e.entities.slice(0, 4).join(' · ')),
  );
}
