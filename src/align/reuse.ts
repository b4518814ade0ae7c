/**
 * Evidence that text was reused, as opposed to two reporters covering the same story:
 * near-verbatim runs of the reporters' own words (quotations excluded: two stories quoting
 * one speaker share the speaker's words, not each other's), name lists discounted, and
 * blocks of consecutive sentences rewritten in the same order.
 */
import type { Analysis } from './analyze.js';
import type { PairRecord } from './passages.js';

const OPENING = new Set(['\u201c', '\u00ab', '\u201e']);
const CLOSING = new Set(['\u201d', '\u00bb']);

/**
 * 1 for each token inside quotation marks. Curly quotes open and close; a straight quote
 * opens when it stands before a word and closes otherwise (so the reopening quote of a
 * quotation that runs on, `"... at all. "That is ...`, keeps it open). The state resets at
 * each paragraph: news quotes reopen on every paragraph.
 */
export function quotedTokens(x: Analysis): Uint8Array {
  const { tokens, sentences, text } = x;
  const out = new Uint8Array(tokens.forms.length);
  let open = false;
  let paragraph = -1;
  for (const s of sentences) {
    if (s.paragraph !== paragraph) {
      paragraph = s.paragraph;
      open = false;
    }
    let at = s.span[0];
    for (let t = s.first; t < s.last; t++) {
      const begin = tokens.begins[t]!;
      for (; at < begin; at++) open = quoteState(text, at, open);
      if (open) out[t] = 1;
      at = Math.max(at, tokens.ends[t]!);
    }
    for (; at < s.span[1]; at++) open = quoteState(text, at, open);
  }
  return out;
}

/** Characters after which a straight quote opens (when a word follows). */
const BEFORE_OPENING = /[\s([{\u2013\u2014-]/u;

/** Quotation state after the character at `at`. */
function quoteState(text: string, at: number, open: boolean): boolean {
  const ch = text[at]!;
  if (OPENING.has(ch)) return true;
  if (CLOSING.has(ch)) return false;
  if (ch !== '"') return open;
  const before = at === 0 ? ' ' : text[at - 1]!;
  const after = at + 1 >= text.length ? ' ' : text[at + 1]!;
  return BEFORE_OPENING.test(before) && !/\s/u.test(after);
}

/**
 * 1 for tokens that belong to a name list (a team sheet, a cast list): sentences where
 * capitalised words, initials and numbers make up most of the words. Such lists recur
 * because the facts do, not because one text copied the other.
 */
export function listTokens(x: Analysis): Uint8Array {
  const { tokens } = x;
  const out = new Uint8Array(tokens.forms.length);
  for (const s of x.sentences) {
    let words = 0;
    let names = 0;
    for (let t = s.first; t < s.last; t++) {
      if (!/\p{L}|\d/u.test(tokens.forms[t]!)) continue;
      words++;
      const c = x.text.charCodeAt(tokens.begins[t]!);
      if (tokens.numeric[t] || (c >= 65 && c <= 90)) names++;
    }
    if (words >= 8 && names >= 0.7 * words) out.fill(1, s.first, s.last);
  }
  return out;
}

/** Unchanged words of a pair that are the writers' own on both sides (not quoted, not lists). */
export function ownSame(p: PairRecord, skipA: Uint8Array, skipB: Uint8Array): number {
  let n = 0;
  for (const op of p.ops) {
    if (op.op !== 'same') continue;
    for (let k = 0; k < op.a1 - op.a0; k++) if (!skipA[op.a0 + k] && !skipB[op.b0 + k]) n++;
  }
  return n;
}

function follows(prev: PairRecord, next: PairRecord, gap: number): boolean {
  const da = next.a[0]! - prev.a[prev.a.length - 1]!;
  const db = next.b[0]! - prev.b[prev.b.length - 1]!;
  return da >= 1 && da <= gap + 1 && db >= 1 && db <= gap + 1;
}

/**
 * Longest run of consecutive pairs that together keep at least `minOverlap` of the shorter
 * side's words unchanged, measured in unchanged words outside quotations and name lists.
 */
export function longestReuse(pairs: PairRecord[], skipA: Uint8Array, skipB: Uint8Array, minOverlap: number): number {
  let best = 0;
  let same = 0;
  let shorter = 0;
  let own = 0;
  let prev: PairRecord | null = null;
  for (const p of pairs) {
    const ps = p.stats.same;
    const pl = Math.min(p.stats.lengthA, p.stats.lengthB);
    const po = ownSame(p, skipA, skipB);
    if (prev && follows(prev, p, 0) && same + ps >= minOverlap * (shorter + pl)) {
      same += ps;
      shorter += pl;
      own += po;
    } else if (ps >= minOverlap * pl) {
      same = ps;
      shorter = pl;
      own = po;
    } else same = shorter = own = 0;
    best = Math.max(best, own);
    prev = p;
  }
  return best;
}

/**
 * Most pairs in one block of consecutive sentences (one skipped sentence allowed on either
 * side) aligned in order, each keeping at least `minOverlap` of its words in order: the shape
 * of a text rewritten sentence by sentence. Reordered pairs break blocks.
 */
export function longestBlock(pairs: PairRecord[], minOverlap: number): number {
  let best = 0;
  let run = 0;
  let prev: PairRecord | null = null;
  for (const p of pairs) {
    if (p.edit === 'reordered' || p.stats.overlap < minOverlap) {
      run = 0;
      prev = null;
      continue;
    }
    run = prev && follows(prev, p, 1) ? run + 1 : 1;
    best = Math.max(best, run);
    prev = p;
  }
  return best;
}
