/**
 * Shingle layers, computed from integer arrays of word hashes without building
 * strings or intermediate shingle arrays: each n-gram hash goes straight into a
 * MinHasher (and a distinct counter where the layer needs its set size).
 * - doc: word 3-grams.
 * - canonical content: function words dropped, content words mapped to their
 *   WordNet group representative, 1- and 2-grams (paraphrase, spin).
 * - skeleton: content words become a placeholder, function words stay (spinners
 *   leave the "immutables" alone), 6-grams carrying ≥ 3 function words.
 * - passage unit: canonical content 2-grams of a word range.
 */
import { canonical } from '../text/synonyms.js';
import { CanonicalTable, CHECK_SEED } from '../text/canonical-table.js';
import { hashString, hashUnits } from './hash.js';
import type { MinHasher } from './minhash.js';
import { STOP_HASHES, wordHash } from './scan.js';
import { I32Cache, type U32Set } from './u32map.js';

const PLACEHOLDER = hashString('\u0000*');
/**
 * Word hash -> what the layers need of the word: 0 for a function word, else the
 * hash of its canonical form (as an int32, never 0 or MISSING). 32-bit keys: a
 * rare collision only merges two words.
 */
const wordInfoCache = new I32Cache(1 << 15);

/**
 * The most recent answers, direct-mapped by the hash's low bits: 32 KB that stay in the core's
 * cache, where the whole cache (every word ever seen) does not. Common words are most look-ups.
 */
const HOT_BITS = 12;
const hotKeys = new Int32Array(1 << HOT_BITS);
const hotInfo = new Int32Array(1 << HOT_BITS).fill(I32Cache.MISSING);

/**
 * Function-word test and canonical hash of the word at `[begin, end)` of `text` (its code units
 * `codes`, hash `hash`): 0 for a function word.
 */
export function wordInfo(text: string, codes: Uint16Array, begin: number, end: number, hash: number): number {
  const hot = hash & ((1 << HOT_BITS) - 1);
  if (hotKeys[hot] === (hash | 0) && hotInfo[hot] !== I32Cache.MISSING) return hotInfo[hot]!;
  let info = wordInfoCache.get(hash);
  if (info === I32Cache.MISSING) {
    info = STOP_HASHES.has(hash) ? 0 : canonicalOf(text, codes, begin, end, hash) | 0;
    if (info === I32Cache.MISSING) info = 1;
    wordInfoCache.set(hash, info);
  }
  hotKeys[hot] = hash;
  hotInfo[hot] = info;
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
  if (canonicalTable === null) canonicalTable = CanonicalTable.load() ?? false;
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

/**
 * Word 3-grams of `tokens[0, n)` into `mh` (already reset); returns the number of
 * distinct 3-grams. Fewer than 3 words make one gram of all of them.
 */
export function wordGrams(tokens: Uint32Array, n: number, mh: MinHasher, seen: U32Set): number {
  if (n === 0) return 0;
  const width = n >= 3 ? 3 : n;
  const count = n - width + 1;
  seen.clear(count);
  if (width < 3) {
    let h = DOC_SEED ^ width;
    for (let j = 0; j < width; j++) h = rot(h) ^ tokens[j]!;
    mh.push(h);
    seen.add(h);
    return 1;
  }
  const seed = rot(rot(rot(DOC_SEED)));
  for (let i = 0; i < count; i++) {
    const h = seed ^ rot(rot(tokens[i]!) ^ tokens[i + 1]!) ^ tokens[i + 2]!;
    mh.push(h);
    seen.add(h);
  }
  return seen.size;
}

/** Canonical content 1- and 2-grams of `content[0, n)` into `mh`; returns the distinct count. */
export function canonGrams(content: Uint32Array, n: number, mh: MinHasher, seen: U32Set): number {
  seen.clear(2 * n);
  for (let i = 0; i < n; i++) {
    const t = content[i]!;
    mh.push(t);
    seen.add(t);
    if (i + 1 < n) {
      const h = CANON_SEED ^ rot(t) ^ content[i + 1]!;
      mh.push(h);
      seen.add(h);
    }
  }
  return seen.size;
}

/** `h` rotated as `rot` applied `times` times. */
function rotTimes(h: number, times: number): number {
  const by = (9 * times) & 31;
  return by === 0 ? h : (h << by) | (h >>> (32 - by));
}

/**
 * Skeleton 6-grams of words [0, n) with ≥ `minStop` function words into `mh`; fewer words than
 * `size` make one gram of all of them. A gram's hash is rolled from the previous one (a rotation
 * moves every token one place further from the end): the same hashes as computing each afresh.
 */
export function skeletonGrams(words: Uint32Array, stops: Uint8Array, n: number, mh: MinHasher, size = 6, minStop = 3): void {
  if (n === 0) return;
  const width = n >= size ? size : n;
  // Gram hash: rot^width(seed) ^ XOR of rot^(width-1-j)(token j).
  const seedPart = rotTimes(SKELETON_SEED ^ width, width);
  let inWindow = 0;
  let sum = 0;
  for (let j = 0; j < width; j++) {
    inWindow += stops[j]!;
    sum = rot(sum) ^ (stops[j] === 1 ? words[j]! : PLACEHOLDER);
  }
  for (let i = 0; ; i++) {
    if (inWindow >= minStop) mh.push(seedPart ^ sum);
    if (i + width >= n) break;
    const leaving = stops[i] === 1 ? words[i]! : PLACEHOLDER;
    sum = rot(sum) ^ rotTimes(leaving, width) ^ (stops[i + width] === 1 ? words[i + width]! : PLACEHOLDER);
    inWindow += stops[i + width]! - stops[i]!;
  }
}

/** Canonical content 2-grams of `content[from, to)` into `mh`; one gram when the range has one token. */
export function unitGrams(content: Uint32Array, from: number, to: number, mh: MinHasher): void {
  const len = to - from;
  if (len <= 0) return;
  if (len === 1) {
    mh.push(rot(UNIT_SEED) ^ content[from]!);
    return;
  }
  const seed = rot(rot(UNIT_SEED ^ 2));
  for (let i = from; i + 1 < to; i++) mh.push(seed ^ rot(content[i]!) ^ content[i + 1]!);
}
