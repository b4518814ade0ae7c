/** Every option wiretrace takes, with its default. */
export interface Options {
  /**
   * SQLite database file, or a `postgres://user@host/db` URL for PostgreSQL.
   * @default './wiretrace.db' (or env WIRETRACE_DB)
   */
  db: string;
  /**
   * Largest input file (or record) read, in bytes; larger ones are quarantined.
   * @default 50 MiB
   */
  maxBytes: number;
  /**
   * Jaccard/containment threshold at which LSH should find a candidate pair.
   * @default 0.3 — real news copies share only ~30% of 3-gram shingles (NEWS-COPY)
   */
  threshold: number;
  /**
   * MinHash signature length of the whole-text layer (one-permutation, densified); the other layers
   * are derived from it (canonical numPerm/2, skeleton numPerm/4). 64 keeps the index under 1 KB an article.
   * @default 64
   */
  numPerm: number;
  /**
   * Days over which an event's time closeness halves (Gaussian on the day gap).
   * @default 3
   */
  eventDaySigma: number;
}

export const DEFAULT_OPTIONS: Options = {
  db: process.env.WIRETRACE_DB ?? './wiretrace.db',
  maxBytes: 50 * 1024 * 1024,
  threshold: 0.3,
  numPerm: 64,
  eventDaySigma: 3,
};

export function resolveOptions(partial: Partial<Options> = {}): Options {
  return { ...DEFAULT_OPTIONS, ...partial };
}
