import type { Article, InputFormat, QuarantineRecord } from '../core/types.js';
import { isWiretraceError } from '../core/errors.js';
import { readInputs, readBuffer, type ReadItem, type ReadOptions } from '../ingest/read.js';
import { cleanDocument } from '../clean/clean.js';
import type { Store } from '../store/store.js';
import { analyzeNew } from './analyze.js';

export interface IngestSummary {
  read: number;
  added: number;
  duplicates: number;
  quarantined: number;
  errors: QuarantineRecord[];
}

export interface IngestProgress {
  /** Reading and cleaning records, then linking, clustering and extracting the new articles. */
  phase: 'read' | 'analyze';
  done: number;
  /** Known for uploads and for the analyze phase; file walks report 0 while reading. */
  total: number;
  name: string;
}

export interface IngestOptions {
  format?: InputFormat | 'auto';
  maxBytes?: number;
  map?: Record<string, string>;
  onProgress?: (progress: IngestProgress) => void;
  /** Store only; linking, clustering and quote grouping happen at the next ingest that analyses. */
  skipAnalysis?: boolean;
}

/** Reads files, directories, URLs or `-`, cleans, stores, then links, clusters and groups what is new. */
export async function ingestPaths(store: Store, inputs: string[], options: IngestOptions = {}): Promise<IngestSummary> {
  return consume(store, readInputs(inputs, readOptions(options)), 0, options);
}

/** The same for uploaded files (HTTP ingest). */
export async function ingestBuffers(
  store: Store,
  files: Array<{ name: string; bytes: Uint8Array }>,
  options: IngestOptions = {},
): Promise<IngestSummary> {
  async function* all(): AsyncGenerator<ReadItem> {
    for (const file of files) yield* readBuffer(file.name, file.bytes, readOptions(options));
  }
  return consume(store, all(), files.length, options);
}

function readOptions(options: IngestOptions): ReadOptions {
  return { format: options.format ?? 'auto', maxBytes: options.maxBytes, map: options.map };
}

async function consume(
  store: Store,
  items: AsyncGenerator<ReadItem>,
  total: number,
  options: IngestOptions,
): Promise<IngestSummary> {
  const summary: IngestSummary = { read: 0, added: 0, duplicates: 0, quarantined: 0, errors: [] };
  const added: Article[] = [];
  const quarantine = async (record: QuarantineRecord) => {
    await store.putQuarantine(record);
    summary.quarantined++;
    summary.errors.push(record);
  };
  for await (const item of items) {
    summary.read++;
    if ('quarantine' in item) {
      await quarantine(item.quarantine);
      continue;
    }
    const { doc } = item;
    options.onProgress?.({ phase: 'read', done: summary.read, total, name: doc.name });
    let article: Article;
    try {
      article = cleanDocument(doc);
    } catch (error) {
      if (!isWiretraceError(error)) throw error;
      await quarantine({ origin: doc.origin, code: error.code, message: error.message, excerpt: excerptOf(doc.text ?? doc.html ?? '') });
      continue;
    }
    if (await store.putArticle(article)) {
      summary.added++;
      added.push(article);
    } else {
      summary.duplicates++;
    }
  }
  if (!options.skipAnalysis) {
    await analyzeNew(store, added, {}, (done, total, name) => options.onProgress?.({ phase: 'analyze', done, total, name }));
  }
  return summary;
}

function excerptOf(text: string): string {
  return text.slice(0, 200).replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '?');
}
