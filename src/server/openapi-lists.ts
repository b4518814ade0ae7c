/** The OpenAPI description of the filtered lists (routes/lists.ts), merged into openapi.ts's document. */
import { ARTICLE_SORTS, EVENT_SORTS, QUOTE_SORTS, RELATION_SORTS, STORYLINE_SORTS } from '../store/list-query.js';
import { arr, error, get, int, json, list, nullableStr, num, obj, pageParams, ref, str } from './openapi.js';

const q = (name: string, description: string, schema: Record<string, unknown> = str) => ({ name, in: 'query', schema, description });
const day = { type: 'string', format: 'date' };
// Built on call: openapi.ts imports this file, so its helpers exist only once both have loaded.
const sortParams = (sorts: readonly string[]) => [
  q('sort', 'What to sort by.', { enum: [...sorts] }),
  q('order', 'asc or desc; each sort has its natural order (biggest, strongest, newest first; names A–Z).', { enum: ['asc', 'desc'] }),
  ...pageParams,
];
const dates = [q('from', 'First day, YYYY-MM-DD (inclusive).', day), q('to', 'Last day, YYYY-MM-DD (inclusive).', day)];
const filtered = (item: string, facets = false) => {
  const body = list(item) as { properties: Record<string, unknown> };
  return facets ? { ...body, properties: { ...body.properties, facets: { type: 'object', additionalProperties: arr(ref('FacetCount')) } } } : body;
};
const bad = { 400: 'A malformed filter, sort or page parameter (named in the message)' };

export function listSchemas(): Record<string, Record<string, unknown>> {
  return {
  FacetCount: obj({ value: str, count: int }),
  EventSummary: obj({ id: str, title: str, dateBegin: nullableStr, dateEnd: nullableStr, entities: arr(str), size: int }),
  StorylineSummary: obj({ id: str, title: str, events: int, articles: int, dateBegin: nullableStr, dateEnd: nullableStr }),
  CoverageTimeline: obj({
    days: arr(str),
    outlets: arr(obj({ outlet: str, original: arr(int), copies: arr(int) })),
    first: { type: ['object', 'null'] },
    undated: int,
    total: int,
  }),
  };
}

export function listPaths(): Record<string, unknown> {
  return {
    '/api/articles': get(
      'Articles by filter, with the total and an outlet facet (`after` pages the unfiltered list by key instead)',
      [q('q', 'Search words (the /api/search syntax).'), ...dates, q('outlet', 'Exact outlet.'), q('entity', 'Only articles naming this entity.'), ...sortParams(ARTICLE_SORTS), q('after', 'Keyset paging of the unfiltered list.')],
      filtered('ArticleRow', true),
      bad,
    ),
    '/api/relations': get(
      'Relations by filter, strongest first, with a kind facet',
      [q('kind', 'Exact relation kind.'), q('minScore', 'Lowest score, 0..1.', num), q('article', 'Only relations touching this article id.'), ...sortParams(RELATION_SORTS)],
      filtered('LinkRow', true),
      bad,
    ),
    '/api/events': get('Events without their members, by filter', [q('q', 'Words in the title.'), ...dates, q('entity', 'Only events with an article naming this entity.'), ...sortParams(EVENT_SORTS)], filtered('EventSummary'), bad),
    '/api/storylines': get('Storylines with their sizes and dates, by filter', [q('q', 'Words in the title.'), ...dates, ...sortParams(STORYLINE_SORTS)], filtered('StorylineSummary'), bad),
    '/api/quotes': get(
      'Quote groups by filter, and how their wording drifted (`after` pages the unfiltered list by key instead)',
      [q('q', 'Words in any variant.'), q('speaker', 'Exact speaker.'), q('minVariants', 'Only groups seen in at least this many articles.', int), ...sortParams(QUOTE_SORTS), q('after', 'Keyset paging of the unfiltered list.')],
      filtered('QuoteGroupRow'),
      bad,
    ),
    '/api/entities/{name}': get(
      'A person, organisation or place: the first page of its articles, events and quotes',
      [{ name: 'name', in: 'path', required: true, schema: str, description: 'Canonical entity name.' }],
      { type: 'object' },
      { 404: 'No article names this entity' },
    ),
    '/api/coverage': get('Articles per day by outlet over one event or storyline (the window of its events `offset`, `limit`, as /api/stories/{id} takes it), original and copies apart', [q('event', 'Event id.'), q('storyline', 'Storyline id.'), q('offset', 'Storyline events to skip.', int), q('limit', 'Storyline events covered (100 by default, 500 at most).', int)], ref('CoverageTimeline'), { 400: 'Neither or both of event and storyline', 404: 'No such event or storyline' }),
    '/api/compare': {
      post: {
        summary: 'Two pasted texts compared (the `wiretrace compare` code path; nothing is stored)',
        requestBody: { required: true, content: { 'application/json': { schema: obj({ a: str, b: str }) } } },
        responses: { 200: json({ type: 'object' }, 'Both texts, the relation kind (or null), similarity and aligned passages'), 400: error('A side missing or without words'), 413: error('Texts too long') },
      },
    },
  };
}
