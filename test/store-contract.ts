/**
 * The Store contract: every implementation runs this one suite (hono-style), e.g.
 * `storeContract('sqlite', () => openSqliteStore(file))`. Nothing here knows SQL.
 * Not named .test.ts: it only runs through an implementation's test file.
 */
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../src/core/types.js';
import type { Store } from '../src/store/store.js';
import { linkContract } from './store-contract-links.js';
import {
  budgetArticle,
  footballArticle,
  makeArticle,
  natoArticle,
} from './store-fixtures.js';
import { storeTest, type MakeStore, type Teardown } from './store-harness.js';

export function storeContract(name: string, makeStore: MakeStore, teardown: Teardown = (s) => s.close()): void {
  const h = { make: makeStore, teardown };
  describe(`Store contract: ${name}`, () => {
    describe('articles', () => articleContract(h));
    describe('search', () => searchContract(h));
    describe('quarantine, blobs, transactions', () => stateContract(h));
    describe('relations, events, storylines, quotes, entities', () => linkContract(h));
  });
}

type H = { make: MakeStore; teardown: Teardown };

/** `count` short dated articles, named so their order is known. */
function manyArticles(count: number): Article[] {
  const out: Article[] = [];
  for (let i = 0; i < count; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    out.push(
      makeArticle({
        name: `wire-${String(i).padStart(5, '0')}.txt`,
        paragraphs: [`Item ${i}: ministers met in Brussels on February ${day} to discuss troop deployments.`],
        published: i % 10 === 9 ? null : `2022-02-${day}`,
      }),
    );
  }
  return out;
}

function putAll(store: Store, articles: Article[]): void {
  store.transaction(() => {
    for (const a of articles) store.putArticle(a);
  });
}

/** The order the contract promises: published ascending, unknown dates last, then name. */
function expectedOrder(articles: Article[]): string[] {
  return [...articles]
    .sort((x, y) => {
      if (x.published !== y.published) {
        if (x.published === null) return 1;
        if (y.published === null) return -1;
        return x.published < y.published ? -1 : 1;
      }
      return x.name < y.name ? -1 : x.name > y.name ? 1 : 0;
    })
    .map((a) => a.name);
}

