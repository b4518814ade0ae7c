import { api, type ArticleDetail, type DiffView, type EditKind, type PassageRow, type Span } from './api.js';
import { badge, formatDate, h, link, percent, plural, routes } from './dom.js';
import { diffText } from './spans.js';

/** One line of the side-by-side view: an aligned passage, or a run of text only one side has. */
export interface Row {
  a: Span[];
  b: Span[];
  edit: EditKind;
  passage: PassageRow | null;
}

const EDITS: Array<[EditKind, string]> = [
  ['verbatim', 'verbatim'],
  ['trimmed', 'trimmed'],
  ['synonym-swapped', 'synonym-swapped'],
  ['paraphrased', 'paraphrased'],
  ['reordered', 'reordered'],
  ['deleted', 'only in left'],
  ['inserted', 'only in right'],
];

/** Parts of each paragraph that no passage covers, ignoring bits with no letters or digits. */
export function uncovered(text: string, paragraphs: Span[], covered: Span[]): Span[] {
  const sorted = [...covered].sort((x, y) => x[0] - y[0]);
  const out: Span[] = [];
  const paras = paragraphs.length ? paragraphs : [[0, text.length] as Span];
  for (const [begin, end] of paras) {
    let at = begin;
    for (const [cb, ce] of sorted) {
      if (ce <= at || cb >= end) continue;
      if (cb > at) out.push([at, cb]);
      at = Math.max(at, ce);
    }
    if (at < end) out.push([at, end]);
  }
  return out.filter(([b, e]) => /[\p{L}\p{N}]/u.test(text.slice(b, e)));
}

/** Passages in left-hand order, left-only text in place, right-only text after the passage it follows on the right. */
export function diffRows(view: DiffView): Row[] {
  const passages = view.link?.passages ?? [];
  const rows: Row[] = passages.map((p) => ({ a: [p.a], b: [p.b], edit: p.edit, passage: p }));
  for (const span of uncovered(view.a.text, view.a.paragraphs, passages.map((p) => p.a))) rows.push({ a: [span], b: [], edit: 'deleted', passage: null });
  rows.sort((x, y) => x.a[0]![0] - y.a[0]![0]);
  for (const span of uncovered(view.b.text, view.b.paragraphs, passages.map((p) => p.b))) {
    let after = -1;
    let best = -1;
    rows.forEach((row, i) => {
      const end = row.b[row.b.length - 1]?.[1] ?? -1;
      if (end >= 0 && end <= span[0] && end >= best) {
        best = end;
        after = i;
      }
    });
    rows.splice(after + 1, 0, { a: [], b: [span], edit: 'inserted', passage: null });
  }
  return mergeRuns(rows);
}

/** Consecutive one-sided rows of the same side become one row, so long runs of unshared text stay compact. */
function mergeRuns(rows: Row[]): Row[] {
  const out: Row[] = [];
  for (const row of rows) {
    const last = out[out.length - 1];
    if (last && !last.passage && !row.passage && last.edit === row.edit) {
      last.a.push(...row.a);
      last.b.push(...row.b);
    } else out.push({ ...row, a: [...row.a], b: [...row.b] });
  }
  return out;
}

/** #/diff/:a/:b : the two articles side by side, passages aligned and coloured by edit. */
export async function diffPage(main: HTMLElement, a: string, b: string): Promise<void> {
  const view = await api.diff(a, b);
  const rows = diffRows(view);
  const left = h('div', { class: 'diff-col col-a', 'data-testid': 'diff-left' });
  const right = h('div', { class: 'diff-col col-b', 'data-testid': 'diff-right' });
  rows.forEach((row, i) => {
    left.appendChild(cell(view.a, row.a, row, 'a', i));
    right.appendChild(cell(view.b, row.b, row, 'b', i));
  });
  const container = h('div', { class: 'diff-view', 'data-testid': 'diff-view' }, columnHead(view.a, 'left'), columnHead(view.b, 'right'), left, right);
  main.append(
    h('nav', { class: 'crumbs' }, link(routes.article(view.a.id), view.a.name), ' ⇄ ', link(routes.article(view.b.id), view.b.name)),
    summary(view),
    legend(),
    container,
  );
  syncRows(left, right);
  syncScroll(left, right);
}

