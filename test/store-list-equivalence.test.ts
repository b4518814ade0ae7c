/**
 * The filtered lists give the same pages on SQLite and on PostgreSQL: every sort both ways, with the
 * ties, NULLs, mixed case and undated rows that tell two orders apart.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../src/core/types.js';
import { ARTICLE_SORTS, EVENT_SORTS, QUOTE_SORTS, STORYLINE_SORTS, type SortOrder } from '../src/store/list-query.js';
import { openPostgresStore } from '../src/store/postgres/pg-store.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { makeArticle, makeEvent, makeRelation } from './store-fixtures.js';
import { pgMissing, startPostgres, type PostgresServer } from './services.js';

const skip = pgMissing();
let server: PostgresServer;
let sqlite: Store;
let postgres: Store;

const TITLES = ['apple harvest', 'Apple prices', 'Économie', '_notes', 'zebra crossing', null, 'APPLE harvest'];
const SOURCES = ['Reuters', 'reuters', 'BBC', null, '', 'Agence'];
const DATES = ['2022-03-01', '2022-03-02', null, '2022-03-02T23:30:00Z', '2022-03-03', '2022-03-01'];

/** 24 articles whose titles, outlets and dates repeat in different cycles, so sorts tie and break ties. */
function articles(): Article[] {
  return Array.from({ length: 24 }, (_, i) =>
    makeArticle({
      name: `eq-${String(23 - i).padStart(2, '0')}.txt`,
      paragraphs: [i % 4 === 0 ? `Dock workers began a harbour strike, item ${i}.` : `Ministers discussed farm subsidies, item ${i}, at length ${'again '.repeat(i % 5)}`],
      title: TITLES[i % TITLES.length],
      source: SOURCES[i % SOURCES.length],
      published: DATES[i % DATES.length],
    }),
  );
}

async function seed(store: Store): Promise<void> {
  const list = articles();
  await store.transaction(async (tx) => {
    for (const a of list) await tx.putArticle(a);
  });
  for (let i = 0; i + 2 < list.length; i += 2) {
    await store.putRelation(makeRelation(list[i], list[i + 2], i % 3 ? 'spin' : 'excerpt', i % 4 ? 0.5 : 0.75));
  }
  await store.putEntities(list[3].id, [{ name: 'Kalle Laanet', kind: 'person', aliases: [], roles: [] }]);
  const events: Array<[string, number, number, string | null, string | null, string]> = [
    ['E1', 0, 2, '2022-03-01', '2022-03-02', 'Harbour Strike begins'],
    ['E2', 2, 4, '2022-03-01', '2022-03-02', 'harbour strike talks'],
    ['E3', 4, 7, null, null, 'Undated Économie story'],
    ['E4', 7, 8, '2022-03-05', null, 'Farm subsidies'],
    ['E5', 8, 10, '2022-03-02', 'not a date', 'Odd dates'],
    ['E6', 10, 13, '2022-03-03', '2022-03-03', 'Farm subsidies again'],
  ];
  for (const [id, from, to, begin, end, title] of events) await store.putEvent({ ...makeEvent(id, list.slice(from, to), begin, title), dateEnd: end });
  await store.putStoryline({ id: 'S1', title: 'Harbour strike', events: ['E1', 'E2'], reasons: ['', 'same port'] });
  await store.putStoryline({ id: 'S2', title: 'farm SUBSIDIES', events: ['E4', 'E6'], reasons: ['', ''] });
  await store.putStoryline({ id: 'S3', title: 'Empty', events: [], reasons: [] });
  await store.putStoryline({ id: 'S4', title: 'Undated', events: ['E3'], reasons: [''] });
  const groups: Array<[string, string | null, string[]]> = [
    ['g1', 'Kalle Laanet', ['completely unacceptable', 'totally unacceptable', 'totally unacceptable']],
    ['g2', 'Jens Stoltenberg', ['ready for dialogue', 'prepared for talks']],
    ['g3', null, ['a permanent presence', 'A permanent presence']],
    ['g4', 'Kalle Laanet', ['no comment']],
  ];
  for (const [id, speaker, texts] of groups) {
    for (const [i, text] of texts.entries()) {
      const article = list[i + 1];
      await store.addQuoteVariant({ id, speaker }, { article: article.id, quote: `${id}-${i}`, text, span: [i, i + text.length], speaker, name: article.name, published: article.published });
    }
  }
}

