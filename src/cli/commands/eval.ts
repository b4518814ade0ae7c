import type { Command } from 'commander';
import { evalPairsMrpc } from '../../eval/eval-mrpc.js';
import { evalClustersGnews } from '../../eval/gnews.js';
import { evalQuotesPolnear } from '../../eval/polnear.js';
import { evalSample } from '../../eval/sample.js';
import { evalSemeval } from '../../eval/eval-semeval.js';
import { print, printJson } from '../context.js';
import { UsageError } from '../exit.js';

const TASKS: Record<string, (path: string, options: { train?: string }) => unknown> = {
  'quotes-polnear': (path) => evalQuotesPolnear(path),
  'clusters-gnews': (path) => evalClustersGnews(path),
  'pairs-mrpc': (path, options) => evalPairsMrpc(path, options),
  semeval: (path) => evalSemeval(path),
  sample: (path) => evalSample(path),
};

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description(`measure against labelled data: ${Object.keys(TASKS).join(' | ')}`)
    .argument('<task>', Object.keys(TASKS).join(' | '))
    .argument('<path>', 'the data: a folder (quotes-polnear, sample) or a file (clusters-gnews, pairs-mrpc, semeval)')
    .option('--train <file>', 'pairs-mrpc: the train file to learn on (default: msr_paraphrase_train.txt beside <path>)')
    .option('--json', 'print JSON')
    .action(async (task: string, path: string, opts: { json?: boolean; train?: string }) => {
      const run = TASKS[task];
      if (!run) throw new UsageError(`unknown eval task ${task}; use ${Object.keys(TASKS).join(' | ')}`);
      const result = await run(path, { train: opts.train });
      if (opts.json) return printJson(result);
      print(`${task}: ${JSON.stringify(result)}`);
    });
}
