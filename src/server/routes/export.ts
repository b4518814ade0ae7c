import { Hono } from 'hono';
import { contentType, encodeRows, EXPORT_FORMATS, type ExportFormat } from '../../pipeline/export-format.js';
import { checkFilter, EXPORT_COLUMNS, EXPORT_TABLES, exportRows, isExportTable, type ExportFilter } from '../../pipeline/export.js';
import type { Store } from '../../store/store.js';
import { badRequest, notFound } from '../errors.js';

/** Longest text filter accepted. */
const MAX_FILTER_LENGTH = 1000;

/**
 * GET /api/export/{articles|relations|coverage|quotes}.{csv|json}?q=&from=&to=&outlet=&kind=&minScore=&speaker=
 * streams the whole filtered table, read from the store a page at a time.
 */
export function exportRoutes(store: Store): Hono {
  const app = new Hono();
  app.get('/export/:file', (c) => {
    const file = c.req.param('file');
    const [table, format, ...rest] = file.split('.');
    if (rest.length || !table || !isExportTable(table) || !(EXPORT_FORMATS as readonly string[]).includes(format ?? '')) {
      notFound('export', `${file} (use {${EXPORT_TABLES.join('|')}}.{${EXPORT_FORMATS.join('|')}})`);
    }
    const filter = filterOf((name) => c.req.query(name));
    const chunks = encodeRows(format as ExportFormat, EXPORT_COLUMNS[table], exportRows(store, table, filter));
    return c.body(toStream(chunks), 200, {
      'Content-Type': contentType(format as ExportFormat),
      'Content-Disposition': `attachment; filename="wiretrace-${table}.${format}"`,
      'Cache-Control': 'no-store',
    });
  });
  return app;
}

/** The export's filter from query parameters; bad values are 400s, before any row is sent. */
function filterOf(query: (name: string) => string | undefined): ExportFilter {
  const text = (name: string): string | undefined => {
    const value = query(name)?.trim();
    if (!value) return undefined;
    if (value.length > MAX_FILTER_LENGTH) badRequest(`${name} is longer than ${MAX_FILTER_LENGTH} characters`);
    return value;
  };
  const score = text('minScore');
  if (score !== undefined && !/^(\d+\.?\d*|\.\d+)$/.test(score)) badRequest(`minScore must be a number from 0 to 1, got ${JSON.stringify(score)}`);
  try {
    return checkFilter({
      q: text('q'), from: text('from'), to: text('to'), outlet: text('outlet'), speaker: text('speaker'),
      minScore: score === undefined ? undefined : Number(score),
      kind: text('kind')?.split(',').map((k) => k.trim()).filter(Boolean),
    });
  } catch (error) {
    badRequest(error instanceof Error ? error.message.replace(/^bad usage: /, '') : String(error));
  }
}

/** A byte stream that pulls the next chunk only when the client is ready for it. */
function toStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
