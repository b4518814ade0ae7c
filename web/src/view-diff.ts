import { api, type CompareView, type ComparedText, type DiffView, type EditKind, type PassageRow, type Span } from './api.js';
import { badge, formatDate, h, link, percent, plural, routes } from './dom.js';
import { changedFigures, diffText } from './spans.js';

/** One line of the side-by-side view: an aligned passage, or a run of text only one side has. */
export interface Row {
  a: Span[];
  b: Span[];
  edit: EditKind;
  passage: PassageRow | null;
}

/** What the diff page draws: two texts and the passages aligning them (stored, computed, or of pasted texts). */
export interface DiffData {
  a: ComparedText;
  b: ComparedText;
  passages: PassageRow[];
  kind: string | null;
  score: number;
  /** 0..1: how strongly the two cover the same story. */
  similarity: number;
  /** 0..1: the share of text one takes from the other. */
  reuse: number;
  source: string;
  evidence: string[];
  /** Both sides are the same article. */
  same: boolean;
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
export function diffRows(view: Pick<DiffData, 'a' | 'b' | 'passages'>): Row[] {
  const passages = view.passages;
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

/** The stored (or computed) relation of two articles as the page draws it; never another pair's passages. */
export function diffData(view: DiffView): DiffData {
  const same = view.a.id === view.b.id;
  const link = view.link;
  const pairMatches = link !== null && ((link.aId === view.a.id && link.bId === view.b.id) || (link.aId === view.b.id && link.bId === view.a.id));
  if (same) {
    const paragraphs = view.a.paragraphs.length ? view.a.paragraphs : [[0, view.a.text.length] as Span];
    const passages = paragraphs.map((p) => ({ a: p, b: p, edit: 'verbatim' as const, score: 1, diff: [] }));
    return { a: view.a, b: view.b, passages, kind: null, score: 1, similarity: 1, reuse: 1, source: 'unknown', evidence: [], same };
  }
  return {
    a: view.a,
    b: view.b,
    passages: pairMatches ? link.passages : [],
    kind: pairMatches ? link.kind : null,
    score: pairMatches ? link.score : 0,
    similarity: pairMatches ? link.similarity : 0,
    reuse: pairMatches ? link.reuse : 0,
    source: pairMatches ? link.source : 'unknown',
    evidence: pairMatches ? link.evidence : [],
    same,
  };
}

/** #/diff/:a/:b : the two articles side by side, passages aligned and coloured by edit. */
export async function diffPage(main: HTMLElement, _params: URLSearchParams, a: string, b: string): Promise<void> {
  const view = await api.diff(a, b);
  const data = diffData(view);
  main.append(
    h('nav', { class: 'crumbs' }, link(routes.article(view.a.id), view.a.name), ' ⇄ ', link(routes.article(view.b.id), view.b.name)),
    summary(data, view),
    ...diffBody(data, main),
  );
}

/** The legend, the change navigator and the aligned rows. */
function diffBody(data: DiffData, main: HTMLElement): HTMLElement[] {
  const rows = diffRows(data);
  const grid = h('div', { class: 'diff-view', 'data-testid': 'diff-view' }, h('div', { class: 'diff-pair diff-heads' }, columnHead(data.a, 'left'), columnHead(data.b, 'right')));
  let run: Row[] = [];
  const flush = (): void => {
    if (run.length) grid.appendChild(run.length >= 2 || run[0]!.passage?.edit === 'verbatim' ? unchangedRun(data, run) : pair(data, run[0]!));
    run = [];
  };
  for (const row of rows) {
    if (isUnchanged(row)) run.push(row);
    else {
      flush();
      grid.appendChild(pair(data, row));
    }
  }
  flush();
  return [figures(data), legend(), changeNavigator(grid, main), grid];
}

function isUnchanged(row: Row): boolean {
  return row.passage !== null && row.edit === 'verbatim' && row.passage.diff.every((d) => d.op === 'same');
}

/** Verbatim passages folded into one line that opens on request. */
function unchangedRun(data: DiffData, run: Row[]): HTMLElement {
  const words = run.reduce((n, r) => n + data.a.text.slice(r.a[0]![0], r.a[0]![1]).split(/\s+/).filter(Boolean).length, 0);
  const details = h('details', { class: 'diff-unchanged', 'data-testid': 'diff-unchanged' }, h('summary', {}, `${plural(run.length, 'unchanged passage')} (${plural(words, 'word')}): show`));
  details.addEventListener('toggle', () => {
    if (details.open && details.children.length === 1) details.append(...run.map((r) => pair(data, r)));
  }, { once: false });
  return details;
}

function pair(data: DiffData, row: Row): HTMLElement {
  const changed = !isUnchanged(row);
  return h('div', { class: `diff-pair${changed ? ' change' : ''}`, 'data-edit': row.edit }, cell(data.a, row.a, row, 'a'), cell(data.b, row.b, row, 'b'));
}

/** "Change 3 of 12" with previous/next buttons and the n / p keys. */
function changeNavigator(grid: HTMLElement, main: HTMLElement): HTMLElement {
  const status = h('span', { class: 'meta', 'data-testid': 'change-status' });
  let at = -1;
  const changes = () => Array.from(grid.querySelectorAll<HTMLElement>(':scope > .diff-pair.change'));
  const go = (step: number): void => {
    const all = changes();
    if (!all.length) return;
    at = Math.min(all.length - 1, Math.max(0, at + step));
    for (const el of all) el.classList.remove('current');
    const el = all[at]!;
    el.classList.add('current');
    el.setAttribute('tabindex', '-1');
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
    status.textContent = `Change ${at + 1} of ${all.length}`;
  };
  const onKey = (e: KeyboardEvent): void => {
    if (!main.isConnected) return document.removeEventListener('keydown', onKey);
    const target = e.target as HTMLElement | null;
    if (e.ctrlKey || e.metaKey || e.altKey || (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    if (e.key === 'n' || e.key === 'j') go(1);
    else if (e.key === 'p' || e.key === 'k') go(-1);
  };
  document.addEventListener('keydown', onKey);
  main.addEventListener('attached', () => (status.textContent = `${plural(changes().length, 'change')} · keys n / p`), { once: true });
  return h(
    'div',
    { class: 'change-nav', 'data-testid': 'change-nav' },
    h('button', { type: 'button', onclick: () => go(-1), 'data-testid': 'prev-change' }, '↑ Previous change (p)'),
    h('button', { type: 'button', onclick: () => go(1), 'data-testid': 'next-change' }, 'Next change (n) ↓'),
    status,
  );
}

function columnHead(article: ComparedText, side: string): HTMLElement {
  const title = article.title ?? article.name;
  return h(
    'div',
    { class: `diff-head head-${side}` },
    'words' in article ? h('a', { class: 'diff-title', href: routes.article(article.id) }, title) : h('span', { class: 'diff-title' }, title),
    h('div', { class: 'meta' }, [article.name, article.source, formatDate(article.published)].filter(Boolean).join(' · ')),
  );
}

function summary(data: DiffData, view?: DiffView): HTMLElement {
  if (data.same) {
    return h('section', { class: 'card diff-summary', 'data-testid': 'same-article' }, h('h1', {}, 'The same article on both sides'), h('p', {}, `${data.a.name} compared with itself: every passage is unchanged.`));
  }
  if (!data.kind && data.passages.length === 0) {
    return h('section', { class: 'card' }, h('h1', {}, 'No shared passages'), h('p', {}, 'These two texts tell different stories: nothing aligns.'));
  }
  const swaps = data.passages.reduce((n, p) => n + p.diff.filter((d) => d.op === 'swap' && d.synonym).length, 0);
  return h(
    'section',
    { class: 'card diff-summary' },
    h('h1', {}, data.kind ? badge(data.kind, `kind-${data.kind}`) : 'Shared passages', ' ', `same story ${percent(data.similarity)} · reused ${percent(data.reuse)}`),
    h('p', { class: 'meta' }, `${plural(data.passages.length, 'aligned passage')} · ${plural(swaps, 'synonym swap')} · source: ${data.source}`, view ? ' · ' : null, view ? link(routes.diff(view.b.id, view.a.id), 'swap sides') : null),
    data.evidence.length ? h('ul', { class: 'evidence' }, ...data.evidence.map((e) => h('li', {}, e))) : null,
  );
}

/** Numbers that changed between the two sides, listed as updated figures. */
function figures(data: DiffData): HTMLElement {
  const found = data.passages.flatMap((p) => changedFigures(p.diff));
  if (!found.length) return h('span', { hidden: true });
  return h(
    'section',
    { class: 'card figures', 'data-testid': 'updated-figures' },
    h('h2', {}, 'Updated figures'),
    h('ul', { class: 'plain' }, ...found.map(([before, after]) => h('li', {}, h('del', {}, before), ' → ', h('strong', {}, after)))),
  );
}

function legend(): HTMLElement {
  return h(
    'div',
    { class: 'legend diff-legend', 'data-testid': 'diff-legend' },
    ...EDITS.map(([edit, label]) => h('span', { class: `key edit-${edit}` }, label)),
    h('span', { class: 'key' }, h('mark', { class: 'swap synonym' }, 'synonym swap')),
    h('span', { class: 'key' }, h('mark', { class: 'swap changed' }, 'changed word')),
    h('span', { class: 'key' }, h('mark', { class: 'swap figure' }, 'updated figure')),
  );
}

function cell(article: ComparedText, spans: Span[], row: Row, side: 'a' | 'b'): HTMLElement {
  const el = h('div', { class: `diff-row edit-${row.edit}${spans.length ? '' : ' gap'}`, 'data-edit': row.edit });
  if (!spans.length) return el;
  if (row.passage) {
    const text = article.text.slice(spans[0]![0], spans[0]![1]);
    el.appendChild(h('div', { class: 'row-label' }, `${side === 'a' ? 'left' : 'right'} · ${row.edit} · ${percent(row.passage.score)}`));
    el.appendChild(h('div', { class: 'row-text' }, diffText(text, row.passage.diff, side)));
  } else {
    el.appendChild(h('div', { class: 'row-label' }, side === 'a' ? 'only in left' : 'only in right'));
    for (const [b, e] of spans) el.appendChild(h('p', { class: 'row-text' }, article.text.slice(b, e)));
  }
  return el;
}

/** #/compare : paste or drop two texts; they are compared on the server with the `compare` code, nothing stored. */
export async function comparePage(main: HTMLElement): Promise<void> {
  const result = h('div', { class: 'compare-result', 'data-testid': 'compare-result' });
  const status = h('p', { class: 'status', role: 'status' });
  const area = (side: string) => {
    const text = h('textarea', { name: side, rows: 12, placeholder: `Paste the ${side} text here, or drop a text file on this box`, 'data-testid': `compare-${side}`, 'aria-label': `${side} text` });
    text.addEventListener('dragover', (e) => {
      e.preventDefault();
      e.stopPropagation();
      text.classList.add('over');
    });
    text.addEventListener('dragleave', () => text.classList.remove('over'));
    text.addEventListener('drop', (e) => {
      const file = e.dataTransfer?.files[0];
      text.classList.remove('over');
      if (!file) return;
      e.preventDefault();
      e.stopPropagation();
      void file.text().then((t) => (text.value = t));
    });
    return text;
  };
  const left = area('left');
  const right = area('right');
  const form = h(
    'form',
    { class: 'card compare-form', 'data-testid': 'compare-form' },
    h('div', { class: 'compare-inputs' }, left, right),
    h('button', { type: 'submit', 'data-testid': 'compare-submit' }, 'Compare'),
    status,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    status.textContent = 'Comparing…';
    api
      .compare(left.value, right.value)
      .then((view) => {
        status.textContent = '';
        const data = compareData(view);
        result.replaceChildren(summary(data), ...diffBody(data, main));
        result.dispatchEvent(new Event('rendered'));
      })
      .catch((error: unknown) => {
        status.textContent = error instanceof Error ? error.message : String(error);
        status.classList.add('error');
      });
  });
  main.append(h('header', { class: 'page-head' }, h('h1', {}, 'Compare two texts'), h('p', { class: 'lede' }, 'Paste or drop two texts: they are aligned passage by passage the way stored articles are, and nothing is saved.')), form, result);
}

function compareData(view: CompareView): DiffData {
  return { a: view.a, b: view.b, passages: view.passages, kind: view.kind, score: view.similarity, similarity: view.similarity, reuse: view.reuse, source: 'unknown', evidence: [], same: false };
}
