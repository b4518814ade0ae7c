import type { Command } from 'commander';
import { createError } from '../../core/errors.js';
import { linksView, orient } from '../../pipeline/queries.js';
import { relate } from '../../align/relate.js';
import { readArticles } from '../../pipeline/read-articles.js';
import { compare } from '../../align/compare.js';
import { renderDiff } from '../../align/render.js';
import { pageOptions, print, printJson, useColor, withDb, withStore } from '../context.js';

export function registerLinks(program: Command): void {
  pageOptions(withDb(program.command('links')))
    .description('relations between articles: duplicate, excerpt, paraphrase, spin, shared-passage')
    .argument('[article]', 'only the relations of this article (id, name or unique prefix)')
    .option('--json', 'print JSON: [{a, b, kind, score, source, evidence[], passages[{a, b, edit}]}]')
    .action((article: string | undefined, opts: { db: string; json?: boolean; offset: number; limit: number }) =>
      withStore(opts.db, (store) => {
        if (article !== undefined && !store.getArticle(article)) throw createError('NOT_FOUND', `article ${article}`);
        const links = linksView(store, article, opts);
        if (opts.json) return printJson(links);
        for (const l of links) {
          print(`${l.kind.padEnd(14)} ${l.score.toFixed(2)}  ${l.a} ↔ ${l.b}  source: ${l.source}`);
          for (const e of l.evidence) print(`    · ${e}`);
        }
        print(`${links.length} relations`);
      }),
    );

  withDb(program.command('diff'))
    .description('aligned passages of two articles side by side, coloured by edit')
    .argument('<a>', 'article id, name or unique prefix')
    .argument('<b>', 'article id, name or unique prefix')
    .option('--width <n>', 'terminal width', (v) => Number.parseInt(v, 10))
    .option('--no-color', 'plain text with [a → b] markers')
    .action((x: string, y: string, opts: { db: string; width?: number; color: boolean }) =>
      withStore(opts.db, (store) => {
        const a = store.getArticle(x);
        const b = store.getArticle(y);
        if (!a) throw createError('NOT_FOUND', `article ${x}`);
        if (!b) throw createError('NOT_FOUND', `article ${y}`);
        const relation = store.listRelations(a.id).find((r) => r.a === b.id || r.b === b.id) ?? relate(a, b);
        if (!relation) {
          print(`${a.name} and ${b.name} share no passage`);
          return;
        }
        const width = opts.width ?? process.stdout.columns ?? 120;
        print(renderDiff(orient(relation, a.id), a, b, { color: opts.color && useColor(), width }));
      }),
    );

  program
    .command('compare')
    .description('compare two files without a database: similarity 0..1, relation kind, passages')
    .argument('<fileA>')
    .argument('<fileB>')
    .option('--json', 'print JSON: {similarity, kind, passages}')
    .action(async (fileA: string, fileB: string, opts: { json?: boolean }) => {
      const [a] = await readArticles(fileA);
      const [b] = await readArticles(fileB);
      const result = compare(a!, b!);
      if (opts.json) return printJson(result);
      print(`similarity ${result.similarity.toFixed(3)}  kind: ${result.kind ?? 'unrelated'}  passages: ${result.passages.length}`);
    });
}
