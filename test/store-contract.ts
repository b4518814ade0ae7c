/**
 * The Store contract: every implementation runs this one suite (hono-style), e.g.
 * `storeContract('sqlite', () => openSqliteStore(file))`. Nothing here knows SQL.
 * Not named .test.ts: it only runs through an implementation's test file.
 */
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Article, ArticleSummary, Entity } from '../src/core/types.js';
import type { Store } from '../src/store/store.js';
import { linkContract } from './store-contract-links.js';
import { listContract } from './store-contract-lists.js';
import { pagingContract } from './store-contract-paging.js';
import { stateContract } from './store-contract-state.js';
import {
  budgetArticle,
  expectedOrder,
  footballArticle,
  makeArticle,
  manyArticles,
  natoArticle,
  putAll,
  quotesIn,
} from './store-fixtures.js';
import { storeTest, type MakeStore, type Teardown } from './store-harness.js';

export function storeContract(name: string, makeStore: MakeStore, teardown: Teardown = (s) => s.close()): void {
  const h = { make: makeStore, teardown };
  describe(`Store contract: ${name}`, () => {
    describe('articles', () => articleContract(h));
    describe('search', () => searchContract(h));
    describe('paging and counts', () => pagingContract(h));
    describe('quarantine, state rows, buckets, analysis queue, transactions', () => stateContract(h));
    describe('relations, events, storylines, quotes, entities', () => linkContract(h));
    describe('filtered, sorted lists with totals', () => listContract(h));
  });
}

type H = { make: MakeStore; teardown: Teardown };

/** The id a reference resolves to, or undefined when it is ambiguous or names nothing. */
async function resolvedId(store: Store, ref: string): Promise<string | undefined> {
  const resolution = await store.resolveArticle(ref);
  return 'found' in resolution ? resolution.found.id : undefined;
}

function summaryOf(a: Article): ArticleSummary {
  return { id: a.id, name: a.name, source: a.source, title: a.title, published: a.published, words: a.words };
}

