/**
 * State-row reads of the ordered step, per article and by namespace, over a generated stream: each
 * is a statement on SQLite and a round trip on PostgreSQL, so fewer reads is a faster distributed
 * ordered step. The articles are stored first, then analysed through a store whose transactions count
 * their `getRows` calls.
 * Run: npx tsc -p tsconfig.json && node dist/bench/state-reads.js [--count 1000] [--seed 3]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ingestPaths } from '../src/pipeline/ingest.js';
import { analyzePending } from '../src/pipeline/analyze.js';
import type { Store } from '../src/store/store.js';
import { generateCorpus } from './scale/corpus-files.js';

const { values } = parseArgs({ options: { count: { type: 'string', default: '1000' }, seed: { type: 'string', default: '3' } } });
const dir = mkdtempSync(join(tmpdir(), 'wiretrace-state-reads-'));
generateCorpus(join(dir, 'corpus'), Number(values.count), { seed: Number(values.seed), real: false });
const store = openSqliteStore(join(dir, 'reads.db'));
await ingestPaths(store, [join(dir, 'corpus')], { skipAnalysis: true });

const reads = new Map<string, number>();
const counting = (tx: Store): Store =>
  new Proxy(tx, {
    get(target, key, receiver) {
      if (key !== 'getRows') return Reflect.get(target, key, receiver);
      return (ns: string, keys: readonly string[]) => {
        reads.set(ns, (reads.get(ns) ?? 0) + 1);
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
const summary = await analyzePending(counted);
await store.close();
const total = [...reads.values()].reduce((a, b) => a + b, 0);
const perArticle = (n: number) => Number((n / summary.analysed).toFixed(2));
const byNamespace = Object.fromEntries([...reads].sort((a, b) => b[1] - a[1]).map(([ns, n]) => [ns, perArticle(n)]));
console.log(JSON.stringify({ analysed: summary.analysed, readsPerArticle: perArticle(total), byNamespace }, null, 2));
console.log(`state-reads: ${summary.analysed} articles analysed, ${perArticle(total)} state-row reads per article`);
