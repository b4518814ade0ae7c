import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SEARCH_LIMITS, parseSearch } from '../src/store/search-syntax.js';
import { compileSearch, ftsMatch } from '../src/store/sqlite/fts.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { budgetArticle, makeArticle, natoArticle, putAll } from './store-fixtures.js';

const word = (text: string, prefix = false) => ({ words: [text], prefix });

test('words are ANDed clauses; OR joins neighbours; - excludes', () => {
  assert.deepEqual(parseSearch('nato russia'), { all: [[word('nato')], [word('russia')]], none: [] });
  assert.deepEqual(parseSearch('nato OR otan russia'), { all: [[word('nato'), word('otan')], [word('russia')]], none: [] });
  assert.deepEqual(parseSearch('nato -russia -"war games"'), {
    all: [[word('nato')]],
    none: [word('russia'), { words: ['war', 'games'], prefix: false }],
  });
  assert.deepEqual(parseSearch('nato or russia').all.length, 3, 'only upper-case OR is an operator');
  assert.deepEqual(parseSearch('OR nato OR').all, [[word('nato')]], 'a dangling OR is ignored');
});

test('phrases, punctuation inside words, prefixes', () => {
  assert.deepEqual(parseSearch('"war games" Stolten*').all, [[{ words: ['war', 'games'], prefix: false }], [word('Stolten', true)]]);
  assert.deepEqual(parseSearch('NATO-Russia').all, [[{ words: ['NATO', 'Russia'], prefix: false }]]);
  assert.deepEqual(parseSearch('10:30').all, [[{ words: ['10', '30'], prefix: false }]]);
  assert.deepEqual(parseSearch('ab*').all, [[word('ab')]], 'a prefix needs 3 characters before *');
  assert.deepEqual(parseSearch('"unbalanced phrase').all, [[{ words: ['unbalanced', 'phrase'], prefix: false }]]);
  for (const q of ['"', '""', '*', '-', '- -', '(', ')', '^', '{', '']) assert.deepEqual(parseSearch(q).all, [], q);
});

test('the cost is bounded: words, prefixes and length', () => {
  const many = Array.from({ length: 200 }, (_, i) => `term${i}*`).join(' OR ');
  const query = parseSearch(many);
  const terms = query.all.flat();
  assert.equal(terms.filter((t) => t.prefix).length, DEFAULT_SEARCH_LIMITS.prefixes);
  assert.ok(terms.length <= DEFAULT_SEARCH_LIMITS.words);
  const words = parseSearch(Array.from({ length: 100 }, (_, i) => `w${i}`).join(' '));
  assert.equal(words.all.length, DEFAULT_SEARCH_LIMITS.words);
  const longPhrase = parseSearch(`"${'x '.repeat(100)}"`);
  assert.equal(longPhrase.all[0][0].words.length, DEFAULT_SEARCH_LIMITS.words);
  assert.ok(parseSearch('a '.repeat(100_000)).all.length <= DEFAULT_SEARCH_LIMITS.words);
});

test('compiled FTS5 quotes every term and never passes syntax through', () => {
  assert.equal(ftsMatch('nato OR otan -"war games" Stolten*'), '(("nato" OR "otan") AND "Stolten"*) NOT ("war games")');
  assert.equal(ftsMatch('NEAR(a b) title:x AND'), '"NEAR a" AND "b" AND "title x" AND "AND"');
  assert.equal(ftsMatch('-only -exclusions'), null);
  assert.equal(compileSearch({ all: [], none: [] }), null);
});

test('a search through the SQLite store: phrase, exclusion, OR and a 200-term query', async () => {
  const store = openSqliteStore(':memory:');
  try {
    const nato = natoArticle();
    const budget = budgetArticle();
    const spun = makeArticle({
      name: '002_spun.txt',
      paragraphs: ['Brussels — Ministers met to discuss the conflict video games staged near the border.', 'Estonia said its war plans were ready; more games are due.'],
    });
    await putAll(store, [nato, budget, spun]);
    const ids = async (q: string) => new Set((await store.search(q)).map((hit) => hit.article.id));
    assert.deepEqual(await ids('"war games"'), new Set([nato.id]));
    assert.deepEqual(await ids('games'), new Set([nato.id, spun.id]));
    assert.deepEqual(await ids('games -"war games"'), new Set([spun.id]));
    assert.deepEqual(await ids('games -Stoltenberg'), new Set([spun.id]));
    assert.deepEqual(await ids('Stoltenberg OR lawmakers'), new Set([nato.id, budget.id]));
    assert.deepEqual(await ids('-games'), new Set());
    assert.deepEqual(await ids('NATO-Russia'), new Set([nato.id]));
    for (const q of ['10:30', '"', 'a* OR b*', '""""', 'NEAR(x', '-']) await assert.doesNotReject(() => store.search(q), q);

    const huge = Array.from({ length: 200 }, (_, i) => `${String.fromCharCode(97 + (i % 26))}${i}x*`).join(' OR ');
    const started = performance.now();
    await store.search(huge);
    await store.search(Array.from({ length: 200 }, () => 'a*').join(' OR '));
    assert.ok(performance.now() - started < 1000, 'bounded: a 200-term query is cheap');
  } finally {
    await store.close();
  }
});
