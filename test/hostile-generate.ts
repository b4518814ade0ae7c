/**
 * The hostile inputs too large, or of a kind git cannot hold (named pipes, sockets, symbolic link
 * loops, names with escape sequences), to commit: written at test time into a temp folder, each
 * under the name test/fixtures/hostile/manifest.json gives it.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { createGzip, gzipSync } from 'node:zlib';
import { PROSE } from './ingest-helpers.js';

const MiB = 1024 * 1024;

function prose(tag: string): string {
  return PROSE.replace('Senior officials', `Senior ${tag} officials`);
}

function put(file: string, data: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
}

/** One WARC/1.0 record around a raw block (bytes as given, so bodies may be binary or gzip). */
function warcRecord(uri: string, block: Uint8Array, options: { type?: string; contentType?: string; length?: string } = {}): Buffer {
  const head =
    `WARC/1.0\r\nWARC-Type: ${options.type ?? 'response'}\r\nWARC-Target-URI: ${uri}\r\nWARC-Date: 2022-01-12T10:00:00Z\r\n` +
    `WARC-Record-ID: <urn:uuid:${uri.replace(/\W/g, '')}>\r\nContent-Type: ${options.contentType ?? 'application/http; msgtype=response'}\r\n` +
    `Content-Length: ${options.length ?? block.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), block, Buffer.from('\r\n\r\n')]);
}

function httpBlock(body: Uint8Array, headers: Record<string, string> = {}): Buffer {
  const lines = Object.entries({ 'Content-Type': 'text/html; charset=utf-8', ...headers }).map(([k, v]) => `${k}: ${v}\r\n`);
  return Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\n${lines.join('')}\r\n`, 'latin1'), body]);
}

function articleHtml(tag: string): Buffer {
  return Buffer.from(`<!doctype html><html><head><title>${tag}</title></head><body><article><h1>${tag}</h1><p>${prose(tag)}</p><p>${prose(`${tag} again`)}</p></article></body></html>`);
}

function goodRecord(tag: string): Buffer {
  return warcRecord(`https://warc.test/${tag}`, httpBlock(articleHtml(tag)));
}

