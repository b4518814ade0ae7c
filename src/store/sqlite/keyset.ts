/**
 * Keyset paging: SQL conditions for "sorts after this row", so a page deep in a list costs
 * what the first page costs (an index seek, not a scan past `offset` rows).
 */

export interface Condition {
  sql: string;
  params: unknown[];
}

/**
 * Rows sorting strictly after `key` on `columns`, ascending with NULLs first (SQLite's order).
 * A key without NULLs becomes one row-value comparison, which SQLite answers with an index seek.
 */
export function sortsAfter(columns: readonly string[], key: readonly unknown[]): Condition {
  if (columns.length === 0) return { sql: '0', params: [] };
  const firstNull = key.findIndex((value) => value === null || value === undefined);
  const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
  if (firstNull === -1) return { sql: `(${columns.join(', ')}) > (${marks(columns.length)})`, params: [...key] };
  const column = columns[firstNull];
  const rest = sortsAfter(columns.slice(firstNull + 1), key.slice(firstNull + 1));
  const tail = `(${column} IS NOT NULL OR (${column} IS NULL AND ${rest.sql}))`;
  if (firstNull === 0) return { sql: tail, params: rest.params };
  const head = columns.slice(0, firstNull).join(', ');
  const headKey = key.slice(0, firstNull);
  return {
    sql: `((${head}) > (${marks(firstNull)}) OR ((${head}) = (${marks(firstNull)}) AND ${tail}))`,
    params: [...headKey, ...headKey, ...rest.params],
  };
}

/** A list ordered by `lead IS NULL, lead, ...rest`: rows with a known `lead` first. */
export interface NullsLastOrder {
  lead: string;
  rest: readonly string[];
}

/** Runs one query of a page: `SELECT ... WHERE where ORDER BY orderBy LIMIT limit`. */
export type SelectPage<R> = (where: string, params: unknown[], orderBy: string, limit: number) => R[];

/**
 * The page after the row whose sort values are `key` (`[lead, ...rest]`). The known and unknown
 * halves of the list are queried apart, each with an equality on `lead IS NULL`, so each seeks
 * its index; the unknown half is read only when the known half runs out.
 */
export function pageAfterNullsLast<R>(order: NullsLastOrder, key: readonly unknown[], limit: number, select: SelectPage<R>): R[] {
  if (limit <= 0) return [];
  const orderBy = [order.lead, ...order.rest].join(', ');
  const unknown = `(${order.lead} IS NULL) = 1`;
  if (key[0] === null) {
    const after = sortsAfter(order.rest, key.slice(1));
    return select(`${unknown} AND ${order.lead} IS NULL AND ${after.sql}`, after.params, orderBy, limit);
  }
  const after = sortsAfter([order.lead, ...order.rest], key);
  const known = select(`(${order.lead} IS NULL) = 0 AND ${after.sql}`, after.params, orderBy, limit);
  if (known.length >= limit) return known;
  return [...known, ...select(unknown, [], orderBy, limit - known.length)];
}
