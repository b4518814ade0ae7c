/**
 * A fast word scanner for fingerprinting: one pass over char codes, words hashed
 * as they are read (lower-cased, ’ read as '), no per-word strings. Word rules
 * follow text/tokenize.ts: letters and digits with inner ' ’ . , - joiners.
 */
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

function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER.test(String.fromCharCode(c));
}

function isJoiner(c: number): boolean {
  return c === 0x27 || c === 0x2019 || c === 0x2e || c === 0x2c || c === 0x2d;
}

function lower(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  if (c === 0x2019) return 0x27;
  return String.fromCharCode(c).toLowerCase().charCodeAt(0);
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

export function scanWords(text: string): Scan {
  let cap = Math.max(16, text.length >> 2);
  let hashes = new Uint32Array(cap);
  let begins = new Int32Array(cap);
  let ends = new Int32Array(cap);
  let count = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const begin = i;
    let h = 0x811c9dc5;
    for (;;) {
      while (i < n) {
        const c = text.charCodeAt(i);
        if (!isWordChar(c)) break;
        h = Math.imul(h ^ lower(c), 0x01000193);
        i++;
      }
      if (i + 1 < n && isJoiner(text.charCodeAt(i)) && isWordChar(text.charCodeAt(i + 1))) {
        h = Math.imul(h ^ lower(text.charCodeAt(i)), 0x01000193);
        i++;
        continue;
      }
      break;
    }
    if (count === cap) {
      cap *= 2;
      const nh = new Uint32Array(cap);
      nh.set(hashes);
      hashes = nh;
      const nb = new Int32Array(cap);
      nb.set(begins);
      begins = nb;
      const ne = new Int32Array(cap);
      ne.set(ends);
      ends = ne;
    }
    hashes[count] = fmix32(h ^ (i - begin));
    begins[count] = begin;
    ends[count] = i;
    count++;
  }
  return { count, hashes: hashes.subarray(0, count), begins: begins.subarray(0, count), ends: ends.subarray(0, count) };
}
