import { api, type QuoteGroupRow, type QuoteVariantRow } from './api.js';
import { badge, h, link, moreButton, plural, routes } from './dom.js';
import { diffText } from './spans.js';

/** #/quotes : every quote group, its variants and how their wording drifted. */
export async function quotesPage(main: HTMLElement): Promise<void> {
  const board = h('div', { class: 'quote-board' });
  main.append(
    h('header', { class: 'page-head' }, h('h1', {}, 'Quote board'), h('p', { class: 'lede' }, 'The same words across articles. Each variant is compared with the earliest: changed words are highlighted, hover for the original.')),
    board,
  );
  let offset = 0;
  const load = async (): Promise<boolean> => {
    const page = await api.quotes(offset);
    offset += page.items.length;
    for (const group of page.items) board.appendChild(groupCard(group));
    if (offset === 0) board.appendChild(h('p', { class: 'empty' }, 'No quotes yet.'));
    return page.more;
  };
  if (await load()) main.appendChild(moreButton(load));
}

function groupCard(group: QuoteGroupRow): HTMLElement {
  const drifted = group.variants.some((v) => v.drift.some((d) => d.op !== 'same'));
  return h(
    'section',
    { class: `card quote-group${drifted ? ' drifted' : ''}`, 'data-testid': 'quote-group', 'data-speaker': group.speaker ?? '' },
    h('h2', { class: 'speaker' }, group.speaker ?? 'Unknown speaker', h('span', { class: 'meta' }, ` · ${plural(group.variants.length, 'variant')}`), drifted ? badge('wording drifted', 'drift') : null),
    h('ol', { class: 'variants' }, ...group.variants.map((v, i) => variantItem(v, i === 0))),
  );
}

function variantItem(variant: QuoteVariantRow, first: boolean): HTMLElement {
  const dropped = variant.drift.filter((d) => d.op === 'delete' && d.a).map((d) => d.a!);
  return h(
    'li',
    { class: `quote-variant${first ? ' first' : ''}`, 'data-testid': 'quote-variant', 'data-article': variant.article },
    h('blockquote', {}, first ? variant.text : diffText(variant.text, variant.drift, 'b')),
    h(
      'div',
      { class: 'meta' },
      link(routes.article(variant.articleId), variant.article),
      first ? h('span', { class: 'first-note' }, ' · earliest') : null,
      dropped.length ? h('span', { class: 'dropped' }, ' · dropped: ', h('del', {}, dropped.join(' … '))) : null,
      ...variant.flags.map((f) => badge(f, `flag flag-${f}`)),
    ),
  );
}
