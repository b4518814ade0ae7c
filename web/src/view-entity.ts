import { api } from './api.js';
import { h, link, plural, routes } from './dom.js';
import { hashWith } from './list-controls.js';
import { eventLine } from './view-events.js';
import { articleLine } from './view-lists.js';
import { groupCard } from './view-quotes.js';

const KIND_LABEL: Record<string, string> = { person: 'Person', organization: 'Organisation', place: 'Place' };

/** #/entity/:name : a person, organisation or place, with its articles, events and quotes. */
export async function entityPage(main: HTMLElement, _params: URLSearchParams, name: string): Promise<void> {
  const entity = await api.entity(name);
  const more = (count: number, shown: number, href: string, noun: string) => (count > shown ? h('p', {}, link(href, `All ${plural(count, noun)} →`)) : null);
  main.append(
    h('nav', { class: 'crumbs' }, link(routes.articles(), 'Articles'), ' / ', KIND_LABEL[entity.kind] ?? entity.kind),
    h(
      'header',
      { class: 'page-head' },
      h('h1', { 'data-testid': 'entity-name' }, entity.name),
      h('p', { class: 'meta' }, [KIND_LABEL[entity.kind] ?? entity.kind, entity.roles.length ? entity.roles.join('; ') : null, entity.aliases.length ? `also “${entity.aliases.join('”, “')}”` : null].filter(Boolean).join(' · ')),
    ),
    h(
      'section',
      { class: 'card', 'data-testid': 'entity-articles' },
      h('h2', {}, `Articles (${entity.articles.total})`),
      h('ul', { class: 'plain article-list' }, ...entity.articles.items.map((a) => articleLine(a))),
      more(entity.articles.total, entity.articles.items.length, hashWith('#/articles', { entity: entity.name }), 'article'),
    ),
    h(
      'section',
      { class: 'card', 'data-testid': 'entity-events' },
      h('h2', {}, `Events (${entity.events.total})`),
      entity.events.total ? h('ol', { class: 'plain event-list' }, ...entity.events.items.map(eventLine)) : h('p', { class: 'empty' }, 'In no event yet.'),
      more(entity.events.total, entity.events.items.length, hashWith('#/events', { entity: entity.name }), 'event'),
    ),
    h(
      'section',
      { class: 'entity-quotes', 'data-testid': 'entity-quotes' },
      h('h2', {}, `Quotes (${entity.quotes.total})`),
      entity.quotes.total ? h('div', { class: 'quote-board' }, ...entity.quotes.items.map(groupCard)) : h('p', { class: 'empty card' }, 'No quotes attributed.'),
      more(entity.quotes.total, entity.quotes.items.length, hashWith('#/quotes', { speaker: entity.name }), 'quote'),
    ),
  );
}
