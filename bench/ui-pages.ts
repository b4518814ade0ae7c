/**
 * The UI's pages on a database a pipeline left (the 200k stream's, say), in Debian's chromium: each
 * page loaded whole (median of --runs) to the app's own `wiretrace:rendered` mark, with the time its
 * last /api response arrived; the biggest storyline and event of the database included. Page errors
 * are counted. For a generated database of a chosen shape, see ui-render.ts.
 * Run: npx tsc -p tsconfig.json && node dist/bench/ui-pages.js --db FILE [--runs 3]
 */
import { parseArgs } from 'node:util';
import { launchChromium, settled } from '../test/browser-helper.js';
import { startServer } from '../src/server/serve.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';

const { values } = parseArgs({ options: { db: { type: 'string' }, runs: { type: 'string', default: '3' } } });
if (!values.db) throw new Error('give the database with --db');
const runs = Number(values.runs);
const store = openSqliteStore(values.db);
const server = await startServer(store, { port: 0 });
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  const first = async (url: string) => ((await (await fetch(`${server.url}${url}`)).json()) as { items: Array<{ id: string }> }).items[0]?.id ?? '';
  const line = await first('/api/storylines?sort=events&limit=1');
  const event = await first('/api/events?sort=size&limit=1');
  const hashes = [
    '#/', '#/?sort=recency', `#/story/${line}`, `#/event/${event}`, '#/events?sort=size', '#/relations', '#/relations?kind=spin',
    '#/quotes', '#/quotes?sort=variants', '#/quotes?sort=drift', '#/articles', '#/articles?sort=title',
  ];
  const rows: Array<{ page: string; renderedMs: number; dataMs: number }> = [];
  for (const hash of hashes) {
    const loads: Array<{ ready: number; data: number }> = [];
    for (let r = 0; r < runs; r++) {
      await page.goto('about:blank');
      await page.goto(`${server.url}/${hash}`);
      await settled(page);
      loads.push(
        await page.evaluate(() => {
          const ready = performance.getEntriesByName('wiretrace:rendered').pop()?.startTime ?? -1;
          const apis = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/')) as PerformanceResourceTiming[];
          return { ready: Math.round(ready), data: Math.round(Math.max(0, ...apis.map((e) => e.responseEnd))) };
        }),
      );
    }
    const median = loads.sort((a, b) => a.ready - b.ready)[Math.floor(loads.length / 2)]!;
    rows.push({ page: hash, renderedMs: median.ready, dataMs: median.data });
    console.log(`${String(median.ready).padStart(6)} ms rendered (data ${median.data} ms) ${hash}`);
  }
  console.log(JSON.stringify({ runs, pageErrors: errors.length, rows }));
} finally {
  await browser.close();
  await server.close();
  await store.close();
}
