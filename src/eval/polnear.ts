import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Quote, Span } from '../core/types.js';
import { createError } from '../core/errors.js';
import { paragraphs } from '../text/segment.js';
import { parseBrat, type BratAttribution } from './brat.js';
import { extractQuotes } from '../extract/quotes.js';

export interface PolnearScores {
  precision: number;
  recall: number;
  f1: number;
  exactF1: number;
  speakerAccuracy: number;
  gold: number;
  predicted: number;
  articles: number;
  /**
   * Indirect quotes (no quote marks), scored apart: how many were found, the share whose words lie
   * mostly (>= 50%) inside some gold attribution content, and speaker accuracy on those.
   */
  indirect?: { predicted: number; precision: number; speakerAccuracy: number };
}

/** A gold direct quote: the content span and its source spans. */
export interface GoldQuote {
  span: Span;
  source: Span[];
}

const MARKS = '"\'\u201c\u201d\u2018\u2019`\u00ab\u00bb';
const OPENING = new RegExp(`^[${MARKS}]`);

/**
 * Gold direct quotes of one annotation: attribution contents that begin with a quote mark.
 * Content fragments split only by white space (a quote running over paragraphs) are one quote;
 * fragments split by words ('"X," he said, "Y."') are separate quotes, each direct if it opens with a mark.
 */
export function goldQuotes(text: string, ann: string): GoldQuote[] {
  const out: GoldQuote[] = [];
  for (const a of parseBrat(ann)) {
    const frags = [...a.content].sort((x, y) => x[0] - y[0]);
    const merged: Span[] = [];
    for (const f of frags) {
      const last = merged[merged.length - 1];
      if (last && text.slice(last[1], f[0]).trim() === '') last[1] = Math.max(last[1], f[1]);
      else merged.push([f[0], f[1]]);
    }
    for (const m of merged) {
      const [b, e] = normalizeSpan(text, m);
      if (e > b && OPENING.test(text.slice(m[0], m[1]).trimStart())) out.push({ span: m, source: a.source });
    }
  }
  return out.sort((x, y) => x.span[0] - y.span[0]);
}

/** Trims white space and quote marks at both ends and clause punctuation at the end, the same way for gold and predicted. */
export function normalizeSpan(text: string, [b, e]: Span): Span {
  const edge = (c: string) => /\s/.test(c) || MARKS.includes(c);
  while (b < e && edge(text[b]!)) b++;
  while (e > b && (edge(text[e - 1]!) || /[.,;:!?]/.test(text[e - 1]!))) e--;
  return [b, e];
}

const overlap = (a: Span, b: Span) => Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));

export interface Counts {
  gold: number; predicted: number; matched: number; exact: number; speakerJudged: number; speakerRight: number;
  indirect?: { predicted: number; matched: number; speakerRight: number };
}

/** Counts indirect predictions against every gold attribution content (direct or not). */
export function scoreIndirect(ann: BratAttribution[], predicted: Quote[], into: NonNullable<Counts['indirect']>): void {
  for (const q of predicted) {
    if (!q.indirect) continue;
    into.predicted++;
    const hit = ann.find((a) => a.content.some((c) => overlap(c, q.span) >= 0.5 * (q.span[1] - q.span[0])));
    if (!hit) continue;
    into.matched++;
    const s = q.speakerSpan;
    if (s && hit.source.some((src) => overlap(src, s) > 0)) into.speakerRight++;
  }
}

/** A gold quote matched to a prediction (indexes into the gold list and the direct predictions). */
export interface QuoteMatch {
  gold: number;
  predicted: number;
  exact: boolean;
  /** null when the gold quote has no source. */
  speakerRight: boolean | null;
}

/** The predictions that count as direct quotes (neither partial nor indirect). */
export const directQuotes = (predicted: Quote[]): Quote[] => predicted.filter((q) => !q.indirect && !q.partial);

