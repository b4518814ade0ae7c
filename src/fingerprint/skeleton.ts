/**
 * Shingle layers that survive rewriting.
 * - skeleton: content words become a placeholder, function words stay (spinners
 *   leave the "immutables" alone), n-grams of that.
 * - canonical content: function words dropped, content words mapped to their
 *   WordNet group representative, 1- and 2-grams.
 */
import { canonical } from '../text/synonyms.js';
import { combine, fmix32, hashString, shingles } from './hash.js';
import { STOP_HASHES, wordHash, type Scan } from './scan.js';
import { U32Map } from './u32map.js';

const PLACEHOLDER = hashString('\u0000*');
const HAS_DIGIT = /\d/;
/** Word hash -> hash of its canonical form (32-bit keys: a rare collision only merges two words). */
const canonHashCache = new U32Map(1 << 15);

/** Hash of the canonical form of the word at `[begin, end)` of `text` (numbers and unknown words hash as themselves). */
export function canonicalHash(text: string, begin: number, end: number, hash: number): number {
  let h = canonHashCache.get(hash);
  if (h < 0) {
    const word = text.slice(begin, end).toLowerCase().replace(/\u2019/g, "'");
    h = HAS_DIGIT.test(word) || word.length < 3 ? hash : wordHash(canonical(word));
    canonHashCache.set(hash, h);
  }
  return h;
}

/** Skeleton token hashes: stopwords as themselves, content words as one placeholder. */
export function skeletonTokens(wordHashes: Uint32Array): Uint32Array {
  const out = new Uint32Array(wordHashes.length);
  for (let i = 0; i < wordHashes.length; i++) out[i] = STOP_HASHES.has(wordHashes[i]!) ? wordHashes[i]! : PLACEHOLDER;
  return out;
}

/**
 * Skeleton n-grams that carry at least `minStop` function words (runs of
 * placeholders say nothing).
 */
export function skeletonShingles(wordHashes: Uint32Array, n = 6, minStop = 3): Uint32Array {
  const tokens = skeletonTokens(wordHashes);
  const all = shingles(tokens, n, 0x51e1);
  const out = new Uint32Array(all.length);
  let w = 0;
  let stops = 0;
  const width = Math.min(n, tokens.length);
  for (let i = 0; i < width; i++) if (tokens[i] !== PLACEHOLDER) stops++;
  for (let i = 0; i < all.length; i++) {
    if (i > 0) {
      if (tokens[i - 1] !== PLACEHOLDER) stops--;
      if (tokens[i + width - 1] !== PLACEHOLDER) stops++;
    }
    if (stops >= minStop) out[w++] = all[i]!;
  }
  return out.slice(0, w);
}

/** Canonical content-word hashes of words [from, to) of a scan, in order (function words dropped). */
export function canonicalTokens(text: string, scan: Scan, from = 0, to = scan.count): Uint32Array {
  const out = new Uint32Array(to - from);
  let w = 0;
  for (let i = from; i < to; i++) {
    const h = scan.hashes[i]!;
    if (!STOP_HASHES.has(h)) out[w++] = canonicalHash(text, scan.begins[i]!, scan.ends[i]!, h);
  }
  return out.subarray(0, w);
}

/** 1-grams and 2-grams of canonical content tokens. */
export function canonicalShingles(tokens: Uint32Array): Uint32Array {
  const n = tokens.length;
  const out = new Uint32Array(n === 0 ? 0 : 2 * n - 1);
  for (let i = 0; i < n; i++) out[i] = tokens[i]!;
  for (let i = 0; i + 1 < n; i++) out[n + i] = fmix32(combine(combine(0xb16, tokens[i]!), tokens[i + 1]!));
  return out;
}
