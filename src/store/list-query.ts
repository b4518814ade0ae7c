/**
 * Filtered, sorted lists with totals, for a user paging through 20,000 articles: one query object
 * per list, the same parameter names the HTTP API and the UI's URL use (`q`, `from`, `to`,
 * `outlet`, `kind`, `minScore`, `speaker`, `sort`, `order`, `limit`, `offset`).
 */
import type { EventHeader } from '../core/types.js';

export type SortOrder = 'asc' | 'desc';

/** What every list query takes. `offset` and `limit` are clamped as a `Page` is (see page.ts). */
export interface ListQuery<S extends string> {
  sort?: S;
  /** @default each sort's natural order (newest, biggest, strongest first; names A–Z) */
  order?: SortOrder;
  offset?: number;
  limit?: number;
}

/** One value of a facet and how many rows of the filtered list hold it. */
export interface FacetCount {
  value: string;
  count: number;
}

/** A page of a filtered list, with the total the filter matches. */
export interface Listed<T> {
  total: number;
  items: T[];
  /** Counts by value of some field over the filtered list (relations: `kind`; articles: `outlet`). */
  facets?: Record<string, FacetCount[]>;
}

export const ARTICLE_SORTS = ['published', 'title', 'outlet', 'words', 'relevance'] as const;
export interface ArticleQuery extends ListQuery<(typeof ARTICLE_SORTS)[number]> {
  /** Search syntax of `Store.search`; `relevance` sorting needs it. */
  q?: string;
  /** YYYY-MM-DD, inclusive; undated articles are left out when a bound is given. */
  from?: string;
  to?: string;
  /** Exact outlet (`source`). */
  outlet?: string;
  /** Only articles in which this entity (canonical name) was found. */
  entity?: string;
}

export const RELATION_SORTS = ['score'] as const;
export interface RelationQuery extends ListQuery<(typeof RELATION_SORTS)[number]> {
  /** Exact relation kind; any kind stored can be asked for. */
  kind?: string;
  /** 0..1 */
  minScore?: number;
  /** Only relations touching this article id. */
  article?: string;
}

export const EVENT_SORTS = ['date', 'recency', 'size', 'span'] as const;
export interface EventQuery extends ListQuery<(typeof EVENT_SORTS)[number]> {
  /** Words in the title (all of them, any case). */
  q?: string;
  /** YYYY-MM-DD: events whose dates overlap [from, to]. */
  from?: string;
  to?: string;
  /** Only events holding an article in which this entity was found. */
  entity?: string;
}

/** An event without its members: what a list of thousands of events shows. */
export interface EventSummary extends EventHeader {
  /** Number of articles. */
  size: number;
}

export const STORYLINE_SORTS = ['created', 'recency', 'size', 'span', 'events'] as const;
export interface StorylineQuery extends ListQuery<(typeof STORYLINE_SORTS)[number]> {
  q?: string;
  from?: string;
  to?: string;
}

export interface StorylineSummary {
  id: string;
  title: string;
  /** Number of events and of articles over them. */
  events: number;
  articles: number;
  dateBegin: string | null;
  dateEnd: string | null;
}

export const QUOTE_SORTS = ['first', 'variants', 'drift'] as const;
export interface QuoteQuery extends ListQuery<(typeof QUOTE_SORTS)[number]> {
  /** Words (all of them, any case) in any variant's text. */
  q?: string;
  /** Exact canonical speaker. */
  speaker?: string;
  minVariants?: number;
}
