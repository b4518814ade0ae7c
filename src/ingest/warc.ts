import { WARCParser } from 'warcio';
import type { QuarantineRecord, RawDocument } from '../core/types.js';
import { decodeBytes, gunzip } from './decode.js';
import { quarantine } from './quarantine.js';

export type WarcItem = { doc: RawDocument } | { quarantine: QuarantineRecord };

/** Counts for one WARC file: records seen, HTML responses read, other records skipped. */
export interface WarcStats {
  records: number;
  html: number;
  skipped: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * HTML response records of a WARC (as in CC-NEWS), each as an `html` document named by its
 * target URI. Other records (requests, metadata, non-HTML responses) are skipped and counted.
 * A truncated record, or a source that fails mid-way, ends the file with one TRUNCATED_WARC
 * quarantine naming the record number; the records before it are kept.
 */
export async function* readWarc(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  origin: string,
  maxBytes: number,
  stats: WarcStats = { records: 0, html: 0, skipped: 0 },
): AsyncGenerator<WarcItem> {
  const before = stats.records;
  let items = 0;
  for await (const item of readRecords(source, origin, maxBytes, stats)) {
    items++;
    yield item;
  }
  // A file with no HTML page in it at all is said so, rather than passed over in silence.
  const n = stats.records - before;
  if (!items) yield { quarantine: quarantine('NO_ARTICLE', '', origin, `WARC file (${n} record${n === 1 ? '' : 's'}, none an HTML page)`) };
}

async function* readRecords(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  origin: string,
  maxBytes: number,
  stats: WarcStats,
): AsyncGenerator<WarcItem> {
  const parser = new WARCParser(source, { parseHttp: false });
  let n = 0;
  /** The last record read whole: a failure is blamed on the record after it. */
  let lastUri = '';
  let completed = 0;
  try {
    for await (const record of parser) {
      n++;
      stats.records++;
      const where = `${origin}:record ${n}`;
      const type = record.warcType;
      const declared = Number(record.warcHeaders.headers.get('Content-Length') ?? NaN);
      if (!type || !Number.isFinite(declared)) {
        yield { quarantine: quarantine('TRUNCATED_WARC', '', where, 'incomplete WARC headers') };
        return;
      }
      const uri = record.warcTargetURI ?? '';
      if (declared > maxBytes) {
        // Never read into memory: the parser skips the record's block in chunks on the next step.
        yield { quarantine: quarantine('TOO_LARGE', uri, where, declared, maxBytes) };
        [completed, lastUri] = [n, uri];
        continue;
      }
      const block = await record.readFully(false);
      if (block.length < declared) {
        yield { quarantine: quarantine('TRUNCATED_WARC', block, where, `${uri}: ${block.length} of ${declared} bytes`) };
        return;
      }
      [completed, lastUri] = [n, uri];
      const item = recordToItem(type, record.warcHeaders.headers.get('Content-Type') ?? '', block, uri, where, maxBytes);
      if (!item) {
        stats.skipped++;
        continue;
      }
      if ('doc' in item) stats.html++;
      yield item;
    }
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    const detail = `record ${completed + 1}${lastUri ? ` after ${lastUri}` : ''}: ${error.message}`;
    yield { quarantine: quarantine('TRUNCATED_WARC', '', origin, detail) };
  }
}

/** An HTML document from a response (or resource) record, or null when the record is not HTML. */
function recordToItem(type: string, contentType: string, block: Uint8Array, uri: string, where: string, maxBytes: number): WarcItem | null {
  let headers = new Map<string, string>();
  let body = block;
  if (type === 'response' && /application\/http/i.test(contentType)) {
    const end = Buffer.from(block.buffer, block.byteOffset, block.length).indexOf(HEADER_END);
    if (end < 0) return null;
    headers = parseHttpHeaders(new TextDecoder('latin1').decode(block.subarray(0, end)));
    body = block.subarray(end + 4);
  } else if (type === 'resource') {
    headers.set('content-type', contentType);
  } else return null;
  const mime = headers.get('content-type') ?? '';
  if (!/text\/html|application\/xhtml/i.test(mime)) return null;
  if (/chunked/i.test(headers.get('transfer-encoding') ?? '')) body = dechunk(body);
  if (/gzip/i.test(headers.get('content-encoding') ?? '')) {
    // A record's compressed body is inflated with the same cap as a file: a bomb stops at maxBytes.
    const inflated = gunzip(body, maxBytes);
    if (!inflated.ok && inflated.reason === 'too-large') return { quarantine: quarantine('TOO_LARGE', uri, where, maxBytes + 1, maxBytes) };
    if (!inflated.ok) return { quarantine: quarantine('TRUNCATED_GZIP', body, where, `${uri}: ${inflated.detail}`) };
    body = inflated.bytes;
  }
  const charset = /charset=["']?([\w-]+)/i.exec(mime)?.[1];
  const decoded = decodeBytes(body, charset);
  if (!decoded) return { quarantine: quarantine('BAD_ENCODING', body, where, 'record body is not text') };
  return { doc: { name: uri || where, format: 'warc', html: decoded.text, url: uri || undefined, origin: where } };
}

function parseHttpHeaders(head: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function dechunk(body: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  const buf = Buffer.from(body.buffer, body.byteOffset, body.length);
  let pos = 0;
  while (pos < buf.length) {
    const lineEnd = buf.indexOf('\r\n', pos);
    if (lineEnd < 0) break;
    const size = parseInt(buf.subarray(pos, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size <= 0) break;
    parts.push(buf.subarray(lineEnd + 2, lineEnd + 2 + size));
    pos = lineEnd + 2 + size + 2;
  }
  return parts.length ? Buffer.concat(parts) : body;
}
