/**
 * Fixed (unlearned) features of a sentence pair for paraphrase detection, in the spirit of
 * MT-metric paraphrase classifiers (Madnani et al. 2012): BLEU-like n-gram precisions both
 * ways, a METEOR-like content match (exact stem, then WordNet canonical form, then WordNet
 * synonym), token edit distance, LCS, character n-gram overlap, and mismatch signals
 * (numbers, capitalised names, negation, length). Directional pairs enter as min and max so
 * the features do not depend on which sentence comes first.
 */
import { analyzeText } from './analyze.js';
import { synonymsOf } from '../text/synonyms.js';

/** One sentence, prepared once and reused by every feature. */
export interface Side {
  text: string;
  /** Normalised token forms (lower case, contractions expanded). */
  forms: string[];
  /** Stem id per token. */
  stems: Int32Array;
  /** Canonical (synonym group) id per token. */
  canons: Int32Array;
  /** 1 for content tokens. */
  content: Uint8Array;
  /** 1 for capitalised, not sentence-initial tokens. */
  caps: Uint8Array;
  /** Numbers, normalised ("14,000" -> "14000"). */
  numbers: string[];
}

const NEGATION = new Set(['not', 'no', 'never', 'nor', 'none', 'nothing', 'neither', 'without']);

/** Prepare a sentence. */
export function sideOf(text: string): Side {
  const x = analyzeText(text, [[0, text.length]]);
  const t = x.tokens;
  const numbers: string[] = [];
  for (let i = 0; i < t.forms.length; i++) {
    if (t.numeric[i]) numbers.push(t.forms[i]!.replace(/,/g, '').replace(/\.0+$/, '').replace(/\.$/, ''));
  }
  return { text, forms: t.forms, stems: t.stems, canons: t.canons, content: t.content, caps: t.caps, numbers };
}

/** Clipped n-gram precision of `a` against `b` over integer id sequences. */
export function ngramPrecision(a: Int32Array, b: Int32Array, n: number): number {
  const total = a.length - n + 1;
  if (total <= 0) return 0;
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= b.length; i++) {
    const k = b.subarray(i, i + n).join(',');
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let hit = 0;
  for (let i = 0; i + n <= a.length; i++) {
    const k = a.subarray(i, i + n).join(',');
    const c = counts.get(k) ?? 0;
    if (c > 0) {
      hit++;
      counts.set(k, c - 1);
    }
  }
  return hit / total;
}

/** Smoothed sentence BLEU of `a` against reference `b` (n = 1..4, add-one above unigrams). */
function bleu(a: Int32Array, b: Int32Array): number {
  let logSum = 0;
  for (let n = 1; n <= 4; n++) {
    const total = Math.max(0, a.length - n + 1);
    const p = n === 1 ? ngramPrecision(a, b, 1) : (ngramPrecision(a, b, n) * total + 1) / (total + 1);
    logSum += Math.log(Math.max(p, 1e-3)) / 4;
  }
  const bp = a.length >= b.length ? 1 : Math.exp(1 - b.length / Math.max(1, a.length));
  return bp * Math.exp(logSum);
}

