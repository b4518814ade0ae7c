/**
 * Anchors: what a rewrite keeps. Capitalised words (names, places, organisations)
 * that are not merely sentence-initial, numbers, and content words inside quotes.
 * Returned as sorted distinct hashes.
 */
import { hashInt, uniqueSorted } from './hash.js';
import { STOP_HASHES, scanWords, type Scan } from './scan.js';

const NAME_SEED = 0xa11;
const NUMBER_SEED = 0xa12;
const QUOTE_SEED = 0xa13;
const UPPER = /\p{Lu}/u;

function isUpper(c: number): boolean {
  return c < 128 ? c >= 65 && c <= 90 : UPPER.test(String.fromCharCode(c));
}

/** True when only spaces separate `at` from a sentence end (. ! ? : ; newline or a double quote) or the text start. */
function atSentenceStart(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0 && i >= at - 3; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x20) continue;
    return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3a || c === 0x3b || c === 0x0a || c === 0x22 || c === 0x201c || c === 0x201d;
  }
  return at < 3;
}

/** Hashes of anchor terms in `text`; at most `max` (the smallest hashes: a bottom-k sample). */
export function anchors(text: string, max = 48, scan: Scan = scanWords(text)): Uint32Array {
  const raw: number[] = [];
  let inQuote = false;
  let quoteScan = 0;
  for (let i = 0; i < scan.count; i++) {
    const b = scan.begins[i]!;
    // Track quote state by the double quotes before this word.
    for (; quoteScan < b; quoteScan++) {
      const c = text.charCodeAt(quoteScan);
      if (c === 0x22) inQuote = !inQuote;
      else if (c === 0x201c) inQuote = true;
      else if (c === 0x201d) inQuote = false;
    }
    const h = scan.hashes[i]!;
    const first = text.charCodeAt(b);
    if (first >= 48 && first <= 57) {
      raw.push(hashInt(h, NUMBER_SEED));
      continue;
    }
    if (STOP_HASHES.has(h)) continue;
    if (isUpper(first)) {
      const nextCapital = i + 1 < scan.count && isUpper(text.charCodeAt(scan.begins[i + 1]!));
      if (nextCapital || !atSentenceStart(text, b)) {
        raw.push(hashInt(h, NAME_SEED));
        continue;
      }
    }
    if (inQuote && scan.ends[i]! - b > 3) raw.push(hashInt(h, QUOTE_SEED));
  }
  const all = uniqueSorted(Uint32Array.from(raw));
  return all.length > max ? all.slice(0, max) : all;
}
