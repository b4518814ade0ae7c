import type { Article } from '../core/types.js';
import { createError, isWiretraceError } from '../core/errors.js';
import { readInputs, type ReadOptions } from '../ingest/read.js';
import { cleanDocument } from '../clean/clean.js';

/** Reads and cleans the articles in one input without a store; bad records are errors here, not quarantine. */
export async function readArticles(input: string, options: ReadOptions = {}): Promise<Article[]> {
  const out: Article[] = [];
  for await (const item of readInputs([input], options)) {
    if ('warning' in item) continue;
    if ('quarantine' in item) throw createError('BAD_USAGE', item.quarantine.message);
    try {
      out.push(cleanDocument(item.doc));
    } catch (error) {
      if (isWiretraceError(error)) throw createError('BAD_USAGE', error.message);
      throw error;
    }
  }
  if (out.length === 0) throw createError('BAD_USAGE', `${input}: no article in it`);
  return out;
}
