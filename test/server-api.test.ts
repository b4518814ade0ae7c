import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { ingestPaths } from '../src/pipeline/ingest.js';
import { createApp } from '../src/server/app.js';
import { startServer } from '../src/server/serve.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sampleDir = path.join(root, 'sample');
const sampleFiles = readdirSync(sampleDir).filter((n) => n.endsWith('.txt')).sort();
const [first, , third] = sampleFiles as [string, string, string];

let dir: string;
let store: Store;
let app: Hono;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wiretrace-server-'));
  store = openSqliteStore(path.join(dir, 'api.db'));
  await ingestPaths(store, sampleFiles.map((n) => path.join(sampleDir, n)));
  app = createApp(store);
});

after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function get(url: string): Promise<{ status: number; body: any }> {
  const response = await app.request(url);
  return { status: response.status, body: await response.json() };
}

async function expectError(url: string, status: number, code: string): Promise<void> {
  const { status: got, body } = await get(url);
  assert.equal(got, status, `${url} → ${got} ${JSON.stringify(body)}`);
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
}

function upload(files: Array<{ name: string; text: string }>, target: Hono = app): Promise<Response> {
  const form = new FormData();
  for (const f of files) form.append('files', new Blob([f.text]), f.name);
  return Promise.resolve(target.request('/api/ingest', { method: 'POST', body: form }));
}

test('GET /api/articles pages through every article with a total', async () => {
  const all = await get('/api/articles');
  assert.equal(all.status, 200);
  assert.equal(all.body.total, sampleFiles.length);
  assert.deepEqual(all.body.items.map((a: { name: string }) => a.name).sort(), sampleFiles);
  const page = await get('/api/articles?offset=1&limit=2');
  assert.equal(page.body.items.length, 2);
  assert.equal(page.body.more, true);
  assert.deepEqual(page.body.items, all.body.items.slice(1, 3));
  const last = await get(`/api/articles?offset=${sampleFiles.length - 1}&limit=2`);
  assert.equal(last.body.items.length, 1);
  assert.equal(last.body.more, false);
  const afterKey = await get(`/api/articles?after=${all.body.items[0].id}&limit=2`);
  assert.deepEqual(afterKey.body.items, all.body.items.slice(1, 3), 'after= pages by the last key shown');
  assert.equal(afterKey.body.more, true);
  await expectError('/api/articles?after=no-such-id', 400, 'BAD_REQUEST');
});

test('page sizes are clamped and bad paging parameters are 400', async () => {
  const big = await get('/api/articles?limit=100000');
  assert.equal(big.status, 200);
  assert.equal(big.body.limit, 200);
  assert.equal((await get('/api/stories?limit=100000')).body.limit, 100);
  await expectError('/api/articles?limit=abc', 400, 'BAD_REQUEST');
  await expectError('/api/articles?offset=-1', 400, 'BAD_REQUEST');
  await expectError('/api/articles?limit=0', 400, 'BAD_REQUEST');
  await expectError('/api/quotes?offset=1.5', 400, 'BAD_REQUEST');
});

test('GET /api/articles/:id by name or id, 404 when unknown', async () => {
  const byName = await get(`/api/articles/${encodeURIComponent(first)}`);
  assert.equal(byName.status, 200);
  assert.equal(byName.body.name, first);
  assert.ok(byName.body.text.length > 100);
  assert.ok(Array.isArray(byName.body.paragraphs) && byName.body.paragraphs.length > 1);
  const byId = await get(`/api/articles/${byName.body.id}`);
  assert.equal(byId.body.name, first);
  await expectError('/api/articles/no-such-article.txt', 404, 'NOT_FOUND');
  const ambiguous = await get('/api/articles/00');
  assert.equal(ambiguous.status, 400);
  assert.equal(ambiguous.body.error.code, 'AMBIGUOUS');
  assert.ok(ambiguous.body.error.message.includes(first), 'the candidates are listed');
  assert.equal((await get('/api/articles/003')).status, 200, 'a unique prefix still works');
});

test('GET /api/search finds words and rejects an empty query', async () => {
  const hits = await get('/api/search?q=Laanet');
  assert.equal(hits.status, 200);
  assert.ok(hits.body.items.some((h: { article: { name: string } }) => h.article.name === first));
  await expectError('/api/search', 400, 'BAD_REQUEST');
  await expectError('/api/search?q=%20%20', 400, 'BAD_REQUEST');
  const odd = await get('/api/search?q=%22unbalanced');
  assert.ok(odd.status === 200 || odd.status === 400, `malformed query gave ${odd.status}`);
});

