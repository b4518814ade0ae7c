/** One catalog of error codes. Every error a user can see carries one of these. */
export const ERRORS = {
  EMPTY_FILE: (origin: string) => `${origin}: empty file`,
  BINARY_FILE: (origin: string) => `${origin}: binary content, not text`,
  BAD_ENCODING: (origin: string, detail: string) => `${origin}: not decodable text (${detail})`,
  MALFORMED_JSONL: (origin: string, detail: string) => `${origin}: malformed JSON line (${detail})`,
  MISSING_FIELD: (origin: string, field: string) => `${origin}: record has no ${field}`,
  TRUNCATED_GZIP: (origin: string, detail: string) => `${origin}: truncated or corrupt gzip (${detail})`,
  TRUNCATED_WARC: (origin: string, detail: string) => `${origin}: truncated or corrupt WARC (${detail})`,
  NO_ARTICLE: (origin: string) => `${origin}: HTML page has no article text`,
  TOO_LARGE: (origin: string, size: number, limit: number) =>
    `${origin}: ${size} bytes is over the size limit of ${limit} bytes`,
  BAD_FEED: (origin: string, detail: string) => `${origin}: not a readable RSS or Atom feed (${detail})`,
  FETCH_FAILED: (origin: string, detail: string) => `${origin}: could not fetch (${detail})`,
  NOT_FOUND: (what: string) => `not found: ${what}`,
  AMBIGUOUS: (ref: string, matches: string[]) =>
    `${JSON.stringify(ref)} matches several articles; say which: ${matches.join(', ')}${matches.length >= 10 ? ', …' : ''}`,
  BAD_USAGE: (detail: string) => `bad usage: ${detail}`,
  BAD_REQUEST: (detail: string) => `bad request: ${detail}`,
  PAYLOAD_TOO_LARGE: (limit: number) => `request body is over the limit of ${limit} bytes`,
  TOO_MANY_JOBS: (limit: number) => `${limit} uploads are already waiting or running; try again once some have finished`,
  DB_TOO_NEW: (file: string, found: number, supported: number) =>
    `${file}: database schema version ${found} is newer than this wiretrace supports (${supported}); upgrade wiretrace`,
  DB_TOO_OLD: (file: string, found: number, supported: number) =>
    `${file}: database schema version ${found} is older than ${supported}; open it once without read-only to upgrade it`,
  ANALYSIS_FAILED: (origin: string, stage: string, detail: string) => `${origin}: analysis failed in ${stage} (${detail})`,
  INTERNAL: (detail: string) => `internal error: ${detail}`,
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class WiretraceError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'WiretraceError';
    this.code = code;
  }
}

/** `createError('EMPTY_FILE', 'a.txt')` — orama-style: a code and the catalog's message for it. */
export function createError<C extends ErrorCode>(
  code: C,
  ...args: Parameters<(typeof ERRORS)[C]>
): WiretraceError {
  const format = ERRORS[code] as (...a: unknown[]) => string;
  return new WiretraceError(code, format(...args));
}

export function isWiretraceError(error: unknown): error is WiretraceError {
  return error instanceof WiretraceError;
}
