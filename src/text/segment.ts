import type { Span } from '../core/types.js';

/** What the regular expression `\s` matches (one UTF-16 code unit). */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Paragraph spans: runs of text separated by blank lines (a newline, then only white space up to
 * another newline), or by newlines when the text has no blank line; each span trimmed of white space.
 * One pass over the character codes.
 */
export function paragraphs(text: string): Span[] {
  const out: Span[] = [];
  const n = text.length;
  const push = (b: number, e: number) => {
    while (b < e && isSpace(text.charCodeAt(b))) b++;
    while (e > b && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > b) out.push([b, e]);
  };
  const blank = hasBlankLine(text);
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < n; i = text.indexOf('\n', i)) {
    // The separator: from this newline over the white space after it, to its last newline.
    let last = i;
    let j = i + 1;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x0a) last = j;
      else if (!blank || !isSpace(c)) break;
    }
    if (last === i && blank) {
      i = j;
      continue;
    }
    push(start, i);
    start = last + 1;
    i = last + 1;
  }
  push(start, n);
  return out;
}

/** Whether some newline is followed by only white space up to another newline. */
function hasBlankLine(text: string): boolean {
  for (let i = text.indexOf('\n'); i >= 0; ) {
    let j = i + 1;
    while (j < text.length && text.charCodeAt(j) !== 0x0a && isSpace(text.charCodeAt(j))) j++;
    if (j < text.length && text.charCodeAt(j) === 0x0a) return true;
    i = text.indexOf('\n', j);
  }
  return false;
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
