/**
 * Lists whose state lives in the URL: `#/articles?q=...&from=...&sort=...&offset=...`, so every view is
 * a permalink. A filter form rewrites the hash; a pager jumps to any page; export links carry the filter.
 */
import type { FacetCount, Filtered } from './api.js';
import { h, plural } from './dom.js';

/** The parameters lists share with the API and the export endpoints. */
export const FILTER_NAMES = ['q', 'from', 'to', 'outlet', 'kind', 'minScore', 'speaker', 'entity', 'minVariants', 'sort', 'order', 'limit', 'offset'] as const;

/** `#/path?query` of the current location, split. */
export function currentHash(): { path: string; params: URLSearchParams } {
  const hash = location.hash || '#/';
  const at = hash.indexOf('?');
  return at < 0 ? { path: hash, params: new URLSearchParams() } : { path: hash.slice(0, at), params: new URLSearchParams(hash.slice(at + 1)) };
}

/** A hash for `path` with the non-empty `params`. */
export function hashWith(path: string, params: URLSearchParams | Record<string, string | undefined>): string {
  const out = new URLSearchParams();
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [k, v] of entries) if (v !== undefined && v !== '') out.set(k, v);
  const qs = out.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The filter parameters of `params` (what the API and export endpoints take), without paging. */
export function filterOf(params: URLSearchParams, keepPaging = false): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of FILTER_NAMES) {
    const value = params.get(name);
    if (value && (keepPaging || (name !== 'offset' && name !== 'limit'))) out[name] = value;
  }
  return out;
}

/** The `order` select of every list. */
export const ORDERS: Array<[string, string]> = [['', 'Natural order'], ['asc', 'Ascending'], ['desc', 'Descending']];

export interface Field {
  name: string;
  label: string;
  type?: 'text' | 'search' | 'date' | 'number' | 'select';
  options?: Array<[value: string, label: string]>;
  placeholder?: string;
  step?: string;
}

/** A filter form: submitting (or changing a select or date) puts its values in the URL, back on page one. */
export function filterForm(path: string, params: URLSearchParams, fields: Field[], keep: Record<string, string> = {}): HTMLFormElement {
  const form = h('form', { class: 'filters card', role: 'search', 'data-testid': 'filters' });
  for (const field of fields) {
    const value = params.get(field.name) ?? '';
    const id = `filter-${field.name}`;
    let input: HTMLInputElement | HTMLSelectElement;
    if (field.type === 'select') {
      input = h('select', { id, name: field.name, 'data-testid': id }, ...(field.options ?? []).map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
      input.addEventListener('change', () => form.requestSubmit());
    } else {
      input = h('input', { id, name: field.name, type: field.type ?? 'text', value, placeholder: field.placeholder, step: field.step, 'data-testid': id });
      if (field.type === 'date') input.addEventListener('change', () => form.requestSubmit());
    }
    form.appendChild(h('label', { for: id }, h('span', {}, field.label), input));
  }
  form.appendChild(h('button', { type: 'submit' }, 'Apply'));
  const clearLink = h('a', { href: hashWith(path, keep), class: 'clear-filters' }, 'Clear');
  form.appendChild(clearLink);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = new URLSearchParams(keep);
    for (const [k, v] of new FormData(form).entries()) if (typeof v === 'string' && v.trim()) next.set(k, v.trim());
    const limit = params.get('limit');
    if (limit) next.set('limit', limit);
    location.hash = hashWith(path, next);
  });
  return form;
}

/** Options for a select from a facet: "any" first, then each value with its count. */
export function facetOptions(facet: FacetCount[] | undefined, anyLabel: string, current: string | null): Array<[string, string]> {
  const options: Array<[string, string]> = [['', anyLabel]];
  const values = facet ?? [];
  for (const f of values) options.push([f.value, `${f.value} (${f.count})`]);
  if (current && !values.some((f) => f.value === current)) options.push([current, current]);
  return options;
}

