/** Tiny DOM helpers: no framework, no innerHTML with data. */

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/** `h('a', {href: '#/', class: 'x'}, 'text', child)`: attributes starting with "on" become listeners. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
}

export function append(el: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** A route link: `link('#/article/' + id, name)`. */
export function link(href: string, ...children: Child[]): HTMLAnchorElement {
  return h('a', { href }, ...children);
}

export const routes = {
  stories: () => '#/',
  story: (id: string) => `#/story/${encodeURIComponent(id)}`,
  event: (id: string) => `#/event/${encodeURIComponent(id)}`,
  article: (id: string) => `#/article/${encodeURIComponent(id)}`,
  diff: (a: string, b: string) => `#/diff/${encodeURIComponent(a)}/${encodeURIComponent(b)}`,
  quotes: () => '#/quotes',
  entity: (name: string) => `#/entity/${encodeURIComponent(name)}`,
  compare: () => '#/compare',
  articles: () => '#/articles',
  search: (q: string) => `#/search/${encodeURIComponent(q)}`,
  ingest: () => '#/ingest',
};

/** "2022-01-12" → "12 Jan 2022"; null → "undated". */
export function formatDate(date: string | null): string {
  if (!date) return 'undated';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${Number(m[3])} ${months[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

export function formatRange(begin: string | null, end: string | null): string {
  if (!begin || !end || begin === end) return formatDate(begin ?? end);
  return `${formatDate(begin)} – ${formatDate(end)}`;
}

export function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}

export function percent(score: number): string {
  return `${Math.round(score * 100)}%`;
}

/** A small labelled pill, e.g. a relation kind. */
export function badge(text: string, kind = ''): HTMLSpanElement {
  return h('span', { class: `badge ${kind}`.trim() }, text);
}

/** A "Load more" button that calls `load` and removes itself when `more` turns false. */
export function moreButton(load: () => Promise<boolean>): HTMLButtonElement {
  const button = h('button', { class: 'more', type: 'button' }, 'Load more');
  button.addEventListener('click', () => {
    button.disabled = true;
    load()
      .then((more) => (more ? (button.disabled = false) : button.remove()))
      .catch((error: unknown) => {
        button.disabled = false;
        button.textContent = `Retry (${error instanceof Error ? error.message : String(error)})`;
      });
  });
  return button;
}
