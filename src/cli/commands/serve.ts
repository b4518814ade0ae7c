import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { startServer } from '../../server/serve.js';
import { IngestJobs } from '../../server/jobs.js';
import { ingestPaths } from '../../pipeline/ingest.js';
import { linksView, quotesView, storiesView } from '../../pipeline/queries.js';
import { openStore, print, withDb } from '../context.js';
import { bundledSampleDir } from '../package-root.js';
import { printStory } from './stories.js';
import { quoted } from './quotes.js';
import { integerOption } from '../options.js';

interface ServeOpts {
  db: string;
  port: number;
  host: string;
  token?: string;
  followLinks?: boolean;
  allowPrivateLinks?: boolean;
}

export function registerServe(program: Command): void {
  withDb(program.command('serve'))
    .description('serve the HTTP API and the web UI')
    .option('--port <n>', 'port (0 picks a free one)', integerOption(0, 65535), 8080)
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--token <token>', 'every API request must carry this token (env WIRETRACE_TOKEN); needed to bind beyond 127.0.0.1')
    .option('--follow-links', "read uploaded feeds' short items from their links (http(s), public addresses only)")
    .option('--allow-private-links', 'let followed links reach loopback and private addresses')
    .action(async (opts: ServeOpts) => {
      await serveUntilStopped(opts.db, opts);
    });

  program
    .command('demo')
    .description('ingest the bundled sample into a fresh database, print the storyline, serve the UI')
    .option('--db <file>', 'database file (default: a fresh one in a temp folder)')
    .option('--port <n>', 'port (0 picks a free one)', integerOption(0, 65535), 8080)
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--no-serve', 'print the story and exit')
    .action(async (opts: Omit<ServeOpts, 'db'> & { db?: string; serve: boolean }) => {
      const db = opts.db ?? join(mkdtempSync(join(tmpdir(), 'wiretrace-demo-')), 'wiretrace.db');
      const sample = bundledSampleDir();
      const files = readdirSync(sample).filter((f) => f.endsWith('.txt')).map((f) => join(sample, f));
      const store = openStore(db, { create: true });
      try {
        const summary = await ingestPaths(store, files);
        print(`wiretrace demo: ingested ${summary.added} articles from the bundled sample into ${db}\n`);
        for (const story of await storiesView(store)) printStory(story, true);
        print('\nrewrites:');
        for (const l of await linksView(store)) print(`  ${l.kind.padEnd(14)} ${l.score.toFixed(2)}  ${l.a} ↔ ${l.b}  source: ${l.source}`);
        print('\nquotes that drifted:');
        for (const g of (await quotesView(store)).filter((q) => q.variants.length > 1)) {
          print(`  ${g.speaker ?? '(unknown)'}`);
          for (const v of g.variants) print(`    ${v.article}: ${quoted(v.text, v.indirect)}`);
        }
      } finally {
        await store.close();
      }
      if (opts.serve) await serveUntilStopped(db, opts);
    });
}

async function serveUntilStopped(db: string, opts: Omit<ServeOpts, 'db'>): Promise<void> {
  const token = opts.token ?? (process.env.WIRETRACE_TOKEN || undefined);
  const store = openStore(db, { create: true });
  // Uploads are ingested through a connection of their own: reads never wait for an analysis checkpoint.
  const writer = openStore(db);
  const links = { followLinks: !!opts.followLinks, allowPrivateLinks: !!opts.allowPrivateLinks };
  try {
    const server = await startServer(store, { port: opts.port, host: opts.host, jobs: new IngestJobs(writer, { links }), security: { token } });
    print(`\nwiretrace UI at ${server.url}${token ? '/?token=…' : ''}  (Ctrl-C to stop)`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
  } finally {
    await writer.close();
    await store.close();
  }
}
