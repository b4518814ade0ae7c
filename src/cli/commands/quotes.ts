import type { Command } from 'commander';
import type { WordDiffOp } from '../../core/types.js';
import { quotesView } from '../../pipeline/queries.js';
import { pageOptions, print, printJson, useColor, withDb, withStore } from '../context.js';

export function registerQuotes(program: Command): void {
  pageOptions(withDb(program.command('quotes')))
    .description('quote groups: who said what, and how the wording drifted across articles')
    .option('--json', 'print JSON: [{group, speaker, variants:[{article, text, span, indirect}]}]')
    .option('--shared', 'only quotes seen in several articles')
    .action((opts: { db: string; json?: boolean; shared?: boolean; offset: number; limit: number }) =>
      withStore(opts.db, async (store) => {
        const groups = await quotesView(store, opts, { minVariants: opts.shared ? 2 : 1 });
        if (opts.json) return printJson(groups);
        const color = useColor();
        for (const group of groups) {
          print(`${group.group}  ${group.speaker ?? '(unknown speaker)'}`);
          group.variants.forEach((v, i) => {
            const text = i === 0 ? v.text : driftText(v.drift, color) || v.text;
            print(`    ${v.article}: ${quoted(text, v.indirect)}${v.flags.length ? `  [${v.flags.join(', ')}]` : ''}`);
          });
        }
        print(`${groups.length} quote groups`);
      }),
    );
}

/** Direct words in quote marks; reported speech marked as such, without marks it never had. */
export function quoted(text: string, indirect: boolean): string {
  return indirect ? `(indirect) ${text}` : `“${text}”`;
}

/** The variant's words with the changed ones marked against the first variant. */
function driftText(drift: WordDiffOp[], color: boolean): string {
  return drift
    .map((op) => {
      if (op.op === 'same') return op.b ?? op.a ?? '';
      if (op.op === 'delete') return color ? `\x1b[31;9m${op.a}\x1b[0m` : `[-${op.a}]`;
      if (op.op === 'insert') return color ? `\x1b[32m${op.b}\x1b[0m` : `[+${op.b}]`;
      return color ? `\x1b[33m${op.b}\x1b[0m` : `[${op.a} → ${op.b}]`;
    })
    .filter((s) => s.length > 0)
    .join(' ');
}
