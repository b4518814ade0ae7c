import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { chromiumMissing, openBrowserSession, settled as settledOn, type BrowserSession } from './browser-helper.js';
import { ingestPaths } from '../src/pipeline/ingest.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sampleDir = path.join(root, 'sample');
const results = path.join(root, 'test-results');
const docShots = process.env.WIRETRACE_SCREENSHOTS === '1' ? path.join(root, 'docs', 'screenshots') : null;
const missing = chromiumMissing;

let session: BrowserSession;
let server: BrowserSession['server'];
let page: Page;

before(async () => {
  if (missing) return;
  const files = readdirSync(sampleDir).filter((n) => n.endsWith('.txt')).map((n) => path.join(sampleDir, n));
  session = await openBrowserSession('browser', (store) => ingestPaths(store, files));
  ({ server, page } = session);
  page.setDefaultTimeout(10_000);
  mkdirSync(results, { recursive: true });
  if (docShots) mkdirSync(docShots, { recursive: true });
});

after(async () => {
  if (!missing) await session?.close();
});

/** Waits until the single-page app has rendered the route it is on. */
async function settled(): Promise<void> {
  await settledOn(page);
}

async function shot(name: string, docName?: string): Promise<void> {
  await page.screenshot({ path: path.join(results, `browser-${name}.png`) });
  if (docShots && docName) await page.screenshot({ path: path.join(docShots, docName) });
}

async function api<T>(url: string): Promise<T> {
  return (await (await fetch(`${server.url}${url}`)).json()) as T;
}

const name = (prefix: string) => readdirSync(sampleDir).find((n) => n.startsWith(prefix))!;

test('storyline → event → rewrite graph → diff shows the synonym spin', { skip: missing }, async () => {
  const original = await api<{ id: string }>(`/api/articles/${name('000')}`);
  const spun = await api<{ id: string }>(`/api/articles/${name('002')}`);
  const stories = await api<{ items: Array<{ events: Array<{ id: string; articleIds: string[] }> }> }>('/api/stories');
  const event = stories.items.flatMap((s) => s.events).find((e) => e.articleIds.includes(original.id) && e.articleIds.includes(spun.id));
  assert.ok(event, 'an event holds both the AP original and its spun copy');

  await page.goto(`${server.url}/`);
  await settled();
  assert.ok((await page.locator('[data-testid=storyline]').count()) >= 1);
  await shot('storylines');
  await page.locator('[data-testid=storyline] a.story-title').first().click();
  await settled();
  assert.ok((await page.locator('h1[data-testid=story-title]').textContent())?.trim(), 'the story page has a heading');
  assert.doesNotMatch(await page.title(), /^wiretrace — wiretrace$/);
  await page.locator('[data-testid=timeline-chart] canvas').first().waitFor();
  await shot('story', 'storyline.png');

  await page.locator(`[data-testid=event][data-id="${event.id}"] a.event-title`).click();
  await settled();
  assert.match(page.url(), new RegExp(`#/event/${event.id}$`));
  await page.locator('[data-testid=rewrite-graph] canvas').first().waitFor();
  assert.ok(Number(await page.locator('[data-testid=rewrite-graph]').getAttribute('data-nodes')) >= 3, 'the graph shows the event\u2019s articles');
  await shot('event', 'event.png');

  const between = page.locator(
    `[data-testid=graph-relation][data-from="${original.id}"][data-to="${spun.id}"], [data-testid=graph-relation][data-from="${spun.id}"][data-to="${original.id}"]`,
  );
  assert.equal(await between.count(), 1, 'the relations table beside the graph links the original and the spun copy');
  await between.locator('[data-testid=graph-edge]').click();
  await page.waitForURL(/#\/diff\//);
  await settled();
  assert.match(page.url(), /#\/diff\//);
  await page.locator('[data-testid=diff-view]').waitFor();

  const swaps = await page.locator('[data-testid=diff-view] mark.swap.synonym').evaluateAll((marks) =>
    marks.map((m) => ({ a: m.getAttribute('data-a') ?? '', b: m.getAttribute('data-b') ?? '', text: m.textContent ?? '' })),
  );
  const warGames = swaps.find((s) => [s.a, s.b].some((w) => /^conflict video games$/i.test(w)) && [s.a, s.b].some((w) => /^war games$/i.test(w)));
  assert.ok(warGames, `"conflict video games" is marked as a synonym swap of "war games"; swaps: ${JSON.stringify(swaps.slice(0, 20))}`);
  for (const run of await page.locator('[data-testid=diff-unchanged]').all()) await run.locator('summary').click();
  const shown = page.locator('[data-testid=diff-view] mark.swap.synonym', { hasText: /conflict video games/i }).first();
  await shown.scrollIntoViewIfNeeded();
  assert.match((await shown.getAttribute('title')) ?? '', /war games/);
  await shot('diff', 'diff.png');
});

test('quote board shows how Laanet\u2019s words drifted', { skip: missing }, async () => {
  await page.goto(`${server.url}/`);
  await settled();
  await page.locator('.tabs a[data-tab=quotes]').click();
  await settled();
  const group = page.locator('[data-testid=quote-group]', { hasText: /Laanet/ }).first();
  await group.waitFor();
  const variants = await group.locator('[data-testid=quote-variant] blockquote').allTextContents();
  const joined = variants.join(' | ');
  for (const word of ['completely', 'totally', 'utterly']) assert.match(joined, new RegExp(`\\b${word}\\b`), `variant with "${word}" in ${joined}`);
  assert.ok((await group.locator('mark.swap').count()) >= 1, 'the drifted words are highlighted');
  await group.scrollIntoViewIfNeeded();
  await shot('quotes');
});

test('search box finds articles by their words', { skip: missing }, async () => {
  await page.goto(`${server.url}/`);
  await settled();
  await page.locator('[data-testid=search-input]').fill('Laanet');
  await page.locator('[data-testid=search-input]').press('Enter');
  await page.waitForURL(/#\/search\/Laanet$/);
  await settled();
  const rows = page.locator('[data-testid=search-results] [data-testid=article-row]');
  assert.ok((await rows.count()) >= 1);
  assert.ok((await rows.allTextContents()).some((t) => t.includes(name('000'))));
});

test('ingest page uploads a picked file with a progress bar, then shows the summary', { skip: missing }, async () => {
  const before = (await api<{ total: number }>('/api/articles?limit=1')).total;
  await page.goto(`${server.url}/#/ingest`);
  await settled();
  const text = 'RIGA, Latvia — The Latvian parliament approved a new budget on Thursday after a late-night session, officials said.\n\nThe budget raises spending on schools and roads.';
  await page.locator('[data-testid=file-input]').setInputFiles({ name: 'riga-budget.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await page.locator('[data-testid=ingest-status]', { hasText: /added 1/ }).waitFor();
  assert.equal(await page.locator('[data-testid=progress]').isVisible(), true);
  assert.equal((await api<{ total: number }>('/api/articles?limit=1')).total, before + 1);
  await shot('ingest');
});

test('the walk raised no page errors', { skip: missing }, () => {
  assert.deepEqual(session.problems, []);
});
