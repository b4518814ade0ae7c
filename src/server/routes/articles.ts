import { Hono } from 'hono';
import { articleView, articlesView, diffView, findArticle, linksView, searchView } from '../../pipeline/queries.js';
import type { Store } from '../../store/store.js';
import { notFound } from '../errors.js';
import { pageOf, type ListBody } from '../lists.js';
import { pageParams, requiredParam } from '../params.js';

/** GET /articles, /articles/:id, /search, /links, /diff. */
export function articleRoutes(store: Store): Hono {
  const app = new Hono();

  app.get('/articles', async (c) => {
    const page = pageParams((n) => c.req.query(n));
    const { total, items } = await articlesView(store, { ...page, limit: page.limit + 1 });
    const shown = items.slice(0, page.limit);
    const body: ListBody<(typeof items)[number]> = { offset: page.offset, limit: page.limit, total, more: items.length > page.limit, items: shown };
    return c.json(body);
  });

  app.get('/articles/:id', async (c) => {
    const id = c.req.param('id');
    const article = await articleView(store, id);
    if (!article) notFound('article', id);
    return c.json(article);
  });

  app.get('/search', async (c) => {
    const q = requiredParam('q', c.req.query('q'));
    const page = pageParams((n) => c.req.query(n));
    return c.json({ q, ...(await pageOf(page, async (p) => (await searchView(store, q, p)).items)) });
  });

  app.get('/links', async (c) => {
    const article = c.req.query('article')?.trim() || undefined;
    const page = pageParams((n) => c.req.query(n));
    const body = await pageOf(page, (p) => linksView(store, article, p));
    // An empty answer may mean an unknown article: only then pay for the lookup that tells.
    if (article !== undefined && body.items.length === 0 && !(await findArticle(store, article))) notFound('article', article);
    return c.json(body);
  });

  app.get('/diff', async (c) => {
    const a = requiredParam('a', c.req.query('a'));
    const b = requiredParam('b', c.req.query('b'));
    const view = await diffView(store, a, b);
    if (!view) notFound('article pair', `${a} / ${b}`);
    return c.json(view);
  });

  return app;
}
