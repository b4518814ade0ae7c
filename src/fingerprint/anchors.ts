/**
 * Anchors: what a rewrite keeps. Capitalised words (names, places, organisations)
 * that are not merely sentence-initial, numbers, and content words inside quotes.
 * Returned as sorted distinct hashes.
 */
import { hashInt } from './hash.js';
import type { Scan } from './scan.js';

const NAME_SEED = 0xa11;
const NUMBER_SEED = 0xa12;
const QUOTE_SEED = 0xa13;
const UPPER = /\p{Lu}/u;
let raw = new Uint32Array(256);

function isUpper(c: number): boolean {
  return c < 128 ? c >= 65 && c <= 90 : UPPER.test(String.fromCharCode(c));
}

/** True when only spaces separate `at` from a sentence end (. ! ? : ; newline or a double quote) or the text start. */
function atSentenceStart(codes: Uint16Array, at: number): boolean {
  for (let i = at - 1; i >= 0 && i >= at - 3; i--) {
    const c = codes[i]!;
    if (c === 0x20) continue;
    return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3a || c === 0x3b || c === 0x0a || c === 0x22 || c === 0x201c || c === 0x201d;
  }
  return at < 3;
}

let best = new Uint32Array(64);

/**
 * Keeps in `a[0, ...)` the `max` smallest distinct values of `a[0, n)`, ascending; returns how many.
 * One pass with a sorted list of the best so far: past the first few, most values are larger than
 * its last and cost one comparison.
 */
function bottomK(a: Uint32Array, n: number, max: number): number {
  if (best.length < max) best = new Uint32Array(2 * max);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = a[i]!;
    if (count === max && v >= best[max - 1]!) continue;
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (best[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo < count && best[lo] === v) continue;
    for (let j = count < max ? count : max - 1; j > lo; j--) best[j] = best[j - 1]!;
    best[lo] = v;
    if (count < max) count++;
  }
  a.set(best.subarray(0, count));
  return count;
}

/**
 * Hashes of anchor terms in a text, from its code units (`charCodes`); at most `max` (the smallest
 * hashes: a bottom-k sample). The result is a view of scratch storage, valid until the next call.
 */
export function anchorScratch(codes: Uint16Array, max: number, scan: Scan, stops: Uint8Array): Uint32Array {
  if (raw.length < scan.count) raw = new Uint32Array(scan.count * 2);
  let r = 0;
  let inQuote = false;
  let quoteScan = 0;
  for (let i = 0; i < scan.count; i++) {
    const b = scan.begins[i]!;
    // Track quote state by the double quotes before this word (words hold none).
    for (; quoteScan < b; quoteScan++) {
      const c = codes[quoteScan]!;
      if (c === 0x22) inQuote = !inQuote;
      else if (c === 0x201c) inQuote = true;
      else if (c === 0x201d) inQuote = false;
    }
    quoteScan = scan.ends[i]!;
    const h = scan.hashes[i]!;
    const first = codes[b]!;
    if (first >= 48 && first <= 57) {
      raw[r++] = hashInt(h, NUMBER_SEED);
      continue;
    }
    if (stops[i] === 1) continue;
    if (isUpper(first)) {
      const nextCapital = i + 1 < scan.count && isUpper(codes[scan.begins[i + 1]!]!);
      if (nextCapital || !atSentenceStart(codes, b)) {
        raw[r++] = hashInt(h, NAME_SEED);
        continue;
      }
    }
    if (inQuote && scan.ends[i]! - b > 3) raw[r++] = hashInt(h, QUOTE_SEED);
  }
  return raw.subarray(0, bottomK(raw, r, max));
}
