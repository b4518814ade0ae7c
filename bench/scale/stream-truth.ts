/**
 * The generated stream's ground truth (`story`, `kind`: ingest ignores both) read back from its corpus
 * files, and matched with a database's stored articles.
 */
import type Database from 'better-sqlite3';
import { corpusLines } from './corpus-files.js';

/** A generated article's truth and its place among the stream's generated articles. */
export interface Truth {
  position: number;
  story: number;
  kind: string;
}

export interface StoredTruth {
  /** Stored generated articles by id. */
  byId: Map<string, Truth>;
  /** Stored articles the generator did not write (the real Reuters and BBC part, whose paragraphs it recycles). */
  realIds: Set<string>;
  /** Generated articles in the corpus files. */
  generated: number;
}

/** `files`: every corpus file or folder the database was built from, in stream order (comma-separated). */
export async function storedTruth(sql: Database.Database, files: string): Promise<StoredTruth> {
  const truthByName = new Map<string, Truth>();
  const realNames = new Set<string>();
  for (const corpus of files.split(',')) {
    for await (const line of corpusLines(corpus)) {
      const record = JSON.parse(line) as { id: string; story?: number; kind?: string };
      if (record.story === undefined || record.kind === undefined) realNames.add(record.id);
      else truthByName.set(record.id, { position: truthByName.size, story: record.story, kind: record.kind });
    }
  }
  const byId = new Map<string, Truth>();
  const realIds = new Set<string>();
  for (const row of sql.prepare('SELECT id, name FROM articles').iterate() as Iterable<{ id: string; name: string }>) {
    const truth = truthByName.get(row.name);
    if (truth) byId.set(row.id, truth);
    else if (realNames.has(row.name)) realIds.add(row.id);
  }
  return { byId, realIds, generated: truthByName.size };
}
