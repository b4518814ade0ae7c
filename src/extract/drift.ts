import type { WordDiffOp } from '../core/types.js';
import { NEGATIONS, STRENGTH_WORDS } from './lexicon.js';
import { appendAll } from '../core/arrays.js';
import { intern, vocabularyGeneration } from '../align/analyze.js';
import { isStopword } from '../text/stopwords.js';

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

/**
 * A quote's expanded words as a multiset, for repeated comparisons: one sorted list of packed
 * entries, each a word id from the aligner's vocabulary (shifted by `ID_SHIFT`), a content-word bit
 * and the word's count (at most `COUNT_MASK`). One small array of small integers keeps a bag compact
 * and its comparison a single merge over contiguous memory (ids stay below the vocabulary's 2 million,
 * so an entry fits a small integer). Ids are only comparable within one
 * vocabulary generation; `bagsOverlap` re-reads an older bag's text.
 */
export interface WordBag {
  text: string;
  entries: number[];
  /** Words in all, repeats counted. */
  size: number;
  generation: number;
}

const ID_SHIFT = 9;
const CONTENT_BIT = 1 << 8;
const COUNT_MASK = 0xff;

export function wordBag(text: string): WordBag {
  const generation = vocabularyGeneration();
  const byId = new Map<number, number>();
  const words = expand(quoteWords(text));
  for (const w of words) {
    const id = intern(w);
    const entry = byId.get(id) ?? (id << ID_SHIFT) | (isStopword(w) ? 0 : CONTENT_BIT);
    byId.set(id, (entry & COUNT_MASK) === COUNT_MASK ? entry : entry + 1);
  }
  const entries = [...byId.values()].sort((a, b) => a - b);
  if (generation !== vocabularyGeneration()) return wordBag(text);
  return { text, entries, size: words.length, generation };
}

/** What two bags share: words in all (multiset), and `small`'s content words and how many of them `large` holds. */
export function bagsOverlap(small: WordBag, large: WordBag): { shared: number; content: number; inside: number } {
  if (small.generation !== large.generation) {
    const [a, b] = small.generation < large.generation ? [wordBag(small.text), large] : [small, wordBag(large.text)];
    return bagsOverlap(a, b);
  }
  let shared = 0;
  let content = 0;
  let inside = 0;
  let j = 0;
  const x = small.entries;
  const y = large.entries;
  for (let i = 0; i < x.length; i++) {
    const e = x[i]!;
    const id = e >>> ID_SHIFT;
    const c = e & COUNT_MASK;
    const isContent = (e & CONTENT_BIT) !== 0;
    if (isContent) content += c;
    while (j < y.length && y[j]! >>> ID_SHIFT < id) j++;
    if (j < y.length && y[j]! >>> ID_SHIFT === id) {
      const m = Math.min(c, y[j]! & COUNT_MASK);
      shared += m;
      if (isContent) inside += m;
    }
  }
  return { shared, content, inside };
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
