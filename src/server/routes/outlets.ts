import { Hono } from 'hono';
import type { Store } from '../../store/store.js';
import { pageParams } from '../params.js';

/** GET /outlets: the outlet facet, each known outlet with its article count, most first. */
export function outletRoutes(store: Store): Hono {
  const app = new Hono();
  app.get('/outlets', async (c) => {
    const page = pageParams((n) => c.req.query(n));
    const rows = await store.listOutlets({ offset: page.offset, limit: page.limit + 1 });
    const { outlets, unknown } = await store.countOutlets();
    return c.json({ offset: page.offset, limit: page.limit, total: outlets, unknown, more: rows.length > page.limit, items: rows.slice(0, page.limit) });
  });
  return app;
}
