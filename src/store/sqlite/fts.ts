/**
 * Compiles the store-neutral search syntax (../search-syntax.ts) to an FTS5 MATCH expression.
 * Every term is a quoted FTS5 string, so nothing a user types is ever read as FTS5 syntax.
 */
import { parseSearch, type SearchQuery, type SearchTerm } from '../search-syntax.js';

/** The MATCH expression for what a user typed; null when it has nothing to find (empty, or only exclusions). */
export function ftsMatch(text: string): string | null {
  return compileSearch(parseSearch(text));
}

export function compileSearch(query: SearchQuery): string | null {
  if (query.all.length === 0) return null;
  const clauses = query.all.map((terms) => (terms.length === 1 ? ftsTerm(terms[0]) : `(${terms.map(ftsTerm).join(' OR ')})`));
  const wanted = clauses.join(' AND ');
  return query.none.length === 0 ? wanted : `(${wanted}) NOT (${query.none.map(ftsTerm).join(' OR ')})`;
}

function ftsTerm(term: SearchTerm): string {
  return `"${term.words.join(' ').replace(/"/g, '""')}"${term.prefix ? '*' : ''}`;
}
