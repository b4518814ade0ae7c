/**
 * Fingerprint + LSH throughput, memory, index size and candidate recall on BBC and Reuters-21578.
 * Run: npx tsc -p tsconfig.json && node dist/bench/link.js [--sample 2000]
 */
import { loadBbc, loadReuters } from './corpora.js';
import { fingerprint, type Fingerprint } from '../src/fingerprint/fingerprint.js';
import { ReuseIndex } from '../src/fingerprint/index.js';
import { hashWords, intersectSorted, shingles, uniqueSorted } from '../src/fingerprint/hash.js';
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

function fingerprintAll(docs: Doc[]): { fps: Fingerprint[]; seconds: number } {
  const t0 = performance.now();
  const fps = docs.map((d, i) => {
    if (i % 1000 === 0) sampleMemory();
    return fingerprint(d.name, d.text, paragraphs(d.text));
  });
  return { fps, seconds: (performance.now() - t0) / 1000 };
}

function exactRecall(docs: Doc[], fps: Fingerprint[], index: ReuseIndex, n: number, threshold: number) {
  const sets = docs.slice(0, n).map((d) => uniqueSorted(shingles(hashWords(words(d.text)), 3)));
  let pairs = 0;
  let found = 0;
  let foundDoc = 0;
  const missed: string[] = [];
  for (let i = 0; i < sets.length; i++) {
    const got = new Map(index.query(fps[i]!, { minScore: 0 }).map((c) => [c.id, c]));
    for (let j = i + 1; j < sets.length; j++) {
      const inter = intersectSorted(sets[i]!, sets[j]!);
      const jac = inter / (sets[i]!.length + sets[j]!.length - inter || 1);
      if (jac < threshold) continue;
      pairs++;
      const c = got.get(docs[j]!.name);
      if (c) found++;
      else if (missed.length < 10) missed.push(`${docs[i]!.name}~${docs[j]!.name} J=${jac.toFixed(2)}`);
      if (c?.via.includes('doc')) foundDoc++;
    }
  }
  return { sampled: sets.length, pairsAtOrAboveThreshold: pairs, recall: pairs ? found / pairs : 1, recallDocLayer: pairs ? foundDoc / pairs : 1, missed };
}

function run(label: string, docs: Doc[], recallSample: number) {
  const cold = fingerprintAll(docs);
  const warm = fingerprintAll(docs);
  const index = new ReuseIndex();
  let candidates = 0;
  const t0 = performance.now();
  docs.forEach((d, i) => {
    if (i % 1000 === 0) sampleMemory();
    const fp = fingerprint(d.name, d.text, paragraphs(d.text));
    candidates += index.query(fp).length;
    index.add(fp);
  });
  const linkSeconds = (performance.now() - t0) / 1000;
  sampleMemory();
  const t1 = performance.now();
  const bytes = index.serialize();
  const serializeMs = performance.now() - t1;
  const t2 = performance.now();
  const reloaded = ReuseIndex.deserialize(bytes);
  const deserializeMs = performance.now() - t2;
  const recall = exactRecall(docs, warm.fps, reloaded, Math.min(recallSample, docs.length), index.options.threshold);
  return {
    corpus: label,
    articles: docs.length,
    params: index.params,
    fingerprintPerSecondCold: Math.round(docs.length / cold.seconds),
    fingerprintPerSecondWarm: Math.round(docs.length / warm.seconds),
    fingerprintQueryInsertPerSecond: Math.round(docs.length / linkSeconds),
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
      `${r.corpus}: ${r.articles} articles, fingerprint ${r.fingerprintPerSecondWarm}/s warm (${r.fingerprintPerSecondCold}/s cold), ` +
        `fingerprint+query+insert ${r.fingerprintQueryInsertPerSecond}/s, ${r.indexBytesPerArticle} B/article, ` +
        `recall ${r.recallVsExact.recall.toFixed(3)} of ${r.recallVsExact.pairsAtOrAboveThreshold} pairs J>=0.3, peak RSS ${report.peakRssMiB} MiB`,
    );
  }
}

main();