test('GET /api/links lists relations, of one article, 404 for an unknown article', async () => {
  const all = await get('/api/links');
  assert.equal(all.status, 200);
  assert.ok(all.body.items.length > 0);
  const one = await get(`/api/links?article=${encodeURIComponent(first)}`);
  assert.ok(one.body.items.length > 0);
  for (const l of one.body.items) assert.ok(l.a === first || l.b === first);
  await expectError('/api/links?article=nope.txt', 404, 'NOT_FOUND');
  await expectError('/api/links?limit=x', 400, 'BAD_REQUEST');
});

test('GET /api/diff aligns two articles; 400 without both, 404 for an unknown one', async () => {
  const diff = await get(`/api/diff?a=${encodeURIComponent(first)}&b=${encodeURIComponent(third)}`);
  assert.equal(diff.status, 200);
  assert.equal(diff.body.a.name, first);
  assert.equal(diff.body.b.name, third);
  assert.ok(diff.body.link && diff.body.link.passages.length > 0);
  await expectError(`/api/diff?a=${encodeURIComponent(first)}`, 400, 'BAD_REQUEST');
  await expectError(`/api/diff?a=${encodeURIComponent(first)}&b=nope.txt`, 404, 'NOT_FOUND');
});

test('GET /api/diff of an article with itself says so and never shows another pair', async () => {
  const byName = await get(`/api/diff?a=${encodeURIComponent(first)}&b=${encodeURIComponent(first)}`);
  assert.equal(byName.status, 200);
  assert.equal(byName.body.same, true);
  assert.equal(byName.body.link, null);
  assert.equal(byName.body.a.name, first);
  assert.equal(byName.body.b.name, first);
  const mixed = await get(`/api/diff?a=${encodeURIComponent(first.slice(0, 3))}&b=${byName.body.a.id}`);
  assert.equal(mixed.body.same, true, 'a prefix and an id of one article');
  const pair = await get(`/api/diff?a=${encodeURIComponent(first)}&b=${encodeURIComponent(third)}`);
  assert.equal(pair.body.same, false);
  assert.deepEqual([pair.body.link.a, pair.body.link.b], [first, third]);
});

test('GET /api/stories, /api/stories/:id and /api/events/:id; 404 when unknown', async () => {
  const stories = await get('/api/stories');
  assert.equal(stories.status, 200);
  assert.ok(stories.body.items.length > 0);
  const story = stories.body.items[0];
  assert.deepEqual((await get(`/api/stories/${story.id}`)).body, story);
  const event = await get(`/api/events/${story.events[0].id}`);
  assert.equal(event.status, 200);
  assert.equal(event.body.id, story.events[0].id);
  assert.ok(event.body.graph.nodes.length >= 1);
  await expectError('/api/stories/no-such-story', 404, 'NOT_FOUND');
  await expectError('/api/events/no-such-event', 404, 'NOT_FOUND');
});

test('GET /api/quotes lists quote groups with their variants', async () => {
  const quotes = await get('/api/quotes?limit=200');
  assert.equal(quotes.status, 200);
  assert.ok(quotes.body.items.length > 0);
  for (const group of quotes.body.items) assert.ok(group.variants.length >= 1);
  assert.equal((await get('/api/quotes?limit=1')).body.items.length, 1);
});

test('GET /api/quotes?minVariants=2 keeps the quotes seen in several articles', async () => {
  const shared = await get('/api/quotes?minVariants=2&limit=200');
  assert.equal(shared.status, 200);
  assert.ok(shared.body.items.length > 0);
  for (const group of shared.body.items) assert.ok(group.variants.length >= 2);
  assert.ok(shared.body.items.some((g: { speaker: string | null }) => g.speaker === 'Kalle Laanet'));
  const all = await get('/api/quotes?limit=200');
  assert.ok(all.body.items.length > shared.body.items.length);
  await expectError('/api/quotes?minVariants=two', 400, 'BAD_REQUEST');
});

