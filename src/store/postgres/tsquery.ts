/**
 * Compiles the store-neutral search syntax (../search-syntax.ts) to a PostgreSQL tsquery expression.
 * Every word is a bound parameter handed to `plainto_tsquery`, `phraseto_tsquery` or (for a prefix,
 * whose word holds only letters, digits and marks) `to_tsquery('word:*')`; the operators between
 * terms are fixed SQL. Nothing a user types is ever read as SQL or as tsquery syntax.
 */
import { parseSearch, type SearchQuery, type SearchTerm } from '../search-syntax.js';

/** The text search configuration of `articles.search` (stemming as SQLite's porter tokenizer does). */
export const TS_CONFIG = 'english';

export interface CompiledQuery {
  /** A tsquery-valued SQL expression with `$n` placeholders numbered from `firstParam`. */
  sql: string;
  params: string[];
}

/** The tsquery for what a user typed; null when it has nothing to find (empty, or only exclusions). */
export function tsQuery(text: string, firstParam = 1): CompiledQuery | null {
  return compileTsQuery(parseSearch(text), firstParam);
}

export function compileTsQuery(query: SearchQuery, firstParam = 1): CompiledQuery | null {
  if (query.all.length === 0) return null;
  const params: string[] = [];
  const bind = (value: string) => {
    params.push(value);
    return `$${firstParam + params.length - 1}`;
  };
  const term = (t: SearchTerm) => termSql(t, bind);
  const clauses = query.all.map((terms) => (terms.length === 1 ? term(terms[0]) : `(${terms.map(term).join(' || ')})`));
  const wanted = clauses.join(' && ');
  const sql = query.none.length === 0 ? wanted : `(${wanted}) && !!(${query.none.map(term).join(' || ')})`;
  return { sql, params };
}

function termSql(term: SearchTerm, bind: (value: string) => string): string {
  if (!term.prefix) {
    const fn = term.words.length === 1 ? 'plainto_tsquery' : 'phraseto_tsquery';
    return `${fn}('${TS_CONFIG}', ${bind(term.words.join(' '))})`;
  }
  const last = term.words[term.words.length - 1];
  const prefix = `to_tsquery('${TS_CONFIG}', ${bind(`${last}:*`)})`;
  if (term.words.length === 1) return prefix;
  return `tsquery_phrase(phraseto_tsquery('${TS_CONFIG}', ${bind(term.words.slice(0, -1).join(' '))}), ${prefix})`;
}
