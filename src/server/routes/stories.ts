import { Hono } from 'hono';
import { publicQuarantineRecord } from '../redact.js';
import { eventView, quarantineView, quotesView, storiesView, storyView } from '../../pipeline/queries.js';
import type { Store } from '../../store/store.js';
import { eventTimeline } from '../../pipeline/list-views.js';
import { notFound } from '../errors.js';
import { pageOf } from '../lists.js';
import { intParam, pageParams, type PageRules } from '../params.js';

/** Storylines hold their events inline, so a page of them is kept smaller. */
const STORY_PAGES: PageRules = { defaultLimit: 20, maxLimit: 100 };
/** Events of one storyline a request reads (`offset`, `limit`): its page and its coverage chart. */
export const STORY_EVENTS: PageRules = { defaultLimit: 100, maxLimit: 500 };

/** GET /stories, /stories/:id, /events/:id, /quotes, /quarantine. */
export function storyRoutes(store: Store): Hono {
  const app = new Hono();

  app.get('/stories', async (c) => {
    const page = pageParams((n) => c.req.query(n), STORY_PAGES);
    return c.json(await pageOf(page, (p) => storiesView(store, p, STORY_EVENTS.defaultLimit)));
  });

  app.get('/stories/:id', async (c) => {
    const id = c.req.param('id');
    const story = await storyView(store, id, pageParams((n) => c.req.query(n), STORY_EVENTS));
    if (!story) notFound('storyline', id);
    return c.json(story);
  });

  app.get('/events/:id', async (c) => {
    const id = c.req.param('id');
    const event = await eventView(store, id);
    if (!event) notFound('event', id);
    return c.json({ ...event, timeline: eventTimeline(event) });
  });

  app.get('/quotes', async (c) => {
    const page = pageParams((n) => c.req.query(n));
    const minVariants = intParam('minVariants', c.req.query('minVariants'), 1);
    return c.json(await pageOf(page, (p) => quotesView(store, p, { minVariants })));
  });

  app.get('/quarantine', async (c) => {
    const page = pageParams((n) => c.req.query(n));
    return c.json(await pageOf(page, async (p) => (await quarantineView(store, p)).map(publicQuarantineRecord)));
  });

  return app;
}
