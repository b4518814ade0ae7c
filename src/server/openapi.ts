import { EXPORT_FORMATS } from '../pipeline/export-format.js';
import { EXPORT_COLUMNS, EXPORT_TABLES } from '../pipeline/export.js';
import { DEFAULT_PAGE_RULES } from './params.js';
import { listPaths, listSchemas } from './openapi-lists.js';

const exportFiles = (): string[] => EXPORT_TABLES.flatMap((t) => EXPORT_FORMATS.map((f) => `${t}.${f}`));

type Schema = Record<string, unknown>;

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
export const str: Schema = { type: 'string' };
export const nullableStr: Schema = { type: ['string', 'null'] };
export const num: Schema = { type: 'number' };
export const int: Schema = { type: 'integer' };
export const arr = (items: Schema): Schema => ({ type: 'array', items });
export const obj = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema => ({ type: 'object', properties, required });

export const pageParams = [
  { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 }, description: 'Rows to skip.' },
  {
    name: 'limit',
    in: 'query',
    schema: { type: 'integer', minimum: 1, default: DEFAULT_PAGE_RULES.defaultLimit },
    description: `Rows per page; larger values are clamped (${DEFAULT_PAGE_RULES.maxLimit} for most lists).`,
  },
];

/** Lists with a page key take `after` too: the key of the previous page's last item; `offset` is then ignored. */
const keyedPageParams = (key: string) => [
  ...pageParams,
  {
    name: 'after',
    in: 'query',
    schema: str,
    description: `Keyset paging: ${key} of the previous page's last item (each page then costs the same); an unknown key is a 400.`,
  },
];

const idParam = (what: string) => ({
  name: 'id', in: 'path', required: true, schema: str,
  description: `${what} id (articles: id, name, or a unique prefix of either; a prefix of several is a 400 AMBIGUOUS listing them).`,
});

export const json = (schema: Schema, description: string) => ({ description, content: { 'application/json': { schema } } });
export const error = (description: string) => json(ref('Error'), description);
export const list = (item: string): Schema => obj(
  { offset: int, limit: int, total: int, more: { type: 'boolean' }, items: arr(ref(item)) },
  ['offset', 'limit', 'more', 'items'],
);

export function get(summary: string, parameters: unknown[], ok: Schema, errors: Record<string, string> = {}) {
  const responses: Record<string, unknown> = { 200: json(ok, 'OK') };
  for (const [status, text] of Object.entries(errors)) responses[status] = error(text);
  return { get: { summary, parameters, responses } };
}

const span: Schema = { type: 'array', items: int, minItems: 2, maxItems: 2, description: 'Half-open [begin, end) character offsets into the article text.' };
const relationKind: Schema = { enum: ['duplicate', 'excerpt', 'update', 'template', 'paraphrase', 'spin', 'shared-passage'] };
const editKind: Schema = { enum: ['verbatim', 'trimmed', 'synonym-swapped', 'paraphrased', 'reordered', 'inserted', 'deleted'] };