/** Page links: first, previous, a window of numbers around the current page, next, last. */
export function pager(path: string, params: URLSearchParams, total: number, offset: number, limit: number): HTMLElement {
  const pages = Math.max(1, Math.ceil(total / limit));
  const current = Math.floor(offset / limit) + 1;
  const nav = h('nav', { class: 'pager', 'aria-label': 'Pages', 'data-testid': 'pager' });
  const to = (page: number, label: string, attrs: Record<string, string> = {}) => {
    const next = new URLSearchParams(params);
    if (page > 1) next.set('offset', String((page - 1) * limit));
    else next.delete('offset');
    return h('a', { href: hashWith(path, next), ...attrs }, label);
  };
  if (current > 1) nav.append(to(current - 1, '‹ Previous', { rel: 'prev', 'data-testid': 'page-prev' }));
  const shown = new Set([1, pages, current - 2, current - 1, current, current + 1, current + 2].filter((p) => p >= 1 && p <= pages));
  let last = 0;
  for (const p of [...shown].sort((x, y) => x - y)) {
    if (p > last + 1) nav.append(h('span', { class: 'gap' }, '…'));
    nav.append(p === current ? h('span', { class: 'current', 'aria-current': 'page' }, String(p)) : to(p, String(p), { 'data-testid': `page-${p}` }));
    last = p;
  }
  if (current < pages) nav.append(to(current + 1, 'Next ›', { rel: 'next', 'data-testid': 'page-next' }));
  nav.append(h('form', { class: 'jump', onsubmit: (e: Event) => {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).querySelector('input')!;
    const page = Math.min(pages, Math.max(1, Math.floor(Number(input.value)) || 1));
    location.hash = to(page, '').getAttribute('href')!;
  } }, h('label', {}, 'Go to page ', h('input', { type: 'number', min: 1, max: pages, value: current, 'aria-label': 'Page number', 'data-testid': 'page-jump' }))));
  return nav;
}

/** "1–50 of 20,151 articles" */
export function countLine(total: number, offset: number, shown: number, noun: string): HTMLElement {
  const text = total === 0 ? `No ${noun}s match.` : `${(offset + 1).toLocaleString('en')}–${(offset + shown).toLocaleString('en')} of ${plural(total, noun).replace(/^\d+/, total.toLocaleString('en'))}`;
  return h('p', { class: 'count meta', 'data-testid': 'total', 'data-total': total }, text);
}

/** CSV and JSON links to `/api/export/{what}.{csv|json}` with the current filter. */
export function exportLinks(what: 'articles' | 'relations' | 'coverage' | 'quotes', filter: Record<string, string>): HTMLElement {
  const qs = new URLSearchParams(filter).toString();
  const url = (ext: string) => `/api/export/${what}.${ext}${qs ? `?${qs}` : ''}`;
  return h(
    'div',
    { class: 'exports' },
    'Export: ',
    h('a', { href: url('csv'), download: '', 'data-testid': `export-${what}-csv` }, 'CSV'),
    ' · ',
    h('a', { href: url('json'), download: '', 'data-testid': `export-${what}-json` }, 'JSON'),
  );
}

/** The page's offset and limit from the URL, with a fallback limit. */
export function paging(params: URLSearchParams, fallbackLimit: number): { offset: number; limit: number } {
  const offset = Math.max(0, Math.floor(Number(params.get('offset'))) || 0);
  const limit = Math.min(200, Math.max(1, Math.floor(Number(params.get('limit'))) || fallbackLimit));
  return { offset: offset - (offset % limit), limit };
}

/** A page of one filtered list: heading with the total, the filter form, export links, the items, the pager. */
export interface ListPageSpec<T> {
  path: string;
  title: string;
  lede?: string;
  noun: string;
  limit: number;
  fetch: (query: Record<string, string | number>) => Promise<Filtered<T>>;
  /** The form's fields; a facet of the page may feed a select. */
  fields: (page: Filtered<T>) => Field[];
  exportAs?: Parameters<typeof exportLinks>[0];
  /** The items as one element (a list, a table, a board); `offset` numbers them. */
  body: (page: Filtered<T>, offset: number) => HTMLElement;
}

/** Parameters the form has no field for but keeps, e.g. `entity` when listing an entity's articles. */
const KEPT = ['entity'];

export async function listPage<T>(main: HTMLElement, params: URLSearchParams, spec: ListPageSpec<T>): Promise<void> {
  const { offset, limit } = paging(params, spec.limit);
  const filter = filterOf(params);
  const page = await spec.fetch({ ...filter, offset, limit });
  const keep = Object.fromEntries(KEPT.flatMap((k) => (filter[k] ? [[k, filter[k]!]] : [])));
  const exports = spec.exportAs ? [exportLinks(spec.exportAs, filter)] : [];
  main.append(
    h(
      'header',
      { class: 'page-head' },
      h('h1', {}, spec.title, keep.entity ? h('span', { class: 'meta' }, ` naming ${keep.entity}`) : null),
      spec.lede ? h('p', { class: 'lede' }, spec.lede) : null,
      countLine(page.total, offset, page.items.length, spec.noun),
    ),
    filterForm(spec.path, params, spec.fields(page), keep),
    ...exports,
    spec.body(page, offset),
    pager(spec.path, params, page.total, offset, limit),
  );
}

/** The date-range fields every dated list has. */
export const DATE_FIELDS: Field[] = [
  { name: 'from', label: 'From', type: 'date' },
  { name: 'to', label: 'To', type: 'date' },
];

/** Sort and order selects over `sorts`. */
export function sortFields(sorts: Array<[string, string]>): Field[] {
  return [
    { name: 'sort', label: 'Sort by', type: 'select', options: sorts },
    { name: 'order', label: 'Order', type: 'select', options: ORDERS },
  ];
}
