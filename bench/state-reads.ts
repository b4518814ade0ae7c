/**
 * State-row reads of the ordered step, per article and by namespace, over a generated stream: each
 * is a statement on SQLite and a round trip on PostgreSQL, so fewer reads is a faster distributed
 * ordered step. The articles are stored first, then analysed through a store whose transactions count
 * their `getRows` calls.
 * `--cache-scale` shrinks every row cache (as `StateLimits.rowCacheScale`), so a small stream shows
 * how often rows dropped from a full cache are read again, as a large one would.
 * `--held-entries` bounds the LSH bucket entries held in memory likewise (4,000,000 by default); band
 * keys the held buckets cannot answer alone are counted as looked up in the store.
 * `--file A,B` analyses those files or folders instead of a generated stream; with `--db FILE`, into a
 * copy of that database: late in a long stream without a new long run (the database a 200k run left,
 * and `generate-corpus.js --count 200000 --real --continue 4000`: the articles that would come next).
 * Prints the analysis's CPU (all threads), wall time and the process's peak RSS too.
 * `--hold-buckets` holds the buckets in memory however few the articles (as a long stream does; a
 * short continuation of a big database would look every band key up in the store). Band-key look-ups
 * are timed (`bucketMsPerArticle`).
 * Run: npx tsc -p tsconfig.json && node dist/bench/state-reads.js [--count 1000] [--seed 3] [--cache-scale 1] [--held-entries N] [--hold-buckets] [--file PATHS [--db FILE]]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ingestPaths } from '../src/pipeline/ingest.js';
import { analyzePending } from '../src/pipeline/analyze.js';
import { AnalysisState } from '../src/pipeline/analysis-state.js';
import { resolveOptions } from '../src/core/config.js';
import type { Store } from '../src/store/store.js';
import type { RowChanges } from '../src/core/rows.js';
import { generateCorpus } from './scale/corpus-files.js';
import { copyDatabase } from './scale/database-files.js';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '1000' }, seed: { type: 'string', default: '3' }, 'cache-scale': { type: 'string', default: '1' }, 'held-entries': { type: 'string' }, 'hold-buckets': { type: 'boolean', default: false }, file: { type: 'string' }, db: { type: 'string' } },
});
if (values.db && !values.file) throw new Error('--db needs --file: the articles to analyse into the copy');
const dir = mkdtempSync(join(tmpdir(), 'wiretrace-state-reads-'));
const corpus = values.file?.split(',') ?? [join(dir, 'corpus')];
if (!values.file) generateCorpus(corpus[0]!, Number(values.count), { seed: Number(values.seed), real: false });
const db = join(dir, 'reads.db');
if (values.db) copyDatabase(values.db, db);
const store = openSqliteStore(db);
await ingestPaths(store, corpus, { skipAnalysis: true });

const reads = new Map<string, number>();
const rows = new Map<string, number>();
/** Rows read a second time or more (dropped from a full cache, or known absent and asked again). */
const again = new Map<string, number>();
const seen = new Set<string>();
/** Bytes of state rows written, by namespace. */
const written = new Map<string, number>();
const rowsWritten = new Map<string, number>();
/** Band keys looked up in the store (the held buckets could not answer them alone). */
let bucketKeys = 0;
/** Time spent in those look-ups, ms. */
let bucketMs = 0;
const timed = (lookup: () => Promise<Int32Array>): Promise<Int32Array> => {
  const started = performance.now();
  return lookup().finally(() => (bucketMs += performance.now() - started));
};
const counting = (tx: Store): Store =>
  new Proxy(tx, {
    get(target, key, receiver) {
      if (key === 'putRows') {
        return (ns: string, changes: RowChanges) => {
          for (const [, value] of changes) written.set(ns, (written.get(ns) ?? 0) + (value?.byteLength ?? 0));
          rowsWritten.set(ns, (rowsWritten.get(ns) ?? 0) + changes.length);
          return target.putRows(ns, changes);
        };
      }
      if (key === 'lookupBuckets') {
        return (keys: Int32Array, perKey: number) => {
          bucketKeys += keys.length;
          return timed(() => target.lookupBuckets(keys, perKey));
        };
      }
      if (key === 'lookupOlderBuckets') {
        return (keys: Int32Array, perKey: number, below: number) => {
          bucketKeys += keys.length;
          return timed(() => target.lookupOlderBuckets(keys, perKey, below));
        };
      }
      if (key !== 'getRows') return Reflect.get(target, key, receiver);
      return (ns: string, keys: readonly string[]) => {
        reads.set(ns, (reads.get(ns) ?? 0) + 1);
        rows.set(ns, (rows.get(ns) ?? 0) + keys.length);
        for (const key of keys) {
          const id = `${ns}\u0000${key}`;
          if (seen.has(id)) again.set(ns, (again.get(ns) ?? 0) + 1);
          else seen.add(id);
        }
        return target.getRows(ns, keys);
      };
    },
  });
const counted = new Proxy(store, {
  get(target, key, receiver) {
    if (key !== 'transaction') return Reflect.get(target, key, receiver);
    return <T>(fn: (tx: Store) => Promise<T>) => target.transaction((tx) => fn(counting(tx)));
  },
});
const held = values['held-entries'] === undefined ? {} : { entries: Number(values['held-entries']) };
const state = new AnalysisState(counted, resolveOptions({}), { rowCacheScale: Number(values['cache-scale']), resident: held });
const cpu = process.cpuUsage();
const started = performance.now();
const summary = await analyzePending(counted, { state, ...(values['hold-buckets'] ? { holdBuckets: true } : {}) });
const used = process.cpuUsage(cpu);
const cpuS = Number(((used.user + used.system) / 1e6).toFixed(1));
const wallS = Number(((performance.now() - started) / 1000).toFixed(1));
await store.close();
// Its database (a copy of --db, or the generated stream's) is of no further use, and may be several GB.
rmSync(dir, { recursive: true, force: true });
const sum = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
const perArticle = (n: number) => Number((n / summary.analysed).toFixed(2));
const byNamespace = (counts: Map<string, number>) => Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]).map(([ns, n]) => [ns, perArticle(n)]));
const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
const result = { analysed: summary.analysed, cpuS, wallS, peakRssMiB, readsPerArticle: perArticle(sum(reads)), rowsPerArticle: perArticle(sum(rows)), bucketKeysPerArticle: perArticle(bucketKeys), bucketMsPerArticle: perArticle(bucketMs), reads: byNamespace(reads), rows: byNamespace(rows), again: byNamespace(again), bytesWritten: byNamespace(written), rowsWritten: byNamespace(rowsWritten) };
console.log(JSON.stringify(result, null, 2));
console.log(`state-reads: ${summary.analysed} articles analysed in ${cpuS} CPU-s (${wallS} s wall), ${result.readsPerArticle} state-row reads and ${result.rowsPerArticle} rows read per article`);
