/**
 * English stems from the Porter2 (Snowball English) algorithm, as implemented by winkjs's
 * `wink-porter2-stemmer`; numbers and words of one or two letters are kept as they are. Stems are
 * only compared with each other, so "proposals"/"proposal", "limiting"/"limited" meet.
 */
import porter2 from 'wink-porter2-stemmer';

const CACHE = new Map<string, string>();
const CACHE_LIMIT = 200_000;

function stemUncached(word: string): string {
  const w = word.replace(/'s$|s'$|'$/, '');
  if (w.length <= 2 || /\d/.test(w)) return w;
  return porter2(w);
}

/** Stem of a lower-cased word. */
export function stem(word: string): string {
  let s = CACHE.get(word);
  if (s === undefined) {
    s = stemUncached(word);
    if (CACHE.size >= CACHE_LIMIT) CACHE.clear();
    CACHE.set(word, s);
  }
  return s;
}