/** Polls GET /api/jobs/{id} until the job has finished; returns it. */
async function finished(id: string): Promise<any> {
  for (;;) {
    const { status, body } = await get(`/api/jobs/${id}`);
    assert.equal(status, 200);
    assert.ok(['queued', 'running', 'done', 'failed'].includes(body.state), body.state);
    if (body.state === 'done' || body.state === 'failed') return body;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('POST /api/ingest answers 202 with a job that adds new files, skips duplicates, quarantines unreadable ones', async () => {
  const before = (await get('/api/articles')).body.total;
  const text = 'TALLINN, Estonia — A new ferry line between Tallinn and Helsinki opened on Monday, the port authority said.\n\nThe line runs twice a day and carries cars and passengers across the Gulf of Finland.';
  const response = await upload([
    { name: 'ferry.txt', text },
    { name: first, text: readFileSync(path.join(sampleDir, first), 'utf8') },
    { name: 'empty.txt', text: '' },
  ]);
  assert.equal(response.status, 202);
  const { job } = await response.json();
  assert.equal(typeof job, 'string');
  assert.equal(response.headers.get('location'), `/api/jobs/${job}`);
  const done = await finished(job);
  assert.equal(done.state, 'done', JSON.stringify(done));
  assert.equal(done.id, job);
  assert.deepEqual(Object.keys(done.progress).sort(), ['done', 'phase', 'total']);
  const summary = done.summary;
  assert.equal(summary.added, 1);
  assert.equal(summary.duplicates, 1);
  assert.equal(summary.quarantined, 1);
  assert.equal((await get('/api/articles')).body.total, before + 1);
  assert.equal((await get('/api/articles/ferry.txt')).status, 200);
  const quarantine = await get('/api/quarantine');
  assert.ok(quarantine.body.items.some((q: { origin: string }) => q.origin.includes('empty.txt')));
});

test('uploads run one after another; unknown jobs are 404', async () => {
  const story = (n: number) => ({ name: `harbour-${n}.txt`, text: `HELSINKI — Harbour ${n} reopened on Tuesday after ${n + 2} weeks of repairs, the city said.\n\nShips will dock there again from May.` });
  const jobs = await Promise.all([1, 2, 3].map(async (n) => (await (await upload([story(n)])).json()).job as string));
  assert.equal(new Set(jobs).size, 3);
  const results = [];
  for (const id of jobs) results.push(await finished(id));
  assert.deepEqual(results.map((r) => [r.state, r.summary.added]), [['done', 1], ['done', 1], ['done', 1]]);
  await expectError('/api/jobs/no-such-job', 404, 'NOT_FOUND');
});

test('POST /api/ingest: 400 without files or multipart, 413 over the size limit', async () => {
  const notMultipart = await app.request('/api/ingest', { method: 'POST', body: 'hello', headers: { 'Content-Type': 'text/plain' } });
  assert.equal(notMultipart.status, 400);
  const form = new FormData();
  form.append('note', 'no files here');
  const noFiles = await app.request('/api/ingest', { method: 'POST', body: form });
  assert.equal(noFiles.status, 400);
  assert.equal((await noFiles.json()).error.code, 'BAD_REQUEST');
  const small = createApp(store, { maxUploadBytes: 1000 });
  const tooBig = await upload([{ name: 'big.txt', text: 'word '.repeat(2000) }], small);
  assert.equal(tooBig.status, 413);
  assert.equal((await tooBig.json()).error.code, 'PAYLOAD_TOO_LARGE');
});

test('GET /api/openapi.json documents every /api route', async () => {
  const doc = await get('/api/openapi.json');
  assert.equal(doc.status, 200);
  assert.match(doc.body.openapi, /^3\.1\./);
  const routes = app.routes.filter((r) => r.path.startsWith('/api/') && !r.path.includes('*') && r.method !== 'ALL');
  assert.ok(routes.length >= 12);
  for (const r of routes) {
    const documented = doc.body.paths[r.path.replace(/:(\w+)/g, '{$1}')];
    assert.ok(documented, `${r.path} is not in the OpenAPI document`);
    assert.ok(documented[r.method.toLowerCase()], `${r.method} ${r.path} is not in the OpenAPI document`);
  }
});

test('unknown API paths are JSON 404s; the UI is served from memory only', async () => {
  await expectError('/api/nothing-here', 404, 'NOT_FOUND');
  const index = await app.request('/');
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type') ?? '', /text\/html/);
  assert.match(await index.text(), /wiretrace/);
  assert.match((await app.request('/style.css')).headers.get('content-type') ?? '', /text\/css/);
  assert.equal((await app.request('/dist/main.js')).status, 200);
  for (const sneaky of ['/package.json', '/%2e%2e/package.json', '/dist/..%2f..%2fpackage.json', '/web/index.html']) {
    assert.equal((await app.request(sneaky)).status, 404, sneaky);
  }
});

test('startServer listens on a free port and closes', async () => {
  const server = await startServer(store, { port: 0 });
  try {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/api/articles?limit=1`);
    assert.equal(response.status, 200);
    assert.equal((await response.json()).items.length, 1);
  } finally {
    await server.close();
  }
});