const schemas: Record<string, Schema> = {
  Error: obj({ error: obj({ code: str, message: str }) }),
  Span: span,
  WordDiffOp: obj({ op: { enum: ['same', 'swap', 'insert', 'delete'] }, a: str, b: str, synonym: { type: 'boolean' }, moved: { type: 'boolean', description: 'insert or delete of words the other side has elsewhere in the passage' } }, ['op']),
  ArticleRow: obj({ id: str, name: str, source: nullableStr, title: nullableStr, published: nullableStr, words: int }),
  ArticleDetail: {
    allOf: [
      ref('ArticleRow'),
      obj({
        url: nullableStr, byline: nullableStr, dateline: nullableStr, wire: arr(str), language: nullableStr, text: str,
        paragraphs: arr(ref('Span')), captions: arr(str), contributors: arr(str), entities: arr({ type: 'object' }),
        mentions: arr(obj({ span: ref('Span'), entity: str })), quotes: arr({ type: 'object' }), event: nullableStr, links: arr(ref('LinkRow')),
      }),
    ],
  },
  SearchHit: obj({ article: ref('ArticleRow'), snippet: str, rank: num }),
  Passage: obj({ a: ref('Span'), b: ref('Span'), edit: editKind, score: num, diff: arr(ref('WordDiffOp')) }),
  LinkRow: obj({
    a: str, b: str, aId: str, bId: str, kind: relationKind, score: num,
    similarity: { type: 'number', description: '0..1: how strongly the two cover the same story.' },
    reuse: { type: 'number', description: '0..1: the share of text one takes from the other.' },
    source: { type: 'string', description: 'Article name of the original side, or "unknown".' },
    evidence: arr(str), passages: arr(ref('Passage')),
  }),
  DiffView: obj({ a: ref('ArticleDetail'), b: ref('ArticleDetail'), same: { type: 'boolean' }, link: { oneOf: [ref('LinkRow'), { type: 'null' }] } }),
  EventRow: obj({
    id: str, date: nullableStr, dateEnd: nullableStr, title: str, articles: arr(str), articleIds: arr(str), entities: arr(str),
    coverage: arr(obj({ source: nullableStr, copies: arr(str), original: arr(str) })), reasons: arr({ type: 'object' }),
  }),
  EventDetail: {
    allOf: [
      ref('EventRow'),
      obj({
        graph: obj({
          nodes: arr(obj({ id: str, name: str, source: nullableStr, published: nullableStr, title: nullableStr })),
          edges: arr(obj({ from: str, to: str, kind: relationKind, score: num, directed: { type: 'boolean' } })),
        }),
      }),
    ],
  },
  StoryRow: obj(
    {
      id: str, title: str, events: arr({ allOf: [ref('EventRow'), obj({ link: str })] }),
      eventCount: { ...int, description: "The storyline's events in all, when `events` is a window of them (from `offset`)." },
      offset: int,
    },
    ['id', 'title', 'events'],
  ),
  QuoteGroupRow: obj({
    group: str, speaker: nullableStr,
    variants: arr(obj({ article: str, articleId: str, text: str, span: ref('Span'), indirect: { type: 'boolean', description: 'Reported speech, not a direct quote.' }, drift: arr(ref('WordDiffOp')), flags: arr(str) })),
    variantCount: { ...int, description: 'Variants (articles) in all: a listed group of more than 12 carries the first variant of each of its earliest 12 wordings.' },
    wordings: { ...int, description: 'Distinct wordings in all.' },
  }),
  QuarantineRecord: obj({ origin: str, code: str, message: str, excerpt: str }),
  ReadWarning: obj({ origin: str, code: str, message: str }),
  IngestSummary: obj(
    {
      read: int, added: int, duplicates: int, quarantined: int, analysed: int, errors: arr(ref('QuarantineRecord')), warnings: arr(ref('ReadWarning')),
      totals: obj({ links: int, events: int, storylines: int }),
      found: obj({ links: int, events: int, storylines: int }),
    },
    ['read', 'added', 'duplicates', 'quarantined', 'errors', 'warnings'],
  ),
  IngestJob: obj(
    {
      id: str,
      state: { enum: ['queued', 'running', 'done', 'failed'] },
      progress: obj({ phase: { enum: ['read', 'analyze'] }, done: int, total: int }),
      summary: ref('IngestSummary'),
      error: obj({ code: str, message: str }),
    },
    ['id', 'state', 'progress'],
  ),
};

