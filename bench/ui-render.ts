/**
 * How long each UI page takes to render after its data arrives, on a generated database
 * (bench/ui-database.ts; 20,000 articles and an event of 2,000 by default), in Debian's chromium.
 *
 *   node dist/bench/ui-render.js [--articles 20000] [--big 2000] [--runs 3] [--shots docs/screenshots]
 *
 * "After data arrives": from the end of the page's last /api response to the moment the app marks the
 * route rendered (graphs and charts drawn). Also the API wait itself, and the big event's redraw when a
 * relation kind is ticked or unticked. Prints JSON and a summary line; the median of `--runs` loads is reported.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openBrowserSession, settled } from '../test/browser-helper.js';
import { writeUiDatabase, type UiDatabase } from './ui-database.js';

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] ?? fallback : fallback;
}

const articles = Number(arg('articles', '20000'));
const big = Number(arg('big', '2000'));
const runs = Number(arg('runs', '3'));
const shots = process.argv.includes('--shots') ? path.resolve(arg('shots', 'docs/screenshots')) : null;


/** The pages photographed for the README with --shots. */
const SHOWN = new Set(['storylines', 'storyline (biggest)', `event of ${big} articles`, 'articles, filtered', 'diff', 'relations', 'quotes by drift', 'entity']);

interface Timing {
  /** ms from navigation start to the last /api response. */
  api: number;
  /** ms from the last /api response to the rendered route. */
  render: number;
}

/** A full page load of `url` (not a hash change), timed by the app's own `wiretrace:rendered` mark. */
async function load(page: Page, url: string): Promise<Timing> {
  await page.goto('about:blank');
  await page.goto(url);
  await settled(page);
  return page.evaluate(() => {
    const ready = performance.getEntriesByName('wiretrace:rendered').pop()!.startTime;
    const apis = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/')) as PerformanceResourceTiming[];
    const dataAt = Math.max(...apis.map((e) => e.responseEnd));
    return { api: Math.round(dataAt), render: Math.round(ready - dataAt) };
  });
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  let db!: UiDatabase;
  let generateMs = 0;
  const session = await openBrowserSession('ui-bench', async (store) => {
    const t0 = performance.now();
    db = await writeUiDatabase(store, { articles, bigEvent: big });
    generateMs = Math.round(performance.now() - t0);
  });
  const { server, browser, page } = session;
  try {
    page.setDefaultTimeout(120_000);
    const get = async <T>(url: string): Promise<T> => (await (await fetch(`${server.url}${url}`)).json()) as T;
    const biggestLine = (await get<{ items: Array<{ id: string }> }>('/api/storylines?sort=size&limit=1')).items[0]!.id;
    const spin = (await get<{ items: Array<{ aId: string; bId: string }> }>('/api/relations?kind=update&limit=1')).items[0]!;
    const pages: Record<string, string> = {
      storylines: '#/?sort=recency',
      'storylines, last page': `#/?offset=${Math.floor((db.storylines - 1) / 25) * 25}`,
      'storyline (biggest)': `#/story/${biggestLine}`,
      'events by size': '#/events?sort=size',
      [`event of ${big} articles`]: `#/event/${db.bigEvent}`,
      'articles, filtered': '#/articles?outlet=BBC&from=2022-02-01&to=2022-06-30&sort=published&order=desc',
      article: `#/article/${spin.bId}`,
      diff: `#/diff/${spin.aId}/${spin.bId}`,
      relations: '#/relations?kind=update&minScore=0.5',
      'quotes by drift': '#/quotes?sort=drift',
      entity: '#/entity/Kalle%20Laanet',
    };
    const results: Record<string, Timing & { runs: Timing[] }> = {};
    for (const [name, hash] of Object.entries(pages)) {
      const timings: Timing[] = [];
      for (let i = 0; i < runs; i++) timings.push(await load(page, `${server.url}/${hash}`));
      results[name] = { api: median(timings.map((t) => t.api)), render: median(timings.map((t) => t.render)), runs: timings };
      if (shots && SHOWN.has(name)) {
        mkdirSync(shots, { recursive: true });
        const file = name.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '').toLowerCase();
        await page.screenshot({ path: path.join(shots, `ui-${file}.png`) });
      }
    }
    // Responsiveness of the big event: untick a kind and wait for the redraw.
    await load(page, `${server.url}/#/event/${db.bigEvent}`);
    const redraws: number[] = [];
    for (let i = 0; i < runs * 2; i++) {
      // The redraw (model, layout, canvas) runs inside the change handler, so it is timed in the page.
      redraws.push(
        await page.evaluate(() => {
          const box = document.querySelector<HTMLInputElement>('[data-testid=kind-duplicate]')!;
          const start = performance.now();
          box.click();
          return Math.round(performance.now() - start);
        }),
      );
    }
    if (shots) {
      // The same event on a phone, in dark mode.
      const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
      await phone.goto(`${server.url}/#/diff/${spin.aId}/${spin.bId}`);
      await settled(phone);
      await phone.screenshot({ path: path.join(shots, 'ui-diff-phone-dark.png') });
      await phone.close();
    }
    const summary = {
      database: { ...db, outlets: db.outlets.length, speakers: db.speakers.length, generateMs },
      runs,
      pages: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { apiMs: v.api, renderMs: v.render }])),
      bigEventKindToggleMs: median(redraws),
    };
    console.log(JSON.stringify(summary, null, 2));
    const worst = Object.entries(results).filter(([k]) => !k.startsWith('event of')).sort((x, y) => y[1].render - x[1].render)[0]!;
    console.log(
      `ui-render: ${db.articles} articles, ${db.events} events, ${db.storylines} storylines; slowest page render ${worst[1].render} ms (${worst[0]}); ` +
        `event of ${big}: render ${results[`event of ${big} articles`]!.render} ms, kind toggle ${median(redraws)} ms`,
    );
  } finally {
    await session.close();
  }
}

await main();
