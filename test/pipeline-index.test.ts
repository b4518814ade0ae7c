import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ingestPaths } from '../src/pipeline/ingest.js';
import { linksView } from '../src/pipeline/queries.js';
import { packageRoot } from '../src/cli/package-root.js';
import { scratchDir } from './scratch.js';

const sample = join(packageRoot(), 'sample');
const original = readdirSync(sample).find((f) => f.startsWith('003_'))!;

test('a later ingest links new copies to articles stored earlier, even when a stored fingerprint row is unreadable', async () => {
  const dir = scratchDir('index');
  const store = openSqliteStore(join(dir, 'w.db'));
  try {
    await ingestPaths(store, [join(sample, original)]);
    const fingerprints = await store.getRows('fp', ['1']);
    assert.equal(fingerprints.size, 1, 'the fingerprint is a row keyed by the article seq');
    await store.putRows('fp', [['1', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])]]);
    const copy = join(dir, 'copy-of-003.txt');
    const text = readFileSync(join(sample, original), 'utf8');
    writeFileSync(copy, text.replace('NATO weighs', 'NATO considers').replace('Short link:', ''));
    const summary = await ingestPaths(store, [copy]);
    assert.equal(summary.added, 1);
    const links = await linksView(store, 'copy-of-003.txt');
    assert.equal(links.length, 1);
    assert.ok(['duplicate', 'excerpt'].includes(links[0]!.kind), links[0]!.kind);
  } finally {
    await store.close();
  }
});

test('articles an earlier ingest stored without analysing are linked and clustered by the next one', async () => {
  const dir = scratchDir('pending');
  const store = openSqliteStore(join(dir, 'w.db'));
  try {
    const files = readdirSync(sample).filter((f) => /^00[03]_/.test(f)).map((f) => join(sample, f));
    const skipped = await ingestPaths(store, files, { skipAnalysis: true });
    assert.equal(skipped.added, 2);
    assert.equal((await store.listEvents()).length, 0);
    const copy = join(dir, 'copy-of-003.txt');
    writeFileSync(copy, readFileSync(join(sample, original), 'utf8').replace('NATO weighs', 'NATO considers'));
    await ingestPaths(store, [copy]);
    assert.equal((await store.listEvents()).flatMap((e) => e.articles).length, 3);
    const kinds = (await linksView(store)).map((l) => [l.a.slice(0, 3), l.b.slice(0, 3)].sort().join('-')).sort();
    assert.deepEqual(kinds, ['000-003', '000-cop', '003-cop']);
  } finally {
    await store.close();
  }
});
