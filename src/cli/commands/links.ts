import type { Command } from 'commander';
import type { Article, Relation } from '../../core/types.js';
import { createError } from '../../core/errors.js';
import { findArticle, linkRow, linksView, orient, relationBetween, type ArticleRow, type LinkRow } from '../../pipeline/queries.js';
import { readArticles } from '../../pipeline/read-articles.js';
import { compare } from '../../align/compare.js';
import { renderDiff } from '../../align/render.js';
import { pageOptions, print, printJson, useColor, withDb, withStore } from '../context.js';
import { integerOption } from '../options.js';

/** `diff --json`: both articles, and their relation with each passage's text on both sides (null when none). */
export interface DiffJson {
  a: ArticleRow & { url: string | null };
  b: ArticleRow & { url: string | null };
  /** Both references name one article: nothing to compare. */
  same: boolean;
  link: (Omit<LinkRow, 'passages'> & { passages: Array<LinkRow['passages'][number] & { aText: string; bText: string }> }) | null;
}

interface RenderOpts {
  width?: number;
  color: boolean;
}

export function registerLinks(program: Command): void {
  pageOptions(withDb(program.command('links')))
    .description('relations between articles, of every kind, with scores, source and evidence')
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
    .option('--width <n>', 'terminal width', integerOption(40, 1000))
    .option('--no-color', 'plain text with [a → b] markers')
    .option('--json', 'print JSON: {a, b, same, link: {kind, score, source, evidence, passages[{a, b, edit, score, aText, bText, diff}]} | null}')
    .action((x: string, y: string, opts: RenderOpts & { db: string; json?: boolean }) =>
      withStore(opts.db, async (store) => {
        const a = await findArticle(store, x);
        if (!a) throw createError('NOT_FOUND', `article ${x}`);
        const b = await findArticle(store, y);
        if (!b) throw createError('NOT_FOUND', `article ${y}`);
        const relation = await relationBetween(store, a, b);
        if (opts.json) return printJson(diffJson(a, b, relation));
        if (a.id === b.id) return print(`${x} and ${y} are the same article (${a.name}, ${a.id}): nothing to compare`);
        if (!relation) return print(`${a.name} and ${b.name} share no passage`);
        print(render(orient(relation, a.id), a, b, opts));
      }),
    );

  program
    .command('compare')
    .description('compare two files without a database: same-story similarity 0..1, share reused 0..1, relation kind, and the aligned passages side by side')
    .argument('<fileA>')
    .argument('<fileB>')
    .option('--width <n>', 'terminal width', integerOption(40, 1000))
    .option('--no-color', 'plain text with [a → b] markers')
    .option('--json', 'print JSON: {similarity, reuse, kind, passages}')
    .action(async (fileA: string, fileB: string, opts: RenderOpts & { json?: boolean }) => {
      const [a] = await readArticles(fileA);
      const [b] = await readArticles(fileB);
      const result = compare(a!, b!);
      if (opts.json) return printJson(result);
      const scores = Object.entries(result)
        .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
        .map(([name, value]) => `${name} ${value.toFixed(3)}`);
      print(`${scores.join('  ')}  kind: ${result.kind ?? 'unrelated'}  passages: ${result.passages.length}`);
      if (result.passages.length === 0 || !result.kind) return;
      const relation: Relation = { a: a!.id, b: b!.id, kind: result.kind, score: Math.round(result.similarity * 1000) / 1000, similarity: result.similarity, reuse: result.reuse, source: null, evidence: [], passages: result.passages };
      print();
      print(render(relation, a!, b!, opts));
    });
}

function render(relation: Relation, a: Article, b: Article, opts: RenderOpts): string {
  return renderDiff(relation, a, b, { color: opts.color && useColor(), width: opts.width ?? process.stdout.columns ?? 120 });
}

function diffJson(a: Article, b: Article, relation: Relation | null): DiffJson {
  const side = (x: Article) => ({ id: x.id, name: x.name, source: x.source, title: x.title, published: x.published, words: x.words, url: x.url });
  if (!relation) return { a: side(a), b: side(b), same: a.id === b.id, link: null };
  // A relation's sides (and its source, one of them) are these two articles.
  const row = linkRow(orient(relation, a.id), { name: (id) => (id === a.id ? a.name : id === b.id ? b.name : id) });
  return {
    a: side(a),
    b: side(b),
    same: false,
    link: { ...row, passages: row.passages.map((p) => ({ ...p, aText: a.text.slice(p.a[0], p.a[1]), bText: b.text.slice(p.b[0], p.b[1]) })) },
  };
}
