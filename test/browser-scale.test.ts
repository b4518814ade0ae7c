/**
 * The UI on a generated large database (bench/ui-database.ts: 20,000 articles, an event of 2,000):
 * filters change results and totals, a permalink restores the view, the big event's graph is capped and
 * collapsed and stays clickable, the keyboard reaches every relation, quotes, diff keys, compare, entity
 * pages, dark mode, and a 390 px screen with no horizontal overflow. No timings here: see bench/ui-render.ts.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { writeUiDatabase, type UiDatabase } from '../bench/ui-database.js';
import { chromiumMissing, openBrowserSession, settled, watchErrors, type BrowserSession } from './browser-helper.js';

const missing = chromiumMissing;
const BIG = 2000;
let session: BrowserSession;
let server: BrowserSession['server'];
let browser: Browser;
let page: Page;
let db: UiDatabase;

before(async () => {
  if (missing) return;
  session = await openBrowserSession('ui-scale', async (store) => (db = await writeUiDatabase(store, { articles: 20_000, bigEvent: BIG, seed: 11 })));
  ({ server, browser, page } = session);
  page.setDefaultTimeout(30_000);
});

after(async () => {
  if (!missing) await session?.close();
});

async function open(hash: string, on: Page = page): Promise<void> {
  await on.goto(`${server.url}/${hash}`);
  await settled(on);
}

async function api<T>(url: string): Promise<T> {
  return (await (await fetch(`${server.url}${url}`)).json()) as T;
}

async function shownTotal(): Promise<number> {
  return Number(await page.locator('[data-testid=total]').getAttribute('data-total'));
}

test('articles: an outlet and a date range change the results and the total; the URL restores the view', { skip: missing }, async () => {
  await open('#/articles');
  assert.equal(await shownTotal(), db.articles);
  await page.locator('[data-testid=filter-outlet]').selectOption('BBC');
  await page.waitForURL(/outlet=BBC/);
  await settled(page);
  const bbc = await api<{ total: number }>('/api/articles?outlet=BBC&limit=1');
  assert.equal(await shownTotal(), bbc.total);
  assert.ok(bbc.total > 0 && bbc.total < db.articles);
  const outlets = await page.locator('[data-testid=article-row] .meta').allTextContents();
  assert.ok(outlets.length > 0 && outlets.every((m) => m.includes('BBC')), 'every row is a BBC article');

  await page.locator('[data-testid=filter-from]').fill('2022-01-01');
  await page.locator('[data-testid=filter-to]').fill('2022-06-30');
  await page.locator('[data-testid=filters] button[type=submit]').click();
  await page.waitForURL(/from=2022-01-01.*to=2022-06-30|to=2022-06-30.*from=2022-01-01/);
  await settled(page);
  const ranged = await api<{ total: number }>('/api/articles?outlet=BBC&from=2022-01-01&to=2022-06-30&limit=1');
  assert.equal(await shownTotal(), ranged.total);
  assert.ok(ranged.total < bbc.total);
  assert.ok(ranged.total > 50, `two pages of BBC articles in the first half of 2022, got ${ranged.total}`);

  await page.locator('[data-testid=page-2]').click();
  await settled(page);
  assert.match(page.url(), /offset=50/);
  const rowsHere = await page.locator('[data-testid=article-row] a').first().textContent();
  const permalink = page.url();
  const csv = await page.locator('[data-testid=export-articles-csv]').getAttribute('href');
  assert.equal(csv, '/api/export/articles.csv?from=2022-01-01&to=2022-06-30&outlet=BBC', 'the export link carries the filter');
  const download = await page.request.get(new URL(csv!, page.url()).href);
  assert.equal(download.status(), 200);
  const lines = (await download.text()).trim().split(/\r?\n/);
  assert.equal(lines.length - 1, ranged.total, 'the export holds every filtered article, not one page');

  const fresh = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  try {
    await fresh.goto(permalink);
    await settled(fresh);
    assert.equal(await fresh.locator('[data-testid=filter-outlet]').inputValue(), 'BBC');
    assert.equal(await fresh.locator('[data-testid=filter-from]').inputValue(), '2022-01-01');
    assert.equal(await fresh.locator('[data-testid=article-row] a').first().textContent(), rowsHere, 'the permalink shows the same page');
  } finally {
    await fresh.close();
  }
});

test('storylines sort by size and jump to any page', { skip: missing }, async () => {
  await open('#/');
  assert.equal(await shownTotal(), db.storylines);
  await page.locator('[data-testid=filter-sort]').selectOption('size');
  await page.waitForURL(/sort=size/);
  await settled(page);
  const top = await api<{ items: Array<{ id: string; articles: number }> }>('/api/storylines?sort=size&limit=1');
  assert.equal(await page.locator('[data-testid=storyline]').first().getAttribute('data-id'), top.items[0]!.id);
  assert.ok(top.items[0]!.articles >= BIG, 'the storyline holding the big event is the biggest');
  const lastPage = Math.ceil(db.storylines / 25);
  await page.locator('[data-testid=page-jump]').fill(String(lastPage));
  await page.locator('[data-testid=page-jump]').press('Enter');
  await page.waitForURL(new RegExp(`offset=${(lastPage - 1) * 25}`));
  await settled(page);
  assert.equal(await page.locator('[data-testid=storyline]').count(), db.storylines - (lastPage - 1) * 25);
});

test('a storyline pages through its events, its chart covering the events shown', { skip: missing }, async () => {
  const line = (await api<{ items: Array<{ id: string; events: number }> }>('/api/storylines?sort=events&limit=1')).items[0]!;
  assert.ok(line.events >= 4, `${line.events} events`);
  const all = await api<{ events: Array<{ id: string }> }>(`/api/stories/${line.id}`);
  await open(`#/story/${line.id}?limit=2`);
  const shown = () => page.locator('[data-testid=story-events] [data-testid=event]').evaluateAll((items) => items.map((e) => e.getAttribute('data-id')));
  assert.deepEqual(await shown(), all.events.slice(0, 2).map((e) => e.id));
  assert.match((await page.locator('.page-head .meta').textContent()) ?? '', new RegExp(`${line.events} events · events 1–2 shown`));
  await page.locator('[data-testid=story-pager] a[rel=next]').click();
  await page.waitForURL(/offset=2/);
  await settled(page);
  assert.deepEqual(await shown(), all.events.slice(2, 4).map((e) => e.id));
  assert.equal(await page.locator('[data-testid=story-pager] a[rel=prev]').count(), 1, 'and back');
});

test('the 2,000-article event draws a capped, collapsed graph that stays clickable, with every relation in a table', { skip: missing }, async () => {
  await open(`#/event/${db.bigEvent}`);
  const graph = page.locator('[data-testid=rewrite-graph]');
  await graph.locator('canvas').first().waitFor();
  const nodes = Number(await graph.getAttribute('data-nodes'));
  assert.ok(nodes > 0 && nodes <= 150, `at most 150 nodes drawn, got ${nodes}`);
  const note = page.locator('[data-testid=graph-note]');
  assert.ok(Number(await note.getAttribute('data-groups')) < BIG, 'identical copies are folded into one node');
  assert.match((await note.textContent()) ?? '', /identical cop(y|ies) folded/);
  assert.equal(await page.locator('[data-testid=graph-relations] tbody tr').count(), 100, 'the first 100 relations are listed');

  const groupsBefore = Number(await note.getAttribute('data-groups'));
  await page.locator('[data-testid=kind-duplicate]').uncheck();
  assert.equal(Number(await note.getAttribute('data-groups')), BIG, 'without duplicate relations nothing is folded');
  assert.ok(groupsBefore < BIG);
  assert.equal(await page.locator('[data-testid=graph-relations] [data-kind=duplicate]').count(), 0);
  await page.locator('[data-testid=kind-duplicate]').check();

  await page.locator('[data-testid=all-relations]').click();
  const event = await api<{ graph: { edges: unknown[] } }>(`/api/events/${db.bigEvent}`);
  await page.locator('[data-testid=graph-relations] tbody tr').nth(event.graph.edges.length - 1).waitFor();
  assert.equal(await page.locator('[data-testid=graph-relations] tbody tr').count(), event.graph.edges.length, 'show all lists every relation');
  await page.locator('[data-testid=graph-show-all] summary').click();
  await page.locator('[data-testid=graph-articles] tbody tr').nth(BIG - 1).waitFor();
  assert.equal(await page.locator('[data-testid=graph-articles] tbody tr').count(), BIG, 'show all lists every article');

  // A click on a drawn node opens its article.
  const target = await graph.evaluate((el) => {
    const cy = (el as unknown as { cy: { nodes(): Array<{ id(): string; renderedPosition(): { x: number; y: number } }> } }).cy;
    const node = cy.nodes()[0]!;
    return { id: node.id(), ...node.renderedPosition() };
  });
  await graph.scrollIntoViewIfNeeded();
  await graph.evaluate((el) => {
    const cy = (el as unknown as { cy: { fit(): void } }).cy;
    cy.fit();
  });
  const pos = await graph.evaluate((el, id) => {
    const cy = (el as unknown as { cy: { getElementById(id: string): { renderedPosition(): { x: number; y: number } } } }).cy;
    return cy.getElementById(id).renderedPosition();
  }, target.id);
  const box = (await graph.boundingBox())!;
  await page.mouse.click(box.x + pos.x, box.y + pos.y);
  await page.waitForURL(new RegExp(`#/article/${target.id}$`));
  await settled(page);
});

test('the keyboard reaches a relation of the graph and opens its diff', { skip: missing }, async () => {
  await open(`#/event/${db.bigEvent}`);
  await page.locator('[data-testid=rewrite-graph] canvas').first().waitFor();
  await page.locator('[data-testid=graph-edge]').first().waitFor();
  let reached = false;
  for (let i = 0; i < 80 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'graph-edge');
  }
  assert.ok(reached, 'Tab reaches the first relation\u2019s diff link');
  await page.keyboard.press('Enter');
  await page.waitForURL(/#\/diff\//);
  await settled(page);
  await page.locator('[data-testid=diff-view]').waitFor();
});

test('diff: n and p step through changes; an article against itself says so', { skip: missing }, async () => {
  const spins = await api<{ items: Array<{ aId: string; bId: string }> }>('/api/relations?kind=update&limit=1');
  const pair = spins.items[0]!;
  await open(`#/diff/${pair.aId}/${pair.bId}`);
  await page.keyboard.press('n');
  await page.locator('[data-testid=change-status]', { hasText: /^Change 1 of \d+/ }).waitFor();
  const changes = Number(/of (\d+)/.exec((await page.locator('[data-testid=change-status]').textContent())!)![1]);
  if (changes > 1) {
    await page.keyboard.press('n');
    await page.locator('[data-testid=change-status]', { hasText: /^Change 2 of/ }).waitFor();
    await page.keyboard.press('p');
    await page.locator('[data-testid=change-status]', { hasText: /^Change 1 of/ }).waitFor();
  }
  assert.equal(await page.locator('.diff-pair.change.current').count(), 1, 'the current change is marked');
  assert.ok((await page.locator('[data-testid=updated-figures] li').count()) >= 1, 'the changed number is listed as an updated figure');
  assert.ok((await page.locator('[data-testid=diff-view] mark.figure').count()) >= 1);

  await open(`#/diff/${pair.aId}/${pair.aId}`);
  await page.locator('[data-testid=same-article]').waitFor();
  const names = await page.locator('.crumbs a').allTextContents();
  assert.equal(new Set(names).size, 1, `both sides are the same article: ${names.join(' / ')}`);
});

test('quote board: words, speaker and drift sorting; indirect quotes unmarked by quote marks; a jump into the article', { skip: missing }, async () => {
  await open('#/quotes');
  const all = await shownTotal();
  await page.locator('[data-testid=filter-speaker]').fill('Kalle Laanet');
  await page.locator('[data-testid=filter-speaker]').press('Enter');
  await page.waitForURL(/speaker=Kalle/);
  await settled(page);
  const laanet = await shownTotal();
  assert.ok(laanet > 0 && laanet < all);
  assert.deepEqual([...new Set(await page.locator('[data-testid=quote-group]').evaluateAll((els) => els.map((e) => e.getAttribute('data-speaker'))))], ['Kalle Laanet']);

  await open('#/quotes?sort=drift');
  const first = page.locator('[data-testid=quote-group]').first();
  assert.ok(await first.evaluate((el) => el.classList.contains('drifted')), 'the most drifted group comes first');
  await open('#/quotes?q=utterly');
  assert.ok((await shownTotal()) > 0);
  const variants = await page.locator('[data-testid=quote-variant]', { hasText: /utterly/ }).count();
  assert.ok(variants > 0);

  const indirect = page.locator('[data-testid=quote-variant][data-indirect=yes]').first();
  await open('#/quotes?sort=variants');
  await indirect.waitFor();
  assert.equal(await indirect.locator('blockquote').count(), 0, 'an indirect quote is not shown in quote marks');
  assert.equal(await indirect.locator('.badge.indirect').count(), 1);
  await indirect.locator('[data-testid=jump-to-quote]').click();
  await settled(page);
  await page.locator('.quote.target').waitFor();
  assert.ok(await page.locator('.quote.target').isVisible());
});

test('entity badges open a page of that entity\u2019s articles, events and quotes', { skip: missing }, async () => {
  await open(`#/event/${db.bigEvent}`);
  const badge = page.locator('[data-testid=entity-badge]').first();
  const name = (await badge.textContent())!;
  await badge.click();
  await settled(page);
  assert.equal(await page.locator('[data-testid=entity-name]').textContent(), name);
  assert.match((await page.locator('[data-testid=entity-articles] h2').textContent()) ?? '', /Articles \([1-9]/);
  assert.ok((await page.locator('[data-testid=entity-events] [data-testid=event-row]').count()) >= 1);
});

test('compare: two pasted texts are aligned on the server and shown side by side', { skip: missing }, async () => {
  await open('#/compare');
  const a = 'TALLINN — Officials said 40 people were affected by the harbour strike on Tuesday, as talks went on late into the night.\n\nThe strike follows weeks of pressure from unions.';
  const b = 'TALLINN — Officials said 45 people were affected by the harbour strike on Tuesday, as negotiations went on late into the night.\n\nThe strike follows weeks of pressure from unions.';
  await page.locator('[data-testid=compare-left]').fill(a);
  await page.locator('[data-testid=compare-right]').fill(b);
  await page.locator('[data-testid=compare-submit]').click();
  await page.locator('[data-testid=compare-result] [data-testid=diff-view]').waitFor();
  assert.ok((await page.locator('[data-testid=compare-result] .diff-pair').count()) >= 2);
  assert.match((await page.locator('[data-testid=updated-figures]').textContent()) ?? '', /40\s*→\s*45/);
});

test('dark mode follows the toggle and is remembered', { skip: missing }, async () => {
  await open('#/articles');
  const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.locator('[data-testid=theme-toggle]').click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(dark, light);
  await page.reload();
  await settled(page);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.locator('[data-testid=theme-toggle]').click();
});

test('at 390 px the event, diff, story, article and list pages do not scroll sideways', { skip: missing }, async () => {
  const narrow = await browser.newPage({ viewport: { width: 390, height: 844 } });
  watchErrors(narrow, session.problems);
  try {
    const pair = (await api<{ items: Array<{ aId: string; bId: string }> }>('/api/relations?kind=spin&limit=1')).items[0]!;
    const story = (await api<{ items: Array<{ id: string }> }>('/api/storylines?sort=size&limit=1')).items[0]!;
    for (const hash of [`#/event/${db.bigEvent}`, `#/diff/${pair.aId}/${pair.bId}`, `#/story/${story.id}`, `#/article/${pair.aId}`, '#/articles', '#/relations', '#/quotes', '#/compare']) {
      await open(hash, narrow);
      const { scroll, client } = await narrow.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      assert.ok(scroll <= client, `${hash}: page is ${scroll}px wide in a ${client}px window`);
    }
  } finally {
    await narrow.close();
  }
});

test('the pages raised no errors', { skip: missing }, () => {
  assert.deepEqual(session.problems, []);
});
