/**
 * Tunes the event clusterer's short-text settings and MStream on the tuning part of Google News
 * (even clusterNo; src/eval/gnews.ts), with the same budget for both: the same number of settings
 * tried, each scored once on the tuning part. The best by NMI + B-cubed F1 on the tuning part is then
 * run once on the test part (odd clusterNo), which no setting was chosen on.
 * Run: npm run build && node dist/bench/gnews-tune.js [--file ../shared/eval/clusters-gnews/News]
 */
import { join } from 'node:path';
import { EVAL_DIR } from './corpora.js';
import { type GnewsItem, evalItemsGnews, gnewsPart, readGnews } from '../src/eval/gnews.js';
import { runMStream, scoreRun } from './mstream.js';

const at = process.argv.indexOf('--file');
const file = at >= 0 ? process.argv[at + 1]! : join(EVAL_DIR, 'clusters-gnews', 'News');
const items = readGnews(file);
const tune = gnewsPart(items, 'tune');
const test = gnewsPart(items, 'test');
const r3 = (x: number) => Math.round(x * 1000) / 1000;

interface Scores { nmi: number; bcubedF1: number; pairwiseF1: number; clusters: number }
const pick = (s: Scores) => ({ nmi: r3(s.nmi), bcubedF1: r3(s.bcubedF1), pairwiseF1: r3(s.pairwiseF1), clusters: s.clusters });

async function tuneThenTest<T>(name: string, grid: T[], run: (x: GnewsItem[], setting: T) => Promise<Scores>): Promise<void> {
  let best: { setting: T; score: number; tune: Scores } | undefined;
  for (const setting of grid) {
    const s = await run(tune, setting);
    const score = s.nmi + s.bcubedF1;
    if (!best || score > best.score) best = { setting, score, tune: s };
  }
  const final = await run(test, best!.setting);
  console.log(JSON.stringify({ algorithm: name, settingsTried: grid.length, chosen: best!.setting, tune: pick(best!.tune), test: pick(final) }));
}

const thresholds = [0.13, 0.15, 0.17, 0.19, 0.21, 0.23];
const merges = [0.2, 0.25, 0.3, 0.35];
const ours = thresholds.flatMap((shortThreshold) => merges.map((shortMergeThreshold) => ({ shortThreshold, shortMergeThreshold })));
await tuneThenTest('wiretrace', ours, (x, o) => evalItemsGnews(x, o));

const alphas = [0.01, 0.03, 0.1];
const betas = [0.01, 0.02, 0.03, 0.05];
const iters = [0, 5];
const theirs = alphas.flatMap((alpha0) => betas.flatMap((beta) => iters.map((iterNum) => ({ alpha0, beta, iterNum }))));
await tuneThenTest('MStream', theirs, async (x, o) => {
  const run = scoreRun(runMStream(x.map((i) => i.text), { ...o, batches: 16, maxBatch: 0, seed: 1 }), x.map((i) => i.cluster));
  return run;
});
