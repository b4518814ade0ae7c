/** The JSON shapes of the /api endpoints (mirrors src/pipeline/queries.ts) and a fetch helper. */

export type Span = [number, number];
export type EditKind = 'verbatim' | 'trimmed' | 'synonym-swapped' | 'paraphrased' | 'reordered' | 'inserted' | 'deleted';
export type RelationKind = 'duplicate' | 'excerpt' | 'paraphrase' | 'spin' | 'shared-passage';

export interface WordDiffOp {
  op: 'same' | 'swap' | 'insert' | 'delete';
  a?: string;
  b?: string;
  synonym?: boolean;
}

export interface ArticleRow {
  id: string;
  name: string;
  source: string | null;
  title: string | null;
  published: string | null;
  words: number;
}

export interface Entity {
  name: string;
  kind: 'person' | 'organization' | 'place';
  aliases: string[];
  roles: string[];
}

export interface Quote {
  id: string;
  article: string;
  text: string;
  span: Span;
  speaker: string | null;
  speakerSpan: Span | null;
  cue: string | null;
  indirect: boolean;
}

export interface PassageRow {
  a: Span;
  b: Span;
  edit: EditKind;
  score: number;
  diff: WordDiffOp[];
}

export interface LinkRow {
  a: string;
  b: string;
  aId: string;
  bId: string;
  kind: RelationKind;
  score: number;
  source: string;
  evidence: string[];
  passages: PassageRow[];
}

export interface ArticleDetail extends ArticleRow {
  url: string | null;
  byline: string | null;
  dateline: string | null;
  wire: string[];
  language: string | null;
  text: string;
  paragraphs: Span[];
  captions: string[];
  contributors: string[];
  entities: Entity[];
  mentions: Array<{ span: Span; entity: string }>;
  quotes: Quote[];
  event: string | null;
  links: LinkRow[];
}

export interface DiffView {
  a: ArticleDetail;
  b: ArticleDetail;
  link: LinkRow | null;
}

export interface JoinReason {
  article: string;
  action: string;
  score: number;
  parts: Record<string, number>;
  note: string;
}

export interface EventRow {
  id: string;
  date: string | null;
  dateEnd: string | null;
  title: string;
  articles: string[];
  articleIds: string[];
  entities: string[];
  coverage: Array<{ source: string; copies: string[]; original: string[] }>;
  reasons: JoinReason[];
}

export interface GraphNode {
  id: string;
  name: string;
  source: string | null;
  published: string | null;
  title: string | null;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: RelationKind;
  score: number;
  directed: boolean;
}

export interface EventDetail extends EventRow {
  graph: { nodes: GraphNode[]; edges: GraphEdge[] };
}

export interface StoryRow {
  id: string;
  title: string;
  events: EventRow[];
}

export interface QuoteVariantRow {
  article: string;
  articleId: string;
  text: string;
  span: Span;
  drift: WordDiffOp[];
  flags: string[];
}

export interface QuoteGroupRow {
  group: string;
  speaker: string | null;
  variants: QuoteVariantRow[];
}

export interface SearchHit {
  article: ArticleRow;
  snippet: string;
  rank: number;
}

export interface QuarantineRecord {
  origin: string;
  code: string;
  message: string;
  excerpt: string;
}

export interface IngestSummary {
  read: number;
  added: number;
  duplicates: number;
  quarantined: number;
  errors: QuarantineRecord[];
}

export interface ListBody<T> {
  offset: number;
  limit: number;
  total?: number;
  more: boolean;
  items: T[];
}

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

export const api = {
  articles: (offset: number, limit = 50) => getJson<ListBody<ArticleRow>>('/api/articles', { offset, limit }),
  article: (id: string) => getJson<ArticleDetail>(`/api/articles/${encodeURIComponent(id)}`),
  search: (q: string, offset: number, limit = 25) => getJson<ListBody<SearchHit>>('/api/search', { q, offset, limit }),
  links: (article: string | undefined, offset: number, limit = 50) => getJson<ListBody<LinkRow>>('/api/links', { article, offset, limit }),
  diff: (a: string, b: string) => getJson<DiffView>('/api/diff', { a, b }),
  stories: (offset: number, limit = 20) => getJson<ListBody<StoryRow>>('/api/stories', { offset, limit }),
  story: (id: string) => getJson<StoryRow>(`/api/stories/${encodeURIComponent(id)}`),
  event: (id: string) => getJson<EventDetail>(`/api/events/${encodeURIComponent(id)}`),
  quotes: (offset: number, limit = 50) => getJson<ListBody<QuoteGroupRow>>('/api/quotes', { offset, limit }),
  quarantine: (offset: number, limit = 50) => getJson<ListBody<QuarantineRecord>>('/api/quarantine', { offset, limit }),
};
