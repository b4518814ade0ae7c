/**
 * Online event clustering throughput and memory on a 100k-article stream cycled from Reuters-21578
 * and BBC News, with synthetic publication dates spread over one year (in stream order).
 * Run: npx tsc -p tsconfig.json && node dist/bench/cluster.js [--count 100000]
 * (storylines are threaded per article in the pipeline: bench/pipeline.ts)
 */
import os from 'node:os';
import { loadBbc, loadReuters } from './corpora.js';
import { type ClusterDoc, EventClusterer } from '../src/cluster/events.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const count = arg('--count', 100_000);
const memory = { rss: 0, heapUsed: 0 };
function sampleMemory(): void {
  const m = process.memoryUsage();
  memory.rss = Math.max(memory.rss, m.rss);
  memory.heapUsed = Math.max(memory.heapUsed, m.heapUsed);
}

const t0 = performance.now();
const reuters = loadReuters();
const bbc = loadBbc();
const sources = [...reuters.map((r) => ({ name: r.name, title: r.title, text: r.text })), ...bbc.map((b) => ({ name: `bbc/${b.name}`, title: b.title, text: b.text }))];
// Interleave the two corpora evenly so every stretch of the stream mixes them.
const mixed: typeof sources = [];
const step = reuters.length / bbc.length;
for (let i = 0, j = 0; i < reuters.length || j < bbc.length; ) {
  if (j < bbc.length && (i >= reuters.length || i >= (j + 1) * step)) mixed.push(sources[reuters.length + j++]!);
  else mixed.push(sources[i++]!);
}
const start = Date.UTC(2021, 0, 1);
function docAt(i: number): ClusterDoc {
  const s = mixed[i % mixed.length]!;
  const day = Math.floor((i * 365) / count);
  return { id: `${i}:${s.name}`, title: s.title || null, text: s.text, published: new Date(start + day * 86_400_000).toISOString().slice(0, 10), entities: [] };
}
const loadSeconds = (performance.now() - t0) / 1000;

sampleMemory();
const clusterer = new EventClusterer();
const t1 = performance.now();
const cpu0 = process.cpuUsage();
let words = 0;
for (let i = 0; i < count; i++) {
  const d = docAt(i);
  words += d.text.length;
  await clusterer.add(d);
  if (i % 1000 === 0) sampleMemory();
}
const seconds = (performance.now() - t1) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
sampleMemory();
const t2 = performance.now();
const events = clusterer.events();
const eventsSeconds = (performance.now() - t2) / 1000;
const sizes = events.map((e) => e.articles.length).sort((a, b) => b - a);
const result: Record<string, unknown> = {
  corpus: `Reuters-21578 (${reuters.length}) + BBC (${bbc.length}), cycled to ${count} with dates over 365 days`,
  loadSeconds: +loadSeconds.toFixed(2),
  articles: count,
  megabytesOfText: +(words / 1e6).toFixed(1),
  seconds: +seconds.toFixed(2),
  articlesPerSecond: Math.round(count / seconds),
  cpuSeconds: +cpuSeconds.toFixed(2),
  articlesPerCpuSecond: Math.round(count / cpuSeconds),
  loadAverage: +os.loadavg()[0]!.toFixed(1),
  events: events.length,
  largestEvents: sizes.slice(0, 5),
  longestEventSpanDays: Math.max(0, ...events.map((e) => (e.dateBegin && e.dateEnd ? (Date.parse(e.dateEnd) - Date.parse(e.dateBegin)) / 86_400_000 : 0))),
  singletonEvents: sizes.filter((s) => s === 1).length,
  eventsListSeconds: +eventsSeconds.toFixed(2),
  peakRssMiB: Math.round(memory.rss / 2 ** 20),
  peakHeapMiB: Math.round(memory.heapUsed / 2 ** 20),
};
console.log(JSON.stringify(result, null, 2));
