/**
 * A light English stemmer (Porter step 1 plus a few derivational suffixes): enough to make
 * "proposals"/"proposal", "limiting"/"limited"/"limit", "countries"/"country" meet.
 * Over-stemming is harmless here: stems are only compared with each other.
 */
const CACHE = new Map<string, string>();
const CACHE_LIMIT = 200_000;

const VOWEL = /[aeiouy]/;

function measureOk(stem: string): boolean {
  return stem.length >= 3 && VOWEL.test(stem);
}

function undouble(s: string): string {
  const n = s.length;
  if (n >= 2 && s[n - 1] === s[n - 2] && !/[lsz]/.test(s[n - 1]!)) return s.slice(0, -1);
  return s;
}

function stemUncached(word: string): string {
  let w = word.replace(/'s$|s'$|'$/, '');
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = w.length > 4 ? `${w.slice(0, -3)}y` : w.slice(0, -1);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('eed')) {
    if (w.length > 4) w = w.slice(0, -1);
  } else if (w.endsWith('ing') && measureOk(w.slice(0, -3))) {
    w = undouble(w.slice(0, -3));
  } else if (w.endsWith('ed') && measureOk(w.slice(0, -2))) {
    w = undouble(w.slice(0, -2));
  }
  for (const suffix of ['ational', 'ation', 'ment', 'ness', 'ity', 'ly', 'al', 'er', 'e']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  if (w.endsWith('y') && w.length > 4) w = `${w.slice(0, -1)}i`;
  return w;
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
