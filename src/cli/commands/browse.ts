import type { Command } from 'commander';
import { createError } from '../../core/errors.js';
import { articlesView, articleView, quarantineView, searchView } from '../../pipeline/queries.js';
import { quoted } from './quotes.js';
import { pageOptions, print, printJson, withDb, withStore } from '../context.js';

interface PageOpts {
  db: string;
  json?: boolean;
  offset: number;
  limit: number;
}

export function registerBrowse(program: Command): void {
  pageOptions(withDb(program.command('articles')))
    .description('list stored articles, oldest first')
    .option('--json', 'print JSON: [{id, name, source, title, published, words}]')
    .action((opts: PageOpts) =>
      withStore(opts.db, async (store) => {
        const { total, items } = await articlesView(store, opts);
        if (opts.json) return printJson(items);
        for (const a of items) {
          print(`${a.id}  ${(a.published ?? '          ').padEnd(10)}  ${pad(a.source, 18)}  ${a.name}  ${a.title ?? ''}`);
        }
        print(`${items.length} of ${total} articles`);
      }),
    );

  withDb(program.command('show'))
    .description('show one article: metadata, clean text, captions, quotes and links')
    .argument('<article>', 'id, name, or a unique prefix of either')
    .option('--json', 'print JSON')
    .action((idOrName: string, opts: { db: string; json?: boolean }) =>
      withStore(opts.db, async (store) => {
        const article = await articleView(store, idOrName);
        if (!article) throw createError('NOT_FOUND', `article ${idOrName}`);
        if (opts.json) return printJson(article);
        print(`${article.title ?? '(untitled)'}`);
        print(`${article.name} · ${article.id} · ${article.source ?? 'unknown source'} · ${article.published ?? 'undated'}`);
        if (article.dateline) print(`dateline: ${article.dateline}`);
        if (article.wire.length) print(`wire: ${article.wire.join(', ')}`);
        if (article.byline) print(`byline: ${article.byline}`);
        print();
        print(article.text);
        if (article.captions.length) {
          print('\ncaptions:');
          for (const c of article.captions) print(`  - ${c}`);
        }
        if (article.contributors.length) print(`\ncontributors: ${article.contributors.join(' / ')}`);
        if (article.quotes.length) {
          print('\nquotes:');
          for (const q of article.quotes) {
            print(`  ${q.speaker ?? '(unknown)'}${q.cue ? ` ${q.cue}` : ''}: ${quoted(q.text, q.indirect)}`);
          }
        }
        if (article.links.length) {
          print('\nlinks:');
          for (const l of article.links) print(`  ${l.kind} ${l.score.toFixed(2)}  ${l.a} ↔ ${l.b}  source: ${l.source}`);
        }
      }),
    );

  pageOptions(withDb(program.command('search')))
    .description('full-text search over titles and text')
    .argument('<query>', 'words to find')
    .option('--json', 'print JSON')
    .action((query: string, opts: PageOpts) =>
      withStore(opts.db, async (store) => {
        const { items } = await searchView(store, query, opts);
        if (opts.json) return printJson(items);
        for (const hit of items) print(`${hit.article.name}  ${hit.article.title ?? ''}\n    ${hit.snippet}`);
        print(`${items.length} hits`);
      }),
    );

  pageOptions(withDb(program.command('quarantine')))
    .description('list inputs that could not be read, with the reason')
    .option('--json', 'print JSON')
    .action((opts: PageOpts) =>
      withStore(opts.db, async (store) => {
        const records = await quarantineView(store, opts);
        if (opts.json) return printJson(records);
        for (const r of records) print(`${r.code.padEnd(16)} ${r.message}`);
        print(`${records.length} quarantined`);
      }),
    );
}

function pad(text: string | null, width: number): string {
  const t = text ?? '';
  return t.length > width ? `${t.slice(0, width - 1)}…` : t.padEnd(width);
}
