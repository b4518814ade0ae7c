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
/** Non-ASCII code unit classes, computed on first sight: 0 unknown, 1 word char, 2 other. */
const CLASS = new Uint8Array(65536);
/** Non-ASCII lower-case mapping, computed on first sight (0: unknown). */
const LOWER = new Uint16Array(65536);

/** ASCII word characters mapped to their lower case; 0 for other ASCII. */
const ASCII = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII[c] = c;
for (let c = 97; c <= 122; c++) ASCII[c] = c;
for (let c = 65; c <= 90; c++) ASCII[c] = c + 32;

function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  let k = CLASS[c]!;
  if (k === 0) CLASS[c] = k = LETTER.test(String.fromCharCode(c)) ? 1 : 2;
  return k === 1;
}

function isJoiner(c: number): boolean {
  return c === 0x27 || c === 0x2019 || c === 0x2e || c === 0x2c || c === 0x2d;
}

function lower(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  if (c === 0x2019) return 0x27;
  let l = LOWER[c]!;
  if (l === 0) LOWER[c] = l = String.fromCharCode(c).toLowerCase().charCodeAt(0);
  return l;
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
  while (i < n) {
    const first = codes[i]!;
    if (first < 128 ? ASCII[first] === 0 : !isWordChar(first)) {
      i++;
      continue;
    }
    const begin = i;
    let h = 0x811c9dc5;
    for (;;) {
      while (i < n) {
        const c = codes[i]!;
        if (c < 128) {
          const l = ASCII[c]!;
          if (l === 0) break;
          h = Math.imul(h ^ l, 0x01000193);
        } else if (isWordChar(c)) h = Math.imul(h ^ lower(c), 0x01000193);
        else break;
        i++;
      }
      if (i + 1 < n && isJoiner(codes[i]!) && isWordChar(codes[i + 1]!)) {
        h = Math.imul(h ^ lower(codes[i]!), 0x01000193);
        i++;
        continue;
      }
      break;
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
