/**
 * Boilerplate learned per outlet: paragraphs an outlet repeats across its pages ("Your browser does
 * not support the audio element", app promos, syndication disclaimers) are found by counting, not by
 * a list. Each outlet has a fixed number of counter rows (`BUCKETS`); a paragraph hashes to one, and
 * the bucket keeps its most frequent paragraph (Misra–Gries: another paragraph wears the count down
 * and takes the bucket when it reaches zero), so the rows per outlet stay bounded however much the
 * outlet publishes. A paragraph counts once per story: copies and versions of one story (same
 * longest paragraph as the last page that had it) do not make their own text boilerplate.
 */
import type { Article } from '../core/types.js';
import { jsonCodec, type RowSet, type RowTable } from '../core/rows.js';
import { hashString } from '../fingerprint/hash.js';

/** Counter rows per outlet. */
const BUCKETS = 1024;
/** Stories of one outlet a paragraph must appear in to count as its boilerplate. */
export const MIN_STORIES = 4;
/** Longest paragraph considered (characters): boilerplate is a line or two. */
const MAX_CHARS = 400;
/** Fewest words: shorter lines cannot make a passage anyway. */
const MIN_WORDS = 4;

interface Counter {
  /** Hash of the paragraph the bucket holds. */
  h: number;
  /** Its count (stories, less what other paragraphs wore down). */
  n: number;
  /** Hash of the longest paragraph of the last story that counted it. */
  s: number;
}

/** A paragraph as counted: case, spacing and quote styles ignored. */
function normalize(text: string): string {
  return text.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\s+/g, ' ').trim();
}

interface Unit {
  paragraph: number;
  hash: number;
  key: string;
}

/** The article's countable paragraphs with their row keys; none when its outlet is unknown. */
function countable(article: Article): Unit[] {
  if (!article.source) return [];
  const outlet = article.source.toLowerCase();
  const out: Unit[] = [];
  article.paragraphs.forEach(([b, e], paragraph) => {
    if (e - b > MAX_CHARS) return;
    const text = normalize(article.text.slice(b, e));
    if (text.split(' ').length < MIN_WORDS) return;
    const hash = hashString(text);
    out.push({ paragraph, hash, key: `${outlet}\u0000${hash % BUCKETS}` });
  });
  return out;
}

export class OutletBoilerplate {
  private readonly table: RowTable<Counter>;

  constructor(rows: RowSet) {
    this.table = rows.table<Counter>('outlet-boilerplate', jsonCodec<Counter>(), 100_000);
  }

  /**
   * Each article's units, once: an article is asked for them as it is linked, counted and aligned, and
   * as a candidate of up to 8 later ones (articles are never changed once stored).
   */
  private readonly unitsOf = new WeakMap<Article, Unit[]>();

  /** The article's countable paragraphs with their row keys; none when its outlet is unknown. */
  private units(article: Article): Unit[] {
    let units = this.unitsOf.get(article);
    if (!units) this.unitsOf.set(article, (units = countable(article)));
    return units;
  }

  /** Loads the rows `observe` and `repeated` will read for these articles. */
  async load(articles: readonly Article[]): Promise<void> {
    await this.table.load(articles.flatMap((a) => this.units(a).map((u) => u.key)));
  }

  /** Counts the article's paragraphs (each once) against its outlet. */
  observe(article: Article): void {
    const units = this.units(article);
    if (units.length === 0) return;
    const story = storyHash(article);
    const seen = new Set<number>();
    for (const u of units) {
      if (seen.has(u.hash)) continue;
      seen.add(u.hash);
      const row = this.table.get(u.key);
      if (!row || row.n <= 0) this.table.set(u.key, { h: u.hash, n: 1, s: story });
      else if (row.h === u.hash) {
        if (row.s !== story) this.table.set(u.key, { h: u.hash, n: row.n + 1, s: story });
      } else this.table.set(u.key, { ...row, n: row.n - 1 });
    }
  }

  /** Paragraph indexes of the article that are its outlet's boilerplate. */
  repeated(article: Article): Set<number> {
    const out = new Set<number>();
    for (const u of this.units(article)) {
      const row = this.table.get(u.key);
      if (row && row.h === u.hash && row.n >= MIN_STORIES) out.add(u.paragraph);
    }
    return out;
  }
}

/** Hash of the article's longest paragraph: what tells one story from another. */
function storyHash(article: Article): number {
  let best: [number, number] = [0, 0];
  for (const p of article.paragraphs) if (p[1] - p[0] > best[1] - best[0]) best = p;
  return hashString(normalize(article.text.slice(best[0], best[1])));
}
