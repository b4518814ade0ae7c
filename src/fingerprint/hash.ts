/** 32-bit hashing with Math.imul: murmur3's finaliser and a string hash built on it. */

/** murmur3 fmix32: a full-avalanche 32-bit mixer. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combine a running hash with one more 32-bit value (murmur3 body step). */
export function combine(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) >>> 0;
}

/** Hash of a string's UTF-16 code units (murmur3-style, seeded). */
export function hashString(s: string, seed = 0): number {
  let h = seed >>> 0;
  const n = s.length;
  let i = 0;
  for (; i + 1 < n; i += 2) h = combine(h, s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
  if (i < n) h = combine(h, s.charCodeAt(i));
  return fmix32(h ^ n);
}

/** `hashString` of the string whose code units are `units[0, n)`. */
export function hashUnits(units: Uint16Array, n: number, seed = 0): number {
  let h = seed >>> 0;
  let i = 0;
  for (; i + 1 < n; i += 2) h = combine(h, units[i]! | (units[i + 1]! << 16));
  if (i < n) h = combine(h, units[i]!);
  return fmix32(h ^ n);
}

/** Hash an integer with a seed. */
export function hashInt(x: number, seed = 0): number {
  return fmix32(combine(seed >>> 0, x >>> 0));
}

/** Hash every word once. */
export function hashWords(words: readonly string[], seed = 0): Uint32Array {
  const out = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) out[i] = hashString(words[i]!, seed);
  return out;
}

/**
 * Hashes of the word n-grams of `tokens` (already-hashed words), in order, not
 * deduplicated. A text shorter than `n` yields one shingle of all its words.
 */
export function shingles(tokens: Uint32Array, n: number, seed = 0): Uint32Array {
  const len = tokens.length;
  if (len === 0) return new Uint32Array(0);
  const count = len >= n ? len - n + 1 : 1;
  const width = len >= n ? n : len;
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = (seed ^ Math.imul(width, 0x9e3779b1)) >>> 0;
    for (let j = 0; j < width; j++) h = combine(h, tokens[i + j]!);
    out[i] = fmix32(h ^ width);
  }
  return out;
}

/** Sorted distinct values (returns a new array). */
export function uniqueSorted(values: Uint32Array): Uint32Array {
  if (values.length === 0) return new Uint32Array(0);
  const s = Uint32Array.from(values).sort();
  let w = 1;
  for (let i = 1; i < s.length; i++) if (s[i] !== s[w - 1]) s[w++] = s[i]!;
  return s.slice(0, w);
}