/** Greedy one-to-one matching of gold and direct predicted quotes at >= 50% overlap, best overlap first. */
export function matchArticle(text: string, gold: GoldQuote[], preds: Quote[]): QuoteMatch[] {
  const g = gold.map((q) => normalizeSpan(text, q.span));
  const p = preds.map((q) => normalizeSpan(text, q.span));
  const pairs: Array<[number, number, number]> = [];
  for (let i = 0; i < g.length; i++) {
    for (let j = 0; j < p.length; j++) {
      const o = overlap(g[i]!, p[j]!);
      const longer = Math.max(g[i]![1] - g[i]![0], p[j]![1] - p[j]![0]);
      if (o > 0 && o >= 0.5 * longer) pairs.push([o / longer, i, j]);
    }
  }
  pairs.sort((a, b) => b[0] - a[0]);
  const gUsed = new Set<number>();
  const pUsed = new Set<number>();
  const out: QuoteMatch[] = [];
  for (const [, i, j] of pairs) {
    if (gUsed.has(i) || pUsed.has(j)) continue;
    gUsed.add(i);
    pUsed.add(j);
    const s = preds[j]!.speakerSpan;
    const speakerRight = gold[i]!.source.length ? !!s && gold[i]!.source.some((src) => overlap(src, s) > 0) : null;
    out.push({ gold: i, predicted: j, exact: g[i]![0] === p[j]![0] && g[i]![1] === p[j]![1], speakerRight });
  }
  return out;
}

/** Scores one article's predicted quotes against its gold ones (greedy one-to-one matching at >= 50% overlap). */
export function scoreArticle(text: string, gold: GoldQuote[], predicted: Quote[], into: Counts): void {
  const preds = directQuotes(predicted);
  for (const m of matchArticle(text, gold, preds)) {
    into.matched++;
    if (m.exact) into.exact++;
    if (m.speakerRight !== null) {
      into.speakerJudged++;
      if (m.speakerRight) into.speakerRight++;
    }
  }
  into.gold += gold.length;
  into.predicted += preds.length;
}

/** Article name → its annotation file (the first annotator in file-name order). */
export function polnearAnnotations(annDir: string): Map<string, string> {
  const anns = new Map<string, string>();
  for (const f of readdirSync(annDir).filter((n) => n.endsWith('.ann')).sort()) {
    const name = f.replace(/_[0-9a-f]+\.ann$/, '');
    if (!anns.has(name)) anns.set(name, f);
  }
  return anns;
}

/**
 * PolNeAR direct-quote evaluation over `dir` (holding text/ and attributions/). Where an article has
 * several annotators' files, the first in file-name order is used. Partial and indirect predictions
 * are left out (PolNeAR's direct quotes are contents that open with a quote mark).
 * `limit` scores only the first articles in file-name order.
 */
export function evalQuotesPolnear(dir: string, options: { limit?: number } = {}): PolnearScores {
  const textDir = join(dir, 'text');
  const annDir = join(dir, 'attributions');
  if (!existsSync(textDir) || !existsSync(annDir)) throw createError('NOT_FOUND', `${dir}/text and ${dir}/attributions`);
  const anns = polnearAnnotations(annDir);
  const c: Counts = { gold: 0, predicted: 0, matched: 0, exact: 0, speakerJudged: 0, speakerRight: 0, indirect: { predicted: 0, matched: 0, speakerRight: 0 } };
  let articles = 0;
  for (const [name, ann] of anns) {
    if (options.limit !== undefined && articles >= options.limit) break;
    const path = join(textDir, `${name}.txt`);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8');
    const annText = readFileSync(join(annDir, ann), 'utf8');
    const predicted = extractQuotes({ id: name, text, paragraphs: paragraphs(text) });
    scoreArticle(text, goldQuotes(text, annText), predicted, c);
    scoreIndirect(parseBrat(annText), predicted, c.indirect!);
    articles++;
  }
  return scores(c, articles);
}

export function scores(c: Counts, articles: number): PolnearScores {
  const precision = c.predicted ? c.matched / c.predicted : 0;
  const recall = c.gold ? c.matched / c.gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const exactF1 = c.gold + c.predicted ? (2 * c.exact) / (c.gold + c.predicted) : 0;
  const speakerAccuracy = c.speakerJudged ? c.speakerRight / c.speakerJudged : 0;
  const out: PolnearScores = { precision, recall, f1, exactF1, speakerAccuracy, gold: c.gold, predicted: c.predicted, articles };
  const ind = c.indirect;
  if (ind) {
    out.indirect = {
      predicted: ind.predicted,
      precision: ind.predicted ? ind.matched / ind.predicted : 0,
      speakerAccuracy: ind.matched ? ind.speakerRight / ind.matched : 0,
    };
  }
  return out;
}
