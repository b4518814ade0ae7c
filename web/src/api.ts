/** The JSON shapes of the /api endpoints and a fetch helper. */

// The shapes are the server's own, read from the declarations `npm run build` emits before the UI is compiled.
import type { QuarantineRecord } from '../../dist/src/core/types.js';
import type {
  ArticleDetail,
  ArticleRow,
  DiffView,
  EventDetail,
  LinkRow,
  QuoteGroupRow,
  StoryRow,
} from '../../dist/src/pipeline/queries.js';
import type { SearchHit } from '../../dist/src/store/store.js';
import type { ListBody } from '../../dist/src/server/lists.js';
import type { IngestJob } from '../../dist/src/server/jobs.js';

export type {
  EditKind,
  QuarantineRecord,
  Span,
  WordDiffOp,
} from '../../dist/src/core/types.js';
export type {
  ArticleDetail,
  ArticleRow,
  DiffView,
  EventDetail,
  EventRow,
  LinkRow,
  QuoteGroupRow,
  StoryRow,
} from '../../dist/src/pipeline/queries.js';
export type { SearchHit } from '../../dist/src/store/store.js';
export type { IngestSummary } from '../../dist/src/pipeline/ingest.js';
export type { IngestJob } from '../../dist/src/server/jobs.js';
export type PassageRow = LinkRow['passages'][number];
export type GraphNode = EventDetail['graph']['nodes'][number];
export type GraphEdge = EventDetail['graph']['edges'][number];
export type QuoteVariantRow = QuoteGroupRow['variants'][number];

export type { ListBody } from '../../dist/src/server/lists.js';
export type { FacetCount, EventSummary, StorylineSummary } from '../../dist/src/store/list-query.js';
export type { CompareView, ComparedText, CoverageTimeline, EntityView } from '../../dist/src/pipeline/list-views.js';
import type { FacetCount, EventSummary, StorylineSummary } from '../../dist/src/store/list-query.js';
import type { CompareView, CoverageTimeline, EntityView } from '../../dist/src/pipeline/list-views.js';

/** A filtered page: the list envelope with the total and any facets. */
export type Filtered<T> = ListBody<T> & { total: number; facets?: Record<string, FacetCount[]> };
type Filter = Record<string, string | number | undefined>;

/** An error the API answered with `{error: {code, message}}`. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export async function getJson<T>(path: string, params: Record<string, string | number | undefined> = {}): Promise<T> {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) query.set(k, String(v));
  const qs = query.toString();
  const response = await fetch(qs ? `${path}?${qs}` : path, { headers: { Accept: 'application/json' } });
  const body: unknown = await response.json();
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } }).error;
    throw new ApiError(response.status, error?.code ?? 'ERROR', error?.message ?? `HTTP ${response.status}`);
  }
  return body as T;
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });
  const answer: unknown = await response.json();
  if (!response.ok) {
    const error = (answer as { error?: { code?: string; message?: string } }).error;
    throw new ApiError(response.status, error?.code ?? 'ERROR', error?.message ?? `HTTP ${response.status}`);
  }
  return answer as T;
}

export const api = {
  articleList: (filter: Filter) => getJson<Filtered<ArticleRow>>('/api/articles', filter),
  relationList: (filter: Filter) => getJson<Filtered<LinkRow>>('/api/relations', filter),
  eventList: (filter: Filter) => getJson<Filtered<EventSummary>>('/api/events', filter),
  storylineList: (filter: Filter) => getJson<Filtered<StorylineSummary>>('/api/storylines', filter),
  quoteList: (filter: Filter) => getJson<Filtered<QuoteGroupRow>>('/api/quotes', filter),
  entity: (name: string) => getJson<EntityView>(`/api/entities/${encodeURIComponent(name)}`),
  coverage: (of: { event?: string; storyline?: string; offset?: number; limit?: number }) => getJson<CoverageTimeline>('/api/coverage', of),
  compare: (a: string, b: string) => postJson<CompareView>('/api/compare', { a, b }),
  articles: (offset: number, limit = 50) => getJson<ListBody<ArticleRow>>('/api/articles', { offset, limit }),
  article: (id: string) => getJson<ArticleDetail>(`/api/articles/${encodeURIComponent(id)}`),
  search: (q: string, offset: number, limit = 25) => getJson<ListBody<SearchHit>>('/api/search', { q, offset, limit }),
  links: (article: string | undefined, offset: number, limit = 50) => getJson<ListBody<LinkRow>>('/api/links', { article, offset, limit }),
  diff: (a: string, b: string) => getJson<DiffView>('/api/diff', { a, b }),
  stories: (offset: number, limit = 20) => getJson<ListBody<StoryRow>>('/api/stories', { offset, limit }),
  story: (id: string, window: { offset?: number; limit?: number } = {}) => getJson<StoryRow>(`/api/stories/${encodeURIComponent(id)}`, window),
  event: (id: string) => getJson<EventDetail & { timeline: CoverageTimeline }>(`/api/events/${encodeURIComponent(id)}`),
  quotes: (offset: number, minVariants = 1, limit = 50) =>
    getJson<ListBody<QuoteGroupRow>>('/api/quotes', { offset, limit, minVariants }),
  quarantine: (offset: number, limit = 50) => getJson<ListBody<QuarantineRecord>>('/api/quarantine', { offset, limit }),
  job: (id: string) => getJson<IngestJob>(`/api/jobs/${encodeURIComponent(id)}`),
};
