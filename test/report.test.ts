import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Hono } from 'hono';
import { packageRoot } from '../src/cli/package-root.js';
import { reportView } from '../src/pipeline/report.js';
import { renderReportHtml } from '../src/pipeline/report-html.js';
import { createApp } from '../src/server/app.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { makeArticle, makeRelation, NATO_PARAGRAPHS } from './store-fixtures.js';

const run = promisify(execFile);
const root = packageRoot();
const sample = join(root, 'sample');
const sampleFiles = readdirSync(sample).filter((f) => f.endsWith('.txt')).map((f) => join(sample, f));
const dir = mkdtempSync(join(tmpdir(), 'wiretrace-report-'));

const original = makeArticle({ name: 'original.txt', paragraphs: NATO_PARAGRAPHS, title: 'NATO ministers weigh response', source: 'AP' });
const hostile = makeArticle({
  name: 'copy<script>.html',
  paragraphs: NATO_PARAGRAPHS.map((p) => p.replace('NATO', 'NATO <img src=x onerror=alert(1)>')),
  title: '<script>alert("title")</script> & more',
  source: '"><b>Evil outlet</b>',
  published: '2022-02-17',
});
hostile.url = 'javascript:alert(1)';
const unrelatedCopy = makeArticle({ name: 'later.txt', paragraphs: NATO_PARAGRAPHS.map((p) => `${p} Later.`), title: 'Later copy', source: 'NPR', published: '2022-02-18' });

let store: Store;
let app: Hono;

before(async () => {
  store = openSqliteStore(join(dir, 'r.db'));
  await store.transaction(async (tx) => {
    for (const a of [original, hostile, unrelatedCopy]) await tx.putArticle(a);
    await tx.putRelation(makeRelation(original, hostile, 'spin', 0.87));
    await tx.putRelation({ ...makeRelation(hostile, unrelatedCopy, 'paraphrase', 0.95), source: hostile.id });
  });
  app = createApp(store);
});

after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the report lists the article\'s source before the articles reusing it, with each passage side by side and the edits marked', async () => {
  const view = (await reportView(store, hostile.id))!;
  assert.deepEqual(view.relations.map((r) => [r.role, r.other.name]), [['source', 'original.txt'], ['copy', 'later.txt']]);
  const html = renderReportHtml(view);
  assert.match(html, /<style>[\s\S]*@media print/);
  const source = html.slice(html.indexOf('id="relation-1"'), html.indexOf('id="relation-2"'));
  assert.match(source, /source of this article/);
  assert.match(source, /spin, score 0\.87/);
  assert.match(source, /b swaps 14 words for synonyms of a/, 'the evidence');
  // Stored as original → copy; the report puts the reported article (the copy) on the left.
  // Unchanged words are shown as each side wrote them (the fixture's sides differ in case and spacing).
  assert.ok(source.includes('<td>NATO defense ministers <del class="swap">conflict video games</del> <del>reportedly</del> kalle laanet said</td>'), 'this article\'s side');
  assert.ok(source.includes('<td>NATO defense ministers <ins class="swap">war games</ins> <ins>on Wednesday</ins> Kalle Laanet\n\nsaid</td>'), 'the source\'s side');
  assert.match(source, /2022-02-16/, 'the source\'s date');
  assert.match(source, /AP/, 'and outlet');
});

test('every text in the report is escaped and only http(s) URLs become links', async () => {
  const html = renderReportHtml((await reportView(store, 'copy'))!);
  assert.doesNotMatch(html, /<script>/);
  assert.doesNotMatch(html, /<img /);
  assert.doesNotMatch(html, /<b>Evil/);
  assert.doesNotMatch(html, /href="javascript:/);
  assert.match(html, /&lt;script&gt;alert\(&quot;title&quot;\)&lt;\/script&gt; &amp; more/);
  assert.match(html, /javascript:alert\(1\)/, 'the URL is still shown, as text');
});

test('GET /report/:id serves the report under the strict CSP with its stylesheet; unknown is 404, a prefix of several 400', async () => {
  const response = await app.request(`/report/${original.id}`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type')!, /^text\/html/);
  assert.match(response.headers.get('content-security-policy')!, /style-src 'self'/);
  const html = await response.text();
  assert.match(html, /<link rel="stylesheet" href="\/report\.css">/);
  assert.doesNotMatch(html, /<style>/);
  assert.match(html, /reuses this article/);
  const css = await app.request('/report.css');
  assert.equal(css.status, 200);
  assert.match(await css.text(), /@media print/);
  assert.equal((await app.request('/report/nope.txt')).status, 404);
  const twoMatch = makeArticle({ name: 'original-2.txt', paragraphs: ['Another text entirely about budgets.'] });
  await store.putArticle(twoMatch);
  const ambiguous = await app.request('/report/original');
  assert.equal(ambiguous.status, 400);
  assert.equal(((await ambiguous.json()) as { error: { code: string } }).error.code, 'AMBIGUOUS');
});

test('wiretrace report writes the sample\'s copy with its source, the passages and the edits', async () => {
  const db = join(dir, 'sample.db');
  await run(process.execPath, [join(root, 'bin', 'wiretrace.js'), 'ingest', ...sampleFiles, '--db', db]);
  const out = join(dir, 'report.html');
  const { stdout } = await run(process.execPath, [join(root, 'bin', 'wiretrace.js'), 'report', '002', '--out', out, '--db', db]);
  assert.match(stdout, /wrote the evidence report for 002_/);
  const html = readFileSync(out, 'utf8');
  assert.match(html, /1 source named for this article/);
  assert.match(html, /source of this article<\/span> spin/);
  assert.match(html, /000_f92a0e5a9a8db5c1\.txt/);
  assert.match(html, /<del class="swap">conflict video games<\/del>/, 'the spun words, in this article');
  assert.match(html, /<ins class="swap">war games<\/ins>/, 'against the source\'s words');
});
