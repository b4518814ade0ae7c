/**
 * Response times of the HTTP API, to check that no endpoint a page calls waits on a full scan: on a
 * synthetic 20k-article database filled straight through the Store (articles, relations, events,
 * storylines, quote groups), or with --db on a database a pipeline left (the 200k stream's), where the
 * requests are every list with each sort and filter a page offers, and the biggest event, storyline
 * and quote groups it holds. --db opens the file as `serve` does (upgrading its schema once, timed).
 * Run: npx tsc -p tsconfig.json && node dist/bench/server-api.js [--count 20000] [--db FILE]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Hono } from 'hono';
import { createApp } from '../src/server/app.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { fillSyntheticStore } from './synthetic/store-fill.js';

const { values } = parseArgs({ options: { count: { type: 'string', default: '20000' }, db: { type: 'string' } } });
const count = Number(values.count);
const dir = values.db ? null : mkdtempSync(path.join(os.tmpdir(), 'wiretrace-bench-server-'));
const opened = performance.now();
const store = openSqliteStore(values.db ?? path.join(dir!, 'bench.db'));
if (values.db) console.log(`opened ${values.db} in ${((performance.now() - opened) / 1000).toFixed(1)} s (schema upgrades included)`);
else {
  const t0 = performance.now();
  await fillSyntheticStore(store, count);
  console.log(`filled ${count} articles in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
const app = createApp(store);

async function body(app: Hono, url: string): Promise<any> {
  return (await app.request(url)).json();
}

/** Every list a page shows, each sort and filter, and the largest event, storyline and quote groups of the database. */
async function databaseUrls(app: Hono): Promise<string[]> {
  const total = (await body(app, '/api/articles?limit=1')).total as number;
  const article = (await body(app, `/api/articles?limit=1&offset=${Math.floor(total / 2)}`)).items[0].id as string;
  const event = (await body(app, '/api/events?limit=1&sort=size')).items[0].id as string;
  const line = (await body(app, '/api/storylines?limit=1&sort=events')).items[0].id as string;
  const outlet = (await body(app, '/api/outlets')).items[0]?.outlet as string;
  const relations = (await body(app, '/api/relations?limit=1')).total as number;
  const lists = (path: string, sorts: string[], filters: string[]) => [path, ...sorts.map((s) => `${path}&sort=${s}`), ...filters.map((f) => `${path}&${f}`)];
  return [
    ...lists('/api/articles?limit=50', ['title', 'outlet', 'words'], [`offset=${total - 50}`, 'q=oil', 'q=%22interest%20rates%22', 'from=2020-01-01&to=2020-02-01', `outlet=${encodeURIComponent(outlet)}`]),
    `/api/articles/${article}`, `/api/links?article=${article}`, '/api/search?q=government&limit=25', '/api/search?q=bank%20OR%20rates%20-oil&limit=25',
    ...lists('/api/relations?limit=50', [], ['kind=spin', 'minScore=0.9', `offset=${Math.max(0, relations - 50)}`]),
    ...lists('/api/events?limit=50', ['size', 'recency', 'span'], ['q=bank', 'offset=50000']),
    `/api/events/${event}`, `/api/coverage?event=${event}`,
    ...lists('/api/storylines?limit=50', ['size', 'events', 'recency'], ['q=bank']),
    `/api/stories/${line}`, `/api/coverage?storyline=${line}`, '/api/stories?limit=20',
    ...lists('/api/quotes?limit=50', ['variants', 'drift'], ['q=bank', 'minVariants=2', 'speaker=Smith']),
    '/api/outlets', '/api/quarantine', `/report/${article}`,
  ];
}

const mid = Math.floor(count / 2);
const urls = values.db
  ? await databaseUrls(app)
  : [
      '/api/articles?offset=0&limit=50', `/api/articles?offset=${count - 50}&limit=50`, `/api/articles?after=${(mid * 2 - 2).toString(16).padStart(16, '0')}&limit=50`, `/api/articles/doc-${mid}.txt`, '/api/search?q=treaty&limit=25',
      `/api/links?article=doc-${mid}.txt`, '/api/links?limit=50', `/api/diff?a=doc-${mid}.txt&b=doc-${mid + 1}.txt`, '/api/stories?limit=20',
      `/api/stories/S${Math.floor(count / 40)}`, `/api/events/E${Math.floor(count / 8)}`, '/api/quotes?limit=50', '/api/quarantine',
    ];
for (const url of urls) {
  const times: number[] = [];
  let status = 0;
  let bytes = 0;
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    const response = await app.request(url);
    bytes = (await response.arrayBuffer()).byteLength;
    status = response.status;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`${String(status).padEnd(4)} median ${times[2]!.toFixed(1).padStart(8)} ms ${String(bytes).padStart(9)} B  ${url}`);
}
await store.close();
if (dir) rmSync(dir, { recursive: true, force: true });