/** The OpenAPI 3.1 description of every /api route. */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'wiretrace',
      version: '0.1.0',
      description: 'News provenance: articles, the copies and rewrites linking them, events, storylines and quote drift.',
    },
    paths: {
      '/api/articles': get('List articles, by published date then name', keyedPageParams('the article id'), list('ArticleRow'), { 400: 'Bad paging parameters' }),
      '/api/articles/{id}': get('One article with its entities, quotes and links', [idParam('Article')], ref('ArticleDetail'), { 404: 'No such article' }),
      '/api/search': get(
        'Full-text search over titles and text',
        [
          {
            name: 'q', in: 'query', required: true, schema: str,
            description: 'Words (ANDed), "quoted phrases", -excluded words or phrases, OR between words or phrases, word* prefixes (3+ letters). At most 16 words and 4 prefixes count; the rest is ignored.',
          },
          ...pageParams,
        ],
        { allOf: [list('SearchHit'), obj({ q: str })] },
        { 400: 'Missing or malformed query' },
      ),
      '/api/links': get(
        'Relations between articles, all or those touching one article',
        [{ name: 'article', in: 'query', schema: str, description: 'Article id, name or unique prefix.' }, ...keyedPageParams('`aId|bId`')],
        list('LinkRow'),
        { 400: 'Bad paging parameters, or an ambiguous article', 404: 'No such article' },
      ),
      '/api/diff': get(
        'Two articles side by side with their aligned passages',
        [
          { name: 'a', in: 'query', required: true, schema: str, description: 'Article id or name.' },
          { name: 'b', in: 'query', required: true, schema: str, description: 'Article id or name.' },
        ],
        ref('DiffView'),
        { 400: 'Missing a or b', 404: 'No such article' },
      ),
      '/api/stories': get('Storylines with their events in timeline order (the first 100 of each)', keyedPageParams('the storyline id'), list('StoryRow'), { 400: 'Bad paging parameters' }),
      '/api/stories/{id}': get('One storyline with a window of its events (`offset`, `limit`: 100 by default, 500 at most)', [idParam('Storyline'), ...pageParams], ref('StoryRow'), { 400: 'Bad paging parameters', 404: 'No such storyline' }),
      '/api/events/{id}': get(
        'One event with its coverage, rewrite graph and coverage timeline',
        [idParam('Event')],
        { allOf: [ref('EventDetail'), obj({ timeline: ref('CoverageTimeline') })] },
        { 404: 'No such event' },
      ),
      '/api/quotes': get(
        'Quote groups and how their wording drifted',
        [
          { name: 'minVariants', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 }, description: 'Only groups seen in at least this many articles.' },
          ...keyedPageParams('the group id'),
        ],
        list('QuoteGroupRow'),
        { 400: 'Bad paging or filter parameters' },
      ),
      '/api/quarantine': get('Inputs that could not be read, with the reason', pageParams, list('QuarantineRecord'), { 400: 'Bad paging parameters' }),
      '/api/ingest': {
        post: {
          summary: 'Upload one or more files (text, HTML, JSONL, WARC, feeds) to be ingested by a background job',
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: obj(
                  { files: arr({ type: 'string', contentMediaType: 'application/octet-stream' }), source: { type: 'string', description: 'The outlet of every uploaded article, in place of what the files say.' } },
                  ['files'],
                ),
              },
            },
          },
          responses: {
            202: json(obj({ job: str }), 'Accepted: the id of the job ingesting the upload (also in the Location header); poll /api/jobs/{id}'),
            400: error('Not a multipart upload, or no files in it'),
            413: error('Upload over the size limit'),
            429: error('Too many uploads waiting already'),
          },
        },
      },
      '/api/jobs/{id}': get(
        'How an upload\'s ingest job is doing: queued, running (with progress), done (with the summary) or failed (with the error)',
        [idParam('Job')],
        ref('IngestJob'),
        { 404: 'No such job (or one old enough to be forgotten: the last 100 are kept)' },
      ),
      ...listPaths(),
      '/api/outlets': get(
        'The outlet facet: each known outlet with its number of articles, most first; `unknown` counts the articles naming none',
        pageParams,
        obj({ offset: int, limit: int, total: int, unknown: int, more: { type: 'boolean' }, items: arr(obj({ outlet: str, articles: int })) }),
        { 400: 'Bad paging parameters' },
      ),
      '/api/export/{file}': {
        get: {
          summary: 'A whole table, filtered, streamed as CSV (RFC 4180; cells that would start a spreadsheet formula get a leading apostrophe) or JSON',
          parameters: [
            { name: 'file', in: 'path', required: true, schema: { enum: exportFiles() }, description: 'The table and the format.' },
            { name: 'q', in: 'query', schema: str, description: 'Full-text search over articles (quotes: every word in the quote or its speaker).' },
            { name: 'from', in: 'query', schema: { type: 'string', format: 'date' }, description: 'Published on or after (relations: either article).' },
            { name: 'to', in: 'query', schema: { type: 'string', format: 'date' }, description: 'Published on or before (relations: either article).' },
            { name: 'outlet', in: 'query', schema: str, description: 'Only this outlet, case-insensitive (relations: either article).' },
            { name: 'kind', in: 'query', schema: str, description: 'Relations of these kinds, comma-separated.' },
            { name: 'minScore', in: 'query', schema: { type: 'number', minimum: 0, maximum: 1 }, description: 'Relations scoring at least this.' },
            { name: 'speaker', in: 'query', schema: str, description: 'Quotes whose speaker contains this, case-insensitive.' },
          ],
          responses: {
            200: {
              description: 'The rows. Columns: ' + Object.entries(EXPORT_COLUMNS).map(([t, c]) => `${t}: ${c.join(', ')}`).join('; '),
              content: { 'text/csv': { schema: str }, 'application/json': { schema: arr({ type: 'object' }) } },
            },
            400: error('A bad filter value'),
            404: error('No such table or format'),
          },
        },
      },
      '/api/openapi.json': get('This document', [], { type: 'object' }),
    },
    components: { schemas: { ...schemas, ...listSchemas() } },
  };
}
