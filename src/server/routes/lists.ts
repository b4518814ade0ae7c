import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  articleListView,
  compareTextsView,
  coverageTimeline,
  entityView,
  eventListView,
  quoteListView,
  relationListView,
  storylineListView,
} from '../../pipeline/list-views.js';
import { ARTICLE_SORTS, EVENT_SORTS, QUOTE_SORTS, RELATION_SORTS, STORYLINE_SORTS, type Listed } from '../../store/list-query.js';
import type { Store } from '../../store/store.js';
import { badRequest, errorBody, notFound } from '../errors.js';
import { listParams } from '../list-params.js';
import type { ListBody } from '../lists.js';
import { intParam, pageParams } from '../params.js';
import { STORY_EVENTS } from './stories.js';

/** Longest text POST /compare takes on each side, in characters. */
export const MAX_COMPARE_CHARS = 200_000;

function body<T>(listed: Listed<T>, offset: number, limit: number): ListBody<T> & Pick<Listed<T>, 'facets'> {
  return { offset, limit, total: listed.total, more: offset + listed.items.length < listed.total, items: listed.items, ...(listed.facets ? { facets: listed.facets } : {}) };
}

/**
 * GET /articles, /relations, /events, /storylines, /quotes: filtered, sorted pages with totals;
 * GET /entities/:name, /coverage?event=|storyline=; POST /compare {a, b}.
 */
export function listRoutes(store: Store): Hono {
  const app = new Hono();
  const query = (c: { req: { query(name: string): string | undefined } }) => (name: string) => c.req.query(name);

  // `after` (keyset paging) is the unfiltered list's: the next handler (routes/articles.ts) answers it.
  app.get('/articles', async (c, next) => {
    if (c.req.query('after')) return next();
    const p = listParams(query(c), ARTICLE_SORTS);
    return c.json(body(await articleListView(store, p), p.offset, p.limit));
  });

  app.get('/relations', async (c) => {
    const p = listParams(query(c), RELATION_SORTS);
    const article = c.req.query('article')?.trim() || undefined;
    return c.json(body(await relationListView(store, { ...p, article }), p.offset, p.limit));
  });

  app.get('/events', async (c) => {
    const p = listParams(query(c), EVENT_SORTS);
    return c.json(body(await eventListView(store, p), p.offset, p.limit));
  });

  app.get('/storylines', async (c) => {
    const p = listParams(query(c), STORYLINE_SORTS);
    return c.json(body(await storylineListView(store, p), p.offset, p.limit));
  });

  app.get('/quotes', async (c, next) => {
    if (c.req.query('after')) return next();
    const p = listParams(query(c), QUOTE_SORTS);
    const minVariants = intParam('minVariants', c.req.query('minVariants'), 1);
    return c.json(body(await quoteListView(store, { ...p, minVariants }), p.offset, p.limit));
  });

  app.get('/entities/:name', async (c) => {
    const name = c.req.param('name');
    const view = await entityView(store, name);
    if (!view) notFound('entity', name);
    return c.json(view);
  });

  app.get('/coverage', async (c) => {
    const event = c.req.query('event')?.trim();
    const storyline = c.req.query('storyline')?.trim();
    if (!event === !storyline) badRequest('give one of event or storyline');
    if (event) {
      if (!(await store.getEvent(event))) notFound('event', event);
      return c.json(await coverageTimeline(store, [event]));
    }
    const line = await store.getStoryline(storyline!);
    if (!line) notFound('storyline', storyline!);
    const { offset, limit } = pageParams(query(c), STORY_EVENTS);
    return c.json(await coverageTimeline(store, line.events.slice(offset, offset + limit)));
  });

  app.post(
    '/compare',
    bodyLimit({ maxSize: MAX_COMPARE_CHARS * 8, onError: (c) => c.json(errorBody('PAYLOAD_TOO_LARGE', 'the two texts are too long to compare'), 413) }),
    async (c) => {
      const raw: unknown = await c.req.json().catch(() => badRequest('expected a JSON body {"a": text, "b": text}'));
      const { a, b } = (raw ?? {}) as { a?: unknown; b?: unknown };
      return c.json(compareTextsView(pastedText('a', a), pastedText('b', b)));
    },
  );

  return app;
}

function pastedText(name: string, value: unknown): string {
  if (typeof value !== 'string' || !/[\p{L}\p{N}]/u.test(value)) badRequest(`${name} must be a text with words in it`);
  if (value.length > MAX_COMPARE_CHARS) badRequest(`${name} is longer than ${MAX_COMPARE_CHARS} characters`);
  return value;
}
