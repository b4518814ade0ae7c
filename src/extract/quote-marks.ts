import type { Span } from '../core/types.js';
import { appendAll } from '../core/arrays.js';

/** Quoted words found between quote marks. */
export interface QuotedSpan {
  /** Offset of the opening mark. */
  open: number;
  /** Offset just after the closing mark (or the paragraph's end when a quote runs on unclosed). */
  close: number;
  /** The words inside the marks, trimmed. */
  inner: Span;
  /** Paragraph indexes the quote starts and ends in. */
  firstParagraph: number;
  lastParagraph: number;
}

interface Mark { at: number; len: number; curly: 'open' | 'close' | null }

const DOUBLE = new Set(['"', '\u201c', '\u201d', '\u201e', '\u201f', '\u00ab', '\u00bb']);
const SINGLE = new Set(["'", '\u2018', '\u2019', '`']);
const isSpace = (c: string | undefined) => c === undefined || c === ' ' || c === '\n' || c === '\t' || c === '\u00a0';
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/**
 * Double quote marks of a paragraph: ", “, ”, «, », and doubled apostrophes ('' or ‘‘ ’’, a common
 * artefact of converted wire copy). Curly direction is kept only as a hint: copies get it wrong.
 */
function doubleMarks(text: string, [from, to]: Span): Mark[] {
  const marks: Mark[] = [];
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    // Only " ' ` and the curly, angled and low marks can be quote marks.
    if (code !== 34 && code !== 39 && code !== 96 && code !== 0xab && code !== 0xbb && (code < 0x2018 || code > 0x201f)) continue;
    const c = text[i]!;
    if (DOUBLE.has(c)) {
      marks.push({ at: i, len: 1, curly: c === '\u201c' || c === '\u201e' || c === '\u00ab' ? 'open' : c === '\u201d' || c === '\u00bb' ? 'close' : null });
    } else if (SINGLE.has(c) && i + 1 < to && SINGLE.has(text[i + 1]!)) {
      marks.push({ at: i, len: 2, curly: null });
      i++;
    }
  }
  return marks;
}

const looksOpening = (text: string, m: Mark) => isSpace(text[m.at - 1]) || /[(\[\u2014\-:]/.test(text[m.at - 1] ?? '') ? !isSpace(text[m.at + m.len]) : false;
const looksClosing = (text: string, m: Mark) => !isSpace(text[m.at - 1]) && (isSpace(text[m.at + m.len]) || /[.,;:!?)\u2014\-]/.test(text[m.at + m.len] ?? ''));

/** A lone single-quote opener before `before` in `[from, before)`: the ' in `'in the coming days.''`. */
function singleOpener(text: string, from: number, before: number): number {
  for (let i = before - 1; i >= from; i--) {
    const c = text[i]!;
    if (DOUBLE.has(c)) return -1;
    if ((c === "'" || c === '\u2018') && (i === from || isSpace(text[i - 1])) && isWordChar(text[i + 1])) return i;
  }
  return -1;
}

/** All quoted spans of an article, in order. Quotes may run over paragraphs that reopen with a mark. */
export function findQuotedSpans(text: string, paragraphs: Span[]): QuotedSpan[] {
  const out: QuotedSpan[] = [];
  let pendingOpen = -1;
  let pendingPara = -1;
  for (let p = 0; p < paragraphs.length; p++) {
    const para = paragraphs[p]!;
    const marks = doubleMarks(text, para);
    let k = 0;
    let floor = para[0];
    if (pendingOpen >= 0) {
      if (marks.length > 0 && marks[0]!.at === para[0]) {
        k = 1; // the mark that reopens a quote running over paragraphs
      } else {
        out.push(make(text, pendingOpen, paragraphs[p - 1]![1], pendingPara, p - 1, true));
        pendingOpen = -1;
      }
    }
    let openAt = pendingOpen;
    let openPara = pendingPara;
    pendingOpen = -1;
    for (; k < marks.length; k++) {
      const m = marks[k]!;
      if (openAt < 0) {
        const closing = m.curly === 'close' || (m.curly === null && looksClosing(text, m) && !looksOpening(text, m));
        if (closing) {
          const single = singleOpener(text, floor, m.at);
          if (single >= 0) out.push(make(text, single, m.at + m.len, p, p, false));
          floor = m.at + m.len;
          continue; // a stray closing mark
        }
        openAt = m.at;
        openPara = p;
      } else {
        out.push(make(text, openAt, m.at + m.len, openPara, p, false));
        floor = m.at + m.len;
        openAt = -1;
      }
    }
    if (openAt >= 0) {
      pendingOpen = openAt;
      pendingPara = openPara;
    } else if (marks.length === 0) {
      appendAll(out, singleQuoted(text, para, p));
    }
  }
  if (pendingOpen >= 0) out.push(make(text, pendingOpen, paragraphs[paragraphs.length - 1]![1], pendingPara, paragraphs.length - 1, true));
  return out.filter((q) => q.inner[1] > q.inner[0]);
}

function make(text: string, open: number, close: number, firstParagraph: number, lastParagraph: number, unclosed: boolean): QuotedSpan {
  let b = open + 1;
  while (b < close && (SINGLE.has(text[b]!) || DOUBLE.has(text[b]!))) b++;
  let e = close;
  if (!unclosed) {
    while (e > b && (SINGLE.has(text[e - 1]!) || DOUBLE.has(text[e - 1]!))) e--;
  }
  while (b < e && isSpace(text[b])) b++;
  while (e > b && isSpace(text[e - 1])) e--;
  if (e > b && (text[e - 1] === ',' || text[e - 1] === ';')) e--;
  return { open, close, inner: [b, e], firstParagraph, lastParagraph };
}

/**
 * Single-quoted speech in a paragraph with no double marks ('Dialogue does not mean giving in,' he said):
 * an opener at a word start and a closer right after punctuation, so that possessives never pair.
 */
function singleQuoted(text: string, [from, to]: Span, p: number): QuotedSpan[] {
  const out: QuotedSpan[] = [];
  let i = from;
  while (i < to) {
    const c = text[i]!;
    if ((c === "'" || c === '\u2018') && (i === from || isSpace(text[i - 1]) || text[i - 1] === '(') && isWordChar(text[i + 1])) {
      let j = i + 2;
      let found = -1;
      for (; j < to; j++) {
        const d = text[j]!;
        if ((d === "'" || d === '\u2019') && /[.,!?]/.test(text[j - 1]!) && (j + 1 >= to || isSpace(text[j + 1]) || /[.,;:)\u2014]/.test(text[j + 1]!))) { found = j; break; }
      }
      if (found > 0) {
        out.push(make(text, i, found + 1, p, p, false));
        i = found + 1;
        continue;
      }
    }
    i++;
  }
  return out;
}
