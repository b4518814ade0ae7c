/**
 * Shingle layers, computed from integer arrays of word hashes without building
 * strings: each layer writes its n-gram hashes to a reused array, which the
 * caller feeds to a MinHasher (and a distinct counter where the layer needs its set size).
 * - doc: word 3-grams.
 * - canonical content: function words dropped, content words mapped to their
 *   WordNet group representative, 1- and 2-grams (paraphrase, spin).
 * - skeleton: content words become a placeholder, function words stay (spinners
 *   leave the "immutables" alone), 6-grams carrying ≥ 3 function words.
 * - passage unit: canonical content 2-grams of a word range.
 */
import { canonical } from '../text/synonyms.js';
import { CanonicalTable, CHECK_SEED, sharedCanonicalTable } from '../text/canonical-table.js';
import { hashString, hashUnits } from './hash.js';
import { STOP_HASHES, wordHash } from './scan.js';
import { I32Cache } from './u32map.js';

const PLACEHOLDER = hashString('\u0000*');
/**
 * Word hash -> what the layers need of the word: 0 for a function word, else the
 * hash of its canonical form (as an int32, never 0 or MISSING). 32-bit keys: a
 * rare collision only merges two words.
 */
let wordInfoCache: I32Cache | null = null;
/** Room made at first use: a news vocabulary passes 100,000 words (numbers and names included), and each growth rehashes it all. */
const WORD_CACHE_CAPACITY = 1 << 17;

/**
 * The most recent answers, direct-mapped by the hash's low bits: 32 KB that stay in the core's
 * cache, where the whole cache (every word ever seen) does not. Common words are most look-ups.
 */
const HOT_BITS = 12;
/** Interleaved: [2i] a word hash, [2i + 1] its answer (MISSING: none yet). */
const hot = new Int32Array(2 << HOT_BITS).fill(I32Cache.MISSING);

/**
 * Function-word test and canonical hash of the word at `[begin, end)` of `text` (its code units
 * `codes`, hash `hash`): 0 for a function word.
 */
export function wordInfo(text: string, codes: Uint16Array, begin: number, end: number, hash: number): number {
  const at = 2 * (hash & ((1 << HOT_BITS) - 1));
  if (hot[at] === (hash | 0) && hot[at + 1] !== I32Cache.MISSING) return hot[at + 1]!;
  const cache = (wordInfoCache ??= new I32Cache(WORD_CACHE_CAPACITY));
  let info = cache.get(hash);
  if (info === I32Cache.MISSING) {
    info = STOP_HASHES.has(hash) ? 0 : canonicalOf(text, codes, begin, end, hash) | 0;
    if (info === I32Cache.MISSING) info = 1;
    cache.set(hash, info);
  }
  hot[at] = hash;
  hot[at + 1] = info;
  return info;
}

/** The build's precomputed `canonical` (null until first use; false when there is none). */
let canonicalTable: CanonicalTable | null | false = null;
/** The lower-cased code units of the word being looked up. */
let lowered = new Uint16Array(64);

/**
 * Hash of the canonical form of a content word (numbers, short and unknown words hash as themselves);
 * never 0. An ASCII word is looked up in the precomputed table from its code units; any other asks WordNet.
 */
function canonicalOf(text: string, codes: Uint16Array, begin: number, end: number, hash: number): number {
  const n = end - begin;
  if (lowered.length < n) lowered = new Uint16Array(2 * n);
  let ascii = true;
  for (let k = 0; k < n; k++) {
    let c = codes[begin + k]!;
    if (c >= 48 && c <= 57) return hash === 0 ? 1 : hash;
    if (c >= 65 && c <= 90) c += 32;
    else if (c === 0x2019) c = 0x27;
    else if (c >= 128) ascii = false;
    lowered[k] = c;
  }
  let h = hash;
  if (canonicalTable === null) canonicalTable = sharedCanonicalTable() ?? false;
  if (ascii && canonicalTable) {
    if (n >= 3) h = canonicalTable.find(hash, hashUnits(lowered, n, CHECK_SEED));
  } else {
    const word = text.slice(begin, end).toLowerCase().replace(/\u2019/g, "'");
    if (!HAS_DIGIT.test(word) && word.length >= 3) h = wordHash(canonical(word));
  }
  return h === 0 ? 1 : h;
}

