export type * from './core/types.js';
export { createError, isWiretraceError, WiretraceError, ERRORS, type ErrorCode } from './core/errors.js';
export { DEFAULT_OPTIONS, resolveOptions, type Options } from './core/config.js';
export type {
  Store,
  Page,
  SearchHit,
  ArticleResolution,
  PendingArticle,
  AnalysisOutcome,
  QuoteGroupFilter,
} from './store/store.js';
export type {
  ArticleQuery,
  RelationQuery,
  EventQuery,
  EventSummary,
  StorylineQuery,
  StorylineSummary,
  QuoteQuery,
  Listed,
  FacetCount,
  SortOrder,
} from './store/list-query.js';
export { parseSearch, type SearchQuery, type SearchTerm } from './store/search-syntax.js';
export { openSqliteStore, SqliteStore } from './store/sqlite/sqlite-store.js';
export { openPostgresStore, PostgresStore } from './store/postgres/pg-store.js';
export { openStore } from './store/open.js';
export { readInputs, readBuffer, type ReadItem, type ReadOptions } from './ingest/read.js';
export { cleanDocument } from './clean/clean.js';
export { fingerprint, type Fingerprint } from './fingerprint/fingerprint.js';
export { ReuseIndex, type Candidate } from './fingerprint/index.js';
export { relate } from './align/relate.js';
export { compare } from './align/compare.js';
export { renderDiff } from './align/render.js';
export { EventClusterer, type ClusterDoc, type RelatedLink } from './cluster/events.js';
export { StorylineBuilder } from './cluster/storyline-builder.js';
export { eventCoverage } from './cluster/coverage.js';
export { extractEntities } from './extract/entities.js';
export { extractQuotes } from './extract/quotes.js';
export { groupQuotes, QuoteGrouper } from './extract/quote-groups.js';
export { ingestPaths, ingestBuffers, type IngestSummary, type IngestOptions } from './pipeline/ingest.js';
export { readArticles } from './pipeline/read-articles.js';
export {
  articlesView,
  articleView,
  searchView,
  linksView,
  diffView,
  storiesView,
  storyView,
  eventView,
  quotesView,
  quarantineView,
} from './pipeline/queries.js';
export { evalSample } from './eval/sample.js';
export { startServer } from './server/serve.js';
export { createApp } from './server/app.js';
export { IngestJobs, type IngestJob } from './server/jobs.js';
