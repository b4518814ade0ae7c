/**
 * What changed inside an aligned sentence pair, from its word diff:
 * verbatim, trimmed (one side a sub-sequence of the other), synonym-swapped (same structure,
 * words swapped one for one), or paraphrased (anything else that is still similar).
 */
import type { EditKind } from '../core/types.js';
import type { Tokens } from './analyze.js';
import type { TokenOp } from './worddiff.js';

export interface EditStats {
  edit: EditKind;
  /** Tokens on each side. */
  lengthA: number;
  lengthB: number;
  /** Tokens left unchanged (per side, equal). */
  same: number;
  /** Swap steps, and how many of them are synonyms. */
  swaps: number;
  synonymSwaps: number;
  /** Tokens inserted or deleted outside swaps (both sides together). */
  indel: number;
  /** LCS of unchanged words over the shorter side: 1 for verbatim and trimmed. */
  overlap: number;
  /** Content words (side a) swapped for other words where neither side is a number, a name or a date: a rewriter's swaps. */
  swappedWords: number;
  /** Swaps where only facts changed (numbers, names, dates): an update's or a template's edits. */
  factSwaps: number;
  /** Content words on each side, the shorter count (the base of the swap rate). */
  contentWords: number;
  /** Facts (numbers, names, dates) changed, swapped, added or dropped, both sides together; moved words left out. */
  factsChanged: number;
  /** Other content words changed, swapped, added or dropped, both sides together; moved words left out. */
  wordingChanged: number;
  /** Names (capitalised words, acronyms) kept unchanged, and changed (the more of the two sides). */
  namesKept: number;
  namesChanged: number;
}

/** Largest swap, in tokens per side, that still reads as a word-for-word substitution. */
const MAX_SWAP = 5;

/** LCS length of two string sequences (short: function-word skeletons). */
function lcsLength(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let prev = new Uint16Array(b.length + 1);
  let cur = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

function hasContent(t: Tokens, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (t.content[i]) return true;
  return false;
}

/** Dates and numbers written as words. */
const FACT_WORDS = new Set(
  `january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight
one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty
thirty forty fifty sixty seventy eighty ninety hundred thousand million billion trillion mln bln half quarter first second third fourth fifth`.split(/\s+/),
);

/** A number, a name (capitalised inside a sentence, or an acronym) or a date: a fact, not wording. */
function isFact(t: Tokens, i: number): boolean {
  return t.numeric[i] === 1 || t.caps[i] === 1 || t.forms[i]!.endsWith('.') || FACT_WORDS.has(t.forms[i]!) || /\d/.test(t.forms[i]!);
}

/** Content words in [from, to) that are not facts. */
function wordingCount(t: Tokens, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (t.content[i] && !isFact(t, i)) n++;
  return n;
}

/** Names among the tokens of [from, to): capitalised inside a sentence, or acronyms. */
function nameCount(t: Tokens, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (t.content[i] && !t.numeric[i] && (t.caps[i] || t.forms[i]!.endsWith('.'))) n++;
  return n;
}

/** Facts among the content words of [from, to). */
function factCount(t: Tokens, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (t.content[i] && isFact(t, i)) n++;
  return n;
}

function contentCount(t: Tokens, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (t.content[i]) n++;
  return n;
}

function functionWords(t: Tokens, from: number, to: number): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) if (!t.content[i]) out.push(t.forms[i]!);
  return out;
}

/** Share of the function-word skeleton the two sides have in common (1 = identical). */
export function skeletonAgreement(ta: Tokens, a0: number, a1: number, tb: Tokens, b0: number, b1: number): number {
  const x = functionWords(ta, a0, a1);
  const y = functionWords(tb, b0, b1);
  const longest = Math.max(x.length, y.length);
  return longest === 0 ? 1 : lcsLength(x, y) / longest;
}

/** Classify the edit of one aligned pair from its diff. */
export function classifyEdit(
  ops: TokenOp[],
  ta: Tokens,
  range: { a0: number; a1: number; b0: number; b1: number },
  tb: Tokens,
): EditStats {
  const lengthA = range.a1 - range.a0;
  const lengthB = range.b1 - range.b0;
  let same = 0;
  let swaps = 0;
  let synonymSwaps = 0;
  let indel = 0;
  let bigSwaps = 0;
  let neutral = 0;
  let inserts = 0;
  let deletes = 0;
  let swappedWords = 0;
  let factSwaps = 0;
  let factsChanged = 0;
  let wordingChanged = 0;
  let namesKept = 0;
  let namesChanged = 0;
  for (const op of ops) {
    if (op.op === 'same') namesKept += nameCount(ta, op.a0, op.a1);
    else if (!op.moved) namesChanged += Math.max(nameCount(ta, op.a0, op.a1), nameCount(tb, op.b0, op.b1));
    if (op.op !== 'same' && !op.moved) {
      factsChanged += factCount(ta, op.a0, op.op === 'insert' ? op.a0 : op.a1) + factCount(tb, op.b0, op.op === 'delete' ? op.b0 : op.b1);
      wordingChanged += wordingCount(ta, op.a0, op.op === 'insert' ? op.a0 : op.a1) + wordingCount(tb, op.b0, op.op === 'delete' ? op.b0 : op.b1);
    }
    if (op.op === 'same') same += op.a1 - op.a0;
    else if (op.op === 'insert') {
      indel += op.b1 - op.b0;
      inserts++;
    } else if (op.op === 'delete') {
      indel += op.a1 - op.a0;
      deletes++;
    } else {
      const wording = Math.min(wordingCount(ta, op.a0, op.a1), wordingCount(tb, op.b0, op.b1));
      if (wording === 0 && (hasContent(ta, op.a0, op.a1) || hasContent(tb, op.b0, op.b1))) factSwaps++;
      swappedWords += wording;
      if (op.synonym) synonymSwaps++;
      // Swapped function words (would/could, these/those) say nothing either way.
      else if (!hasContent(ta, op.a0, op.a1) && !hasContent(tb, op.b0, op.b1)) {
        neutral++;
        continue;
      }
      swaps++;
      if (op.a1 - op.a0 > MAX_SWAP || op.b1 - op.b0 > MAX_SWAP) bigSwaps++;
    }
  }
  const shorter = Math.max(1, Math.min(lengthA, lengthB));
  const contentWords = Math.min(contentCount(ta, range.a0, range.a1), contentCount(tb, range.b0, range.b1));
  const stats = { lengthA, lengthB, same, swaps, synonymSwaps, indel, overlap: same / shorter, swappedWords, factSwaps, contentWords, factsChanged, wordingChanged, namesKept, namesChanged };
  if (swaps === 0 && neutral === 0 && indel === 0) return { ...stats, edit: 'verbatim' };
  if (swaps === 0 && neutral === 0 && (inserts === 0 || deletes === 0)) return { ...stats, edit: 'trimmed' };
  const structural = indel <= Math.max(1, 0.08 * Math.max(lengthA, lengthB)) && bigSwaps === 0 && same >= 0.4 * shorter;
  // Only figures, names or dates changed: the same sentence with other facts, not a rewording.
  if (factSwaps === swaps && swaps > 0) return { ...stats, edit: 'paraphrased' };
  if (structural && swaps + neutral > 0) {
    const skeleton = skeletonAgreement(ta, range.a0, range.a1, tb, range.b0, range.b1);
    if (synonymSwaps >= 0.4 * swaps || skeleton >= 0.8) return { ...stats, edit: 'synonym-swapped' };
  }
  return { ...stats, edit: 'paraphrased' };
}
