import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { createError } from '../../core/errors.js';
import { reportView } from '../../pipeline/report.js';
import { renderReportHtml } from '../../pipeline/report-html.js';
import { checkOutFile, print, withDb, withStore } from '../context.js';

export function registerReport(program: Command): void {
  withDb(program.command('report'))
    .description('a printable HTML evidence report for one article: its sources, each reused passage side by side with the edits, scores, dates, outlets, URLs')
    .argument('<article>', 'id, name, or a unique prefix of either')
    .option('--out <file>', 'write the report to this file (default: standard output)')
    .action((ref: string, opts: { db: string; out?: string }) => {
      if (opts.out) checkOutFile(opts.out);
      return withStore(opts.db, async (store) => {
        const view = await reportView(store, ref);
        if (!view) throw createError('NOT_FOUND', `article ${ref}`);
        const html = renderReportHtml(view);
        if (!opts.out) {
          process.stdout.write(html);
          return;
        }
        writeFileSync(opts.out, html);
        print(`wrote the evidence report for ${view.article.name} (${view.relations.length} relations) to ${opts.out}`);
      });
    });
}
