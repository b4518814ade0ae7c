/**
 * Export encodings, streamed row by row: CSV (RFC 4180, safe to open in a spreadsheet) and JSON
 * (one array, one row per line).
 */

export type ExportFormat = 'csv' | 'json';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'json'];

export type Cell = string | number | boolean | null | readonly string[];
export type ExportRow = Record<string, Cell>;

/** Characters that make a spreadsheet read a cell as a formula (OWASP's list: = + - @, tab, CR). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field: a text starting like a formula gets a leading apostrophe (the cell then shows as
 * text); a field holding a comma, quote, CR or LF is quoted with its quotes doubled. Lists are
 * joined with "; "; null is empty.
 */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = typeof value === 'string' ? value : value.join('; ');
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV record, ended by CRLF as RFC 4180 says. */
export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** The encoded export, chunk by chunk: a header line and one line per row (CSV), or a JSON array with a row per line. */
export async function* encodeRows(format: ExportFormat, columns: readonly string[], rows: AsyncIterable<ExportRow>): AsyncGenerator<string> {
  if (format === 'csv') {
    yield csvLine(columns);
    for await (const row of rows) yield csvLine(columns.map((c) => row[c] ?? null));
    return;
  }
  let first = true;
  yield '[';
  for await (const row of rows) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(row)}`;
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}

export function contentType(format: ExportFormat): string {
  return format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8';
}
