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
 * A quote's expanded words as a multiset, for repeated comparisons: word ids (sorted, from the aligner's
 * vocabulary), their counts and whether each is a content word. Ids are only comparable within one
 * vocabulary generation; `bagsOverlap` re-reads an older bag's text.
 */
export interface WordBag {
  text: string;
  words: Int32Array;
  counts: Int32Array;
  content: Uint8Array;
  size: number;
  generation: number;
}

export function wordBag(text: string): WordBag {
  const generation = vocabularyGeneration();
  const byId = new Map<number, number>();
  const stop = new Set<number>();
  const words = expand(quoteWords(text));
  for (const w of words) {
    const id = intern(w);
    byId.set(id, (byId.get(id) ?? 0) + 1);
    if (isStopword(w)) stop.add(id);
  }
  const ids = Int32Array.from(byId.keys()).sort();
  const counts = Int32Array.from(ids, (id) => byId.get(id)!);
  const content = Uint8Array.from(ids, (id) => (stop.has(id) ? 0 : 1));
  if (generation !== vocabularyGeneration()) return wordBag(text);
  return { text, words: ids, counts, content, size: words.length, generation };
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
  const { words: x, counts: cx } = small;
  const { words: y, counts: cy } = large;
  for (let i = 0; i < x.length; i++) {
    const c = cx[i]!;
    const isContent = small.content[i] === 1;
    if (isContent) content += c;
    while (j < y.length && y[j]! < x[i]!) j++;
    if (j < y.length && y[j] === x[i]) {
      const m = Math.min(c, cy[j]!);
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