function articleContract(h: H): void {
  storeTest(h, 'an article round-trips every field exactly', async (store) => {
    const a = natoArticle();
    assert.equal(await store.putArticle(a), true);
    assert.deepEqual(await store.getArticle(a.id), a);
    const b = footballArticle();
    await store.putArticle(b);
    assert.deepEqual(await store.getArticle(b.id), b, 'nulls and empty lists survive');
  });

  storeTest(h, 're-ingesting the same content is a no-op that returns false', async (store) => {
    const a = natoArticle();
    assert.equal(await store.putArticle(a), true);
    assert.equal(await store.putArticle({ ...a, name: 'renamed.txt', title: 'Other title' }), false);
    assert.equal(await store.countArticles(), 1);
    assert.deepEqual(await store.getArticle(a.id), a, 'the first copy is kept unchanged');
    assert.equal(await store.getArticle('renamed.txt'), undefined);
  });

  storeTest(h, 'putArticles stores new articles with their entities and quotes, in order, and leaves copies alone', async (store) => {
    const [nato, budget, football] = [natoArticle(), budgetArticle(), footballArticle()];
    const alliance: Entity = { name: 'NATO', kind: 'organization', aliases: ['the alliance'], roles: [] };
    const sunak: Entity = { name: 'Rishi Sunak', kind: 'person', aliases: ['Sunak'], roles: ['Chancellor'] };
    await store.putArticle(nato);
    const natoQuotes = quotesIn(nato, ['war games']);
    const budgetQuotes = quotesIn(budget, ['This is a budget for working people,'], 'Rishi Sunak');
    const added = await store.transaction((tx) =>
      tx.putArticles([
        { article: budget, entities: [sunak], quotes: budgetQuotes },
        { article: { ...nato, name: 'copy.txt' }, entities: [alliance], quotes: natoQuotes },
        { article: football, entities: [], quotes: [] },
        { article: { ...budget, name: 'budget-again.html' }, entities: [alliance], quotes: [] },
      ]),
    );
    assert.deepEqual(added, [true, false, true, false]);
    assert.deepEqual((await store.pendingAnalysis(10)).map((p) => p.article), [nato, budget, football], 'new ones stored after those before, in the order given');
    assert.deepEqual(await store.listEntities(budget.id), [sunak]);
    assert.deepEqual(await store.listQuotes(budget.id), budgetQuotes);
    assert.deepEqual(await store.listEntities(nato.id), [], 'a copy adds no entities or quotes to the stored article');
    assert.deepEqual(await store.listQuotes(nato.id), []);
    assert.deepEqual(await store.putArticles([]), []);
  });

  storeTest(h, 'putArticles stores all or none: a quote filed under another article fails the whole call', async (store) => {
    const [nato, budget] = [natoArticle(), budgetArticle()];
    await assert.rejects(() =>
      store.putArticles([
        { article: nato, entities: [], quotes: quotesIn(nato, ['war games']) },
        { article: budget, entities: [], quotes: quotesIn(nato, ['war games']) },
      ]),
    );
    assert.equal(await store.countArticles(), 0);
    assert.deepEqual(await store.listQuotes(), []);
  });

  storeTest(h, 'hasArticle tells stored ids from unknown ones', async (store) => {
    const a = natoArticle();
    await store.putArticle(a);
    assert.equal(await store.hasArticle(a.id), true);
    assert.equal(await store.hasArticle('0000000000000000'), false);
    assert.equal(await store.hasArticle(a.id.slice(0, 6)), false, 'a prefix is not an id');
  });

  storeTest(h, 'getArticle and getArticles take exact ids only', async (store) => {
    const a = natoArticle('000_f92a0e5a9a8db5c1.txt');
    const b = budgetArticle();
    await putAll(store, [a, b]);
    assert.equal((await store.getArticle(a.id))?.name, a.name);
    assert.equal(await store.getArticle(a.name), undefined, 'a name is not an id');
    assert.equal(await store.getArticle(a.id.slice(0, 7)), undefined, 'nor is a prefix');
    assert.equal(await store.getArticle(''), undefined);
    assert.deepEqual(
      (await store.getArticles([b.id, 'ffffffffffffffff', a.id, b.id])).map((x) => x.id),
      [b.id, a.id, b.id],
      'in the order asked, missing ones left out',
    );
    assert.deepEqual(await store.getArticles([]), []);
    const summary = (x: typeof a) => ({ id: x.id, name: x.name, source: x.source, title: x.title, published: x.published, words: x.words });
    assert.deepEqual(await store.getArticleSummaries([b.id, 'ffffffffffffffff', a.id, b.id]), [summary(b), summary(a), summary(b)], 'summaries likewise');
    assert.deepEqual(await store.getArticleSummaries([]), []);
  });

  storeTest(h, 'resolveArticle finds by id, name, unique name prefix and unique id prefix', async (store) => {
    const a = natoArticle('000_f92a0e5a9a8db5c1.txt');
    const b = natoArticle('001_0f3b6c8d2e1a4b57.txt');
    const c = budgetArticle('https://www.reuters.com/world/uk/budget-2021-10-27/');
    await putAll(store, [a, b, c]);
    assert.deepEqual(await store.resolveArticle(a.id), { found: a });
    assert.equal(await resolvedId(store, b.name), b.id);
    assert.equal(await resolvedId(store, c.name), c.id, 'a url is a name too');
    assert.equal(await resolvedId(store, '000'), a.id, 'users type 000 for 000_….txt');
    assert.equal(await resolvedId(store, '001_0f'), b.id);
    assert.equal(await resolvedId(store, 'https://www.reuters'), c.id);
    const idPrefixes = [a.id, b.id, c.id].map((id) => id.slice(0, 7));
    assert.equal(await resolvedId(store, idPrefixes[2]), c.id);
  });

  storeTest(h, 'resolveArticle says when a reference is ambiguous or names nothing', async (store) => {
    const x = natoArticle('000_a.txt');
    const y = natoArticle('000_b.txt');
    await putAll(store, [x, y, budgetArticle()]);
    const both = await store.resolveArticle('000_');
    assert.ok('ambiguous' in both, 'two names start with 000_');
    assert.deepEqual(new Set(both.ambiguous.map((s) => s.name)), new Set([x.name, y.name]));
    assert.deepEqual(both.ambiguous.find((s) => s.id === x.id), summaryOf(x));
    for (const ref of ['missing.txt', '', '%']) assert.deepEqual(await store.resolveArticle(ref), { none: true }, ref);
  });

  storeTest(h, 'an ambiguous reference lists at most 10 articles', async (store) => {
    await putAll(store, manyArticles(15));
    const many = await store.resolveArticle('wire-');
    assert.ok('ambiguous' in many);
    assert.equal(many.ambiguous.length, 10);
  });

  storeTest(h, 'resolveArticle treats prefixes literally, not as patterns', async (store) => {
    const under = natoArticle('a_b.txt');
    const other = budgetArticle('axb.txt');
    await putAll(store, [under, other]);
    assert.equal(await resolvedId(store, 'a_'), under.id);
    assert.equal(await resolvedId(store, 'a%'), undefined);
    assert.equal(await resolvedId(store, 'a*'), undefined);
  });

  storeTest(h, 'an exact id wins over a name that happens to equal it', async (store) => {
    const a = natoArticle();
    const impostor = budgetArticle(a.id);
    await putAll(store, [a, impostor]);
    assert.equal(await resolvedId(store, a.id), a.id);
    assert.equal(await resolvedId(store, impostor.id), impostor.id);
  });

  storeTest(h, 'listArticles orders by published date, unknown dates last, then name', async (store) => {
    const articles = manyArticles(40);
    await putAll(store, [...articles].reverse());
    const listed = await store.listArticles();
    assert.deepEqual(
      listed.map((s) => s.name),
      expectedOrder(articles),
    );
    const first = articles.find((a) => a.name === listed[0].name)!;
    assert.deepEqual(listed[0], {
      id: first.id,
      name: first.name,
      source: first.source,
      title: first.title,
      published: first.published,
      words: first.words,
    });
    assert.equal(listed[listed.length - 1].published, null);
    assert.equal(await store.countArticles(), 40);
  });

  storeTest(h, 'pages of listArticles tile the whole list; default limit 100, cap 1000', async (store) => {
    const articles = manyArticles(1010);
    await putAll(store, articles);
    const order = expectedOrder(articles);
    assert.equal((await store.listArticles()).length, 100);
    assert.equal((await store.listArticles({ limit: 5000 })).length, 1000);
    const pages: string[] = [];
    for (let offset = 0; offset < 1010; offset += 300) {
      pages.push(...(await store.listArticles({ offset, limit: 300 })).map((s) => s.name));
    }
    assert.deepEqual(pages, order);
    assert.deepEqual(
      (await store.listArticles({ offset: 1000, limit: 50 })).map((s) => s.name),
      order.slice(1000),
    );
    assert.deepEqual(await store.listArticles({ offset: 5000 }), []);
    assert.deepEqual(
      (await store.listArticles({ offset: -3, limit: 2 })).map((s) => s.name),
      order.slice(0, 2),
      'a negative offset counts as 0',
    );
  });

  storeTest(h, 'an empty store lists nothing', async (store) => {
    assert.deepEqual(await store.listArticles(), []);
    assert.equal(await store.countArticles(), 0);
    assert.deepEqual(await store.resolveArticle('000'), { none: true });
  });
}

