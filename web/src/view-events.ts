import { api, type EventSummary } from './api.js';
import { badge, formatRange, h, plural, routes } from './dom.js';
import { DATE_FIELDS, listPage, sortFields } from './list-controls.js';

const EVENT_SORTS: Array<[string, string]> = [
  ['', 'Date'],
  ['recency', 'Latest news'],
  ['size', 'Most articles'],
  ['span', 'Longest running'],
];

/** #/events?q=&from=&to=&sort=&order=&offset= : events, filtered and sorted on the server. */
export async function eventsPage(main: HTMLElement, params: URLSearchParams): Promise<void> {
  await listPage(main, params, {
    path: '#/events',
    title: 'Events',
    noun: 'event',
    limit: 50,
    fetch: api.eventList,
    fields: () => [{ name: 'q', label: 'Title words', type: 'search' }, ...DATE_FIELDS, ...sortFields(EVENT_SORTS)],
    body: (page, offset) => {
      const list = h('ol', { class: 'plain event-list card', 'data-testid': 'event-list', start: offset + 1 }, ...page.items.map(eventLine));
      if (page.total === 0) list.appendChild(h('li', { class: 'empty' }, 'No event matches these filters.'));
      return list;
    },
  });
}

export function eventLine(e: EventSummary): HTMLElement {
  return h(
    'li',
    { class: 'event-row', 'data-testid': 'event-row', 'data-id': e.id, 'data-size': e.size },
    h('a', { class: 'event-title', href: routes.event(e.id) }, e.title || e.id),
    h('div', { class: 'meta' }, formatRange(e.dateBegin, e.dateEnd), ' ', badge(plural(e.size, 'article'), 'count'), ' ', e.entities.slice(0, 4).join(' · ')),
  );
}
