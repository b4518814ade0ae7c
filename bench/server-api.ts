/**
 * Response times of the HTTP API on a synthetic 20k-article database, filled straight through
 * the Store (articles, relations, events, storylines, quote groups), to check that no endpoint
 * a page calls waits on a full scan.
 * Run: npx tsc -p tsconfig.json && node dist/bench/server-api.js [--count 20000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/server/app.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { fillSyntheticStore } from './synthetic/store-fill.js';

const i = process.argv.indexOf('--count');
const count = i >= 0 ? Number(process.argv[i + 1]) : 20_000;
const dir = mkdtempSync(path.join(os.tmpdir(), 'wiretrace-bench-server-'));
const store = openSqliteStore(path.join(dir, 'bench.db'));
const t0 = performance.now();
await fillSyntheticStore(store, count);
console.log(`filled ${count} articles in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const app = createApp(store);
const mid = Math.floor(count / 2);
const urls = [
  '/api/articles?offset=0&limit=50', `/api/articles?offset=${count - 50}&limit=50`, `/api/articles?after=${(mid * 2 - 2).toString(16).padStart(16, '0')}&limit=50`, `/api/articles/doc-${mid}.txt`, '/api/search?q=treaty&limit=25',
  `/api/links?article=doc-${mid}.txt`, '/api/links?limit=50', `/api/diff?a=doc-${mid}.txt&b=doc-${mid + 1}.txt`, '/api/stories?limit=20',
  `/api/stories/S${Math.floor(count / 40)}`, `/api/events/E${Math.floor(count / 8)}`, '/api/quotes?limit=50', '/api/quarantine',
];
for (const url of urls) {
  const times: number[] = [];
  let status = 0;
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    const response = await app.request(url);
    await response.arrayBuffer();
    status = response.status;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`${String(status).padEnd(4)} median ${times[2]!.toFixed(1).padStart(8)} ms  ${url}`);
}
await store.close();
rmSync(dir, { recursive: true, force: true });
