import type { Command } from 'commander';
import { evalPairsMrpc } from '../../align/eval-mrpc.js';
import { evalClustersGnews } from '../../eval/gnews.js';
import { evalQuotesPolnear } from '../../eval/polnear.js';
import { evalSample } from '../../eval/sample.js';
import { print, printJson } from '../context.js';
import { UsageError } from '../exit.js';

const TASKS: Record<string, (path: string) => unknown> = {
  'quotes-polnear': evalQuotesPolnear,
  'clusters-gnews': evalClustersGnews,
  'pairs-mrpc': evalPairsMrpc,
  sample: evalSample,
};

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description(`measure against labelled data: ${Object.keys(TASKS).join(' | ')}`)
    .argument('<task>', Object.keys(TASKS).join(' | '))
    .argument('<path>', 'the data: a folder (quotes-polnear, sample) or a file (clusters-gnews, pairs-mrpc)')
    .option('--json', 'print JSON')
    .action(async (task: string, path: string, opts: { json?: boolean }) => {
      const run = TASKS[task];
      if (!run) throw new UsageError(`unknown eval task ${task}; use ${Object.keys(TASKS).join(' | ')}`);
      const result = await run(path);
      if (opts.json) return printJson(result);
      print(`${task}: ${JSON.stringify(result)}`);
    });
}
