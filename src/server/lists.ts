import type { Page } from '../store/store.js';

/** The envelope of every list the API returns. */
export interface ListBody<T> {
  offset: number;
  limit: number;
  /** Present where counting is cheap. */
  total?: number;
  /** True when another page follows. */
  more: boolean;
  items: T[];
}

/**
 * Fetches one page through a view that knows no totals: asks for one row more than
 * the page holds, so `more` is known without counting.
 */
export function pageOf<T>(page: Required<Page>, fetch: (page: Required<Page>) => T[]): ListBody<T> {
  const rows = fetch({ offset: page.offset, limit: page.limit + 1 });
  return { offset: page.offset, limit: page.limit, more: rows.length > page.limit, items: rows.slice(0, page.limit) };
}
