import { api, type ArticleRow } from './api.js';
import { clear, formatDate, h, link, moreButton, plural, routes } from './dom.js';
import { DATE_FIELDS, facetOptions, listPage, sortFields } from './list-controls.js';

export function articleLine(a: ArticleRow, extra?: Node): HTMLElement {
  return h(
    'li',
    { class: 'article-row', 'data-testid': 'article-row' },
    h('div', {}, link(routes.article(a.id), a.title ?? a.name)),
    h('div', { class: 'meta' }, [a.name, a.source, formatDate(a.published), plural(a.words, 'word')].filter(Boolean).join(' · ')),
    extra ?? null,
  );
}

const ARTICLE_SORTS: Array<[string, string]> = [
  ['', 'Default order'],
  ['published', 'Date published'],
  ['title', 'Title'],
  ['outlet', 'Outlet'],
  ['words', 'Length'],
  ['relevance', 'Relevance (with words)'],
];

/** #/articles?q=&from=&to=&outlet=&sort=&order=&offset= : every article, filtered and sorted on the server, a page at a time. */
export async function articlesPage(main: HTMLElement, params: URLSearchParams): Promise<void> {
  await listPage(main, params, {
    path: '#/articles',
    title: 'Articles',
    noun: 'article',
    limit: 50,
    fetch: api.articleList,
    exportAs: 'articles',
    fields: (page) => [
      { name: 'q', label: 'Words', type: 'search', placeholder: 'words, "a phrase", -not' },
      ...DATE_FIELDS,
      { name: 'outlet', label: 'Outlet', type: 'select', options: facetOptions(page.facets?.outlet, 'Any outlet', params.get('outlet')) },
      ...sortFields(ARTICLE_SORTS),
    ],
    body: (page) => {
      const list = h('ul', { class: 'plain article-list card', 'data-testid': 'article-list' }, ...page.items.map((a) => articleLine(a)));
      if (page.items.length === 0) list.appendChild(h('li', { class: 'empty' }, 'No article matches these filters.'));
      return list;
    },
  });
}

/** Renders a snippet whose hit words are wrapped in [ and ]. */
export function snippet(text: string): HTMLElement {
  const el = h('p', { class: 'snippet' });
  for (const [i, part] of text.split(/[[\]]/).entries()) el.appendChild(i % 2 ? h('mark', {}, part) : document.createTextNode(part));
  return el;
}

/** #/search/:q : full-text search results. */
export async function searchPage(main: HTMLElement, _params: URLSearchParams, q: string): Promise<void> {
  const list = h('ul', { class: 'plain article-list card', 'data-testid': 'search-results' });
  main.append(h('header', { class: 'page-head' }, h('h1', {}, 'Search: ', h('q', {}, q)), h('p', { class: 'lede' }, link(`#/articles?q=${encodeURIComponent(q)}`, 'Filter, sort and export these results'))), list);
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
