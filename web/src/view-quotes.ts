import { api, type QuoteGroupRow, type QuoteVariantRow } from './api.js';
import { badge, h, link, plural, routes } from './dom.js';
import { hashWith, listPage, sortFields } from './list-controls.js';
import { diffText } from './spans.js';

const QUOTE_SORTS: Array<[string, string]> = [
  ['', 'First seen'],
  ['drift', 'Most drift'],
  ['variants', 'Most articles'],
];

/** #/quotes?q=&speaker=&minVariants=&sort=&offset= : quote groups, their variants and how their wording drifted. */
export async function quotesPage(main: HTMLElement, params: URLSearchParams): Promise<void> {
  await listPage(main, params, {
    path: '#/quotes',
    title: 'Quote board',
    lede: 'The same words across articles. Each variant is compared with the earliest: changed words are highlighted, hover for the original. Indirect (reported) speech is marked as such, without quote marks.',
    noun: 'quote group',
    limit: 30,
    fetch: api.quoteList,
    exportAs: 'quotes',
    fields: () => [
      { name: 'q', label: 'Words', type: 'search' },
      { name: 'speaker', label: 'Speaker', type: 'text', placeholder: 'exact name' },
      { name: 'minVariants', label: 'Seen in', type: 'select', options: [['', 'any number of articles'], ['2', 'several articles']] },
      ...sortFields(QUOTE_SORTS),
    ],
    body: (page) => {
      const board = h('div', { class: 'quote-board', 'data-testid': 'quote-board' }, ...page.items.map(groupCard));
      if (page.total === 0) board.appendChild(h('p', { class: 'empty' }, params.toString() ? 'No quote matches these filters.' : 'No quotes yet.'));
      return board;
    },
  });
}

export function groupCard(group: QuoteGroupRow): HTMLElement {
  const drifted = group.variants.some((v) => v.drift.some((d) => d.op !== 'same'));
  return h(
    'section',
    { class: `card quote-group${drifted ? ' drifted' : ''}`, 'data-testid': 'quote-group', 'data-speaker': group.speaker ?? '' },
    h(
      'h2',
      { class: 'speaker' },
      group.speaker ? h('a', { href: hashWith('#/quotes', { speaker: group.speaker }), title: `Every quote of ${group.speaker}` }, group.speaker) : 'Unknown speaker',
      h('span', { class: 'meta' }, ` · ${plural(group.variantCount, 'variant')}`),
      drifted ? badge('wording drifted', 'drift') : null,
      group.speaker ? h('a', { class: 'meta entity-link', href: routes.entity(group.speaker) }, ' · profile') : null,
    ),
    h('ol', { class: 'variants' }, ...group.variants.map((v, i) => variantItem(v, i === 0))),
    group.variants.length < group.variantCount
      ? h(
          'p',
          { class: 'meta more-variants', 'data-testid': 'more-variants' },
          `Showing the first article of each of the earliest ${plural(group.variants.length, 'wording')} of ${group.wordings.toLocaleString('en')}, from ${group.variantCount.toLocaleString('en')} articles.`,
        )
      : null,
  );
}

function variantItem(variant: QuoteVariantRow, first: boolean): HTMLElement {
  const dropped = variant.drift.filter((d) => d.op === 'delete' && d.a).map((d) => d.a!);
  const words = first ? document.createTextNode(variant.text) : diffText(variant.text, variant.drift, 'b');
  return h(
    'li',
    { class: `quote-variant${first ? ' first' : ''}${variant.indirect ? ' indirect' : ''}`, 'data-testid': 'quote-variant', 'data-article': variant.article, 'data-indirect': variant.indirect ? 'yes' : 'no' },
    variant.indirect ? h('p', { class: 'reported', 'data-testid': 'indirect-quote' }, badge('indirect', 'indirect'), ' ', words) : h('blockquote', {}, words),
    h(
      'div',
      { class: 'meta' },
      link(routes.article(variant.articleId), variant.article),
      ' · ',
      h('a', { href: hashWith(routes.article(variant.articleId), { quote: String(variant.span[0]) }), 'data-testid': 'jump-to-quote' }, 'in context'),
      first ? h('span', { class: 'first-note' }, ' · earliest') : null,
      dropped.length ? h('span', { class: 'dropped' }, ' · dropped: ', h('del', {}, dropped.join(' … '))) : null,
      ...variant.flags.map((f) => badge(f, `flag flag-${f}`)),
    ),
  );
}
