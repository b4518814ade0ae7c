/**
 * A relation as a terminal side-by-side diff: passages in a's order, unaligned sentences as
 * deleted (only in a) or inserted (only in b), coloured by edit; `color: false` gives plain
 * text with the changes written inline as `[war games → conflict video games]`.
 */
import type { Article, EditKind, Relation, Span } from '../core/types.js';
import { analyzeArticle, type Analysis } from './analyze.js';
import { diffTokens, type TokenOp } from './worddiff.js';

const RESET = '\x1b[0m';
const STYLE: Record<EditKind, string> = {
  verbatim: '\x1b[2m',
  trimmed: '\x1b[2m',
  'synonym-swapped': '\x1b[33m',
  paraphrased: '\x1b[35m',
  reordered: '\x1b[34m',
  inserted: '\x1b[32m',
  deleted: '\x1b[31m',
};
/** How changed words stand out inside a passage. */
const CHANGED: Partial<Record<EditKind, string>> = {
  'synonym-swapped': '\x1b[1;30;43m',
  paraphrased: '\x1b[36m',
  reordered: '\x1b[1;34m',
  trimmed: '\x1b[31m',
};

interface Piece {
  text: string;
  style: string;
}

interface Row {
  edit: EditKind;
  left: Piece[];
  right: Piece[];
  inline?: string;
  score?: number;
}

/** Token range [first, last) covering a character span. */
function tokenRange(x: Analysis, span: Span): [number, number] {
  const { begins, ends } = x.tokens;
  let first = 0;
  while (first < begins.length && ends[first]! <= span[0]) first++;
  let last = first;
  while (last < begins.length && begins[last]! < span[1]) last++;
  return [first, last];
}

/** Pieces of one side's span: unchanged text in the passage colour, changed tokens highlighted. */
function sidePieces(x: Analysis, span: Span, changed: Array<[number, number]>, base: string, mark: string): Piece[] {
  const out: Piece[] = [];
  let at = span[0];
  for (const [t0, t1] of changed) {
    if (t0 >= t1) continue;
    const b = x.tokens.begins[t0]!;
    const e = x.tokens.ends[t1 - 1]!;
    if (b > at) out.push({ text: x.text.slice(at, b), style: base });
    out.push({ text: x.text.slice(Math.max(at, b), e), style: mark });
    at = Math.max(at, e);
  }
  if (span[1] > at) out.push({ text: x.text.slice(at, span[1]), style: base });
  return out;
}

function inlineDiff(ops: TokenOp[], A: Analysis, B: Analysis): string {
  const words = (x: Analysis, b: number, e: number) => (b < e ? x.text.slice(x.tokens.begins[b]!, x.tokens.ends[e - 1]!) : '');
  return ops
    .map((op) => {
      const a = words(A, op.a0, op.a1);
      const b = words(B, op.b0, op.b1);
      if (op.op === 'same') return a;
      if (op.op === 'swap') return `[${a} → ${b}]`;
      if (op.moved) return `{~${op.op === 'insert' ? b : a}}`;
      return op.op === 'insert' ? `{+${b}}` : `{-${a}}`;
    })
    .join(' ')
    .replace(/\s+/g, ' ');
}

function passageRow(A: Analysis, B: Analysis, p: Relation['passages'][number], color: boolean): Row {
  const [a0, a1] = tokenRange(A, p.a);
  const [b0, b1] = tokenRange(B, p.b);
  const ops = diffTokens(A.tokens, a0, a1, B.tokens, b0, b1);
  const base = color ? STYLE[p.edit] : '';
  const mark = color ? CHANGED[p.edit] ?? base : '';
  const left = sidePieces(A, p.a, ops.filter((o) => o.op === 'swap' || (o.op === 'delete' && !o.moved)).map((o) => [o.a0, o.a1]), base, mark);
  const right = sidePieces(B, p.b, ops.filter((o) => o.op === 'swap' || (o.op === 'insert' && !o.moved)).map((o) => [o.b0, o.b1]), base, mark);
  return { edit: p.edit, left, right, score: p.score, inline: color || p.edit === 'verbatim' ? undefined : inlineDiff(ops, A, B) };
}

function visibleLength(pieces: Piece[]): number {
  return pieces.reduce((n, p) => n + p.text.length, 0);
}

