import { api, type EventRow, type StoryRow, type StorylineSummary } from './api.js';
import { badge, formatRange, h, link, plural, routes } from './dom.js';
import { DATE_FIELDS, exportLinks, hashWith, listPage, sortFields } from './list-controls.js';
import { coverageChart } from './timeline.js';

const STORYLINE_SORTS: Array<[string, string]> = [
  ['', 'First started'],
  ['recency', 'Latest news'],
  ['size', 'Most articles'],
  ['events', 'Most events'],
  ['span', 'Longest running'],
];

/** #/?q=&from=&to=&sort=&order=&offset= : storylines, filtered and sorted on the server, with their sizes and spans. */
export async function storiesPage(main: HTMLElement, params: URLSearchParams): Promise<void> {
  await listPage(main, params, {
    path: '#/',
    title: 'Storylines',
    lede: 'Events linked over time into threads; each event groups the articles reporting one happening.',
    noun: 'storyline',
    limit: 25,
    fetch: api.storylineList,
    fields: () => [{ name: 'q', label: 'Title words', type: 'search' }, ...DATE_FIELDS, ...sortFields(STORYLINE_SORTS)],
    body: (page, offset) => {
      const list = h('ol', { class: 'plain story-list card', 'data-testid': 'storyline-list', start: offset + 1 }, ...page.items.map(storyLine));
      if (page.total === 0) list.appendChild(h('li', { class: 'empty' }, params.toString() ? 'No storyline matches these filters.' : empty()));
      return list;
    },
  });
}

function storyLine(s: StorylineSummary): HTMLElement {
  return h(
    'li',
    { class: 'story-row', 'data-testid': 'storyline', 'data-id': s.id },
    h('a', { class: 'story-title', href: routes.story(s.id) }, s.title || s.id),
    h('div', { class: 'meta' }, `${formatRange(s.dateBegin, s.dateEnd)} · ${plural(s.events, 'event')} · ${plural(s.articles, 'article')}`),
  );
}

/**
 * #/story/:id?offset=&limit= : one storyline: its heading, coverage over time and its events in order; a
 * long one a window of its events at a time (the server's, 100 unless `limit` says), chart and list alike.
 */
export async function storyPage(main: HTMLElement, params: URLSearchParams, id: string): Promise<void> {
  const window = { offset: whole(params.get('offset')), limit: whole(params.get('limit')) };
  const [story, timeline] = await Promise.all([api.story(id, window), api.coverage({ storyline: id, ...window })]);
  const articles = story.events.reduce((n, e) => n + e.articles.length, 0);
  const first = story.events[0]?.date ?? null;
  const lastEvent = story.events[story.events.length - 1];
  const outlets = new Set(story.events.flatMap((e) => e.coverage.map((c) => c.source)));
  const eventCount = story.eventCount ?? story.events.length;
  const windowed = story.events.length < eventCount;
  const shown = windowed ? ` · events ${(story.offset ?? 0) + 1}–${(story.offset ?? 0) + story.events.length} shown, with their articles and outlets` : '';
  main.append(
    h('nav', { class: 'crumbs' }, link(routes.stories(), 'Storylines'), ' / ', story.id),
    h(
      'header',
      { class: 'page-head' },
      h('h1', { 'data-testid': 'story-title' }, story.title || story.id),
      h('p', { class: 'meta' }, `${formatRange(first, lastEvent?.dateEnd ?? lastEvent?.date ?? null)} · ${plural(eventCount, 'event')}${shown} · ${plural(articles, 'article')} · ${plural(outlets.size, 'outlet')}`),
    ),
    coverageChart(timeline, main),
    exportLinks('coverage', { storyline: story.id }),
    h(
      'section',
      { class: 'card storyline', 'data-testid': 'story-events' },
      h('h2', {}, 'Events'),
      h('ol', { class: 'timeline', start: (story.offset ?? 0) + 1 }, ...story.events.map((e) => eventItem(e, e.link))),
      windowed ? eventPager(story, eventCount, window.limit) : null,
    ),
  );
}

/** A whole number from the URL, or undefined (the server's default). */
function whole(value: string | null): number | undefined {
  const n = Math.floor(Number(value));
  return value && Number.isFinite(n) && n > 0 ? n : undefined;
}

/** Links to the storyline's earlier and later windows of events. */
function eventPager(story: StoryRow, eventCount: number, limit: number | undefined): HTMLElement {
  const from = story.offset ?? 0;
  const size = Math.max(1, story.events.length);
  const at = (offset: number) => hashWith(routes.story(story.id), { offset: offset > 0 ? String(offset) : undefined, limit: limit ? String(limit) : undefined });
  return h(
    'nav',
    { class: 'pager', 'data-testid': 'story-pager' },
    from > 0 ? h('a', { href: at(Math.max(0, from - size)), rel: 'prev' }, '← earlier events') : null,
    from + story.events.length < eventCount ? h('a', { href: at(from + size), rel: 'next' }, 'later events →') : null,
  );
}

/** One event of a storyline, with why it is on the storyline (the stored link reason). */
function eventItem(event: EventRow, reason?: string): HTMLElement {
  const outlets = event.coverage.map((c) => c.source).filter(Boolean);
  const copies = event.coverage.reduce((n, c) => n + c.copies.length, 0);
  return h(
    'li',
    { class: 'timeline-event', 'data-testid': 'event', 'data-id': event.id },
    h('time', { class: 'when', datetime: event.date ?? '' }, formatRange(event.date, event.dateEnd)),
    h(
      'div',
      { class: 'what' },
      h('a', { class: 'event-title', href: routes.event(event.id) }, event.title || event.id),
      h(
        'div',
        { class: 'meta' },
        badge(plural(event.articles.length, 'article'), 'count'),
        copies > 0 ? badge(`${copies} ${copies === 1 ? 'copy' : 'copies'}`, 'copies') : null,
        outlets.length ? h('span', { class: 'outlets' }, outlets.slice(0, 6).join(' · ') + (outlets.length > 6 ? ` +${outlets.length - 6}` : '')) : null,
      ),
      reason ? h('div', { class: 'reason meta', 'data-testid': 'storyline-reason' }, `Why here: ${reason}`) : null,
    ),
  );
}

function empty(): HTMLElement {
  return h('div', { class: 'empty' }, h('p', {}, 'No storylines yet.'), h('p', {}, link(routes.ingest(), 'Ingest some articles'), ' to get started.'));
}
