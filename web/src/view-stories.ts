import { api, type EventRow, type StoryRow } from './api.js';
import { badge, formatRange, h, link, moreButton, plural, routes } from './dom.js';

/** #/ : every storyline as a timeline of its events. */
export async function storiesPage(main: HTMLElement): Promise<void> {
  const list = h('div', { class: 'stories' });
  main.append(h('header', { class: 'page-head' }, h('h1', {}, 'Storylines'), h('p', { class: 'lede' }, 'Events linked over time into threads; each event groups the articles reporting one happening.')), list);
  let offset = 0;
  const load = async (): Promise<boolean> => {
    const page = await api.stories(offset);
    offset += page.items.length;
    for (const story of page.items) list.appendChild(storyCard(story));
    if (offset === 0) list.appendChild(empty());
    return page.more;
  };
  if (await load()) main.appendChild(moreButton(load));
}

/** #/story/:id : one storyline. */
export async function storyPage(main: HTMLElement, id: string): Promise<void> {
  const story = await api.story(id);
  main.append(h('nav', { class: 'crumbs' }, link(routes.stories(), 'Storylines'), ' / ', story.id), storyCard(story, true));
}

function storyCard(story: StoryRow, full = false): HTMLElement {
  const articles = story.events.reduce((n, e) => n + e.articles.length, 0);
  const first = story.events[0]?.date ?? null;
  const last = story.events[story.events.length - 1]?.dateEnd ?? story.events[story.events.length - 1]?.date ?? null;
  return h(
    'section',
    { class: 'card storyline', 'data-testid': 'storyline', 'data-id': story.id },
    h(
      'div',
      { class: 'card-head' },
      h('h2', {}, full ? story.title : link(routes.story(story.id), story.title)),
      h('p', { class: 'meta' }, `${formatRange(first, last)} · ${plural(story.events.length, 'event')} · ${plural(articles, 'article')}`),
    ),
    h('ol', { class: 'timeline' }, ...story.events.map((e) => eventItem(e, full))),
  );
}

function eventItem(event: EventRow & { link?: string }, full: boolean): HTMLElement {
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
      full && event.link ? h('p', { class: 'hint', 'data-testid': 'story-link' }, `Why here: ${event.link}`) : null,
    ),
  );
}

function empty(): HTMLElement {
  return h('div', { class: 'empty' }, h('p', {}, 'No storylines yet.'), h('p', {}, link(routes.ingest(), 'Ingest some articles'), ' to get started.'));
}