const HAS_DIGIT = /\d/;

/*
 * N-gram keys: h = rotl(h, 9) ^ token from a per-layer seed, i.e. the XOR of the
 * token hashes rotated by their distance from the end (distinct rotations up to
 * 6 tokens). Tokens are already well-mixed 32-bit hashes and every key is mixed
 * again by the MinHasher, so this is enough and costs no multiplications.
 */
const DOC_SEED = 0x3c6ef372;
const CANON_SEED = 0x0b16b16b;
const SKELETON_SEED = 0x51e151e1;
const UNIT_SEED = 0x00c200c2;

function rot(h: number): number {
  return (h << 9) | (h >>> 23);
}

/** Word 3-grams of `tokens[0, n)` written to `out`; returns how many. Fewer than 3 words make one gram of all of them. */
export function wordGrams(tokens: Uint32Array, n: number, out: Uint32Array): number {
  if (n === 0) return 0;
  if (n < 3) {
    let h = DOC_SEED ^ n;
    for (let j = 0; j < n; j++) h = rot(h) ^ tokens[j]!;
    out[0] = h;
    return 1;
  }
  const seed = rot(rot(rot(DOC_SEED)));
  const count = n - 2;
  for (let i = 0; i < count; i++) out[i] = seed ^ rot(rot(tokens[i]!) ^ tokens[i + 1]!) ^ tokens[i + 2]!;
  return count;
}

/** Canonical content 1- and 2-grams of `content[0, n)` written to `out`; returns how many. */
export function canonGrams(content: Uint32Array, n: number, out: Uint32Array): number {
  if (n === 0) return 0;
  let w = 0;
  for (let i = 0; i + 1 < n; i++) {
    const t = content[i]!;
    out[w++] = t;
    out[w++] = CANON_SEED ^ rot(t) ^ content[i + 1]!;
  }
  out[w++] = content[n - 1]!;
  return w;
}

/** `h` rotated as `rot` applied `times` times. */
function rotTimes(h: number, times: number): number {
  const by = (9 * times) & 31;
  return by === 0 ? h : (h << by) | (h >>> (32 - by));
}

/**
 * Skeleton 6-grams of words [0, n) with ≥ `minStop` function words written to `out`; returns how
 * many. Fewer words than `size` make one gram of all of them. A gram's hash is rolled from the
 * previous one (a rotation moves every token one place further from the end): the same hashes as
 * computing each afresh.
 */
export function skeletonGrams(words: Uint32Array, stops: Uint8Array, n: number, out: Uint32Array, size = 6, minStop = 3): number {
  if (n === 0) return 0;
  const width = n >= size ? size : n;
  // Gram hash: rot^width(seed) ^ XOR of rot^(width-1-j)(token j).
  const seedPart = rotTimes(SKELETON_SEED ^ width, width);
  let inWindow = 0;
  let sum = 0;
  for (let j = 0; j < width; j++) {
    inWindow += stops[j]!;
    sum = rot(sum) ^ (stops[j] === 1 ? words[j]! : PLACEHOLDER);
  }
  let w = 0;
  for (let i = 0; ; i++) {
    if (inWindow >= minStop) out[w++] = seedPart ^ sum;
    if (i + width >= n) break;
    const leaving = stops[i] === 1 ? words[i]! : PLACEHOLDER;
    sum = rot(sum) ^ rotTimes(leaving, width) ^ (stops[i + width] === 1 ? words[i + width]! : PLACEHOLDER);
    inWindow += stops[i + width]! - stops[i]!;
  }
  return w;
}

/** Canonical content 2-grams of `content[from, to)` written to `out`; one gram when the range has one token. Returns how many. */
export function unitGrams(content: Uint32Array, from: number, to: number, out: Uint32Array): number {
  const len = to - from;
  if (len <= 0) return 0;
  if (len === 1) {
    out[0] = rot(UNIT_SEED) ^ content[from]!;
    return 1;
  }
  const seed = rot(rot(UNIT_SEED ^ 2));
  let w = 0;
  for (let i = from; i + 1 < to; i++) out[w++] = seed ^ rot(content[i]!) ^ content[i + 1]!;
  return w;
}
