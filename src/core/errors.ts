/** One catalog of error codes. Every error a user can see carries one of these. */
export const ERRORS = {
  EMPTY_FILE: (origin: string) => `${origin}: empty file`,
  BINARY_FILE: (origin: string) => `${origin}: binary content, not text`,
  BAD_ENCODING: (origin: string, detail: string) => `${origin}: not decodable text (${detail})`,
  MALFORMED_JSONL: (origin: string, detail: string) => `${origin}: malformed JSON line (${detail})`,
  MISSING_FIELD: (origin: string, field: string) => `${origin}: record has no ${field}`,
  TRUNCATED_GZIP: (origin: string, detail: string) => `${origin}: truncated or corrupt gzip (${detail})`,
  TRUNCATED_WARC: (origin: string, detail: string) => `${origin}: truncated or corrupt WARC (${detail})`,
  NO_ARTICLE: (origin: string, what: string = 'HTML page') => `${origin}: ${what} has no article text`,
  HTML_TOO_COMPLEX: (origin: string, detail: string) => `${origin}: HTML too deeply nested or too large to read (${detail})`,
  ARTICLE_TOO_LONG: (origin: string, chars: number, limit: number) =>
    `${origin}: article text of ${chars} characters is over the limit of ${limit} (no news article is this long)`,
  EMPTY_FEED: (origin: string) => `${origin}: feed has no items`,
  NOT_A_FILE: (origin: string, kind: string) => `${origin}: a ${kind}, not a regular file`,
  LINK_REFUSED: (url: string, detail: string) => `${url}: link not followed (${detail})`,
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
  DB_UNREACHABLE: (where: string, detail: string) => `cannot connect to ${where} (${detail})`,
  ANALYSIS_FAILED: (origin: string, stage: string, detail: string) => `${origin}: analysis failed in ${stage} (${detail})`,
  PORT_IN_USE: (host: string, port: number) => `port ${port} on ${host} is already in use; pick another with --port (0 picks a free one)`,
  CANNOT_LISTEN: (host: string, port: number, reason: string) => `cannot listen on ${host}:${port} (${reason}); check --host and --port`,
  INTERNAL: (detail: string) => `internal error: ${detail}`,
  UNAUTHORIZED: (detail: string) => `not allowed: ${detail}`,
  // Warnings: the input was read (or deliberately left out) and the run goes on; counted in the ingest summary.
  LOSSY_UTF8: (origin: string, count: number) => `${origin}: ${count} invalid UTF-8 byte sequence(s) replaced with U+FFFD`,
  SKIPPED_SPECIAL: (origin: string, why: string) => `${origin}: skipped (${why})`,
  SKIPPED_LOOP: (origin: string) => `${origin}: skipped, a link to a folder already read (a symbolic link loop, or a second link to it)`,
  SKIPPED_CORPUS_FILE: (origin: string) => `${origin}: skipped, a folder's README/LICENSE-style file is not news (name it on the command line to read it)`,
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
