import { createReadStream, promises as fsp, readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { DEFAULT_OPTIONS } from '../core/config.js';
import type { InputFormat, QuarantineRecord, RawDocument } from '../core/types.js';
import { decodeBytes, gunzip, isBinary, isGzip } from './decode.js';
import { detectFormat, extensionOf, sniffFormat } from './detect.js';
import { readFeed } from './feed.js';
import { fetchText } from './fetch.js';
import { readHtml } from './html.js';
import { readJsonl } from './jsonl.js';
import { quarantine } from './quarantine.js';
import { sanitizeDocument } from './sanitize.js';
import { readText } from './text.js';
import { specialKind, walkFolder } from './walk.js';
import { warning, type ReadWarning } from './warnings.js';
import { readWarc, type WarcStats } from './warc.js';

/** An article; or an input that could not be read (quarantined); or a note on something skipped or repaired. */
export type ReadItem = { doc: RawDocument } | { quarantine: QuarantineRecord } | { warning: ReadWarning };

export interface ReadOptions {
  /** Forces a format; 'auto' (the default) sniffs content, then looks at the extension. */
  format?: InputFormat | 'auto';
  /** Largest file or record read, in bytes. @default DEFAULT_OPTIONS.maxBytes (50 MiB) */
  maxBytes?: number;
  /** JSONL field renames, ourName -> theirName: {text: 'body', published: 'date'}. */
  map?: Record<string, string>;
  /** Used for http(s) inputs and for feed items' linked pages. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Read a feed item whose content is short from the page its link names (http(s) only). @default false */
  followLinks?: boolean;
  /** Let followed links reach loopback, link-local and private addresses. @default false */
  allowPrivateLinks?: boolean;
  /** Filled with counts of WARC records read and skipped, when given. */
  warcStats?: WarcStats;
}

/**
 * Reads files, directories (recursively, in sorted order; hidden entries skipped), `.gz` files,
 * `-` (stdin) and http(s) URLs. Yields one item per article, or a quarantine record for input
 * that cannot be read; it never throws for bad input.
 */
export async function* readInputs(inputs: string[], options: ReadOptions = {}): AsyncGenerator<ReadItem> {
  for (const input of inputs) {
    if (input === '-') {
      yield* sanitized(readMemory('stdin', await readStdin(), 'stdin', options));
    } else if (/^https?:\/\//i.test(input)) {
      yield* sanitized(readUrl(input, options));
    } else {
      yield* sanitized(readPath(input, options));
    }
  }
}

/** Documents cleaned of control characters, whichever reader made them. */
async function* sanitized(items: AsyncIterable<ReadItem>): AsyncGenerator<ReadItem> {
  for await (const item of items) yield 'doc' in item ? { doc: sanitizeDocument(item.doc) } : item;
}

async function* readPath(input: string, options: ReadOptions): AsyncGenerator<ReadItem> {
  let stat: Stats;
  try {
    stat = statSync(input);
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    yield { quarantine: quarantine('NOT_FOUND', '', input) };
    return;
  }
  if (!stat.isDirectory()) {
    const kind = specialKind(stat);
    // A named pipe or a device could block the reader forever: stdin (`-`) is the way to pipe input.
    if (kind) yield { quarantine: quarantine('NOT_A_FILE', '', input, kind) };
    else yield* readFile(input, path.basename(input), stat.size, options);
    return;
  }
  for (const entry of walkFolder(input)) {
    if ('warning' in entry) yield entry;
    else yield* readFile(entry.file, entry.name, entry.size, options);
  }
}

async function* readFile(file: string, name: string, size: number, options: ReadOptions): AsyncGenerator<ReadItem> {
  const maxBytes = options.maxBytes ?? DEFAULT_OPTIONS.maxBytes;
  const forced = options.format && options.format !== 'auto' ? options.format : null;
  if (extensionOf(file) === 'warc' && (!forced || forced === 'warc')) {
    // WARC files stream: maxBytes applies per record, not to the whole archive.
    yield* streamWarc(file, options, maxBytes);
    return;
  }
  if (size > maxBytes) {
    const head = await readHead(file, 200);
    yield { quarantine: quarantine('TOO_LARGE', head, file, size, maxBytes) };
    return;
  }
  // Sync reads: local files are small and many; awaiting each one costs more than reading it.
  const bytes = readFileSync(file);
  yield* readBytes(name, bytes, file, options);
}

async function* streamWarc(file: string, options: ReadOptions, maxBytes: number): AsyncGenerator<ReadItem> {
  const raw = createReadStream(file);
  const head = await readHead(file, 2);
  const source = isGzip(head) ? raw.pipe(createGunzip()) : raw;
  if (isGzip(head)) raw.on('error', (error) => source.destroy(error));
  try {
    yield* readWarc(source, file, maxBytes, options.warcStats);
  } finally {
    raw.destroy();
  }
}

async function readHead(file: string, n: number): Promise<Uint8Array> {
  const handle = await fsp.open(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function* readUrl(url: string, options: ReadOptions): AsyncGenerator<ReadItem> {
  const maxBytes = options.maxBytes ?? DEFAULT_OPTIONS.maxBytes;
  const page = await fetchText(url, url, { fetch: options.fetch, maxBytes });
  if ('quarantine' in page) {
    yield page;
    return;
  }
  let format = options.format && options.format !== 'auto' ? options.format : sniffFormat(page.text.slice(0, 4096));
  if (!format) format = /xml|rss|atom/i.test(page.contentType) ? 'feed' : /html/i.test(page.contentType) ? 'html' : 'text';
  yield* readDecoded(url, page.text, url, format, options, url);
}

/** Reads an uploaded file (HTTP upload) held in memory: the same rules as a file on disk. */
export async function* readBuffer(name: string, bytes: Uint8Array, options: ReadOptions = {}): AsyncGenerator<ReadItem> {
  yield* sanitized(readMemory(name, bytes, name, options));
}

async function* readMemory(name: string, bytes: Uint8Array, origin: string, options: ReadOptions): AsyncGenerator<ReadItem> {
  const maxBytes = options.maxBytes ?? DEFAULT_OPTIONS.maxBytes;
  if (bytes.length > maxBytes) {
    yield { quarantine: quarantine('TOO_LARGE', bytes, origin, bytes.length, maxBytes) };
    return;
  }
  yield* readBytes(name, bytes, origin, options);
}

async function* readBytes(name: string, input: Uint8Array, origin: string, options: ReadOptions): AsyncGenerator<ReadItem> {
  const maxBytes = options.maxBytes ?? DEFAULT_OPTIONS.maxBytes;
  let bytes = input;
  let docName = name;
  if (isGzip(bytes)) {
    docName = name.replace(/\.gz$/i, '');
    const result = gunzip(bytes, maxBytes);
    if (!result.ok && result.reason === 'too-large') {
      yield { quarantine: quarantine('TOO_LARGE', bytes, origin, maxBytes + 1, maxBytes) };
      return;
    }
    if (!result.ok) {
      const partial = result.partial;
      // A truncated WARC keeps its complete records; any other truncated file is quarantined whole.
      if (partial.length && formatOf(docName, partial, options) === 'warc') {
        yield* readWarc([partial], origin, maxBytes, options.warcStats);
      }
      yield { quarantine: quarantine('TRUNCATED_GZIP', partial.length ? partial : bytes, origin, result.detail) };
      return;
    }
    bytes = result.bytes;
  }
  if (bytes.length === 0 || isBlank(bytes)) {
    yield { quarantine: quarantine('EMPTY_FILE', '', origin) };
    return;
  }
  const format = formatOf(docName, bytes, options);
  if (format === 'warc') {
    yield* readWarc([bytes], origin, maxBytes, options.warcStats);
    return;
  }
  if (isBinary(bytes)) {
    yield { quarantine: quarantine('BINARY_FILE', bytes, origin) };
    return;
  }
  const declared = format === 'html' ? declaredCharset(bytes) : undefined;
  const decoded = decodeBytes(bytes, declared);
  if (!decoded) {
    yield { quarantine: quarantine('BAD_ENCODING', bytes, origin, 'neither UTF-8 nor Windows-1252 text') };
    return;
  }
  if (decoded.replaced) yield { warning: warning('LOSSY_UTF8', origin, decoded.replaced) };
  yield* readDecoded(docName, decoded.text, origin, format, options);
}

function formatOf(name: string, bytes: Uint8Array, options: ReadOptions): InputFormat {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  return detectFormat(name, head, options.format);
}

async function* readDecoded(
  name: string,
  text: string,
  origin: string,
  format: InputFormat,
  options: ReadOptions,
  url?: string,
): AsyncGenerator<ReadItem> {
  if (!text.trim()) {
    yield { quarantine: quarantine('EMPTY_FILE', '', origin) };
    return;
  }
  switch (format) {
    case 'text':
      yield { doc: readText(name, text, origin) };
      return;
    case 'html':
      yield { doc: readHtml(name, text, origin, url) };
      return;
    case 'jsonl':
      yield* readJsonl(name, text, origin, options.map);
      return;
    case 'feed':
      yield* readFeed(name, text, origin, {
        fetch: options.fetch,
        maxBytes: options.maxBytes ?? DEFAULT_OPTIONS.maxBytes,
        followLinks: options.followLinks,
        allowPrivateLinks: options.allowPrivateLinks,
      });
      return;
    case 'warc':
      yield* readWarc([new TextEncoder().encode(text)], origin, options.maxBytes ?? DEFAULT_OPTIONS.maxBytes, options.warcStats);
      return;
  }
}

function isBlank(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return false;
  }
  return true;
}

/** `<meta charset=...>` or http-equiv content-type charset in the first 4 KB of an HTML page. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  return /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1];
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
