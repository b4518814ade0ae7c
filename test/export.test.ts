import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Hono } from 'hono';
import type { Article, Relation } from '../src/core/types.js';
import { packageRoot } from '../src/cli/package-root.js';
import { csvCell, encodeRows } from '../src/pipeline/export-format.js';
import { EXPORT_COLUMNS, exportRows, type ExportFilter, type ExportTable } from '../src/pipeline/export.js';
import { ingestPaths } from '../src/pipeline/ingest.js';
import { createApp } from '../src/server/app.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { makeArticle, makeRelation } from './store-fixtures.js';

const run = promisify(execFile);
const root = packageRoot();
const sample = join(root, 'sample');
const sampleFiles = readdirSync(sample).filter((f) => f.endsWith('.txt')).map((f) => join(sample, f));

/** More articles and relations than one store page (1,000), so an export has to page. */
const ARTICLES = 2500;
const OUTLETS = ['Reuters', 'NPR', 'Daily "Wire", Ltd.', '=HYPERLINK("http://evil.test")'];

let dir: string;
let big: Store;
let sampleStore: Store;
let app: Hono;
let articles: Article[];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wiretrace-export-'));
  big = openSqliteStore(join(dir, 'big.db'));
  articles = Array.from({ length: ARTICLES }, (_, i) =>
    makeArticle({
      name: `wire-${String(i).padStart(5, '0')}.txt`,
      title: i % 7 === 0 ? `Line one, "quoted"\nline two #${i}` : `Ministers meet #${i}`,
      paragraphs: [`Item ${i}: ministers met in Brussels to discuss troop deployments${i % 5 === 0 ? ' and sanctions' : ''}.`],
      published: `2022-${String(1 + (i % 3)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      source: OUTLETS[i % OUTLETS.length]!,
    }),
  );
  const relations: Relation[] = [];
  for (let i = 0; i + 1 < ARTICLES; i += 2) relations.push(makeRelation(articles[i]!, articles[i + 1]!, i % 4 === 0 ? 'spin' : 'duplicate', (i % 100) / 100));
  await big.transaction(async (tx) => {
    for (const a of articles) await tx.putArticle(a);
    for (const r of relations) await tx.putRelation(r);
  });
  sampleStore = openSqliteStore(join(dir, 'sample.db'));
  await ingestPaths(sampleStore, sampleFiles);
  app = createApp(big);
});

after(async () => {
  await big.close();
  await sampleStore.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  assert.equal(field + row.join(''), '', 'the file ends with CRLF');
  return rows;
}

async function exported(store: Store, table: ExportTable, format: 'csv' | 'json', filter: ExportFilter = {}): Promise<string> {
  let out = '';
  for await (const chunk of encodeRows(format, EXPORT_COLUMNS[table], exportRows(store, table, filter))) out += chunk;
  return out;
}

test('CSV cells are quoted as RFC 4180 says and never start a spreadsheet formula', () => {
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell('a, b'), '"a, b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('two\nlines'), '"two\nlines"');
  for (const evil of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) assert.ok(csvCell(evil).replace(/^"/, '').startsWith("'"), evil);
  assert.equal(csvCell('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
  assert.equal(csvCell(-0.5), '-0.5', 'numbers are numbers');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(['a', 'b']), 'a; b');
});

test('export articles pages through the whole store, in store order, and round-trips through a CSV reader', async () => {
  const rows = parseCsv(await exported(big, 'articles', 'csv'));
  assert.deepEqual(rows[0], [...EXPORT_COLUMNS.articles]);
  assert.equal(rows.length - 1, ARTICLES);
  const listed = [];
  for (let offset = 0; offset < ARTICLES; offset += 1000) listed.push(...(await big.listArticles({ offset, limit: 1000 })));
  assert.deepEqual(rows.slice(1).map((r) => r[1]), listed.map((a) => a.name));
  const titled = rows.find((r) => r[1] === 'wire-00007.txt')!;
  assert.equal(titled[3], 'Line one, "quoted"\nline two #7');
  const evil = rows.find((r) => r[1] === 'wire-00003.txt')!;
  assert.equal(evil[2], `'${OUTLETS[3]}`);
});

test('export filters: outlet, date range and full-text query, across pages', async () => {
  const npr = JSON.parse(await exported(big, 'articles', 'json', { outlet: 'npr' })) as Array<{ outlet: string }>;
  assert.equal(npr.length, articles.filter((a) => a.source === 'NPR').length);
  assert.ok(npr.every((a) => a.outlet === 'NPR'));
  const february = JSON.parse(await exported(big, 'articles', 'json', { from: '2022-02-01', to: '2022-02-28' })) as Array<{ published: string }>;
  assert.equal(february.length, articles.filter((a) => a.published!.startsWith('2022-02')).length);
  const sanctions = JSON.parse(await exported(big, 'articles', 'json', { q: 'sanctions' })) as Array<{ name: string }>;
  assert.equal(sanctions.length, ARTICLES / 5);
});

test('export relations filters by kind and minimum score, with names, outlets and dates of both sides', async () => {
  const all = JSON.parse(await exported(big, 'relations', 'json')) as Array<{ kind: string; score: number; a: string; aOutlet: string }>;
  assert.equal(all.length, ARTICLES / 2);
  const strongSpin = JSON.parse(await exported(big, 'relations', 'json', { kind: ['spin'], minScore: 0.5 })) as typeof all;
  assert.equal(strongSpin.length, all.filter((r) => r.kind === 'spin' && r.score >= 0.5).length);
  assert.ok(strongSpin.length > 0 && strongSpin.every((r) => r.kind === 'spin' && r.score >= 0.5));
  const one = all.find((r) => r.a === 'wire-00000.txt')!;
  assert.equal(one.aOutlet, 'Reuters');
});

test('export coverage: articles per day per outlet per event, with the first-seen article and copies marked', async () => {
  const rows = JSON.parse(await exported(sampleStore, 'coverage', 'json')) as Array<{
    storyline: string; event: string; date: string | null; outlet: string | null; articles: number; copies: number; firstSeen: string | null; names: string[];
  }>;
  const storyline = (await sampleStore.listStorylines())[0]!;
  assert.ok(rows.every((r) => r.storyline === storyline.id));
  const eventId = rows.find((r) => r.names.some((n) => n.startsWith('001_')))!.event;
  const event = rows.filter((r) => r.event === eventId);
  assert.equal(event.reduce((n, r) => n + r.articles, 0), 3, 'the three articles of the 2022-01-12 event');
  const first = event.filter((r) => r.firstSeen);
  assert.equal(first.length, 1);
  assert.match(first[0]!.firstSeen!, /^000_/);
  assert.equal(first[0]!.date, '2022-01-12');
  assert.equal(event.find((r) => r.outlet === 'NPR')!.copies, 1, 'NPR\'s article is a copy');
  assert.ok(rows.every((r) => r.outlet === null || !/\.txt$/.test(r.outlet)), 'file names are never outlets');
});

test('export quotes keeps direct/indirect and filters by speaker and words', async () => {
  const laanet = JSON.parse(await exported(sampleStore, 'quotes', 'json', { speaker: 'laanet' })) as Array<{ speaker: string; text: string; indirect: boolean }>;
  assert.equal(laanet.length, 3);
  assert.ok(laanet.every((q) => q.speaker === 'Kalle Laanet' && q.indirect === false));
  const utterly = JSON.parse(await exported(sampleStore, 'quotes', 'json', { q: 'utterly unacceptable' })) as typeof laanet;
  assert.equal(utterly.length, 1);
  const all = JSON.parse(await exported(sampleStore, 'quotes', 'json')) as typeof laanet;
  assert.ok(all.some((q) => q.indirect) && all.some((q) => !q.indirect));
});

test('GET /api/export/{table}.{format} streams the filtered table as a download; bad filters are 400, unknown tables 404', async () => {
  const csv = await app.request('/api/export/articles.csv?outlet=Reuters&from=2022-01-01&to=2022-01-31');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type')!, /^text\/csv/);
  assert.match(csv.headers.get('content-disposition')!, /attachment; filename="wiretrace-articles\.csv"/);
  const rows = parseCsv(await csv.text()).slice(1);
  assert.equal(rows.length, articles.filter((a) => a.source === 'Reuters' && a.published!.startsWith('2022-01')).length);
  const json = await app.request('/api/export/relations.json?kind=duplicate&minScore=0.9');
  assert.equal(json.status, 200);
  const relations = (await json.json()) as Array<{ kind: string; score: number }>;
  assert.ok(relations.length > 0 && relations.every((r) => r.kind === 'duplicate' && r.score >= 0.9));
  for (const bad of ['from=2022-13-01', 'to=yesterday', 'minScore=2', 'minScore=abc', 'from=2022-02-01&to=2022-01-01']) {
    const response = await app.request(`/api/export/articles.csv?${bad}`);
    assert.equal(response.status, 400, bad);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'BAD_REQUEST');
  }
  assert.equal((await app.request('/api/export/secrets.csv')).status, 404);
  assert.equal((await app.request('/api/export/articles.xlsx')).status, 404);
});

test('wiretrace export writes CSV or JSON to a file or standard output', async () => {
  const db = join(dir, 'cli.db');
  await run(process.execPath, [join(root, 'bin', 'wiretrace.js'), 'ingest', ...sampleFiles, '--db', db]);
  const out = join(dir, 'links.csv');
  await run(process.execPath, [join(root, 'bin', 'wiretrace.js'), 'export', 'relations', '--kind', 'spin,paraphrase', '--out', out, '--db', db]);
  const rows = parseCsv(readFileSync(out, 'utf8'));
  assert.deepEqual(rows.slice(1).map((r) => r[4]).sort(), ['paraphrase', 'paraphrase', 'spin']);
  const { stdout } = await run(process.execPath, [join(root, 'bin', 'wiretrace.js'), 'export', 'articles', '--format', 'json', '--outlet', 'NPR', '--db', db]);
  assert.deepEqual((JSON.parse(stdout) as Array<{ name: string }>).map((a) => a.name.slice(0, 3)), ['001']);
});
