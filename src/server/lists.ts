import type { ApiPage } from './params.js';

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
export async function pageOf<T>(page: ApiPage, fetch: (page: ApiPage) => Promise<T[]>): Promise<ListBody<T>> {
  const rows = await fetch({ ...page, limit: page.limit + 1 });
  return { offset: page.offset, limit: page.limit, more: rows.length > page.limit, items: rows.slice(0, page.limit) };
}
