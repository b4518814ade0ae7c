import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { InputFormat } from '../../core/types.js';
import { ingestPaths, type IngestSummary, type StoreTotals } from '../../pipeline/ingest.js';
import { publishPaths } from '../../distributed/producer.js';
import { countFiles, progressReporter } from '../progress.js';
import { print, printJson, withDb, withStore } from '../context.js';
import { ExitCode, UsageError } from '../exit.js';
import { integerOption } from '../options.js';

const FORMATS = ['auto', 'text', 'html', 'jsonl', 'warc', 'feed'];

interface IngestOpts {
  db: string;
  format: string;
  map?: string;
  maxBytes?: number;
  source?: string;
  json?: boolean;
}

export function registerIngest(program: Command): void {
  withDb(program.command('ingest'))
    .description('read files, directories, feeds or - (stdin) into the article store, then link, cluster and extract quotes')
    .argument('<paths...>', 'files, directories, http(s) feed URLs, or - for stdin')
    .option('--format <format>', `force a reader: ${FORMATS.join('|')}`, 'auto')
    .option('--map <pairs>', 'JSONL field renames, e.g. text=body,published=date')
    .option('--max-bytes <n>', 'quarantine files larger than this', integerOption(1))
    .option('--source <name>', 'the outlet of every article read (in place of what the input says)')
    .option('--follow-links', "read feed items with short content from their links (http(s), public addresses only)")
    .option('--allow-private-links', 'let followed links reach loopback and private addresses')
    .option('--json', 'print the summary as JSON')
    .option('--queue <url>', 'distributed mode: publish the records to this NATS JetStream queue (nats://host:port) for `wiretrace worker`')
    .action(async (paths: string[], opts: IngestOpts) => {
      if (!FORMATS.includes(opts.format)) throw new UsageError(`unknown --format ${opts.format}; use ${FORMATS.join('|')}`);
      const missing = paths.filter((p) => p !== '-' && !/^https?:\/\//i.test(p) && !existsSync(p));
      if (missing.length) throw new UsageError(`no such file or folder: ${missing.join(', ')}`);
      if (opts.source !== undefined && !opts.source.trim()) throw new UsageError('--source needs an outlet name');
      if (opts.queue !== undefined) return publish(opts.queue, paths, opts);
      const reporter = opts.json ? null : progressReporter(countFiles(paths));
      const summary = await withStore(
        opts.db,
        async (store) => {
          const result = await ingestPaths(store, paths, {
            format: opts.format as InputFormat | 'auto',
            map: opts.map ? parseMap(opts.map) : undefined,
            maxBytes: opts.maxBytes,
            source: opts.source,
            followLinks: !!opts.followLinks,
            allowPrivateLinks: !!opts.allowPrivateLinks,
            onProgress: (p) => reporter?.update(p),
          });
          reporter?.note('closing the database…');
          return result;
        },
        { create: true },
      );
      reporter?.stop();
      if (opts.json) printJson(summary);
      else printSummary(summary);
      program.setOptionValue('exitCode', summary.quarantined > 0 ? ExitCode.quarantined : ExitCode.ok);
    });
}

interface IngestOpts {
  db: string;
  format: string;
  map?: string;
  maxBytes?: number;
  followLinks?: boolean;
  allowPrivateLinks?: boolean;
  json?: boolean;
  queue?: string;
}

async function publish(queue: string, paths: string[], opts: IngestOpts): Promise<void> {
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
  for (const warning of summary.warnings) process.stderr.write(`warning: ${warning.message} [${warning.code}]\n`);
  for (const error of summary.errors) process.stderr.write(`quarantined: ${error.message} [${error.code}]\n`);
  const warned = summary.warnings.length ? `, ${summary.warnings.length} warning${summary.warnings.length === 1 ? '' : 's'}` : '';
  print(
    `ingested ${summary.read} records: ${summary.added} added, ${summary.duplicates} already stored, ${summary.quarantined} quarantined${warned}; ` +
      `found ${foundText(summary.found, summary.totals)}`,
  );
  if (summary.quarantined > 0) print('see `wiretrace quarantine` for the quarantined records');
}

/** "5 links, 3 events, 1 storyline (now 7 links, 4 events, 1 storyline)": what changed, then the totals. */
function foundText(found: StoreTotals, totals: StoreTotals): string {
  const count = (n: number, word: string) => `${n} ${word}${Math.abs(n) === 1 ? '' : 's'}`;
  const list = (t: StoreTotals) => `${count(t.links, 'link')}, ${count(t.events, 'event')}, ${count(t.storylines, 'storyline')}`;
  return `${list(found)} (now ${list(totals)} in all)`;
}