/** Levenshtein distance over id sequences. */
export function editDistance(a: Int32Array, b: Int32Array): number {
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur[j] = Math.min(sub, prev[j]! + 1, cur[j - 1]! + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** Longest common subsequence length over id sequences. */
export function lcsLength(a: Int32Array, b: Int32Array): number {
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

function charGrams(text: string, n: number): Map<string, number> {
  const s = ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
  const out = new Map<string, number>();
  for (let i = 0; i + n <= s.length; i++) {
    const g = s.slice(i, i + n);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Dice overlap of character n-gram multisets. */
export function charDice(a: string, b: string, n: number): number {
  const x = charGrams(a, n);
  const y = charGrams(b, n);
  let shared = 0;
  let total = 0;
  for (const [g, c] of x) {
    shared += Math.min(c, y.get(g) ?? 0);
    total += c;
  }
  for (const c of y.values()) total += c;
  return total === 0 ? 0 : (2 * shared) / total;
}

const SYN_CACHE = new Map<string, Set<string>>();

function synonymSet(word: string): Set<string> {
  let s = SYN_CACHE.get(word);
  if (!s) {
    s = new Set(/^\p{L}+$/u.test(word) ? synonymsOf(word) : []);
    if (SYN_CACHE.size > 200_000) SYN_CACHE.clear();
    SYN_CACHE.set(word, s);
  }
  return s;
}

export interface ContentMatch {
  /** Content tokens of each side. */
  na: number;
  nb: number;
  /** Tokens matched exactly (stem), by canonical form, by synonym. */
  exact: number;
  canon: number;
  synonym: number;
  /** Matched content-token pairs as (a index, b index), for chunk counting. */
  links: Array<[number, number]>;
}

/** METEOR-like one-to-one matching of content tokens: exact stems, then canonical ids, then synonyms. */
export function matchContent(a: Side, b: Side): ContentMatch {
  const ia: number[] = [];
  const ib: number[] = [];
  for (let i = 0; i < a.forms.length; i++) if (a.content[i]) ia.push(i);
  for (let j = 0; j < b.forms.length; j++) if (b.content[j]) ib.push(j);
  const usedB = new Uint8Array(b.forms.length);
  const doneA = new Uint8Array(a.forms.length);
  const links: Array<[number, number]> = [];
  const counts = [0, 0, 0];
  const stage = (k: number, same: (i: number, j: number) => boolean) => {
    for (const i of ia) {
      if (doneA[i]) continue;
      for (const j of ib) {
        if (usedB[j] || !same(i, j)) continue;
        doneA[i] = 1;
        usedB[j] = 1;
        links.push([i, j]);
        counts[k]!++;
        break;
      }
    }
  };
  stage(0, (i, j) => a.stems[i] === b.stems[j]);
  stage(1, (i, j) => a.canons[i] === b.canons[j]);
  stage(2, (i, j) => synonymSet(a.forms[i]!).has(b.forms[j]!) || synonymSet(b.forms[j]!).has(a.forms[i]!));
  links.sort((p, q) => p[0] - q[0]);
  return { na: ia.length, nb: ib.length, exact: counts[0]!, canon: counts[1]!, synonym: counts[2]!, links };
}

/** Runs of links adjacent in both sentences (METEOR's chunks). */
function chunks(links: Array<[number, number]>): number {
  let n = 0;
  for (let k = 0; k < links.length; k++) {
    const prev = links[k - 1];
    if (!prev || links[k]![1] <= prev[1] || links[k]![1] - prev[1] > 2 || links[k]![0] - prev[0] > 2) n++;
  }
  return n;
}

function setDiff(a: string[], b: string[]): number {
  const sb = new Set(b);
  let n = 0;
  for (const x of new Set(a)) if (!sb.has(x)) n++;
  return n;
}

function capsUnmatched(a: Side, b: Side): number {
  const sb = new Set<number>(b.stems);
  const seen = new Set<number>();
  for (let i = 0; i < a.forms.length; i++) {
    if (a.caps[i] && a.content[i] && !sb.has(a.stems[i]!)) seen.add(a.stems[i]!);
  }
  return seen.size;
}

function negations(s: Side): number {
  let n = 0;
  for (const f of s.forms) if (NEGATION.has(f)) n++;
  return n;
}

/** Longest run of tokens of `a` whose stems are absent from `b`, as [tokens, content tokens]. */
function longestUnmatchedRun(a: Side, b: Side): [number, number] {
  const sb = new Set<number>(b.stems);
  const canB = new Set<number>(b.canons);
  let best = 0;
  let bestContent = 0;
  let run = 0;
  let content = 0;
  for (let i = 0; i < a.forms.length; i++) {
    if (sb.has(a.stems[i]!) || canB.has(a.canons[i]!)) {
      run = 0;
      content = 0;
      continue;
    }
    run++;
    content += a.content[i]!;
    if (content > bestContent || (content === bestContent && run > best)) {
      best = run;
      bestContent = content;
    }
  }
  return [best, bestContent];
}

const ATTRIBUTION = new Set(['said', 'says', 'say', 'told', 'according', 'added', 'stated', 'announced']);

function attributed(s: Side): boolean {
  return s.forms.some((f) => ATTRIBUTION.has(f)) || /["\u201c\u201d]/.test(s.text);
}

function ids(s: Side): Int32Array {
  return s.stems;
}

const minMax = (p: number, q: number): [number, number] => [Math.min(p, q), Math.max(p, q)];

/** Names of the fixed features, in `fixedFeatures` order. */
const FIXED_FEATURE_NAMES: readonly string[] = [
  'p1min', 'p1max', 'p2min', 'p2max', 'p3min', 'p3max', 'p4min', 'p4max',
  'bleuMin', 'bleuMax', 'matchPmin', 'matchPmax', 'matchF', 'unmatchedSum', 'unmatchedMax',
  'synonymShare', 'fragmentation', 'lcsMin', 'lcsMax', 'editRate', 'char3', 'char4', 'char5',
  'numMismatch', 'numAnyMismatch', 'numOneSided', 'numShared', 'capsUnmatchedSum', 'capsUnmatchedMax',
  'negationDiffers', 'lenDiff', 'lenRatio', 'logLen', 'runMax', 'runContentMax', 'runContentMin', 'attributionDiffers',
];

/** The fixed features of a prepared pair (see FIXED_FEATURE_NAMES). */
export function fixedFeatures(a: Side, b: Side): number[] {
  const sa = ids(a);
  const sb = ids(b);
  const out: number[] = [];
  for (let n = 1; n <= 4; n++) out.push(...minMax(ngramPrecision(sa, sb, n), ngramPrecision(sb, sa, n)));
  out.push(...minMax(bleu(sa, sb), bleu(sb, sa)));
  const m = matchContent(a, b);
  const matched = m.exact + m.canon + m.synonym;
  const pa = matched / Math.max(1, m.na);
  const pb = matched / Math.max(1, m.nb);
  out.push(...minMax(pa, pb), (2 * pa * pb) / Math.max(1e-9, pa + pb));
  out.push(m.na + m.nb - 2 * matched, Math.max(m.na, m.nb) - matched);
  out.push((m.canon + m.synonym) / Math.max(1, matched), matched === 0 ? 1 : chunks(m.links) / matched);
  const lcs = lcsLength(sa, sb);
  out.push(...minMax(lcs / Math.max(1, sa.length), lcs / Math.max(1, sb.length)));
  out.push(editDistance(sa, sb) / Math.max(1, sa.length, sb.length));
  for (const n of [3, 4, 5]) out.push(charDice(a.text, b.text, n));
  const nab = setDiff(a.numbers, b.numbers);
  const nba = setDiff(b.numbers, a.numbers);
  const numShared = new Set(a.numbers).size - nab;
  out.push(nab + nba, nab + nba > 0 ? 1 : 0, (a.numbers.length === 0) !== (b.numbers.length === 0) ? 1 : 0, numShared);
  const ca = capsUnmatched(a, b);
  const cb = capsUnmatched(b, a);
  out.push(ca + cb, Math.max(ca, cb));
  out.push(negations(a) > 0 !== negations(b) > 0 ? 1 : 0);
  const la = a.forms.length;
  const lb = b.forms.length;
  out.push(Math.abs(la - lb), Math.min(la, lb) / Math.max(1, la, lb), Math.log(1 + la + lb));
  const ra = longestUnmatchedRun(a, b);
  const rb = longestUnmatchedRun(b, a);
  out.push(Math.max(ra[0], rb[0]), Math.max(ra[1], rb[1]), Math.min(ra[1], rb[1]));
  out.push(attributed(a) !== attributed(b) ? 1 : 0);
  return out;
}