function searchContract(h: H): void {
  const seed = async (store: Store) => {
    const nato = natoArticle();
    const budget = budgetArticle();
    const football = footballArticle();
    const spun = makeArticle({
      name: '002_spun.txt',
      paragraphs: [
        'Brussels — Ministers met to discuss the conflict video games staged near the border, The Related Press reported.',
        'The government of Estonia said its war plans were ready; more games are due in spring.',
      ],
      published: '2022-02-17',
    });
    await putAll(store, [nato, budget, football, spun]);
    return { nato, budget, football, spun };
  };

  storeTest(h, 'search finds articles by words in the text or the title, with [hit] snippets', async (store) => {
    const { nato, budget } = await seed(store);
    const hits = await store.search('Stoltenberg');
    assert.deepEqual(
      hits.map((x) => x.article.id),
      [nato.id],
    );
    assert.match(hits[0].snippet, /\[Stoltenberg\]/);
    assert.equal(hits[0].article.name, nato.name);
    assert.equal(hits[0].article.words, nato.words);
    assert.ok(Number.isFinite(hits[0].rank));
    const byTitle = await store.search('hospital');
    assert.ok(byTitle.some((x) => x.article.id === budget.id));
  });

  storeTest(h, 'a hit only in the title still gets a [hit] snippet', async (store) => {
    const a = makeArticle({
      name: 'kremlin.txt',
      title: 'Kremlin denies invasion plans',
      paragraphs: ['Moscow said on Monday it had no plans to attack its neighbour [and] called the reports hysteria.'],
    });
    await store.putArticle(a);
    const hits = await store.search('kremlin');
    assert.equal(hits.length, 1);
    assert.match(hits[0].snippet, /\[Kremlin\]/);
    assert.match((await store.search('hysteria'))[0].snippet, /\[hysteria\]/);
  });

  storeTest(h, 'plain words are ANDed', async (store) => {
    const { nato, spun } = await seed(store);
    assert.deepEqual(
      (await store.search('met border')).map((x) => x.article.id),
      [spun.id],
    );
    assert.deepEqual(
      new Set((await store.search('met')).map((x) => x.article.id)),
      new Set([nato.id, spun.id]),
    );
  });

  storeTest(h, 'the better match ranks first', async (store) => {
    const { budget } = await seed(store);
    const hits = await store.search('government');
    assert.ok(hits.length >= 2);
    assert.equal(hits[0].article.id, budget.id, 'in the title and the text beats once in the text');
    assert.ok(hits[0].rank >= hits[1].rank, 'rank is higher for better hits');
  });

  storeTest(h, 'hostile input never throws and hyphenated words still match', async (store) => {
    const { nato } = await seed(store);
    assert.deepEqual(
      (await store.search('NATO-Russia')).map((x) => x.article.id),
      [nato.id],
    );
    const hostile = ['"', '""', 'war"games', 'AND', 'OR OR', 'NOT', 'NEAR(', '*', 'title:', "Russia's", '(', ')', '-nato', 'a:b:c', '^', '{x}', '  ', ''];
    for (const q of hostile) {
      await assert.doesNotReject(() => store.search(q), `search(${JSON.stringify(q)})`);
    }
    assert.deepEqual(await store.search(''), []);
    assert.deepEqual(await store.search('"'), []);
  });

  storeTest(h, 'FTS-style queries work: phrases and OR', async (store) => {
    const { nato, budget, spun } = await seed(store);
    assert.deepEqual(
      (await store.search('"war games"')).map((x) => x.article.id),
      [nato.id],
      'the spun copy has war and games apart',
    );
    assert.deepEqual(
      new Set((await store.search('Stoltenberg OR lawmakers')).map((x) => x.article.id)),
      new Set([nato.id, budget.id]),
    );
    assert.ok((await store.search('Estonia')).some((x) => x.article.id === spun.id));
    assert.deepEqual(
      (await store.search('Stolten*')).map((x) => x.article.id),
      [nato.id],
      'a trailing * searches by prefix',
    );
  });

  storeTest(h, 'excluded words and phrases drop hits; exclusions alone find nothing', async (store) => {
    const { nato, spun } = await seed(store);
    assert.deepEqual((await store.search('met -border')).map((x) => x.article.id), [nato.id]);
    assert.deepEqual((await store.search('met -"conflict video"')).map((x) => x.article.id), [nato.id]);
    assert.deepEqual((await store.search('met -"video conflict"')).length, 2, 'a phrase excludes only its words in a row');
    assert.ok((await store.search('Estonia -Stoltenberg')).some((x) => x.article.id === spun.id));
    assert.deepEqual(await store.search('-border'), []);
    assert.deepEqual(await store.search('-border -"war games"'), []);
  });

  storeTest(h, 'search results page like everything else', async (store) => {
    await putAll(store, manyArticles(30));
    const all = await store.search('Brussels', { limit: 1000 });
    assert.equal(all.length, 30);
    const paged = [...(await store.search('Brussels', { limit: 10 })), ...(await store.search('Brussels', { offset: 10, limit: 25 }))];
    assert.deepEqual(
      paged.map((x) => x.article.id),
      all.map((x) => x.article.id),
    );
    assert.deepEqual(await store.search('zeppelin'), []);
  });
}
