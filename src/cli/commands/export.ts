import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { encodeRows, EXPORT_FORMATS, type ExportFormat } from '../../pipeline/export-format.js';
import { checkFilter, EXPORT_COLUMNS, EXPORT_TABLES, exportRows, isExportTable, type ExportFilter } from '../../pipeline/export.js';
import { checkOutFile, withDb, withStore } from '../context.js';
import { UsageError } from '../exit.js';
import { dateOption, numberOption } from '../options.js';

interface ExportOpts extends Omit<ExportFilter, 'kind'> {
  db: string;
  format: string;
  kind?: string;
  out?: string;
}

export function registerExport(program: Command): void {
  withDb(program.command('export'))
    .description('write articles, relations, coverage (articles per day per outlet per event) or quotes as CSV or JSON, filtered')
    .argument('<table>', EXPORT_TABLES.join(' | '))
    .option('--format <format>', EXPORT_FORMATS.join(' | '), 'csv')
    .option('--q <query>', 'full-text search over articles (quotes: words in the quote or its speaker)')
    .option('--from <date>', 'published on or after YYYY-MM-DD', dateOption)
    .option('--to <date>', 'published on or before YYYY-MM-DD', dateOption)
    .option('--outlet <name>', 'only this outlet (relations: either article)')
    .option('--kind <kinds>', 'relations of these kinds, comma-separated')
    .option('--min-score <x>', 'relations scoring at least this, 0..1', numberOption(0, 1))
    .option('--speaker <name>', 'quotes whose speaker name contains this')
    .option('--out <file>', 'write to this file instead of standard output')
    .action((table: string, opts: ExportOpts) => {
      if (!isExportTable(table)) throw new UsageError(`unknown table ${table}; use ${EXPORT_TABLES.join(' | ')}`);
      if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`unknown --format ${opts.format}; use ${EXPORT_FORMATS.join(' | ')}`);
      if (opts.out) checkOutFile(opts.out);
      const filter = checkFilter({
        q: opts.q, from: opts.from, to: opts.to, outlet: opts.outlet, minScore: opts.minScore, speaker: opts.speaker,
        kind: opts.kind?.split(',').map((k) => k.trim()).filter(Boolean),
      });
      return withStore(opts.db, async (store) => {
        const chunks = encodeRows(opts.format as ExportFormat, EXPORT_COLUMNS[table], exportRows(store, table, filter));
        await writeAll(chunks, opts.out);
      });
    });
}

/** Streams the chunks to a file or stdout, waiting whenever the stream asks to. */
async function writeAll(chunks: AsyncIterable<string>, file: string | undefined): Promise<void> {
  const out = file ? createWriteStream(file) : process.stdout;
  if (file) await once(out, 'open');
  for await (const chunk of chunks) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  if (file) await new Promise<void>((resolve, reject) => (out as ReturnType<typeof createWriteStream>).end((error?: Error | null) => (error ? reject(error) : resolve())));
}
