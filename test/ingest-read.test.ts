import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readBuffer } from '../src/ingest/read.js';
import { cleanDocument } from '../src/clean/clean.js';
import { PROSE, readAll, write } from './ingest-helpers.js';
import { scratchDir } from './scratch.js';

const dir = scratchDir('read');

test('a plain text file is one document named by its file name', async () => {
  const file = write(dir, 'plain/story.txt', `Talks end without a deal\n\n${PROSE}\n`);
  const { docs, quarantined } = await readAll([file]);
  assert.equal(quarantined.length, 0);
  assert.equal(docs.length, 1);
  assert.equal(docs[0]!.name, 'story.txt');
  assert.equal(docs[0]!.format, 'text');
  const article = cleanDocument(docs[0]!);
  assert.equal(article.title, 'Talks end without a deal');
  assert.ok(article.text.startsWith('Senior officials met'));
});

test('a directory is read recursively in sorted order, hidden files skipped', async () => {
  const root = path.join(dir, 'tree');
  write(root, 'b/2.txt', PROSE);
  write(root, 'a/1.txt', PROSE + ' One.');
  write(root, 'c.txt', PROSE + ' Two.');
  write(root, '.hidden.txt', PROSE);
  const { docs } = await readAll([root]);
  assert.deepEqual(docs.map((d) => d.name), ['a/1.txt', 'b/2.txt', 'c.txt']);
});

test('a .gz file is gunzipped and read by its inner format', async () => {
  const file = write(dir, 'zipped.txt.gz', gzipSync(Buffer.from(PROSE)));
  const { docs, quarantined } = await readAll([file]);
  assert.equal(quarantined.length, 0);
  assert.equal(docs[0]!.text, PROSE);
  assert.equal(docs[0]!.name, 'zipped.txt');
});

test('a truncated .gz is quarantined as TRUNCATED_GZIP naming the file', async () => {
  const full = gzipSync(Buffer.from(PROSE.repeat(20)));
  const file = write(dir, 'cut.txt.gz', full.subarray(0, Math.floor(full.length / 2)));
  const { docs, quarantined } = await readAll([file]);
  assert.equal(docs.length, 0);
  assert.equal(quarantined[0]!.code, 'TRUNCATED_GZIP');
  assert.match(quarantined[0]!.message, /cut\.txt\.gz/);
});

test('an empty file and a whitespace-only file are quarantined as EMPTY_FILE, and reading goes on', async () => {
  const empty = write(dir, 'empty.txt', '');
  const blank = write(dir, 'blank.txt', '  \n\n ');
  const good = write(dir, 'good.txt', PROSE);
  const { docs, quarantined } = await readAll([empty, blank, good]);
  assert.deepEqual(quarantined.map((q) => q.code), ['EMPTY_FILE', 'EMPTY_FILE']);
  assert.match(quarantined[0]!.message, /empty\.txt: empty file/);
  assert.equal(docs.length, 1);
});

test('a binary file is quarantined as BINARY_FILE with a printable excerpt', async () => {
  const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3]);
  const file = write(dir, 'picture.txt', bytes);
  const { quarantined } = await readAll([file]);
  assert.equal(quarantined[0]!.code, 'BINARY_FILE');
  assert.match(quarantined[0]!.message, /picture\.txt/);
  assert.ok(/^[\x20-\x7e]*$/.test(quarantined[0]!.excerpt));
});

test('a Windows-1252 file is decoded, not quarantined', async () => {
  const text = 'The caf\u00e9 owner said \u201cit\u2019s over\u201d \u2014 and prices rose 5\u20ac. ' + PROSE;
  const cp1252 = Buffer.from(
    [...text].map((ch) => ({ '\u201c': 0x93, '\u201d': 0x94, '\u2019': 0x92, '\u2014': 0x97, '\u20ac': 0x80 } as Record<string, number>)[ch] ?? ch.charCodeAt(0)),
  );
  const file = write(dir, 'latin.txt', cp1252);
  const { docs, quarantined } = await readAll([file]);
  assert.equal(quarantined.length, 0);
  assert.equal(docs[0]!.text, text);
});

test('a file over maxBytes is quarantined as TOO_LARGE without being read', async () => {
  const file = write(dir, 'big.txt', PROSE.repeat(10));
  const { docs, quarantined } = await readAll([file], { maxBytes: 500 });
  assert.equal(docs.length, 0);
  assert.equal(quarantined[0]!.code, 'TOO_LARGE');
  assert.match(quarantined[0]!.message, /big\.txt: \d+ bytes is over the size limit of 500 bytes/);
});

test('a missing path is quarantined, not thrown', async () => {
  const { quarantined } = await readAll([path.join(dir, 'nope.txt')]);
  assert.equal(quarantined[0]!.code, 'NOT_FOUND');
});

test('readBuffer reads an upload held in memory by the same rules', async () => {
  const items = [];
  for await (const item of readBuffer('upload.txt', Buffer.from(PROSE))) items.push(item);
  assert.equal(items.length, 1);
  assert.ok('doc' in items[0]! && items[0].doc.text === PROSE);
  const empty = [];
  for await (const item of readBuffer('nothing.txt', new Uint8Array(0))) empty.push(item);
  assert.ok('quarantine' in empty[0]! && empty[0].quarantine.code === 'EMPTY_FILE');
});

test('--format forces a format over sniffing', async () => {
  const file = write(dir, 'page.txt', `<html><body><p>${PROSE}</p></body></html>`);
  assert.equal((await readAll([file])).docs[0]!.format, 'html');
  assert.equal((await readAll([file], { format: 'text' })).docs[0]!.format, 'text');
});

test('a gzip that inflates past maxBytes is quarantined as TOO_LARGE', async () => {
  const file = write(dir, 'bomb.txt.gz', gzipSync(Buffer.alloc(200_000, 0x61)));
  const { quarantined } = await readAll([file], { maxBytes: 10_000 });
  assert.equal(quarantined[0]!.code, 'TOO_LARGE');
});

test('an HTML page in a declared legacy charset is decoded by that charset', async () => {
  const html = `<html><head><meta charset="iso-8859-2"></head><body><p>Za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144. ${PROSE}</p></body></html>`;
  const latin2: Record<string, number> = { '\u017c': 0xbf, '\u00f3': 0xf3, '\u0142': 0xb3, '\u0107': 0xe6, '\u0119': 0xea, '\u015b': 0xb6, '\u0105': 0xb1, '\u017a': 0xbc, '\u0144': 0xf1 };
  const file = write(dir, 'legacy.html', Buffer.from([...html].map((ch) => latin2[ch] ?? ch.charCodeAt(0))));
  const { docs } = await readAll([file]);
  assert.ok(docs[0]!.html!.includes('Za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144'));
});

test('- reads standard input', async () => {
  const { execFileSync } = await import('node:child_process');
  const script = `import { readInputs } from ${JSON.stringify(new URL('../src/ingest/read.js', import.meta.url).href)};
for await (const item of readInputs(['-'])) console.log(JSON.stringify(item));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { input: PROSE });
  const item = JSON.parse(out.toString().trim());
  assert.equal(item.doc.text, PROSE);
  assert.equal(item.doc.origin, 'stdin');
});