function articleContract(h: H): void {
  storeTest(h, 'an article round-trips every field exactly', (store) => {
    const a = natoArticle();
    assert.equal(store.putArticle(a), true);
    assert.deepEqual(store.getArticle(a.id), a);
    const b = footballArticle();
    store.putArticle(b);
    assert.deepEqual(store.getArticle(b.id), b, 'nulls and empty lists survive');
  });

  storeTest(h, 're-ingesting the same content is a no-op that returns false', (store) => {
    const a = natoArticle();
    assert.equal(store.putArticle(a), true);
    assert.equal(store.putArticle({ ...a, name: 'renamed.txt', title: 'Other title' }), false);
    assert.equal(store.countArticles(), 1);
    assert.deepEqual(store.getArticle(a.id), a, 'the first copy is kept unchanged');
    assert.equal(store.getArticle('renamed.txt'), undefined);
  });

  storeTest(h, 'hasArticle tells stored ids from unknown ones', (store) => {
    const a = natoArticle();
    store.putArticle(a);
    assert.equal(store.hasArticle(a.id), true);
    assert.equal(store.hasArticle('0000000000000000'), false);
    assert.equal(store.hasArticle(a.id.slice(0, 6)), false, 'a prefix is not an id');
  });

  storeTest(h, 'getArticle finds by id, name, unique name prefix and unique id prefix', (store) => {
    const a = natoArticle('000_f92a0e5a9a8db5c1.txt');
    const b = natoArticle('001_0f3b6c8d2e1a4b57.txt');
    const c = budgetArticle('https://www.reuters.com/world/uk/budget-2021-10-27/');
    putAll(store, [a, b, c]);
    assert.equal(store.getArticle(a.id)?.name, a.name);
    assert.equal(store.getArticle(b.name)?.id, b.id);
    assert.equal(store.getArticle(c.name)?.id, c.id, 'a url is a name too');
    assert.equal(store.getArticle('000')?.id, a.id, 'users type 000 for 000_….txt');
    assert.equal(store.getArticle('001_0f')?.id, b.id);
    assert.equal(store.getArticle('https://www.reuters')?.id, c.id);
    const idPrefix = [a.id, b.id, c.id].map((id) => id.slice(0, 7));
    assert.equal(store.getArticle(idPrefix[2])?.id, c.id);
  });

  storeTest(h, 'getArticle returns undefined for unknown, empty or ambiguous input', (store) => {
    putAll(store, [natoArticle('000_a.txt'), natoArticle('000_b.txt'), budgetArticle()]);
    assert.equal(store.getArticle('000_'), undefined, 'two names start with 000_');
    assert.equal(store.getArticle('missing.txt'), undefined);
    assert.equal(store.getArticle(''), undefined);
    assert.equal(store.getArticle('%'), undefined);
  });

  storeTest(h, 'getArticle treats prefixes literally, not as patterns', (store) => {
    const under = natoArticle('a_b.txt');
    const other = budgetArticle('axb.txt');
    putAll(store, [under, other]);
    assert.equal(store.getArticle('a_')?.id, under.id);
    assert.equal(store.getArticle('a%')?.id, undefined);
    assert.equal(store.getArticle('a*')?.id, undefined);
  });

  storeTest(h, 'an exact id wins over a name that happens to equal it', (store) => {
    const a = natoArticle();
    const impostor = budgetArticle(a.id);
    putAll(store, [a, impostor]);
    assert.equal(store.getArticle(a.id)?.id, a.id);
    assert.equal(store.getArticle(impostor.id)?.id, impostor.id);
  });

  storeTest(h, 'listArticles orders by published date, unknown dates last, then name', (store) => {
    const articles = manyArticles(40);
    putAll(store, [...articles].reverse());
    const listed = store.listArticles();
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
    assert.equal(store.countArticles(), 40);
  });

  storeTest(h, 'pages of listArticles tile the whole list; default limit 100, cap 1000', (store) => {
    const articles = manyArticles(1010);
    putAll(store, articles);
    const order = expectedOrder(articles);
    assert.equal(store.listArticles().length, 100);
    assert.equal(store.listArticles({ limit: 5000 }).length, 1000);
    const pages: string[] = [];
    for (let offset = 0; offset < 1010; offset += 300) {
      pages.push(...store.listArticles({ offset, limit: 300 }).map((s) => s.name));
    }
    assert.deepEqual(pages, order);
    assert.deepEqual(
      store.listArticles({ offset: 1000, limit: 50 }).map((s) => s.name),
      order.slice(1000),
    );
    assert.deepEqual(store.listArticles({ offset: 5000 }), []);
    assert.deepEqual(
      store.listArticles({ offset: -3, limit: 2 }).map((s) => s.name),
      order.slice(0, 2),
      'a negative offset counts as 0',
    );
  });

  storeTest(h, 'an empty store lists nothing', (store) => {
    assert.deepEqual(store.listArticles(), []);
    assert.equal(store.countArticles(), 0);
    assert.equal(store.getArticle('000'), undefined);
  });
}

