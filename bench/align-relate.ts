/**
 * relate() speed on the sample's 000/001 pair (~890 and ~730 words):
 *   node dist/bench/align-relate.js
 * Reports the median over 200 runs, with fresh Article objects (analysis included) and with
 * the per-article analysis cached (what the pipeline sees when one article meets many candidates).
 */
import * as fs from 'node:fs';
import type { Article } from '../src/core/types.js';
import { paragraphs } from '../src/text/segment.js';
import { relate } from '../src/align/relate.js';

const dir = new URL('../../sample/', import.meta.url).pathname;
const names = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
const texts = names.map((n) => fs.readFileSync(dir + n, 'utf8'));
const make = (i: number): Article => ({
  id: names[i]!, name: names[i]!, format: 'text', title: null, source: null, url: null, byline: null, dateline: null,
  published: null, wire: [], language: 'en', basedOn: null, text: texts[i]!, paragraphs: paragraphs(texts[i]!),
  captions: [], contributors: [], words: texts[i]!.split(/\s+/).length, sourceMap: [],
});
const median = (xs: number[]) => xs.sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;
const t0 = performance.now();
relate(make(0), make(1));
const cold = performance.now() - t0;
const fresh: number[] = [];
const cached: number[] = [];
const a = make(0);
const b = make(1);
for (let k = 0; k < 200; k++) {
  const x = make(0);
  const y = make(1);
  let t = performance.now();
  relate(x, y);
  fresh.push(performance.now() - t);
  t = performance.now();
  relate(a, b);
  cached.push(performance.now() - t);
}
console.log(JSON.stringify({ pair: '000/001', words: [make(0).words, make(1).words], coldFirstCallMs: Math.round(cold), freshMedianMs: +median(fresh).toFixed(2), cachedMedianMs: +median(cached).toFixed(2) }));