function columnHead(article: ArticleDetail, side: string): HTMLElement {
  return h(
    'div',
    { class: `diff-head head-${side}` },
    h('a', { class: 'diff-title', href: routes.article(article.id) }, article.title ?? article.name),
    h('div', { class: 'meta' }, [article.name, article.source, formatDate(article.published)].filter(Boolean).join(' · ')),
  );
}

function summary(view: DiffView): HTMLElement {
  const l = view.link;
  if (!l) return h('section', { class: 'card' }, h('h1', {}, 'No shared passages'), h('p', {}, 'These two articles tell different stories: nothing aligns.'));
  const swaps = l.passages.reduce((n, p) => n + p.diff.filter((d) => d.op === 'swap' && d.synonym).length, 0);
  return h(
    'section',
    { class: 'card diff-summary' },
    h('h1', {}, badge(l.kind, `kind-${l.kind}`), ' ', `same story ${percent(l.similarity)} · reused ${percent(l.reuse)}`),
    h('p', { class: 'meta' }, `${plural(l.passages.length, 'aligned passage')} · ${plural(swaps, 'synonym swap')} · source: ${l.source}`, ' · ', link(routes.diff(view.b.id, view.a.id), 'swap sides')),
    l.evidence.length ? h('ul', { class: 'evidence' }, ...l.evidence.map((e) => h('li', {}, e))) : null,
  );
}

function legend(): HTMLElement {
  return h(
    'div',
    { class: 'legend diff-legend', 'data-testid': 'diff-legend' },
    ...EDITS.map(([edit, label]) => h('span', { class: `key edit-${edit}` }, label)),
    h('span', { class: 'key' }, h('mark', { class: 'swap synonym' }, 'synonym swap')),
    h('span', { class: 'key' }, h('mark', { class: 'swap changed' }, 'changed word')),
  );
}

function cell(article: ArticleDetail, spans: Span[], row: Row, side: 'a' | 'b', index: number): HTMLElement {
  const el = h('div', { class: `diff-row edit-${row.edit}${spans.length ? '' : ' gap'}`, 'data-row': index, 'data-edit': row.edit });
  if (!spans.length) return el;
  if (row.passage) {
    const text = article.text.slice(spans[0]![0], spans[0]![1]);
    el.appendChild(h('div', { class: 'row-label' }, `${row.edit} · ${percent(row.passage.score)}`));
    el.appendChild(h('div', { class: 'row-text' }, diffText(text, row.passage.diff, side)));
  } else {
    el.appendChild(h('div', { class: 'row-label' }, side === 'a' ? 'only in left' : 'only in right'));
    for (const [b, e] of spans) el.appendChild(h('p', { class: 'row-text' }, article.text.slice(b, e)));
  }
  return el;
}

/** Gives each pair of rows the height of the taller, so both columns stay aligned line for line. */
function syncRows(left: HTMLElement, right: HTMLElement): void {
  const apply = (): void => {
    const a = Array.from(left.children) as HTMLElement[];
    const b = Array.from(right.children) as HTMLElement[];
    for (const el of [...a, ...b]) el.style.minHeight = '';
    const heights = a.map((el, i) => Math.max(el.offsetHeight, b[i]?.offsetHeight ?? 0));
    heights.forEach((height, i) => {
      a[i]!.style.minHeight = `${height}px`;
      if (b[i]) b[i]!.style.minHeight = `${height}px`;
    });
  };
  requestAnimationFrame(apply);
  let timer = 0;
  const onResize = (): void => {
    if (!left.isConnected) return window.removeEventListener('resize', onResize);
    clearTimeout(timer);
    timer = window.setTimeout(apply, 100);
  };
  window.addEventListener('resize', onResize);
}

/** Scrolling either column scrolls the other to the same place. */
function syncScroll(left: HTMLElement, right: HTMLElement): void {
  let driver: HTMLElement | null = null;
  const follow = (from: HTMLElement, to: HTMLElement) => () => {
    if (driver && driver !== from) return;
    driver = from;
    to.scrollTop = from.scrollTop;
    requestAnimationFrame(() => (driver = null));
  };
  left.addEventListener('scroll', follow(left, right), { passive: true });
  right.addEventListener('scroll', follow(right, left), { passive: true });
}