const ORDERS: Array<SortOrder | undefined> = [undefined, 'asc', 'desc'];

if (skip) {
  test('the filtered lists on SQLite and PostgreSQL', { skip }, () => undefined);
} else {
  before(async () => {
    server = await startPostgres();
    sqlite = openSqliteStore(':memory:');
    postgres = openPostgresStore(await server.createDatabase());
    await seed(sqlite);
    await seed(postgres);
  });
  after(async () => {
    await sqlite?.close();
    await postgres?.close();
    await server?.stop();
  });

  test('queryArticles: the same pages, totals and outlet facets for every sort and filter', async () => {
    const queries = [
      ...ARTICLE_SORTS.filter((s) => s !== 'relevance').flatMap((sort) => ORDERS.map((order) => ({ sort, order }))),
      { from: '2022-03-02', to: '2022-03-02', sort: 'published' as const },
      { to: '2022-03-01' },
      { to: 'not a day' },
      { outlet: 'reuters', sort: 'title' as const, order: 'desc' as const },
      { entity: 'Kalle Laanet' },
      { sort: 'outlet' as const, offset: 5, limit: 7 },
    ];
    for (const query of queries) assert.deepEqual(await postgres.queryArticles(query), await sqlite.queryArticles(query), JSON.stringify(query));
    // Ranks differ (bm25 and ts_rank); what is found, its total and facets do not.
    for (const query of [{ q: 'harbour strike' }, { q: 'farm -harbour', outlet: 'BBC' }, { q: 'subsid*', sort: 'title' as const }]) {
      const [pg, lite] = [await postgres.queryArticles(query), await sqlite.queryArticles(query)];
      assert.equal(pg.total, lite.total, JSON.stringify(query));
      assert.deepEqual(pg.facets, lite.facets, JSON.stringify(query));
      const ids = (l: typeof pg) => l.items.map((a) => a.id);
      if (query.sort) assert.deepEqual(ids(pg), ids(lite), JSON.stringify(query));
      else assert.deepEqual(ids(pg).sort(), ids(lite).sort(), JSON.stringify(query));
    }
  });

  test('queryRelations, queryEvents, queryStorylines and queryQuoteGroups: the same pages and totals', async () => {
    for (const query of [{}, { kind: 'spin' }, { minScore: 0.6 }, { order: 'asc' as const, limit: 4, offset: 2 }]) {
      assert.deepEqual(await postgres.queryRelations(query), await sqlite.queryRelations(query), JSON.stringify(query));
    }
    const events = [...EVENT_SORTS.flatMap((sort) => ORDERS.map((order) => ({ sort, order }))), { q: 'HARBOUR strike' }, { q: 'économie' }, { from: '2022-03-02', to: '2022-03-04' }, { entity: 'Kalle Laanet' }];
    for (const query of events) assert.deepEqual(await postgres.queryEvents(query), await sqlite.queryEvents(query), JSON.stringify(query));
    const storylines = [...STORYLINE_SORTS.flatMap((sort) => ORDERS.map((order) => ({ sort, order }))), { q: 'subsidies' }, { from: '2022-03-02' }, { to: '2022-03-01' }];
    for (const query of storylines) assert.deepEqual(await postgres.queryStorylines(query), await sqlite.queryStorylines(query), JSON.stringify(query));
    const quotes = [...QUOTE_SORTS.flatMap((sort) => ORDERS.map((order) => ({ sort, order }))), { q: 'PERMANENT' }, { speaker: 'Kalle Laanet' }, { minVariants: 2, sort: 'drift' as const }];
    for (const query of quotes) assert.deepEqual(await postgres.queryQuoteGroups(query), await sqlite.queryQuoteGroups(query), JSON.stringify(query));
  });

  test('outlets, quote groups and relations read back the same from both', async () => {
    assert.deepEqual(await postgres.listOutlets(), await sqlite.listOutlets());
    assert.deepEqual(await postgres.countOutlets(), await sqlite.countOutlets());
    assert.deepEqual(await postgres.listQuoteGroups(), await sqlite.listQuoteGroups());
    assert.deepEqual(await postgres.listRelations(), await sqlite.listRelations());
  });
}