function searchContract(h: H): void {
  const seed = (store: Store) => {
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
    putAll(store, [nato, budget, football, spun]);
    return { nato, budget, football, spun };
  };

  storeTest(h, 'search finds articles by words in the text or the title, with [hit] snippets', (store) => {
    const { nato, budget } = seed(store);
    const hits = store.search('Stoltenberg');
    assert.deepEqual(
      hits.map((x) => x.article.id),
      [nato.id],
    );
    assert.match(hits[0].snippet, /\[Stoltenberg\]/);
    assert.equal(hits[0].article.name, nato.name);
    assert.equal(hits[0].article.words, nato.words);
    assert.ok(Number.isFinite(hits[0].rank));
    const byTitle = store.search('hospital');
    assert.ok(byTitle.some((x) => x.article.id === budget.id));
  });

  storeTest(h, 'a hit only in the title still gets a [hit] snippet', (store) => {
    const a = makeArticle({
      name: 'kremlin.txt',
      title: 'Kremlin denies invasion plans',
      paragraphs: ['Moscow said on Monday it had no plans to attack its neighbour [and] called the reports hysteria.'],
    });
    store.putArticle(a);
    const hits = store.search('kremlin');
    assert.equal(hits.length, 1);
    assert.match(hits[0].snippet, /\[Kremlin\]/);
    assert.match(store.search('hysteria')[0].snippet, /\[hysteria\]/);
  });

  storeTest(h, 'plain words are ANDed', (store) => {
    const { nato, spun } = seed(store);
    assert.deepEqual(
      store.search('met border').map((x) => x.article.id),
      [spun.id],
    );
    assert.deepEqual(
      new Set(store.search('met').map((x) => x.article.id)),
      new Set([nato.id, spun.id]),
    );
  });

  storeTest(h, 'the better match ranks first', (store) => {
    const { budget } = seed(store);
    const hits = store.search('government');
    assert.ok(hits.length >= 2);
    assert.equal(hits[0].article.id, budget.id, 'in the title and the text beats once in the text');
    assert.ok(hits[0].rank >= hits[1].rank, 'rank is higher for better hits');
  });

  storeTest(h, 'hostile input never throws and hyphenated words still match', (store) => {
    const { nato } = seed(store);
    assert.deepEqual(
      store.search('NATO-Russia').map((x) => x.article.id),
      [nato.id],
    );
    const hostile = ['"', '""', 'war"games', 'AND', 'OR OR', 'NOT', 'NEAR(', '*', 'title:', "Russia's", '(', ')', '-nato', 'a:b:c', '^', '{x}', '  ', ''];
    for (const q of hostile) {
      assert.doesNotThrow(() => store.search(q), `search(${JSON.stringify(q)})`);
    }
    assert.deepEqual(store.search(''), []);
    assert.deepEqual(store.search('"'), []);
  });

  storeTest(h, 'FTS-style queries work: phrases and OR', (store) => {
    const { nato, budget, spun } = seed(store);
    assert.deepEqual(
      store.search('"war games"').map((x) => x.article.id),
      [nato.id],
      'the spun copy has war and games apart',
    );
    assert.deepEqual(
      new Set(store.search('Stoltenberg OR lawmakers').map((x) => x.article.id)),
      new Set([nato.id, budget.id]),
    );
    assert.ok(store.search('Estonia').some((x) => x.article.id === spun.id));
    assert.deepEqual(
      store.search('Stolten*').map((x) => x.article.id),
      [nato.id],
      'a trailing * searches by prefix',
    );
  });

  storeTest(h, 'search results page like everything else', (store) => {
    putAll(store, manyArticles(30));
    const all = store.search('Brussels', { limit: 1000 });
    assert.equal(all.length, 30);
    const paged = [...store.search('Brussels', { limit: 10 }), ...store.search('Brussels', { offset: 10, limit: 25 })];
    assert.deepEqual(
      paged.map((x) => x.article.id),
      all.map((x) => x.article.id),
    );
    assert.deepEqual(store.search('zeppelin'), []);
  });
}

