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
export function sortsAfter(columns: readonly string[], key: readonly unknown[], falsity = '0'): Condition {
  if (columns.length === 0) return { sql: falsity, params: [] };
  const firstNull = key.findIndex((value) => value === null || value === undefined);
  const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
  if (firstNull === -1) return { sql: `(${columns.join(', ')}) > (${marks(columns.length)})`, params: [...key] };
  const column = columns[firstNull];
  const rest = sortsAfter(columns.slice(firstNull + 1), key.slice(firstNull + 1), falsity);
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
export type AsyncSelectPage<R> = (where: string, params: unknown[], orderBy: string, limit: number) => Promise<R[]>;

/**
 * How a dialect writes true and false (SQLite: 1 and 0; PostgreSQL: true and false), and what an
 * ascending sort key needs to sort NULLs first as SQLite does (PostgreSQL: ` NULLS FIRST`).
 */
export interface Dialect {
  yes: string;
  no: string;
  nullsFirst: string;
}

const SQLITE: Dialect = { yes: '1', no: '0', nullsFirst: '' };

/**
 * The page after the row whose sort values are `key` (`[lead, ...rest]`). The known and unknown
 * halves of the list are queried apart, each with an equality on `lead IS NULL`, so each seeks
 * its index; the unknown half is read only when the known half runs out. `select` may be async
 * (it then returns a promise of the page).
 */
export function pageAfterNullsLast<R>(order: NullsLastOrder, key: readonly unknown[], limit: number, select: SelectPage<R>): R[];
export function pageAfterNullsLast<R>(order: NullsLastOrder, key: readonly unknown[], limit: number, select: AsyncSelectPage<R>, dialect: Dialect): Promise<R[]>;
export function pageAfterNullsLast<R>(
  order: NullsLastOrder,
  key: readonly unknown[],
  limit: number,
  select: SelectPage<R> | AsyncSelectPage<R>,
  dialect: Dialect = SQLITE,
): R[] | Promise<R[]> {
  const sync = dialect === SQLITE;
  if (limit <= 0) return sync ? [] : Promise.resolve([]);
  const orderBy = [order.lead, ...order.rest].map((column) => column + dialect.nullsFirst).join(', ');
  const unknown = `(${order.lead} IS NULL) = ${dialect.yes}`;
  if (key[0] === null) {
    const after = sortsAfter(order.rest, key.slice(1), dialect.no);
    return select(`${unknown} AND ${order.lead} IS NULL AND ${after.sql}`, after.params, orderBy, limit);
  }
  const after = sortsAfter([order.lead, ...order.rest], key, dialect.no);
  const known = select(`(${order.lead} IS NULL) = ${dialect.no} AND ${after.sql}`, after.params, orderBy, limit);
  const withUnknown = (rows: R[]) => (rows.length >= limit ? rows : select(unknown, [], orderBy, limit - rows.length));
  if (Array.isArray(known)) {
    const rest = withUnknown(known);
    return rest === known ? known : [...known, ...(rest as R[])];
  }
  return known.then(async (rows) => {
    const rest = await withUnknown(rows);
    return rest === rows ? rows : [...rows, ...rest];
  });
}
