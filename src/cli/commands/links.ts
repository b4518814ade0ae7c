import type { Command } from 'commander';
import { createError } from '../../core/errors.js';
import { findArticle, linksView, orient, relationBetween } from '../../pipeline/queries.js';
import { readArticles } from '../../pipeline/read-articles.js';
import { compare } from '../../align/compare.js';
import { renderDiff } from '../../align/render.js';
import { pageOptions, print, printJson, useColor, withDb, withStore } from '../context.js';

export function registerLinks(program: Command): void {
  pageOptions(withDb(program.command('links')))
    .description('relations between articles: duplicate, excerpt, update, template, paraphrase, spin, shared-passage')
    .argument('[article]', 'only the relations of this article (id, name or unique prefix)')
    .option('--json', 'print JSON: [{a, b, kind, score, similarity, reuse, source, evidence[], passages[{a, b, edit}]}]')
    .action((article: string | undefined, opts: { db: string; json?: boolean; offset: number; limit: number }) =>
      withStore(opts.db, async (store) => {
        if (article !== undefined && !(await findArticle(store, article))) throw createError('NOT_FOUND', `article ${article}`);
        const links = await linksView(store, article, opts);
        if (opts.json) return printJson(links);
        for (const l of links) {
          print(`${l.kind.padEnd(14)} ${l.score.toFixed(2)}  ${l.a} ↔ ${l.b}  same story ${l.similarity.toFixed(2)}  reused ${l.reuse.toFixed(2)}  source: ${l.source}`);
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
      withStore(opts.db, async (store) => {
        const a = await findArticle(store, x);
        if (!a) throw createError('NOT_FOUND', `article ${x}`);
        const b = await findArticle(store, y);
        if (!b) throw createError('NOT_FOUND', `article ${y}`);
        const relation = await relationBetween(store, a, b);
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
    .description('compare two files without a database: same-story similarity 0..1, share reused 0..1, relation kind, passages')
    .argument('<fileA>')
    .argument('<fileB>')
    .option('--json', 'print JSON: {similarity, reuse, kind, passages}')
    .action(async (fileA: string, fileB: string, opts: { json?: boolean }) => {
      const [a] = await readArticles(fileA);
      const [b] = await readArticles(fileB);
      const result = compare(a!, b!);
      if (opts.json) return printJson(result);
      print(`similarity ${result.similarity.toFixed(3)}  reuse ${result.reuse.toFixed(3)}  kind: ${result.kind ?? 'unrelated'}  passages: ${result.passages.length}`);
    });
}
