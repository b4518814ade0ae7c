/**
 * MStream / MStreamF (Yin et al., KDD 2018, "Model-based Clustering of Short Text Streams") as a
 * baseline, following the authors' Python code (github jackyin12/MStream, MStream/Model.py) step by
 * step: whitespace tokens with binary frequencies (Document.py sets every frequency to 1), the stream
 * cut into 16 equal batches (getAveBatch), alpha = alpha0 * (documents held), beta0 = beta * (distinct
 * words of the current and previous four batches, growing as each document arrives: getBeta0), a
 * one-pass sampled assignment of each document (intialize), then `iterNum` Gibbs sweeps over the batch
 * with the last sweep taking the most probable cluster (gibbsSampling). MStreamF (maxBatch > 0) removes
 * the counts of the batch `maxBatch` back before each new batch (run_MStreamF).
 *
 * Scores: NMI over the whole stream (each document keeps the cluster it had when its batch was output)
 * and the mean of per-batch NMIs (the paper evaluates each batch's output); also B-cubed and pairwise F1.
 * Run: npx tsc -p tsconfig.json && node dist/bench/mstream.js [file ...] [--iters 0,5] [--seeds 5] [--maxBatch 2]
 */
import { readGnews } from '../src/eval/gnews.js';
import { scoreClusters } from '../src/eval/cluster-metrics.js';

export interface MStreamOptions {
  alpha0: number;
  beta: number;
  /** Gibbs sweeps per batch after the one-pass assignment (0 = one pass only). */
  iterNum: number;
  /** Batches the stream is cut into (AllBatchNum). */
  batches: number;
  /** MStreamF: counts of the batch this many back are forgotten (MaxBatch); 0 = plain MStream. */
  maxBatch: number;
  seed: number;
}

/** mulberry32: a small seeded uniform generator standing in for Python's random.random(). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Start index of each batch, as getAveBatch places the boundaries (a boundary document opens the next batch). */
export function batchStarts(n: number, batches: number): number[] {
  const size = n / batches;
  const starts = [0];
  let run = 0;
  for (let d = 0; d < n; d++) {
    if (run < size) run++;
    else {
      starts.push(d);
      run = 0;
    }
  }
  return starts;
}

/** Distinct word ids of each document (whitespace split, binary counts). */
function encode(texts: readonly string[]): number[][] {
  const vocab = new Map<string, number>();
  return texts.map((t) => {
    const ids = new Set<number>();
    for (const w of t.trim().split(' ')) {
      let id = vocab.get(w);
      if (id === undefined) vocab.set(w, (id = vocab.size));
      ids.add(id);
    }
    return [...ids];
  });
}

export interface MStreamRun {
  labels: number[];
  batchOf: number[];
}

export function runMStream(texts: readonly string[], o: MStreamOptions): MStreamRun {
  const docs = encode(texts);
  const n = docs.length;
  const random = rng(o.seed);
  const starts = batchStarts(n, o.batches);
  const z = new Int32Array(n).fill(-1);
  const batchOf = new Array<number>(n).fill(0);
  const mz: number[] = [];
  const nz: number[] = [];
  const nzv: Array<Map<number, number> | null> = [];
  let D = 0;
  const batchWords: Array<Set<number>> = [];
  let prob = new Float64Array(64);

  const addDoc = (d: number, k: number, sign: 1 | -1) => {
    if (k === mz.length) {
      mz.push(0);
      nz.push(0);
      nzv.push(new Map());
    }
    mz[k]! += sign;
    nz[k]! += sign * docs[d]!.length;
    const m = nzv[k] ?? (nzv[k] = new Map());
    for (const w of docs[d]!) m.set(w, (m.get(w) ?? 0) + sign);
    if (mz[k] === 0) nzv[k] = null; // checkEmpty
  };

  const sample = (d: number, alpha: number, beta0: number, last: boolean): number => {
    const words = docs[d]!;
    const K = mz.length;
    if (prob.length < K + 1) prob = new Float64Array(2 * (K + 1));
    for (let k = 0; k < K; k++) {
      const m = nzv[k];
      if (mz[k]! <= 0 || !m) {
        prob[k] = 0;
        continue;
      }
      let p = mz[k]!;
      const base = nz[k]! + beta0;
      for (let i = 0; i < words.length; i++) p *= ((m.get(words[i]!) ?? 0) + o.beta) / (base + i);
      prob[k] = p;
    }
    let pNew = alpha;
    for (let i = 0; i < words.length; i++) pNew *= o.beta / (beta0 + i);
    prob[K] = pNew;
    if (last) {
      let best = 0;
      for (let k = 1; k <= K; k++) if (prob[k]! > prob[best]!) best = k;
      return best;
    }
    for (let k = 1; k <= K; k++) prob[k] = prob[k]! + prob[k - 1]!;
    const thred = random() * prob[K]!;
    let k = 0;
    while (k < K + 1 && !(thred < prob[k]!)) k++;
    return Math.min(k, K);
  };

  for (let b = 0; b < starts.length; b++) {
    const from = starts[b]!;
    const to = b + 1 < starts.length ? starts[b + 1]! : n;
    if (o.maxBatch > 0 && b + 1 > o.maxBatch) {
      // run_MStreamF: forget the batch maxBatch back (its documents' counts where they last sat).
      const old = b - o.maxBatch;
      const oFrom = starts[old]!;
      const oTo = starts[old + 1]!;
      D -= oTo - oFrom;
      for (let d = oFrom; d < oTo; d++) if (nzv[z[d]!]) addDoc(d, z[d]!, -1);
    }
    D += to - from;
    const alpha = o.alpha0 * D;
    const words = new Set<number>();
    batchWords[b] = words;
    const beta0Now = () => {
      const union = new Set<number>();
      for (let i = Math.max(0, b - 4); i <= b; i++) for (const w of batchWords[i]!) union.add(w);
      return union.size * o.beta;
    };
    let beta0 = 0;
    for (let d = from; d < to; d++) {
      for (const w of docs[d]!) words.add(w);
      beta0 = beta0Now();
      const k = sample(d, alpha, beta0, false);
      z[d] = k;
      batchOf[d] = b;
      addDoc(d, k, 1);
    }
    // intialize() also reads the boundary document's words before it stops.
    if (to < n) {
      for (const w of docs[to]!) words.add(w);
      beta0 = beta0Now();
    }
    for (let it = 0; it < o.iterNum; it++) {
      const last = it === o.iterNum - 1;
      for (let d = from; d < to; d++) {
        addDoc(d, z[d]!, -1);
        const k = sample(d, alpha, beta0, last);
        z[d] = k;
        addDoc(d, k, 1);
      }
    }
  }
  return { labels: Array.from(z), batchOf };
}

