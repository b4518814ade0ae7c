import { api, type ArticleRow } from './api.js';
import { clear, formatDate, h, link, moreButton, plural, routes } from './dom.js';

function articleLine(a: ArticleRow, extra?: Node): HTMLElement {
  return h(
    'li',
    { class: 'article-row', 'data-testid': 'article-row' },
    h('div', {}, link(routes.article(a.id), a.title ?? a.name)),
    h('div', { class: 'meta' }, [a.name, a.source, formatDate(a.published), plural(a.words, 'word')].filter(Boolean).join(' · ')),
    extra ?? null,
  );
}

/** #/articles : every article, a page at a time. */
export async function articlesPage(main: HTMLElement): Promise<void> {
  const list = h('ul', { class: 'plain article-list card' });
  const count = h('p', { class: 'lede' });
  main.append(h('header', { class: 'page-head' }, h('h1', {}, 'Articles'), count), list);
  let offset = 0;
  const load = async (): Promise<boolean> => {
    const page = await api.articles(offset);
    offset += page.items.length;
    count.textContent = `${plural(page.total ?? offset, 'article')}, by publication date`;
    for (const a of page.items) list.appendChild(articleLine(a));
    return page.more;
  };
  if (await load()) main.appendChild(moreButton(load));
}

/** Renders a snippet whose hit words are wrapped in [ and ]. */
export function snippet(text: string): HTMLElement {
  const el = h('p', { class: 'snippet' });
  for (const [i, part] of text.split(/[[\]]/).entries()) el.appendChild(i % 2 ? h('mark', {}, part) : document.createTextNode(part));
  return el;
}

/** #/search/:q : full-text search results. */
export async function searchPage(main: HTMLElement, q: string): Promise<void> {
  const list = h('ul', { class: 'plain article-list card', 'data-testid': 'search-results' });
  main.append(h('header', { class: 'page-head' }, h('h1', {}, 'Search: ', h('q', {}, q))), list);
  let offset = 0;
  const load = async (): Promise<boolean> => {
    const page = await api.search(q, offset);
    offset += page.items.length;
    for (const hit of page.items) list.appendChild(articleLine(hit.article, snippet(hit.snippet)));
    if (offset === 0) {
      clear(list);
      list.appendChild(h('li', { class: 'empty' }, 'Nothing matches.'));
    }
    return page.more;
  };
  if (await load()) main.appendChild(moreButton(load));
}
