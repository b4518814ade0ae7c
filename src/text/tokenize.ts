/** Words: letters and digits, with inner apostrophes, hyphens, dots and commas ("U.S.", "14,000", "can't"). */
const WORD = /[\p{L}\p{N}]+(?:['\u2019.,\-][\p{L}\p{N}]+)*/gu;

export interface Tokens {
  /** Lower-cased word forms. */
  words: string[];
  /** Begin offset of each word in the input. */
  begins: Int32Array;
  /** End offset (exclusive) of each word in the input. */
  ends: Int32Array;
}

/** Regex word tokenizer (~200x faster than Intl.Segmenter). Offsets point into `text`. */
export function tokenize(text: string, offset = 0): Tokens {
  const words: string[] = [];
  const b: number[] = [];
  const e: number[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    words.push(m[0].toLowerCase().replace(/\u2019/g, "'"));
    b.push(m.index + offset);
    e.push(m.index + m[0].length + offset);
  }
  return { words, begins: Int32Array.from(b), ends: Int32Array.from(e) };
}

/** Just the lower-cased words. */
export function words(text: string): string[] {
  const out: string[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) out.push(m[0].toLowerCase().replace(/\u2019/g, "'"));
  return out;
}

export function wordCount(text: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text)) n++;
  return n;
}

