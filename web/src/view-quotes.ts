import { api, type QuoteGroupRow, type QuoteVariantRow } from './api.js';
import { badge, h, link, moreButton, plural, routes } from './dom.js';
import { diffText } from './spans.js';

/** #/quotes : quote groups (those seen in several articles first), their variants and how their wording drifted. */
export async function quotesPage(main: HTMLElement): Promise<void> {
  const board = h('div', { class: 'quote-board' });
  const onlyShared = h('input', { type: 'checkbox', checked: true, 'data-testid': 'quotes-shared-only' });
  main.append(
    h('header', { class: 'page-head' }, h('h1', {}, 'Quote board'), h('p', { class: 'lede' }, 'The same words across articles. Each variant is compared with the earliest: changed words are highlighted, hover for the original.')),
    h('label', { class: 'filter' }, onlyShared, ' only quotes seen in several articles'),
    board,
  );
  let more: HTMLElement | null = null;
  const show = async (): Promise<void> => {
    board.replaceChildren();
    more?.remove();
    let offset = 0;
    const minVariants = onlyShared.checked ? 2 : 1;
    const load = async (): Promise<boolean> => {
      const page = await api.quotes(offset, minVariants);
      offset += page.items.length;
      for (const group of page.items) board.appendChild(groupCard(group));
      if (offset === 0) board.appendChild(h('p', { class: 'empty' }, minVariants > 1 ? 'No quote is seen in more than one article yet.' : 'No quotes yet.'));
      return page.more;
    };
    more = (await load()) ? moreButton(load) : null;
    if (more) main.appendChild(more);
  };
  onlyShared.addEventListener('change', () => void show());
  await show();
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
