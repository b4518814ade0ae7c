import type { Command } from 'commander';
import type { InputFormat } from '../../core/types.js';
import { ingestPaths, type IngestSummary } from '../../pipeline/ingest.js';
import { publishPaths } from '../../distributed/producer.js';
import { countFiles, progressReporter } from '../progress.js';
import { print, printJson, withDb, withStore } from '../context.js';
import { ExitCode, UsageError } from '../exit.js';

const FORMATS = ['auto', 'text', 'html', 'jsonl', 'warc', 'feed'];

export function registerIngest(program: Command): void {
  withDb(program.command('ingest'))
    .description('read files, directories, feeds or - (stdin) into the article store, then link, cluster and extract quotes')
    .argument('<paths...>', 'files, directories, http(s) feed URLs, or - for stdin')
    .option('--format <format>', `force a reader: ${FORMATS.join('|')}`, 'auto')
    .option('--map <pairs>', 'JSONL field renames, e.g. text=body,published=date')
    .option('--max-bytes <n>', 'quarantine files larger than this', (v) => Number.parseInt(v, 10))
    .option('--json', 'print the summary as JSON')
    .option('--queue <url>', 'distributed mode: publish the records to this NATS JetStream queue (nats://host:port) for `wiretrace worker`')
    .action(async (paths: string[], opts: { db: string; format: string; map?: string; maxBytes?: number; json?: boolean; queue?: string }) => {
      if (!FORMATS.includes(opts.format)) throw new UsageError(`unknown --format ${opts.format}; use ${FORMATS.join('|')}`);
      if (opts.queue !== undefined) return publish(opts.queue, paths, opts);
      const reporter = opts.json ? null : progressReporter(countFiles(paths));
      const summary = await withStore(opts.db, (store) =>
        ingestPaths(store, paths, {
          format: opts.format as InputFormat | 'auto',
          map: opts.map ? parseMap(opts.map) : undefined,
          maxBytes: opts.maxBytes,
          onProgress: (p) => reporter?.update(p),
        }),
      );
      reporter?.stop();
      if (opts.json) printJson(summary);
      else printSummary(summary);
      program.setOptionValue('exitCode', summary.quarantined > 0 ? ExitCode.quarantined : ExitCode.ok);
    });
}

async function publish(queue: string, paths: string[], opts: { format: string; map?: string; maxBytes?: number; json?: boolean }): Promise<void> {
  if (!/^nats:\/\//i.test(queue)) throw new UsageError(`--queue expects nats://host:port, got ${queue}`);
  const summary = await publishPaths(queue, paths, { format: opts.format as InputFormat | 'auto', map: opts.map ? parseMap(opts.map) : undefined, maxBytes: opts.maxBytes });
  if (opts.json) printJson(summary);
  else print(`published ${summary.published} of ${summary.read} records to ${queue} (${summary.duplicates} already queued, ${summary.quarantined} unreadable, sent for quarantine)`);
}

function parseMap(text: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const [ours, theirs] = pair.split('=').map((s) => s.trim());
    if (!ours || !theirs) throw new UsageError(`--map expects ours=theirs pairs, got "${pair}"`);
    map[ours] = theirs;
  }
  return map;
}

function printSummary(summary: IngestSummary): void {
  for (const error of summary.errors) process.stderr.write(`quarantined: ${error.message} [${error.code}]\n`);
  print(
    `ingested ${summary.read} records: ${summary.added} added, ${summary.duplicates} already stored, ${summary.quarantined} quarantined`,
  );
  if (summary.quarantined > 0) print('see `wiretrace quarantine` for the quarantined records');
}
