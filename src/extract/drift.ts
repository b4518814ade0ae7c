import type { WordDiffOp } from '../core/types.js';
import { NEGATIONS, STRENGTH_WORDS } from './lexicon.js';
import { appendAll } from '../core/arrays.js';

/** Words of a quote as compared: lower case, curly apostrophes straightened, punctuation dropped. */
export function quoteWords(text: string): string[] {
  return (text.toLowerCase().replace(/\u2019/g, "'").match(/[\p{L}\p{N}]+(?:['.,\-][\p{L}\p{N}]+)*/gu) ?? []);
}

/** Contractions spelled out, so "can't" and "cannot" compare equal. */
const EXPAND = new Map<string, string>(Object.entries({
  "can't": 'cannot', "won't": 'will not', "don't": 'do not', "doesn't": 'does not', "didn't": 'did not',
  "isn't": 'is not', "aren't": 'are not', "wasn't": 'was not', "weren't": 'were not', "it's": 'it is',
  "that's": 'that is', "we're": 'we are', "they're": 'they are', "i'm": 'i am', "there's": 'there is',
  "shouldn't": 'should not', "wouldn't": 'would not', "couldn't": 'could not', "haven't": 'have not',
}));

function expand(words: string[]): string[] {
  const out: string[] = [];
  for (const w of words) {
    const e = EXPAND.get(w);
    if (e) appendAll(out, e.split(' '));
    else out.push(w);
  }
  return out;
}

/** Word-level diff of two wordings: the aligner's, which knows stems, contractions and WordNet synonyms. */
export { wordDiff } from '../align/worddiff.js';

/** A quote's expanded words as a multiset, for repeated comparisons. */
export interface WordBag { counts: Map<string, number>; size: number }

export function wordBag(text: string): WordBag {
  const counts = new Map<string, number>();
  const words = expand(quoteWords(text));
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  return { counts, size: words.length };
}

/** Words two bags share (multiset intersection size). */
export function sharedWords(a: WordBag, b: WordBag): number {
  const [small, large] = a.counts.size <= b.counts.size ? [a, b] : [b, a];
  let common = 0;
  for (const [w, c] of small.counts) {
    const d = large.counts.get(w);
    if (d) common += Math.min(c, d);
  }
  return common;
}

const NUMBER = /^\d[\d,.]*$|^(one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|billion)$/;

/**
 * Flags for a variant's drift from the first variant:
 * - `meaning-changed`: a negation added or dropped, or a number changed;
 * - `strength-changed`: an intensifier, hedge or modal swapped, added or dropped ("completely" → "totally", "is ready" → "is able");
 * - `wording-changed`: any other word changed.
 * Contractions ("cannot" / "can't") are not changes.
 */
export function driftFlags(diff: WordDiffOp[]): string[] {
  const flags = new Set<string>();
  for (const op of diff) {
    if (op.op === 'same') continue;
    const a = expand(op.a ? op.a.split(' ') : []);
    const b = expand(op.b ? op.b.split(' ') : []);
    if (a.join(' ') === b.join(' ')) continue;
    const negA = a.filter((w) => NEGATIONS.has(w)).length;
    const negB = b.filter((w) => NEGATIONS.has(w)).length;
    const numA = a.filter((w) => NUMBER.test(w)).join(' ');
    const numB = b.filter((w) => NUMBER.test(w)).join(' ');
    if (negA !== negB || numA !== numB) flags.add('meaning-changed');
    else if (a.some((w) => STRENGTH_WORDS.has(w)) || b.some((w) => STRENGTH_WORDS.has(w))) flags.add('strength-changed');
    else flags.add('wording-changed');
  }
  return [...flags];
}
