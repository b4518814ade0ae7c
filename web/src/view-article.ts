import { api, type ArticleDetail, type LinkRow } from './api.js';
import { badge, formatDate, h, link, percent, plural, routes } from './dom.js';
import { annotated, type Annotation } from './spans.js';

/** #/article/:id : clean text with entities and quotes highlighted, credits, captions and links. */
export async function articlePage(main: HTMLElement, params: URLSearchParams, id: string): Promise<void> {
  const article = await api.article(id);
  const quote = params.get('quote');
  if (quote) main.addEventListener('attached', () => showQuote(main, quote), { once: true });
  main.append(
    h('nav', { class: 'crumbs' }, link(routes.articles(), 'Articles'), article.event ? ' / ' : null, article.event ? link(routes.event(article.event), `Event ${article.event}`) : null, ' / ', article.name),
    h(
      'div',
      { class: 'article-layout' },
      h('article', { class: 'card reader', 'data-testid': 'article' }, header(article), legend(), body(article), captions(article)),
      h('aside', { class: 'side' }, credits(article), entitiesCard(article), linksCard(article)),
    ),
  );
}

function header(article: ArticleDetail): HTMLElement {
  return h(
    'header',
    {},
    h('h1', {}, article.title ?? article.name),
    h(
      'p',
      { class: 'meta' },
      [article.source, formatDate(article.published), plural(article.words, 'word')].filter(Boolean).join(' · '),
      ' · ',
      h('a', { href: `/report/${encodeURIComponent(article.id)}`, 'data-testid': 'evidence-report' }, 'Evidence report (printable)'),
    ),
  );
}

/** Scrolls to the quote starting at `begin` and marks it, for "in context" links from the quote board. */
function showQuote(main: HTMLElement, begin: string): void {
  const target = main.querySelector<HTMLElement>(`#quote-${CSS.escape(begin)}`);
  if (!target) return;
  target.classList.add('target');
  target.setAttribute('tabindex', '-1');
  target.scrollIntoView({ block: 'center' });
  target.focus({ preventScroll: true });
}

/** The people, organisations and places named, each linking to its page. */
function entitiesCard(article: ArticleDetail): HTMLElement | null {
  if (!article.entities.length) return null;
  return h(
    'section',
    { class: 'card entities-card' },
    h('h3', {}, `Named (${article.entities.length})`),
    h('p', { class: 'entities' }, ...article.entities.map((e) => h('a', { class: `badge entity ${e.kind}`, href: routes.entity(e.name), title: e.roles.join('; ') || e.kind, 'data-testid': 'entity-badge' }, e.name))),
  );
}

function legend(): HTMLElement {
  return h(
    'div',
    { class: 'legend' },
    h('span', { class: 'entity person' }, 'person'),
    h('span', { class: 'entity organization' }, 'organisation'),
    h('span', { class: 'entity place' }, 'place'),
    h('span', { class: 'quote' }, 'quote'),
  );
}

function annotations(article: ArticleDetail): Annotation[] {
  const kind = new Map(article.entities.map((e) => [e.name, e.kind]));
  const roles = new Map(article.entities.map((e) => [e.name, e.roles]));
  const list: Annotation[] = [];
  for (const q of article.quotes) {
    const who = q.speaker ?? 'unknown speaker';
    list.push({ span: q.span, className: q.indirect ? 'quote indirect' : 'quote', title: `${q.indirect ? 'indirect: ' : ''}${who}${q.cue ? ` (${q.cue})` : ''}`, testId: 'quote', anchor: `quote-${q.span[0]}` });
    if (q.speakerSpan) list.push({ span: q.speakerSpan, className: 'speaker', title: `speaker of “${q.text.slice(0, 60)}”` });
  }
  for (const m of article.mentions) {
    const role = roles.get(m.entity)?.join(', ');
    list.push({ span: m.span, className: `entity ${kind.get(m.entity) ?? 'other'}`, title: role ? `${m.entity} — ${role}` : m.entity, testId: 'entity' });
  }
  return list;
}

function body(article: ArticleDetail): HTMLElement {
  const marks = annotations(article);
  const paragraphs = article.paragraphs.length ? article.paragraphs : [[0, article.text.length] as [number, number]];
  return h('div', { class: 'text' }, ...paragraphs.map(([b, e]) => h('p', {}, annotated(article.text, b, e, marks))));
}

function captions(article: ArticleDetail): HTMLElement | null {
  if (!article.captions.length) return null;
  return h('section', { class: 'captions' }, h('h3', {}, 'Captions'), ...article.captions.map((c) => h('figure', {}, h('figcaption', {}, c))));
}

function credits(article: ArticleDetail): HTMLElement {
  const row = (label: string, value: Node | string | null) => (value ? [h('dt', {}, label), h('dd', {}, value)] : []);
  return h(
    'section',
    { class: 'card credits' },
    h('h3', {}, 'Credits'),
    h(
      'dl',
      {},
      ...row('Name', article.name),
      ...row('Source', article.source),
      ...row('Byline', article.byline),
      ...row('Dateline', article.dateline),
      ...row('Wire', article.wire.length ? h('span', {}, ...article.wire.map((w) => badge(w, 'wire'))) : null),
      ...row('Contributors', article.contributors.join('; ') || null),
      ...row('Published', article.published ? formatDate(article.published) : null),
      ...row('Language', article.language),
      ...row('URL', article.url ? h('a', { href: safeUrl(article.url), rel: 'noopener noreferrer', target: '_blank' }, article.url) : null),
      ...row('Id', h('code', {}, article.id)),
    ),
  );
}

/** Only http(s) links leave the page; anything else (javascript:, data:) is shown but not linked. */
function safeUrl(url: string): string {
  return /^https?:\/\//i.test(url) ? url : '#';
}

function linksCard(article: ArticleDetail): HTMLElement {
  return h(
    'section',
    { class: 'card links' },
    h('h3', {}, `Links (${article.links.length})`),
    article.links.length ? h('ul', { class: 'plain link-list' }, ...article.links.map((l) => linkItem(article, l))) : h('p', { class: 'none' }, 'No copies, rewrites or shared passages found.'),
  );
}

function linkItem(article: ArticleDetail, l: LinkRow): HTMLElement {
  const otherIsB = l.aId === article.id;
  const otherId = otherIsB ? l.bId : l.aId;
  const otherName = otherIsB ? l.b : l.a;
  const direction = l.source === 'unknown' ? 'source unknown' : l.source === article.name ? 'this is the source' : `source: ${l.source}`;
  return h(
    'li',
    { 'data-testid': 'article-link' },
    h('div', {}, badge(l.kind, `kind-${l.kind}`), ' ', link(routes.article(otherId), otherName)),
    h('div', { class: 'meta' }, `same story ${percent(l.similarity)} · reused ${percent(l.reuse)} · ${plural(l.passages.length, 'passage')} · ${direction} · `, link(routes.diff(article.id, otherId), 'side by side')),
  );
}