/** Word-wrap styled pieces into lines of at most `width` visible characters. */
function wrap(pieces: Piece[], width: number, color: boolean): string[] {
  const lines: string[] = [];
  let line = '';
  let length = 0;
  let style = '';
  let run = '';
  const emit = () => {
    if (run) line += color && style ? `${style}${run}${RESET}` : run;
    run = '';
  };
  const flushLine = () => {
    emit();
    lines.push(line + ' '.repeat(Math.max(0, width - length)));
    line = '';
    length = 0;
  };
  for (const piece of pieces) {
    if (piece.style !== style) {
      emit();
      style = piece.style;
    }
    for (const word of piece.text.replace(/\s+/g, ' ').split(/(?<= )/)) {
      let w = length === 0 ? word.trimStart() : word;
      while (w.length > 0) {
        if (length + w.trimEnd().length > width && length > 0) flushLine();
        if (length === 0) w = w.trimStart();
        const take = w.slice(0, width - length);
        run += take;
        length += take.length;
        w = w.slice(take.length);
        if (w.trim().length === 0) break;
        flushLine();
      }
    }
  }
  if (length > 0 || lines.length === 0) flushLine();
  return lines;
}

function unalignedRows(x: Analysis, covered: Span[], side: 'left' | 'right', color: boolean): Array<{ at: number; row: Row }> {
  const edit: EditKind = side === 'left' ? 'deleted' : 'inserted';
  const out: Array<{ at: number; row: Row }> = [];
  for (const s of x.sentences) {
    if (covered.some(([b, e]) => s.span[0] < e && s.span[1] > b)) continue;
    const pieces = [{ text: x.text.slice(s.span[0], s.span[1]), style: color ? STYLE[edit] : '' }];
    const last = out[out.length - 1];
    if (last && last.at === s.index - 1 && last.row.edit === edit) {
      (side === 'left' ? last.row.left : last.row.right).push({ text: ' ', style: '' }, ...pieces);
      last.at = s.index;
      continue;
    }
    out.push({ at: s.index, row: { edit, left: side === 'left' ? pieces : [], right: side === 'right' ? pieces : [] } });
  }
  return out;
}

/** Terminal side-by-side diff of a relation, coloured by edit (or plain with inline markers). */
export function renderDiff(relation: Relation, a: Article, b: Article, options: { color?: boolean; width?: number } = {}): string {
  const color = options.color ?? true;
  const width = Math.max(40, options.width ?? 120);
  const column = Math.floor((width - 3) / 2);
  const A = analyzeArticle(a);
  const B = analyzeArticle(b);
  const passages = [...relation.passages].sort((p, q) => p.a[0] - q.a[0]);
  // Rows in a's order; b-only sentences follow the passage that precedes them in b.
  const rows: Array<{ key: number; row: Row }> = passages.map((p) => ({ key: p.a[0], row: passageRow(A, B, p, color) }));
  for (const { at, row } of unalignedRows(A, passages.map((p) => p.a), 'left', color)) rows.push({ key: A.sentences[at]!.span[0], row });
  for (const { at, row } of unalignedRows(B, passages.map((p) => p.b), 'right', color)) {
    const start = B.sentences[at]!.span[0];
    let before: (typeof passages)[number] | undefined;
    for (const p of passages) if (p.b[1] <= start && (!before || p.b[1] > before.b[1])) before = p;
    rows.push({ key: before ? before.a[1] - 0.5 : -1, row });
  }
  rows.sort((x, y) => x.key - y.key);
  const legend = color
    ? `${STYLE.verbatim}verbatim${RESET}  ${STYLE.trimmed}trimmed${RESET}  ${STYLE['synonym-swapped']}synonym-swapped${RESET}  ${STYLE.paraphrased}paraphrased${RESET}  ${STYLE.reordered}reordered${RESET}  ${STYLE.inserted}inserted${RESET}  ${STYLE.deleted}deleted${RESET}`
    : 'legend: [a → b] swapped words, {+x} inserted, {-x} deleted, {~x} moved';
  const head = `${relation.kind} (score ${relation.score})${relation.source ? `, source ${relation.source === a.id ? a.name || a.id : b.name || b.id}` : ''}`;
  const out = [head, legend, `${(a.name || a.id).slice(0, column).padEnd(column)} │ ${(b.name || b.id).slice(0, column)}`, '─'.repeat(width)];
  for (const { row } of rows) {
    const tag = `· ${row.edit}${row.score !== undefined ? ` ${row.score.toFixed(2)}` : ''}`;
    out.push(color ? `${STYLE[row.edit]}${tag}${RESET}` : tag);
    const left = visibleLength(row.left) > 0 ? wrap(row.left, column, color) : [];
    const right = visibleLength(row.right) > 0 ? wrap(row.right, column, color) : [];
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      out.push(`${left[i] ?? ' '.repeat(column)} │ ${right[i] ?? ''}`.trimEnd());
    }
    if (row.inline) out.push(`  ${row.inline}`);
  }
  return out.join('\n');
}
