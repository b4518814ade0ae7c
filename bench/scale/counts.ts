/**
 * What a store holds after an ingest. The store API is turning async, so every call is awaited
 * (awaiting a plain value works too); a `count*` method is used when the store has one, else the
 * rows are paged through and counted without being kept.
 */
import type { Page, Store } from '../../src/store/store.js';

export interface StoreCounts {
  articles: number;
  relations: number;
  events: number;
  storylines: number;
  quoteGroups: number;
}

type Lister = (page: Page) => unknown[] | Promise<unknown[]>;
const PAGE = 1000;

export async function storeCounts(store: Store): Promise<StoreCounts> {
  return {
    articles: await store.countArticles(),
    relations: await countRows(store, 'countRelations', (page) => store.listRelations(undefined, page)),
    events: await countRows(store, 'countEvents', (page) => store.listEvents(page)),
    storylines: await countRows(store, 'countStorylines', (page) => store.listStorylines(page)),
    quoteGroups: await countRows(store, 'countQuoteGroups', (page) => store.listQuoteGroups(page)),
  };
}

async function countRows(store: Store, counter: string, list: Lister): Promise<number> {
  const method = (store as unknown as Record<string, unknown>)[counter];
  if (typeof method === 'function') return Number(await (method as () => unknown).call(store));
  let rows = 0;
  for (let offset = 0; ; offset += PAGE) {
    const page = await list({ offset, limit: PAGE });
    rows += page.length;
    if (page.length < PAGE) return rows;
  }
}