/** gzip of `size` zero bytes, written in chunks so the generator never holds them. */
async function gzipOfZeros(size: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  const zeros = Buffer.alloc(MiB);
  for (let written = 0; written < size; written += MiB) {
    if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end();
  await done;
  return Buffer.concat(chunks);
}

function twentyMegabytes(tag: string): string {
  const sentence = `The ${tag} minister said "we will act" today and 42 people agreed. `;
  return sentence.repeat(Math.ceil((20 * MiB) / sentence.length));
}

type Generator = (file: string, handles: { close: Array<() => void> }) => void | Promise<void>;

const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

export const GENERATORS: Record<string, Generator> = {
  'one-long-word': (file) => put(file, 'a'.repeat(300000)),
  'quote-marks-storm': (file) => put(file, `Quotes storm\n\n${'"'.repeat(50000)} said the man. ${'\u201c'.repeat(20000)}\n`),
  'many-short-lines': (file) => put(file, `Many lines\n\n${Array.from({ length: 20000 }, (_, i) => `Line ${i} says hello to the reader.`).join('\n')}\n`),
  'huge-attribute': (file) => put(file, `<!doctype html><html><body><div data-x="${'x'.repeat(500000)}"><article><h1>A story</h1><p>${prose('attribute')}</p></article></div></body></html>`),
  'entity-flood': (file) => put(file, `<!doctype html><html><body><article><h1>Entities</h1><p>${prose('entity')}${'&amp;'.repeat(200000)}</p></article></body></html>`),
  'deep-array-line': (file) => put(file, `${deepArray(100000)}\n`),
  'deep-array-document': (file) => put(file, `[${deepArray(100000)}]`),
  'deep-field-in-good-record': (file) =>
    put(file, [
      JSON.stringify({ id: 'deep-ok-1', text: prose('jsonl deep one') }),
      `{"id":"deep-ok-2","text":${JSON.stringify(prose('jsonl deep two'))},"meta":${deepObject(50000)}}`,
      JSON.stringify({ id: 'deep-ok-3', text: prose('jsonl deep three') }),
      '',
    ].join('\n')),
  'deep-object-no-text': (file) => put(file, `{"x":${deepObject(50000)}}\n`),
  'many-keys': (file) => {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < 50000; i++) record[`k${i}`] = i;
    put(file, `${JSON.stringify({ ...record, id: 'many-keys', text: prose('many keys') })}\n`);
  },
  'lt-storm-rss': (file) => put(file, `<?xml version="1.0"?><rss version="2.0"><channel><title>X</title>${'<'.repeat(1_000_000)}</channel></rss>`),
  'deep-nesting-rss': (file) =>
    put(file, `<?xml version="1.0"?><rss version="2.0"><channel><title>X</title><item><title>Item</title><link>https://feed.test/1</link><description>${prose('feed')}</description></item>${'<x>'.repeat(20000)}${'</x>'.repeat(20000)}</channel></rss>`),
  'huge-line-text': (file) => put(file, twentyMegabytes('text')),
  'long-line-text': (file) => put(file, twentyMegabytes('long').slice(0, 900_000)),
  'huge-field-jsonl': (file) => put(file, `${JSON.stringify({ id: 'huge-field', text: twentyMegabytes('jsonl') })}\n`),
  'over-size-limit': (file) => {
    put(file, prose('too large'));
    fs.truncateSync(file, 51 * MiB); // sparse: costs no disk
  },
  'gzip-bomb': async (file) => put(file, await gzipOfZeros(200 * MiB)),
  'many-malformed-lines': (file) => {
    const lines = [JSON.stringify({ id: 'many-first', text: prose('many first') })];
    for (let i = 0; i < 20000; i++) lines.push(`{"id": ${i}, "text": `);
    lines.push(JSON.stringify({ id: 'many-last', text: prose('many last') }));
    put(file, `${lines.join('\n')}\n`);
  },
  'many-sibling-elements': (file) =>
    put(file, `<!doctype html><html><body><article><p>${prose('siblings')}</p>${'<span>x</span>'.repeat(100000)}</article></body></html>`),
  'feed-200-items': (file) => {
    const items = Array.from({ length: 200 }, (_, i) => `<item><title>Item ${i}</title><guid>item-${i}</guid><description>Item ${i}: ${prose(`item ${i}`)}</description></item>`);
    put(file, `<?xml version="1.0"?><rss version="2.0"><channel><title>Many</title>${items.join('')}</channel></rss>`);
  },
  'warc-corrupt-gzip-body': (file) =>
    put(file, Buffer.concat([
      warcRecord('https://warc.test/corrupt', httpBlock(Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.from('not deflate at all'.repeat(20))]), { 'Content-Encoding': 'gzip' })),
      goodRecord('after-corrupt'),
    ])),
  'warc-gzip-bomb-body': async (file) =>
    put(file, Buffer.concat([warcRecord('https://warc.test/bomb', httpBlock(await gzipOfZeros(200 * MiB), { 'Content-Encoding': 'gzip' })), goodRecord('after-bomb')])),
  'warc-oversized-record': (file) =>
    put(file, Buffer.concat([warcRecord('https://warc.test/oversized', Buffer.alloc(51 * MiB, 0x41), { type: 'resource', contentType: 'text/html' }), goodRecord('after-oversized')])),
  'warc-truncated': (file) => {
    const bytes = Buffer.concat([goodRecord('before-cut'), goodRecord('cut')]);
    put(file, bytes.subarray(0, bytes.length - 300));
  },
  'warc-garbage-header': (file) => put(file, Buffer.concat([Buffer.from('WARC/1.0\r\nthis is: not\r\na header\r\n\r\n'), goodRecord('after-garbage')])),
  'warc-bad-content-length': (file) => put(file, Buffer.concat([warcRecord('https://warc.test/badlen', articleHtml('badlen'), { length: 'lots' }), goodRecord('after-badlen')])),
  'warc-deep-divs-record': (file) =>
    put(file, Buffer.concat([
      warcRecord('https://warc.test/deep', httpBlock(Buffer.from(`<html><body>${'<div>'.repeat(1000)}${prose('deep')}${'</div>'.repeat(1000)}</body></html>`))),
      goodRecord('after-deep'),
    ])),
  'warc-binary-html-record': (file) =>
    put(file, Buffer.concat([warcRecord('https://warc.test/binary', httpBlock(Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 32)))), goodRecord('after-binary')])),
  'warc-bad-chunks': (file) =>
    put(file, Buffer.concat([
      warcRecord('https://warc.test/chunks', httpBlock(Buffer.from(`zz\r\n${articleHtml('chunks').toString()}\r\nffffffffff\r\n`), { 'Transfer-Encoding': 'chunked' })),
      goodRecord('after-chunks'),
    ])),
  'warc-gz-truncated': (file) => {
    // Each record a gzip member of its own, as WARC tools write them; the cut falls inside the second.
    const members = ['gz-one', 'gz-two', 'gz-three'].map((tag) => gzipSync(goodRecord(tag)));
    const whole = Buffer.concat(members);
    put(file, whole.subarray(0, members[0]!.length + Math.floor(members[1]!.length / 2)));
  },
  'folder-symlink-loop': (dir) => {
    put(path.join(dir, 'story-loop.txt'), prose('loop folder'));
    put(path.join(dir, 'inner', 'story2.txt'), prose('loop folder inner'));
    fs.symlinkSync('..', path.join(dir, 'inner', 'back'));
  },
  'folder-self-link': (dir) => {
    put(path.join(dir, 'story-self-link.txt'), prose('self link folder'));
    fs.symlinkSync('self', path.join(dir, 'self'));
  },
  'folder-broken-link': (dir) => {
    put(path.join(dir, 'story-broken-link.txt'), prose('broken link folder'));
    fs.symlinkSync('nowhere.txt', path.join(dir, 'broken.txt'));
  },
  'folder-linked-file': (dir) => {
    put(path.join(dir, '..', 'outside-target.txt'), prose('linked file target'));
    fs.mkdirSync(dir, { recursive: true });
    fs.symlinkSync(path.join('..', 'outside-target.txt'), path.join(dir, 'linked.txt'));
  },
  'folder-fifo': (dir) => {
    put(path.join(dir, 'story-fifo.txt'), prose('fifo folder'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.txt')]);
  },
  'folder-socket': (dir, handles) => {
    put(path.join(dir, 'story-socket.txt'), prose('socket folder'));
    const server = net.createServer().listen(path.join(dir, 'socket.txt'));
    handles.close.push(() => server.close());
  },
  fifo: (file) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    execFileSync('mkfifo', [file]);
  },
  'folder-corpus-files': (dir) => {
    put(path.join(dir, 'README.TXT'), 'This corpus holds news articles collected for research.\n');
    put(path.join(dir, 'LICENSE'), 'Permission is hereby granted, free of charge, to any person.\n');
    put(path.join(dir, 'COPYING.md'), 'Copying notes.\n');
    put(path.join(dir, 'story-corpus.txt'), prose('corpus folder'));
  },
  'escape-sequence-name': (file) => put(file, prose('escape name')),
  'newline-name': (file) => put(file, prose('newline name')),
  'escape-sequence-empty': (file) => put(file, ''),
};

/** Writes the input `generator` names at `file`; sockets and the like are closed through `handles`. */
export async function generate(generator: string, file: string, handles: { close: Array<() => void> }): Promise<void> {
  const make = GENERATORS[generator];
  if (!make) throw new Error(`no generator ${generator}`);
  await make(file, handles);
}
