import type { Article, QuarantineRecord, Quote, RawDocument } from '../core/types.js';
import { createError, isWiretraceError } from '../core/errors.js';
import { cleanDocument } from '../clean/clean.js';
import { extractEntities, type FoundEntities } from '../extract/entities.js';
import { extractQuotes } from '../extract/quotes.js';
import { fingerprint, type Fingerprint } from '../fingerprint/fingerprint.js';
import { printableExcerpt } from '../ingest/quarantine.js';

export interface PrepareOptions {
  /** MinHash length of the fingerprint's whole-text layer (see Options.numPerm). */
  numPerm: number;
}

/** An article with everything computed from it alone, or why it could not be prepared. */
export type Prepared =
  | { ok: true; article: Article; entities: FoundEntities; quotes: Quote[]; fingerprint: Fingerprint }
  | { ok: false; error: QuarantineRecord };

/** The per-article stages, in the order they run: the one that threw is named in the quarantine message. */
export type PrepareStage = 'clean' | 'entities' | 'quotes' | 'fingerprint';

/** Longest error detail kept in a quarantine message. */
const DETAIL_CHARS = 200;

/**
 * The per-article stages (clean, entities, quotes, fingerprint), which need nothing but the
 * document: pure, so they can run on any thread. It never throws: a document the cleaner
 * rejects keeps the cleaner's catalog code; any other failure (a RangeError on a huge input,
 * a bug) is quarantined as INTERNAL, naming the stage, so one bad document never stops a run.
 */
export function prepareArticle(raw: RawDocument, options: PrepareOptions): Prepared {
  let stage: PrepareStage = 'clean';
  try {
    const article = cleanDocument(raw);
    stage = 'entities';
    const entities = extractEntities(article.text);
    stage = 'quotes';
    const quotes = extractQuotes(article, entities);
    stage = 'fingerprint';
    const print = fingerprint(article.id, article.text, article.paragraphs, { numPerm: options.numPerm });
    return { ok: true, article, entities, quotes, fingerprint: print };
  } catch (error) {
    return { ok: false, error: stageFailure(raw, stage, error) };
  }
}

function stageFailure(raw: RawDocument, stage: PrepareStage, error: unknown): QuarantineRecord {
  if (isWiretraceError(error)) {
    return { origin: raw.origin, code: error.code, message: error.message, excerpt: excerptOf(raw) };
  }
  return preparationFailure(raw, `${stage} failed: ${describe(error)}`);
}

/**
 * A quarantine record for a document whose preparation failed outside the stages' own errors
 * (a stage threw something unexpected, or the worker thread preparing it died).
 */
export function preparationFailure(raw: RawDocument, detail: string): QuarantineRecord {
  const error = createError('INTERNAL', `${raw.origin}: ${detail.slice(0, DETAIL_CHARS)}`);
  return { origin: raw.origin, code: error.code, message: error.message, excerpt: excerptOf(raw) };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** The input's first characters; '' when a malformed record holds no string to show (this must never throw). */
function excerptOf(raw: RawDocument): string {
  const input: unknown = raw.text ?? raw.html;
  return typeof input === 'string' ? printableExcerpt(input) : '';
}
