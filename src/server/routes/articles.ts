import { Hono } from 'hono';
import { articleView, articlesView, diffView, linksView, searchView } from '../../pipeline/queries.js';
import type { Store } from '../../store/store.js';
import { badRequest, notFound } from '../errors.js';
import { pageOf, type ListBody } from '../lists.js';
import { pageParams, requiredParam } from '../params.js';

/** GET /articles, /articles/:id, /search, /links, /diff. */
export function articleRoutes(store: Store): Hono {
  const app = new Hono();

  app.get('/articles', (c) => {
    const page = pageParams((n) => c.req.query(n));
    const { total, items } = articlesView(store, page);
    const body: ListBody<(typeof items)[number]> = { ...page, total, more: page.offset + items.length < total, items };
    return c.json(body);
  });

  app.get('/articles/:id', (c) => {
    const id = c.req.param('id');
    const article = articleView(store, id);
    if (!article) notFound('article', id);
    return c.json(article);
  });

  app.get('/search', (c) => {
    const q = requiredParam('q', c.req.query('q'));
    const page = pageParams((n) => c.req.query(n));
    return c.json({ q, ...pageOf(page, (p) => searchOrReject(store, q, p)) });
  });

  app.get('/links', (c) => {
    const article = c.req.query('article')?.trim() || undefined;
    const page = pageParams((n) => c.req.query(n));
    const body = pageOf(page, (p) => linksView(store, article, p));
    // An empty answer may mean an unknown article: only then pay for the lookup that tells.
    if (article !== undefined && body.items.length === 0 && !articleView(store, article)) notFound('article', article);
    return c.json(body);
  });

  app.get('/diff', (c) => {
    const a = requiredParam('a', c.req.query('a'));
    const b = requiredParam('b', c.req.query('b'));
    const view = diffView(store, a, b);
    if (!view) notFound('article pair', `${a} / ${b}`);
    return c.json(view);
  });

  return app;
}

/** A malformed full-text query (unbalanced quote, stray operator) is the caller's mistake: 400, not 500. */
function searchOrReject(store: Store, q: string, page: Required<{ offset: number; limit: number }>) {
  try {
    return searchView(store, q, page).items;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_ERROR') badRequest(`cannot search for ${JSON.stringify(q)}: ${(error as Error).message}`);
    throw error;
  }
}
