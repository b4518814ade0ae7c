/**
 * The store-neutral search syntax: words (ANDed), "quoted phrases", -word and -"phrase" to
 * exclude, OR between words or phrases, and word* for a prefix. Parsing is pure and total: any
 * text gives a query (a stray `"`, `NATO-Russia` or `10:30` are just words), and its size is
 * bounded by `SearchLimits`, so a store never pays for more than a few terms.
 */

/** One searched term: a word, or a phrase of several words in a row. */
export interface SearchTerm {
  /** Its words, as runs of letters, digits and marks (`NATO-Russia` is the phrase NATO Russia). */
  words: string[];
  /** True when the last word is a prefix (`Stolten*`). */
  prefix: boolean;
}

export interface SearchQuery {
  /** Every clause must match; a clause matches when any of its terms does (OR). */
  all: SearchTerm[][];
  /** No hit may contain any of these. */
  none: SearchTerm[];
}

export interface SearchLimits {
  /** Words kept over all terms (a phrase counts each of its words); later ones are ignored. @default 16 */
  words: number;
  /** Prefix terms kept; later ones are ignored. @default 4 */
  prefixes: number;
  /** Characters a word needs before `*` to be a prefix; a shorter one is searched as the whole word. @default 3 */
  prefixMinLength: number;
  /** Characters of the query read; the rest is ignored. @default 1000 */
  length: number;
}

export const DEFAULT_SEARCH_LIMITS: SearchLimits = { words: 16, prefixes: 4, prefixMinLength: 3, length: 1000 };

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

type Token = { or: true } | { term: SearchTerm; exclude: boolean };

/** The query a user typed, as clauses of terms; a query with nothing to find has no clause. */
export function parseSearch(text: string, limits: SearchLimits = DEFAULT_SEARCH_LIMITS): SearchQuery {
  const query: SearchQuery = { all: [], none: [] };
  let words = limits.words;
  let prefixes = limits.prefixes;
  let joinNext = false;
  let lastWasTerm = false;
  for (const token of tokenize(text.slice(0, limits.length), limits)) {
    if ('or' in token) {
      joinNext = lastWasTerm;
      continue;
    }
    const term = token.term;
    if (words === 0) break;
    if (term.prefix && prefixes === 0) {
      lastWasTerm = false;
      joinNext = false;
      continue;
    }
    if (term.words.length > words) {
      term.words = term.words.slice(0, words);
      term.prefix = false;
    }
    words -= term.words.length;
    if (term.prefix) prefixes--;
    if (token.exclude) {
      query.none.push(term);
      lastWasTerm = false;
    } else {
      if (joinNext) query.all[query.all.length - 1].push(term);
      else query.all.push([term]);
      lastWasTerm = true;
    }
    joinNext = false;
  }
  return query;
}

/** Terms and OR markers in order; tokens without a word in them are dropped. */
function* tokenize(text: string, limits: SearchLimits): Generator<Token> {
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i])) {
      i++;
      continue;
    }
    const exclude = text[i] === '-' && i + 1 < text.length && !/[\s-]/.test(text[i + 1]);
    if (exclude) i++;
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      const end = close === -1 ? text.length : close;
      const words = text.slice(i + 1, end).match(WORD) ?? [];
      i = end + 1;
      if (words.length > 0) yield { term: { words, prefix: false }, exclude };
      continue;
    }
    let end = i;
    while (end < text.length && !/[\s"]/.test(text[end])) end++;
    const raw = text.slice(i, end);
    i = end;
    if (raw === 'OR' && !exclude) {
      yield { or: true };
      continue;
    }
    const words = raw.match(WORD) ?? [];
    if (words.length === 0) continue;
    const last = words[words.length - 1];
    const prefix = /[\p{L}\p{N}\p{M}]\*+$/u.test(raw) && [...last].length >= limits.prefixMinLength;
    yield { term: { words, prefix }, exclude };
  }
}
