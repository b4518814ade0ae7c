import type { Span } from '../core/types.js';

/** Paragraph spans: runs of text separated by blank lines (or single newlines when the text has no blank lines). */
export function paragraphs(text: string): Span[] {
  const out: Span[] = [];
  const separator = /\n\s*\n/.test(text) ? /\n\s*\n/g : /\n+/g;
  let start = 0;
  const push = (b: number, e: number) => {
    while (b < e && /\s/.test(text[b]!)) b++;
    while (e > b && /\s/.test(text[e - 1]!)) e--;
    if (e > b) out.push([b, e]);
  };
  for (let m = separator.exec(text); m; m = separator.exec(text)) {
    push(start, m.index);
    start = m.index + m[0].length;
  }
  push(start, text.length);
  return out;
}

/** Abbreviations after which a period does not end a sentence. */
const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof sen rep gov gen lt col maj capt sgt st jr sr inc ltd co corp vs etc jan feb mar apr jun jul aug sep sept oct nov dec no u.s u.k u.n e.u a.m p.m'.split(' '),
);

/**
 * Sentence spans in `text`, rule-based and fast: a sentence ends at . ! ? (plus closing quotes
 * or brackets) followed by space and an upper-case letter, digit or opening quote, or at a newline.
 */
export function sentences(text: string, within: Span = [0, text.length]): Span[] {
  const out: Span[] = [];
  const [from, to] = within;
  let start = from;
  const push = (b: number, e: number) => {
    while (b < e && /\s/.test(text[b]!)) b++;
    while (e > b && /\s/.test(text[e - 1]!)) e--;
    if (e > b) out.push([b, e]);
  };
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    if (c === '\n') {
      push(start, i);
      start = i + 1;
      continue;
    }
    if (c !== '.' && c !== '!' && c !== '?') continue;
    let j = i + 1;
    while (j < to && /["'\u201d\u2019)\]]/.test(text[j]!)) j++;
    if (j < to && !/\s/.test(text[j]!)) continue;
    let k = j;
    while (k < to && /[ \t]/.test(text[k]!)) k++;
    if (k < to && !/[\p{Lu}\p{N}"'\u201c\u2018(\[\n]/u.test(text[k]!)) continue;
    if (c === '.') {
      const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(from, i - 12), i));
      const word = before?.[1]?.toLowerCase() ?? '';
      if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word) || /^(\p{L}\.)+\p{L}$/u.test(word)) continue;
    }
    push(start, j);
    start = j;
    i = j - 1;
  }
  push(start, to);
  return out;
}
