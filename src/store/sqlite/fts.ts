/**
 * Turning what a user types into an FTS5 MATCH expression.
 *
 * Plain words are each quoted (so `NATO-Russia`, `10:30` or a stray `"` are just
 * words, never syntax) and ANDed; a trailing `*` on a word keeps prefix search.
 * A query that already looks like FTS5 syntax is tried as written first; the caller
 * falls back to `quoteQuery` when SQLite rejects it.
 */

const SYNTAX = /\b(AND|OR|NOT)\b|\bNEAR\s*\(|"|\*|\^|\b[a-z_]+\s*:|\{/;
const HAS_WORD = /[\p{L}\p{N}]/u;

export function looksLikeFtsSyntax(query: string): boolean {
  return SYNTAX.test(query);
}

/** Each whitespace-separated token as an FTS5 string; null when nothing searchable is left. */
export function quoteQuery(query: string): string | null {
  const terms: string[] = [];
  for (const raw of query.split(/\s+/)) {
    const prefix = raw.length > 1 && raw.endsWith('*');
    const word = (prefix ? raw.replace(/\*+$/, '') : raw).replace(/"/g, '');
    if (!HAS_WORD.test(word)) continue;
    terms.push(`"${word}"${prefix ? '*' : ''}`);
  }
  return terms.length > 0 ? terms.join(' AND ') : null;
}
