import { isStopword } from '../src/text/stopwords.js';
import { synonymsOf } from '../src/text/synonyms.js';

/** A seeded generator (LCG) for reproducible rewrites. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** A thesaurus spinner: each content word swapped, with probability `rate`, for one of its WordNet synonyms. */
export function spin(text: string, rate: number, rnd: () => number): string {
  return text.replace(/\p{L}+/gu, (w) => {
    const lower = w.toLowerCase();
    if (isStopword(lower) || rnd() >= rate) return w;
    const syn = synonymsOf(lower).filter((s) => s !== lower);
    if (syn.length === 0) return w;
    const pick = syn[Math.floor(rnd() * syn.length)]!;
    return /^\p{Lu}/u.test(w) ? pick[0]!.toUpperCase() + pick.slice(1) : pick;
  });
}
