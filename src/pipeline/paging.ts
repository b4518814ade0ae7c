import type { Article } from '../core/types.js';
import type { Page, Store } from '../store/store.js';

/** The store's largest page. */
const PAGE = 1000;

/** Every row a paged listing returns, page by page. */
export function everything<T>(list: (page: Page) => T[]): T[] {
  const out: T[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = list({ offset, limit: PAGE });
    out.push(...page);
    if (page.length < PAGE) return out;
  }
}

/** Every stored article, in full. */
export function allArticles(store: Store): Article[] {
  return everything((page) => store.listArticles(page)).flatMap((summary) => {
    const article = store.getArticle(summary.id);
    return article ? [article] : [];
  });
}
