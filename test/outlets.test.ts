import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cleanDocument } from '../src/clean/clean.js';
import { domainOutlet, knownOutlet } from '../src/clean/outlet.js';
import { packageRoot } from '../src/cli/package-root.js';
import { ingestPaths } from '../src/pipeline/ingest.js';
import { eventView, storiesView } from '../src/pipeline/queries.js';
import { createApp } from '../src/server/app.js';
import { IngestJobs } from '../src/server/jobs.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';

const run = promisify(execFile);
const root = packageRoot();
const sample = join(root, 'sample');
const sampleFiles = readdirSync(sample).filter((f) => f.endsWith('.txt')).map((f) => join(sample, f));
const dir = mkdtempSync(join(tmpdir(), 'wiretrace-outlets-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const BODY = 'BRUSSELS (AP) — NATO defense ministers met on Wednesday to weigh their response to the Russian buildup near Ukraine, officials said, as talks went on into the evening.';

test('a well-known domain names its outlet; any other URL gives its site\'s domain, never a file name', () => {
  assert.equal(knownOutlet('https://www.npr.org/2022/01/12/nato-russia'), 'NPR');
  assert.equal(knownOutlet('https://edition.cnn.com/europe/live-news'), 'CNN');
  assert.equal(knownOutlet('https://www.theguardian.com/world/2022/jan/12/x'), 'The Guardian');
  assert.equal(knownOutlet('https://news.example.org/x'), null);
  assert.equal(domainOutlet('https://news.example.org/x'), 'example.org');
  assert.equal(domainOutlet('https://www.nzherald.co.nz/world/x'), 'nzherald.co.nz');
  assert.equal(domainOutlet('http://127.0.0.1:8080/x'), null);
  assert.equal(domainOutlet('file:///tmp/a.html'), null);
  assert.equal(domainOutlet('000_f92a0e5a9a8db5c1.txt'), null);
});

test('cleaning fills the outlet from the URL (a JSONL record keyed by url too) unless the record names one', () => {
  const fromUrl = cleanDocument({ name: 'a.jsonl:1', format: 'jsonl', text: BODY, url: 'https://apnews.com/article/nato-1', origin: 'a.jsonl:1' });
  assert.equal(fromUrl.source, 'AP');
  const byName = cleanDocument({ name: 'https://www.smalltown-news.com/story/9', format: 'jsonl', text: BODY, origin: 'a.jsonl:2' });
  assert.equal(byName.source, 'smalltown-news.com');
  const named = cleanDocument({ name: 'b', format: 'jsonl', text: BODY, url: 'https://apnews.com/x', source: 'Yahoo News', origin: 'a.jsonl:3' });
  assert.equal(named.source, 'Yahoo News');
  const file = cleanDocument({ name: '000_f92a.txt', format: 'text', text: BODY, origin: '000_f92a.txt' });
  assert.equal(file.source, null, 'no outlet is made up from a file name');
});

test('outlets come from JSONL source/outlet fields and an RSS channel title; --source overrides them all', async () => {
  const folder = mkdtempSync(join(dir, 'in-'));
  writeFileSync(join(folder, 'a.jsonl'), [
    JSON.stringify({ id: 'one', text: BODY, source: 'Kyiv Post' }),
    JSON.stringify({ id: 'two', text: BODY.replace('Wednesday', 'Thursday'), outlet: 'Delfi' }),
  ].join('\n'));
  writeFileSync(join(folder, 'feed.rss'), `<?xml version="1.0"?><rss version="2.0"><channel><title>Baltic Wire</title>
<item><title>Ministers meet</title><guid>urn:x:1</guid><description><![CDATA[<p>${BODY.replace('Wednesday', 'Friday')} ${BODY}</p>]]></description></item></channel></rss>`);
  const store = openSqliteStore(join(dir, 'meta.db'));
  try {
    await ingestPaths(store, [folder], { workers: 0 });
    const sources = (await store.listArticles()).map((a) => a.source).sort();
    assert.deepEqual(sources, ['Baltic Wire', 'Delfi', 'Kyiv Post']);
    assert.deepEqual(await store.listOutlets(), [
      { outlet: 'Baltic Wire', articles: 1 },
      { outlet: 'Delfi', articles: 1 },
      { outlet: 'Kyiv Post', articles: 1 },
    ]);
  } finally {
    await store.close();
  }
  const db = join(dir, 'override.db');
  const { stdout } = await run(process.execPath, [join(root, 'bin', 'wiretrace.js'), 'ingest', folder, '--source', 'ERR', '--db', db, '--json']);
  assert.equal(JSON.parse(stdout).added, 3);
  const listed = await run(process.execPath, [join(root, 'bin', 'wiretrace.js'), 'articles', '--json', '--db', db]);
  assert.deepEqual((JSON.parse(listed.stdout) as Array<{ source: string }>).map((a) => a.source), ['ERR', 'ERR', 'ERR']);
});

test('on the sample, only NPR is an outlet: articles of unknown outlet are one row with no name, not one "outlet" per file', async () => {
  const store = openSqliteStore(join(dir, 'sample.db'));
  try {
    await ingestPaths(store, sampleFiles);
    const [story] = await storiesView(store);
    const last = story!.events.at(-1)!;
    const event = await eventView(store, last.id);
    assert.deepEqual(event!.coverage.map((c) => c.source), ['NPR', null]);
    for (const e of story!.events) assert.ok(e.coverage.every((c) => c.source === null || !c.source.endsWith('.txt')));
  } finally {
    await store.close();
  }
});

test('GET /api/outlets is the outlet facet; an upload\'s source field sets the outlet of its articles', async () => {
  const store = openSqliteStore(join(dir, 'api.db'));
  try {
    const jobs = new IngestJobs(store);
    const app = createApp(store, { jobs });
    await ingestPaths(store, sampleFiles);
    const form = new FormData();
    form.append('files', new Blob([`Ministers meet\n\n${BODY}`]), 'upload.txt');
    form.append('source', 'Delfi');
    const response = await app.request('/api/ingest', { method: 'POST', body: form });
    assert.equal(response.status, 202);
    await jobs.idle();
    const facet = (await (await app.request('/api/outlets')).json()) as { total: number; unknown: number; items: Array<{ outlet: string; articles: number }> };
    assert.deepEqual(facet.items, [{ outlet: 'Delfi', articles: 1 }, { outlet: 'NPR', articles: 1 }]);
    assert.equal(facet.total, 2);
    assert.equal(facet.unknown, 4);
    assert.equal((await app.request('/api/outlets?limit=abc')).status, 400);
  } finally {
    await store.close();
  }
});
