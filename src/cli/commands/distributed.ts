import type { Command } from 'commander';
import { DEFAULT_OPTIONS } from '../../core/config.js';
import { connectQueue, queueStatus } from '../../distributed/queue.js';
import { runWorker } from '../../distributed/worker.js';
import { print, printJson } from '../context.js';
import { UsageError } from '../exit.js';

function positive(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${name} expects a whole number above 0, got ${value}`);
    return n;
  };
}

function natsUrl(value: string): string {
  if (!/^nats:\/\//i.test(value)) throw new UsageError(`--queue expects nats://host:port, got ${value}`);
  return value;
}

export function registerDistributed(program: Command): void {
  program
    .command('worker')
    .description('distributed mode: take records from the NATS JetStream queue, prepare, store and analyse them')
    .requiredOption('--queue <url>', 'nats://host:port of the work queue', natsUrl)
    .option('--db <url>', 'postgres://user@host/db (env WIRETRACE_DB)', DEFAULT_OPTIONS.db)
    .option('--batch <n>', 'records stored per transaction', positive('--batch'), 64)
    .option('--max-deliver <n>', 'deliveries of a record before it is quarantined', positive('--max-deliver'), 5)
    .option('--ack-wait <ms>', 'ms a worker may hold a record before it is delivered again', positive('--ack-wait'), 60_000)
    .option('--no-analysis', 'only prepare and store; leave the ordered step (link, cluster, storylines, quote groups) to other workers')
    .option('--exit-when-idle <ms>', 'exit once the queue and the analysis have been idle this long', positive('--exit-when-idle'))
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { queue: string; db: string; batch: number; maxDeliver: number; ackWait: number; exitWhenIdle?: number; analysis: boolean; json?: boolean }) => {
      const stop = new AbortController();
      process.once('SIGTERM', () => stop.abort());
      process.once('SIGINT', () => stop.abort());
      const summary = await runWorker({
        queue: opts.queue,
        db: opts.db,
        batch: opts.batch,
        exitWhenIdleMs: opts.exitWhenIdle,
        skipAnalysis: !opts.analysis,
        limits: { maxDeliver: opts.maxDeliver, ackWaitMs: opts.ackWait },
        signal: stop.signal,
        onLog: (line) => process.stderr.write(`worker: ${line}\n`),
      });
      if (opts.json) printJson(summary);
      else print(`worker: ${summary.received} records taken, ${summary.added} added, ${summary.duplicates} already stored, ${summary.analysed} analysed, ${summary.quarantined} quarantined, ${summary.failed} failed`);
    });

  program
    .command('status')
    .description('distributed mode: queue depth, in flight, redelivered and failed records')
    .requiredOption('--queue <url>', 'nats://host:port of the work queue', natsUrl)
    .option('--json', 'print as JSON')
    .action(async (opts: { queue: string; json?: boolean }) => {
      const nc = await connectQueue(opts.queue);
      try {
        const status = await queueStatus(nc);
        if (opts.json) printJson(status);
        else print(`queue: ${status.depth} records (${status.waiting} waiting, ${status.inFlight} in flight, ${status.redelivered} redelivered), ${status.failed} failed`);
      } finally {
        await nc.close();
      }
    });
}
