/**
 * The whole embedded pipeline, end to end: read + clean + store + entities + quotes + fingerprint +
 * link + cluster + storylines + quote groups, into a fresh SQLite file, over the BBC corpus (files)
 * and Reuters-21578 (written once as JSONL, so the JSONL reader is measured too).
 * Run: npx tsc -p tsconfig.json && node dist/bench/pipeline.js [--reuters N]
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVAL_DIR, loadReuters } from './corpora.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ingestPaths } from '../src/pipeline/ingest.js';

const at = process.argv.indexOf('--reuters');
const reutersCount = at >= 0 ? Number(process.argv[at + 1]) : 5000;
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

async function measure(label: string, inputs: string[]): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'wiretrace-bench-'));
  const store = openSqliteStore(join(dir, 'bench.db'));
  const started = performance.now();
  const summary = await ingestPaths(store, inputs);
  const seconds = (performance.now() - started) / 1000;
  const result = {
    corpus: label,
    articles: summary.added,
    quarantined: summary.quarantined,
    seconds: Number(seconds.toFixed(1)),
    articlesPerSecond: Math.round(summary.added / seconds),
    relations: await store.countRelations(),
    events: await store.countEvents(),
    storylines: await store.countStorylines(),
    quoteGroups: await store.countQuoteGroups(),
  };
  await store.close();
  return result;
}

const dir = mkdtempSync(join(tmpdir(), 'wiretrace-reuters-'));
const jsonl = join(dir, 'reuters.jsonl');
const reuters = loadReuters().slice(0, reutersCount);
writeFileSync(jsonl, reuters.map((r) => JSON.stringify({ id: r.name, title: r.title, text: r.text, published: r.date })).join('\n'));

const results = [await measure('bbc', [join(EVAL_DIR, 'corpus-bbc')]), await measure(`reuters (${reuters.length})`, [jsonl])];
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
console.log(JSON.stringify({ results, peakRssMiB: Math.round(peakRss / 2 ** 20) }, null, 2));
for (const r of results) console.log(`pipeline ${r.corpus}: ${r.articles} articles in ${r.seconds}s = ${r.articlesPerSecond} articles/s`);
console.log(`peak RSS ${Math.round(peakRss / 2 ** 20)} MiB`);
