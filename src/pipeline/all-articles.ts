import type { Article } from '../core/types.js';
import type { Store } from '../store/store.js';

const PAGE = 1000;

/** Every stored article, page by page. */
export function allArticles(store: Store): Article[] {
  const out: Article[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = store.listArticles({ offset, limit: PAGE });
    for (const summary of page) {
      const article = store.getArticle(summary.id);
      if (article) out.push(article);
    }
    if (page.length < PAGE) return out;
  }
}