export interface MStreamScores {
  nmi: number;
  batchNmi: number;
  bcubedF1: number;
  pairwiseF1: number;
  clusters: number;
}

export function scoreRun(run: MStreamRun, gold: readonly number[]): MStreamScores {
  const s = scoreClusters(run.labels, gold);
  const perBatch: number[] = [];
  for (let b = 0; b <= Math.max(...run.batchOf); b++) {
    const idx = run.batchOf.flatMap((x, i) => (x === b ? [i] : []));
    perBatch.push(scoreClusters(idx.map((i) => run.labels[i]!), idx.map((i) => gold[i]!)).nmi);
  }
  return {
    nmi: s.nmi,
    batchNmi: perBatch.reduce((a, x) => a + x, 0) / perBatch.length,
    bcubedF1: s.bcubedF1,
    pairwiseF1: s.pairwiseF1,
    clusters: new Set(run.labels).size,
  };
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

function main(): void {
  const files = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
  const targets = files.length ? files : ['/work/shared/eval/clusters-gnews/News', '/work/shared/eval/clusters-gnews/News-T'];
  const iters = arg('--iters', '0,5').split(',').map(Number);
  const seeds = Number(arg('--seeds', '5'));
  const variants = arg('--maxBatch', '0,2').split(',').map(Number);
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  for (const file of targets) {
    const items = readGnews(file);
    const gold = items.map((x) => x.cluster);
    for (const maxBatch of variants) {
      for (const iterNum of iters) {
        const runs: MStreamScores[] = [];
        const t0 = performance.now();
        for (let seed = 1; seed <= seeds; seed++) {
          runs.push(scoreRun(runMStream(items.map((x) => x.text), { alpha0: 0.03, beta: 0.03, iterNum, batches: 16, maxBatch, seed }), gold));
        }
        const mean = (f: (s: MStreamScores) => number) => r3(runs.reduce((a, s) => a + f(s), 0) / runs.length);
        const sd = (f: (s: MStreamScores) => number) => {
          const m = runs.reduce((a, s) => a + f(s), 0) / runs.length;
          return r3(Math.sqrt(runs.reduce((a, s) => a + (f(s) - m) ** 2, 0) / runs.length));
        };
        console.log(
          JSON.stringify({
            file: file.split('/').pop(),
            algorithm: maxBatch > 0 ? `MStreamF(maxBatch=${maxBatch})` : 'MStream',
            iterNum,
            seeds,
            nmi: mean((s) => s.nmi),
            nmiSd: sd((s) => s.nmi),
            batchNmi: mean((s) => s.batchNmi),
            bcubedF1: mean((s) => s.bcubedF1),
            pairwiseF1: mean((s) => s.pairwiseF1),
            clusters: mean((s) => s.clusters),
            secondsPerRun: r3((performance.now() - t0) / 1000 / seeds),
          }),
        );
      }
    }
  }
}

if (process.argv[1]?.endsWith('mstream.js')) main();
