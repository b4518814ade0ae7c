import type { Span, WordDiffOp } from './api.js';
import { h } from './dom.js';

/** A highlighted span of text: a quote, an entity mention. */
export interface Annotation {
  span: Span;
  className: string;
  title?: string;
  testId?: string;
  /** An element id, so a link can jump to the annotation. */
  anchor?: string;
}

/**
 * Renders `text[begin, end)` with annotations, which may nest or overlap: the range is cut at
 * every annotation boundary and each piece is wrapped in the annotations covering it, outermost
 * (longest) first.
 */
export function annotated(text: string, begin: number, end: number, annotations: Annotation[]): DocumentFragment {
  const inside = annotations
    .filter((a) => a.span[0] < end && a.span[1] > begin && a.span[1] > a.span[0])
    .sort((x, y) => y.span[1] - y.span[0] - (x.span[1] - x.span[0]));
  const cuts = new Set<number>([begin, end]);
  for (const a of inside) {
    cuts.add(Math.max(begin, a.span[0]));
    cuts.add(Math.min(end, a.span[1]));
  }
  const points = [...cuts].sort((x, y) => x - y);
  const fragment = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    let node: Node = document.createTextNode(text.slice(from, to));
    const covering = inside.filter((a) => a.span[0] <= from && a.span[1] >= to);
    for (let k = covering.length - 1; k >= 0; k--) {
      const a = covering[k]!;
      // Only the annotation's first piece carries its anchor (ids are unique).
      const anchor = a.anchor && Math.max(begin, a.span[0]) === from ? a.anchor : undefined;
      const wrapper = h('span', { class: a.className, title: a.title, 'data-testid': a.testId, id: anchor });
      wrapper.appendChild(node);
      node = wrapper;
    }
    fragment.appendChild(node);
  }
  return fragment;
}

/** Where `words` next occur in `lower` (already lower-cased) at or after `cursor`, token by token. */
export function locate(lower: string, cursor: number, words: string): Span | null {
  const tokens = words.toLowerCase().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return null;
  let pos = cursor;
  let start = -1;
  for (const token of tokens) {
    const at = lower.indexOf(token, pos);
    if (at < 0) return null;
    if (start < 0) start = at;
    pos = at + token.length;
  }
  return [start, pos];
}

interface Mark {
  span: Span;
  op: WordDiffOp;
}

/** Finds, in one side's passage text, the words each diff op names on that side. */
export function markOps(text: string, ops: WordDiffOp[], side: 'a' | 'b'): Mark[] {
  const lower = text.toLowerCase();
  const marks: Mark[] = [];
  let cursor = 0;
  for (const op of ops) {
    const words = side === 'a' ? op.a : op.b;
    if (!words) continue;
    const found = locate(lower, cursor, words);
    if (!found) continue;
    cursor = found[1];
    if (op.op !== 'same') marks.push({ span: found, op });
  }
  return marks;
}

/** The passage text of one side with its swaps, insertions and deletions marked. */
export function diffText(text: string, ops: WordDiffOp[], side: 'a' | 'b'): DocumentFragment {
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (const { span, op } of markOps(text, ops, side)) {
    if (span[0] < at) continue;
    fragment.appendChild(document.createTextNode(text.slice(at, span[0])));
    fragment.appendChild(opMark(text.slice(span[0], span[1]), op));
    at = span[1];
  }
  fragment.appendChild(document.createTextNode(text.slice(at)));
  return fragment;
}

/** A swap of one number for another ("40" → "45", "3.2 million" → "3.5 million"): an updated figure. */
function isFigure(op: WordDiffOp): boolean {
  return op.op === 'swap' && /\d/.test(op.a ?? '') && /\d/.test(op.b ?? '') && op.a !== op.b;
}

/** The figures a passage's diff updates, as [before, after]. */
export function changedFigures(ops: WordDiffOp[]): Array<[string, string]> {
  return ops.filter(isFigure).map((op) => [op.a!, op.b!]);
}

function opMark(shown: string, op: WordDiffOp): HTMLElement {
  if (isFigure(op)) {
    return h('mark', { class: 'swap figure', 'data-testid': 'figure', 'data-a': op.a ?? '', 'data-b': op.b ?? '', title: `updated figure: ${op.a} → ${op.b}` }, shown);
  }
  if (op.op === 'swap') {
    const kind = op.synonym ? 'synonym' : 'changed';
    const title = op.synonym ? `synonym swap: “${op.a}” → “${op.b}”` : `changed: “${op.a}” → “${op.b}”`;
    return h('mark', { class: `swap ${kind}`, 'data-testid': 'swap', 'data-a': op.a ?? '', 'data-b': op.b ?? '', title }, shown);
  }
  if (op.moved) return h('span', { class: 'moved', title: 'moved: the other article has these words elsewhere in the passage' }, shown);
  if (op.op === 'insert') return h('ins', { class: 'inserted', title: 'not in the other article' }, shown);
  return h('del', { class: 'deleted', title: 'not in the other article' }, shown);
}
