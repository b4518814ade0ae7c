import type { Page } from '../store/store.js';

/** The store's largest page. */
const PAGE = 1000;

/**
 * Every row a paged listing returns, page by page: by keyset when `keyOf` gives a row's page key
 * (each page then costs the same), else by offset.
 */
export async function everything<T>(list: (page: Page) => Promise<T[]>, keyOf?: (row: T) => string): Promise<T[]> {
  const out: T[] = [];
  let page: Page = { offset: 0, limit: PAGE };
  for (;;) {
    const rows = await list(page);
    out.push(...rows);
    if (rows.length < PAGE) return out;
    page = keyOf ? { after: keyOf(rows[rows.length - 1]), limit: PAGE } : { offset: out.length, limit: PAGE };
  }
}

