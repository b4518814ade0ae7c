import type { Page } from '../store/store.js';

/** The store's largest page. */
const PAGE = 1000;

/**
 * Every row a paged listing returns, page by page: by keyset when `keyOf` gives a row's page key
 * (each page then costs the same), else by offset.
 */
export async function everything<T>(list: (page: Page) => Promise<T[]>, keyOf?: (row: T) => string): Promise<T[]> {
  const out: T[] = [];
  for await (const rows of pagesOf(list, keyOf)) out.push(...rows);
  return out;
}

/** The same, one page at a time, so a caller can stream a table of any size in bounded memory. */
export async function* pagesOf<T>(list: (page: Page) => Promise<T[]>, keyOf?: (row: T) => string): AsyncGenerator<T[]> {
  let page: Page = { offset: 0, limit: PAGE };
  let seen = 0;
  for (;;) {
    const rows = await list(page);
    seen += rows.length;
    if (rows.length) yield rows;
    if (rows.length < PAGE) return;
    page = keyOf ? { after: keyOf(rows[rows.length - 1]!), limit: PAGE } : { offset: seen, limit: PAGE };
  }
}

