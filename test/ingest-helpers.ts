import * as fs from 'node:fs';
import * as path from 'node:path';
import type { QuarantineRecord, RawDocument } from '../src/core/types.js';
import { readInputs, type ReadOptions } from '../src/ingest/read.js';
import type { ReadWarning } from '../src/ingest/warnings.js';

export function write(dir: string, name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

export async function readAll(
  inputs: string[],
  options?: ReadOptions,
): Promise<{ docs: RawDocument[]; quarantined: QuarantineRecord[]; warnings: ReadWarning[] }> {
  const docs: RawDocument[] = [];
  const quarantined: QuarantineRecord[] = [];
  const warnings: ReadWarning[] = [];
  for await (const item of readInputs(inputs, options)) {
    if ('doc' in item) docs.push(item.doc);
    else if ('warning' in item) warnings.push(item.warning);
    else quarantined.push(item.quarantine);
  }
  return { docs, quarantined, warnings };
}

/** A paragraph of plain news prose, long enough to count as an article. */
export const PROSE =
  'Senior officials met on Wednesday to try to bridge deep differences over the future of the region, ' +
  'amid skepticism about the proposals put forward last month. The meeting lasted about three hours, ' +
  'and both delegations said they would report back to their governments before any further talks.';

/** One WARC/1.0 record, built by hand. */
export function warcRecord(type: string, uri: string, block: string, contentType = 'application/http; msgtype=response'): Buffer {
  const body = Buffer.from(block, 'utf8');
  const head =
    `WARC/1.0\r\nWARC-Type: ${type}\r\nWARC-Target-URI: ${uri}\r\nWARC-Date: 2022-01-12T10:00:00Z\r\n` +
    `WARC-Record-ID: <urn:uuid:${uri.length}-${type}>\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'utf8'), body, Buffer.from('\r\n\r\n')]);
}

export function httpResponse(html: string, contentType = 'text/html; charset=utf-8'): string {
  return `HTTP/1.1 200 OK\r\nContent-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(html)}\r\n\r\n${html}`;
}

export function articlePage(title: string, paragraphs: string[], extraHead = ''): string {
  return `<!doctype html><html lang="en"><head><title>${title}</title>${extraHead}</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article>
<footer><p>Share this article</p></footer></body></html>`;
}
