/**
 * A fast word scanner for fingerprinting: one pass over char codes, words hashed
 * as they are read (lower-cased, ’ read as '), no per-word strings. Word rules
 * follow text/tokenize.ts: letters and digits with inner ' ’ . , - joiners.
 */
import { Buffer } from 'node:buffer';
import { STOPWORDS } from '../text/stopwords.js';
import { fmix32 } from './hash.js';
import { U32Map } from './u32map.js';

export interface Scan {
  count: number;
  hashes: Uint32Array;
  begins: Int32Array;
  ends: Int32Array;
}

const LETTER = /[\p{L}\p{N}]/u;
/** Marks a code unit not classified yet (no word character lower-cases to U+FFFF). */
const UNKNOWN = 0xffff;
/**
 * Each UTF-16 code unit's lower case when it is a word character (a letter or digit), 0 when it
 * is not; the first 256 filled at load, the rest on first sight. One table read per character.
 */
const WORD_LOWER = new Uint16Array(65536).fill(UNKNOWN);
for (let c = 0; c < 256; c++) classify(c);

function classify(c: number): number {
  const s = String.fromCharCode(c);
  return (WORD_LOWER[c] = LETTER.test(s) ? s.toLowerCase().charCodeAt(0) : 0);
}

/** The lower case of word character `c`, 0 for any other code unit. */
function wordLower(c: number): number {
  const l = WORD_LOWER[c]!;
  return l === UNKNOWN ? classify(c) : l;
}

/** The lower case of joiner `c` (' ’ . , - between two word characters: ’ reads as '), 0 for a non-joiner. */
function joinerLower(c: number): number {
  return c === 0x27 || c === 0x2e || c === 0x2c || c === 0x2d ? c : c === 0x2019 ? 0x27 : 0;
}

function lower(c: number): number {
  return wordLower(c) || joinerLower(c) || c;
}

/** Hash of a lower-cased word, as the scanner computes it. */
export function wordHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ lower(word.charCodeAt(i)), 0x01000193);
  return fmix32(h ^ word.length);
}

/** Hashes of the stopwords (`has(hash)`). */
export const STOP_HASHES: U32Map = new U32Map(STOPWORDS.size);
for (const w of STOPWORDS) STOP_HASHES.set(wordHash(w), 1);

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
let codeUnits = new Uint16Array(1 << 13);
let codeBytes = Buffer.from(codeUnits.buffer);

/**
 * The UTF-16 code units of `text` in a typed array (scratch storage, valid until
 * the next call; entries past `text.length` are stale). One native copy: reading
 * a typed array in the scan loops is faster than `charCodeAt` on the sliced and
 * concatenated strings texts usually are.
 */
export function charCodes(text: string): Uint16Array {
  const n = text.length;
  if (codeUnits.length < n) {
    codeUnits = new Uint16Array(2 * n);
    codeBytes = Buffer.from(codeUnits.buffer);
  }
  if (LITTLE_ENDIAN) codeBytes.write(text, 0, 'utf16le');
  else for (let i = 0; i < n; i++) codeUnits[i] = text.charCodeAt(i);
  return codeUnits;
}

/** An empty scan to pass to `scanCodes` as reusable storage. */
export function emptyScan(capacity = 1024): Scan {
  return { count: 0, hashes: new Uint32Array(capacity), begins: new Int32Array(capacity), ends: new Int32Array(capacity) };
}

function grow(scan: Scan, cap: number): void {
  const nh = new Uint32Array(cap);
  nh.set(scan.hashes);
  scan.hashes = nh;
  const nb = new Int32Array(cap);
  nb.set(scan.begins);
  scan.begins = nb;
  const ne = new Int32Array(cap);
  ne.set(scan.ends);
  scan.ends = ne;
}

/**
 * Words of the first `n` code units of `codes` (see `charCodes`): hash, begin and end of each. With
 * `into`, its arrays are reused (grown as needed; entries past `count` are stale) and it is returned.
 */
export function scanCodes(codes: Uint16Array, n: number, into?: Scan): Scan {
  const scan = into ?? emptyScan(Math.max(16, n >> 2));
  let { hashes, begins, ends } = scan;
  let cap = hashes.length;
  let count = 0;
  let i = 0;
  for (;;) {
    let l = 0;
    while (i < n && (l = wordLower(codes[i]!)) === 0) i++;
    if (i >= n) break;
    const begin = i;
    let h = 0x811c9dc5;
    for (;;) {
      h = Math.imul(h ^ l, 0x01000193);
      if (++i >= n) break;
      l = wordLower(codes[i]!);
      if (l !== 0) continue;
      // A joiner between two word characters belongs to the word.
      const j = joinerLower(codes[i]!);
      if (j === 0 || i + 1 >= n || (l = wordLower(codes[i + 1]!)) === 0) break;
      h = Math.imul(h ^ j, 0x01000193);
      i++;
    }
    if (count === cap) {
      cap *= 2;
      grow(scan, cap);
      ({ hashes, begins, ends } = scan);
    }
    hashes[count] = fmix32(h ^ (i - begin));
    begins[count] = begin;
    ends[count] = i;
    count++;
  }
  scan.count = count;
  if (into) return scan;
  return { count, hashes: hashes.subarray(0, count), begins: begins.subarray(0, count), ends: ends.subarray(0, count) };
}
