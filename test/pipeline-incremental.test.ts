import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { ingestPaths } from '../src/pipeline/ingest.js';
import { quotesView, storiesView } from '../src/pipeline/queries.js';
import { packageRoot } from '../src/cli/package-root.js';
import { scratchDir } from './scratch.js';

const sample = join(packageRoot(), 'sample');
const files = readdirSync(sample).filter((f) => f.endsWith('.txt')).sort();
const byPrefix = (p: string) => join(sample, files.find((f) => f.startsWith(p))!);

function openTemp(): Store {
  return openSqliteStore(join(scratchDir('incr'), 'w.db'));
}

/** Storylines as their events' dates and article names: independent of the ids an ingest order assigns. */
async function stories(store: Store) {
  return (await storiesView(store)).map((s) => s.events.map((e) => ({ date: e.date, articles: e.articles.map((n) => n.slice(0, 3)).sort() })));
}

async function quoteGroups(store: Store) {
  return (await quotesView(store))
    .map((g) => `${g.speaker} | ${g.variants.map((v) => `${v.article.slice(0, 3)}: ${v.text}`).join(' | ')}`)
    .sort();
}

test('ingesting the sample one file at a time, shuffled, gives the storyline and quote groups of one ingest', async () => {
  const whole = openTemp();
  const single = openTemp();
  try {
    await ingestPaths(whole, files.map((f) => join(sample, f)));
    for (const p of ['002', '000', '004', '001', '003']) await ingestPaths(single, [byPrefix(p)]);
    const lines = await stories(single);
    assert.equal(lines.length, 1);
    assert.deepEqual(lines[0]!.map((e) => e.date), ['2021-12-17', '2022-01-07', '2022-01-12']);
    assert.deepEqual(lines[0]!.map((e) => e.articles), [['004'], ['003'], ['000', '001', '002']]);
    assert.deepEqual(lines, await stories(whole));

    const laanet = (await quotesView(single)).filter((g) => g.variants.some((v) => /unacceptable proposals/.test(v.text)));
    assert.equal(laanet.length, 1);
    assert.equal(laanet[0]!.speaker, 'Kalle Laanet');
    // Variants in publication order (then name), drift against the earliest, whatever order they arrived in.
    assert.deepEqual(laanet[0]!.variants.map((v) => /(completely|totally|utterly) unacceptable/.exec(v.text)?.[1]), ['completely', 'totally', 'utterly']);
    assert.deepEqual(laanet[0]!.variants[0]!.flags, []);
    assert.ok(laanet[0]!.variants[2]!.drift.some((op) => op.op !== 'same'), 'the spun variant shows drift against the original');
    assert.deepEqual(await quoteGroups(single), await quoteGroups(whole));
  } finally {
    await whole.close();
    await single.close();
  }
});

test('an unrelated article ingested later leaves existing storyline and quote group ids as they were', async () => {
  const store = openTemp();
  try {
    await ingestPaths(store, files.map((f) => join(sample, f)));
    const storiesBefore = (await storiesView(store)).map((s) => [s.id, s.events.map((e) => e.id)]);
    const groupsBefore = (await quotesView(store)).map((g) => [g.group, g.variants.map((v) => v.articleId)]);
    const dir = scratchDir('incr-more');
    const other = join(dir, 'budget.txt');
    writeFileSync(
      other,
      'Chancellor unveils spring budget\n\nLONDON, March 15 (Reuters) - Britain\'s finance minister raised fuel duty and cut income tax on Wednesday. ' +
        '"This is a budget for growth and for working families," Chancellor Jeremy Hunt told parliament. ' +
        'Economists said the measures would add little to growth this year.\n',
    );
    const summary = await ingestPaths(store, [other]);
    assert.equal(summary.added, 1);
    const storiesAfter = await storiesView(store);
    assert.deepEqual(storiesAfter.slice(0, storiesBefore.length).map((s) => [s.id, s.events.map((e) => e.id)]), storiesBefore);
    assert.equal(storiesAfter.length, storiesBefore.length + 1);
    const groupsAfter = await quotesView(store);
    assert.deepEqual(groupsAfter.slice(0, groupsBefore.length).map((g) => [g.group, g.variants.map((v) => v.articleId)]), groupsBefore);
    assert.ok(groupsAfter.some((g) => g.speaker === 'Jeremy Hunt' && /budget for growth/.test(g.variants[0]!.text)));
  } finally {
    await store.close();
  }
});

test('a database whose derived state rows are unreadable is analysed again from its stored articles', async () => {
  const store = openTemp();
  try {
    await ingestPaths(store, files.filter((f) => !f.startsWith('001')).map((f) => join(sample, f)));
    const meta = await store.getRows('sl.meta', ['m']);
    assert.equal(meta.size, 1, 'storyline counters are a row');
    await store.putRows('sl.meta', [['m', new Uint8Array([1, 2, 3])]]);
    await store.putRows('qg.meta', [['m', new TextEncoder().encode('{"next": ')]]);
    await ingestPaths(store, [byPrefix('001')]);
    const lines = await stories(store);
    assert.equal(lines.length, 1);
    assert.deepEqual(lines[0]!.map((e) => e.articles), [['004'], ['003'], ['000', '001', '002']]);
    const laanet = (await quotesView(store)).filter((g) => g.variants.some((v) => /unacceptable proposals/.test(v.text)));
    assert.equal(laanet.length, 1);
    assert.deepEqual(laanet[0]!.variants.map((v) => v.article.slice(0, 3)), ['000', '001', '002']);
  } finally {
    await store.close();
  }
});