function stateContract(h: H): void {
  storeTest(h, 'quarantine keeps every record in arrival order', (store) => {
    const records = [
      { origin: 'feeds/world.jsonl:17', code: 'MALFORMED_JSONL', message: 'feeds/world.jsonl:17: malformed JSON line (Unexpected token)', excerpt: '{"id": "a1", "text": ' },
      { origin: 'pages/empty.html', code: 'EMPTY_FILE', message: 'pages/empty.html: empty file', excerpt: '' },
      { origin: 'crawl.warc.gz', code: 'TRUNCATED_GZIP', message: 'crawl.warc.gz: truncated or corrupt gzip (unexpected end of file)', excerpt: '\u001f\u008b\b\u0000' },
    ];
    for (const r of records) store.putQuarantine(r);
    assert.deepEqual(store.listQuarantine(), records);
    assert.deepEqual(store.listQuarantine({ offset: 1, limit: 1 }), [records[1]]);
  });

  storeTest(h, 'blobs round-trip bytes as a Uint8Array and can be overwritten', (store) => {
    const bytes = new Uint8Array([0, 1, 2, 127, 128, 254, 255, 0]);
    store.putBlob('fingerprints/minhash', bytes);
    const back = store.getBlob('fingerprints/minhash');
    assert.ok(back instanceof Uint8Array);
    assert.deepEqual(back, bytes);
    const words = new Uint32Array([0xdeadbeef, 7, 0xffffffff]);
    store.putBlob('fingerprints/minhash', new Uint8Array(words.buffer));
    const again = store.getBlob('fingerprints/minhash')!;
    assert.deepEqual(new Uint32Array(again.slice().buffer), words);
    assert.equal(store.getBlob('missing'), undefined);
  });

  storeTest(h, 'a blob stores only the bytes of a view, and empty blobs survive', (store) => {
    const backing = new Uint8Array([9, 9, 1, 2, 3, 9]);
    store.putBlob('view', backing.subarray(2, 5));
    assert.deepEqual(store.getBlob('view'), new Uint8Array([1, 2, 3]));
    store.putBlob('empty', new Uint8Array(0));
    assert.deepEqual(store.getBlob('empty'), new Uint8Array(0));
  });

  storeTest(h, 'listBlobKeys returns the keys under a literal prefix, sorted', (store) => {
    for (const key of ['lsh/band-10', 'lsh/band-02', 'lshx', 'fp/000', 'lsh_/odd', 'lsh%']) {
      store.putBlob(key, new Uint8Array([1]));
    }
    assert.deepEqual(store.listBlobKeys('lsh/'), ['lsh/band-02', 'lsh/band-10']);
    assert.deepEqual(store.listBlobKeys('lsh_'), ['lsh_/odd']);
    assert.deepEqual(store.listBlobKeys('lsh%'), ['lsh%']);
    assert.equal(store.listBlobKeys('').length, 6);
    assert.deepEqual(store.listBlobKeys('nothing/'), []);
  });

  storeTest(h, 'transaction returns the value of its function and commits', (store) => {
    const a = natoArticle();
    const result = store.transaction(() => {
      store.putArticle(a);
      store.putBlob('k', new Uint8Array([1]));
      return 42;
    });
    assert.equal(result, 42);
    assert.equal(store.hasArticle(a.id), true);
  });

  storeTest(h, 'a throw inside a transaction rolls back every write and rethrows', (store) => {
    const kept = budgetArticle();
    store.putArticle(kept);
    const a = natoArticle();
    assert.throws(
      () =>
        store.transaction(() => {
          store.putArticle(a);
          store.putQuarantine({ origin: 'x.txt', code: 'EMPTY_FILE', message: 'x.txt: empty file', excerpt: '' });
          store.putBlob('state', new Uint8Array([1, 2]));
          store.putEvent({ id: 'E1', title: 't', dateBegin: null, dateEnd: null, articles: [a.id], entities: [], reasons: [] });
          throw new Error('boom');
        }),
      /boom/,
    );
    assert.equal(store.hasArticle(a.id), false);
    assert.equal(store.countArticles(), 1);
    assert.deepEqual(store.listQuarantine(), []);
    assert.equal(store.getBlob('state'), undefined);
    assert.equal(store.getEvent('E1'), undefined);
    assert.deepEqual(store.search('Stoltenberg'), [], 'the full-text index rolled back too');
  });
}
