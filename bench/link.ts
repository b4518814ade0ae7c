/**
 * Fingerprint + LSH throughput, memory, index size and candidate recall on BBC and Reuters-21578.
 * Run: npx tsc -p tsconfig.json && node dist/bench/link.js [--sample 2000]
 * Rates are articles per second of wall time and per second of process CPU time
 * (user + system: on a loaded machine the CPU rate is the one to compare).
 * The last line is a one-line summary for the README.
 */
import * as os from 'node:os';
import { loadBbc, loadReuters } from './corpora.js';
import { fingerprint, type Fingerprint } from '../src/fingerprint/fingerprint.js';
import { ReuseIndex } from '../src/fingerprint/index.js';
import { hashWords, shingles, uniqueSorted } from '../src/fingerprint/hash.js';
import { paragraphs } from '../src/text/segment.js';
import { words } from '../src/text/tokenize.js';

interface Doc {
  name: string;
  text: string;
}

const memory = { rss: 0, heapUsed: 0 };
function sampleMemory(): void {
  const m = process.memoryUsage();
  memory.rss = Math.max(memory.rss, m.rss);
  memory.heapUsed = Math.max(memory.heapUsed, m.heapUsed);
}

/** Seconds of wall time and of process CPU time since `start`. */
function elapsed(start: { wall: number; cpu: NodeJS.CpuUsage }): { wall: number; cpu: number } {
  const cpu = process.cpuUsage(start.cpu);
  return { wall: (performance.now() - start.wall) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

function now(): { wall: number; cpu: NodeJS.CpuUsage } {
  return { wall: performance.now(), cpu: process.cpuUsage() };
}

function fingerprintAll(docs: Doc[]): { fps: Fingerprint[]; seconds: { wall: number; cpu: number } } {
  const t0 = now();
  const fps = docs.map((d, i) => {
    if (i % 1000 === 0) sampleMemory();
    return fingerprint(d.name, d.text, paragraphs(d.text));
  });
  return { fps, seconds: elapsed(t0) };
}

/** Pairs among the first `n` docs with exact word 3-gram Jaccard ≥ threshold (intersections counted over an inverted index). */
function exactPairs(docs: Doc[], n: number, threshold: number): Array<[number, number, number]> {
  const sets = docs.slice(0, n).map((d) => uniqueSorted(shingles(hashWords(words(d.text)), 3)));
  const postings = new Map<number, number[]>();
  const shared = new Int32Array(n);
  const pairs: Array<[number, number, number]> = [];
  for (let i = 0; i < sets.length; i++) {
    shared.fill(0, 0, i);
    for (const h of sets[i]!) {
      const list = postings.get(h);
      if (list) {
        for (const j of list) shared[j]!++;
        list.push(i);
      } else postings.set(h, [i]);
    }
    for (let j = 0; j < i; j++) {
      const inter = shared[j]!;
      if (inter === 0) continue;
      const jac = inter / (sets[i]!.length + sets[j]!.length - inter);
      if (jac >= threshold) pairs.push([j, i, jac]);
    }
  }
  return pairs;
}

function exactRecall(docs: Doc[], fps: Fingerprint[], index: ReuseIndex, n: number, threshold: number) {
  const pairs = exactPairs(docs, n, threshold);
  const got = new Map<number, Map<string, { via: string[] }>>();
  let found = 0;
  let foundDoc = 0;
  const missed: string[] = [];
  for (const [i, j, jac] of pairs) {
    if (!got.has(i)) got.set(i, new Map(index.query(fps[i]!, { minScore: 0 }).map((c) => [c.id, c])));
    const c = got.get(i)!.get(docs[j]!.name);
    if (c) found++;
    else if (missed.length < 10) missed.push(`${docs[i]!.name}~${docs[j]!.name} J=${jac.toFixed(2)}`);
    if (c?.via.includes('doc')) foundDoc++;
  }
  const total = pairs.length;
  return { sampled: n, pairsAtOrAboveThreshold: total, recall: total ? found / total : 1, recallDocLayer: total ? foundDoc / total : 1, missed };
}

/** Fingerprint, query and insert every doc into a fresh index. */
function linkAll(docs: Doc[]): { index: ReuseIndex; candidates: number; seconds: { wall: number; cpu: number } } {
  const index = new ReuseIndex();
  let candidates = 0;
  const t0 = now();
  docs.forEach((d, i) => {
    if (i % 1000 === 0) sampleMemory();
    const fp = fingerprint(d.name, d.text, paragraphs(d.text));
    candidates += index.query(fp).length;
    index.add(fp);
  });
  return { index, candidates, seconds: elapsed(t0) };
}

function run(label: string, docs: Doc[], recallSample: number) {
  const cold = fingerprintAll(docs);
  const warm = fingerprintAll(docs);
  // The first pass includes compiling the query path (JIT); the second is steady state.
  const firstPass = linkAll(docs).seconds;
  const { index, candidates, seconds: link } = linkAll(docs);
  sampleMemory();
  const t1 = performance.now();
  const bytes = index.serialize();
  const serializeMs = performance.now() - t1;
  const t2 = performance.now();
  const reloaded = ReuseIndex.deserialize(bytes);
  const deserializeMs = performance.now() - t2;
  const recall = exactRecall(docs, warm.fps, reloaded, Math.min(recallSample, docs.length), index.options.threshold);
  const rate = (s: { wall: number; cpu: number }) => ({ wall: Math.round(docs.length / s.wall), cpu: Math.round(docs.length / s.cpu) });
  return {
    corpus: label,
    articles: docs.length,
    params: index.params,
    fingerprintPerSecondCold: rate(cold.seconds),
    fingerprintPerSecondWarm: rate(warm.seconds),
    fingerprintQueryInsertPerSecond: rate(link),
    fingerprintQueryInsertPerSecondFirstPass: rate(firstPass),
    candidatesPerArticle: +(candidates / docs.length).toFixed(2),
    indexBytesPerArticle: Math.round(bytes.length / docs.length),
    serializeMs: Math.round(serializeMs),
    deserializeMs: Math.round(deserializeMs),
    recallVsExact: recall,
  };
}

function main(): void {
  const args = process.argv.slice(2);
  const at = args.indexOf('--sample');
  const recallSample = at >= 0 ? Number(args[at + 1]) : 2000;
  const t0 = performance.now();
  const bbc = loadBbc().map((a) => ({ name: a.name, text: a.text }));
  const reuters = loadReuters().map((a) => ({ name: a.name, text: a.text }));
  const loadSeconds = (performance.now() - t0) / 1000;
  const results = [run('bbc', bbc, recallSample), run('reuters', reuters, recallSample)];
  sampleMemory();
  const report = {
    loadSeconds: +loadSeconds.toFixed(2),
    results,
    peakRssMiB: Math.round(memory.rss / 2 ** 20),
    peakHeapUsedMiB: Math.round(memory.heapUsed / 2 ** 20),
  };
  console.log(JSON.stringify(report, null, 2));
  for (const r of results) {
    console.log(
      `${r.corpus}: ${r.articles} articles, fingerprint ${r.fingerprintPerSecondWarm.cpu}/s CPU (${r.fingerprintPerSecondWarm.wall}/s wall; cold ${r.fingerprintPerSecondCold.cpu}/s CPU), ` +
        `fingerprint+query+insert ${r.fingerprintQueryInsertPerSecond.cpu}/s CPU (${r.fingerprintQueryInsertPerSecond.wall}/s wall; first pass ${r.fingerprintQueryInsertPerSecondFirstPass.cpu}/s CPU), ` +
        `${r.indexBytesPerArticle} B/article, ` +
        `recall ${r.recallVsExact.recall.toFixed(3)} of ${r.recallVsExact.pairsAtOrAboveThreshold} pairs J>=0.3`,
    );
  }
  const [b, t] = results as [(typeof results)[0], (typeof results)[0]];
  console.log(
    `link summary: fingerprint+LSH ${b.fingerprintQueryInsertPerSecond.cpu} (BBC) / ${t.fingerprintQueryInsertPerSecond.cpu} (Reuters) articles per CPU-second, ` +
      `${b.indexBytesPerArticle} / ${t.indexBytesPerArticle} index bytes per article, recall vs exact 3-gram J>=0.3 ${b.recallVsExact.recall.toFixed(3)} / ${t.recallVsExact.recall.toFixed(3)}, ` +
      `peak RSS ${report.peakRssMiB} MiB (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)`,
  );
}

main();
