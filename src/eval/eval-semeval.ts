/**
 * SemEval-2022 Task 8 (news article similarity), English pairs: how well `compare`'s `similarity`
 * follows people's rating of whether two articles cover the same story (Pearson and Spearman with
 * -Overall, 1 = very similar ... 4 = very dissimilar). Runs the product's own `compare` with its
 * default options, and in the same run a plain TF-IDF cosine of the two texts as the baseline.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Article } from '../core/types.js';
import { cleanDocument } from '../clean/clean.js';
import { compare } from '../align/compare.js';
import { isStopword } from '../text/stopwords.js';
import { words } from '../text/tokenize.js';
import { csvRecords } from './csv.js';
import { pearson, spearman } from './stats.js';

interface RatedPair {
  id: string;
  a: Article;
  b: Article;
  /** -Overall: higher means more alike. */
  rating: number;
}

interface Correlation {
  pearson: number;
  spearman: number;
}

export interface SemevalResult {
  pairs: number;
  /** `compare(a, b).similarity` (title and text), product defaults. */
  similarity: Correlation;
  /** TF-IDF cosine of the two texts (lower-cased words, stopwords out; IDF over the file's texts). */
  baselineTfIdf: Correlation;
  /** The same baseline with each title added to its text. */
  baselineTfIdfWithTitles: Correlation;
  file: string;
}

/** The rated pairs of a SemEval-2022 Task 8 CSV (a folder means its dev.csv); rows without text or rating are skipped. */
function readSemeval(file: string): RatedPair[] {
  const csv = fs.statSync(file).isDirectory() ? path.join(file, 'dev.csv') : file;
  const out: RatedPair[] = [];
  csvRecords(fs.readFileSync(csv, 'utf8')).forEach((r, i) => {
    const overall = Number(r.Overall);
    if (!r.text_1 || !r.text_2 || !Number.isFinite(overall) || r.Overall === '') return;
    const id = r.pair_id || r.ligne || String(i);
    const article = (side: '1' | '2') =>
      cleanDocument({ name: `${id}-${side}`, format: 'text', text: r[`text_${side}`], title: r[`title_${side}`] || undefined, origin: `${csv}:${i + 2}` });
    out.push({ id, a: article('1'), b: article('2'), rating: -overall });
  });
  return out;
}

function termCounts(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const w of words(text)) if (!isStopword(w)) out.set(w, (out.get(w) ?? 0) + 1);
  return out;
}

/** TF-IDF cosine of each pair, IDF from the documents given. */
function tfIdfCosines(texts: Array<[string, string]>): number[] {
  const docs = texts.map(([a, b]) => [termCounts(a), termCounts(b)] as const);
  const df = new Map<string, number>();
  for (const pair of docs) for (const d of pair) for (const w of d.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const n = docs.length * 2;
  const vector = (d: Map<string, number>) => new Map([...d].map(([w, c]) => [w, c * Math.log(n / df.get(w)!)]));
  return docs.map(([da, db]) => {
    const x = vector(da);
    const y = vector(db);
    let dot = 0;
    let nx = 0;
    let ny = 0;
    for (const [w, v] of x) {
      nx += v * v;
      dot += v * (y.get(w) ?? 0);
    }
    for (const v of y.values()) ny += v * v;
    return nx === 0 || ny === 0 ? 0 : dot / Math.sqrt(nx * ny);
  });
}

function correlation(x: number[], y: number[]): Correlation {
  const r = (v: number) => Math.round(v * 10000) / 10000;
  return { pearson: r(pearson(x, y)), spearman: r(spearman(x, y)) };
}

export function evalSemeval(file: string): SemevalResult {
  const pairs = readSemeval(file);
  const ratings = pairs.map((p) => p.rating);
  const similarity = pairs.map((p) => compare(p.a, p.b).similarity);
  const bodies = tfIdfCosines(pairs.map((p) => [p.a.text, p.b.text]));
  const titled = tfIdfCosines(pairs.map((p) => [`${p.a.title ?? ''}\n${p.a.text}`, `${p.b.title ?? ''}\n${p.b.text}`]));
  return {
    pairs: pairs.length,
    similarity: correlation(similarity, ratings),
    baselineTfIdf: correlation(bodies, ratings),
    baselineTfIdfWithTitles: correlation(titled, ratings),
    file,
  };
}
