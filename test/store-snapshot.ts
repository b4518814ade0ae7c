/** Everything derived in a store, in a form two stores can be compared by. Not a test file itself. */
import type { Store } from '../src/store/store.js';
import { everything } from '../src/pipeline/paging.js';


export async function snapshot(store: Store) {
  const names = new Map((await everything((p) => store.listArticles(p))).map((a) => [a.id, a.name]));
  const name = (id: string) => names.get(id) ?? id;
  const relations = (await everything((p) => store.listRelations(undefined, p)))
    .map((r) => ({ pair: [name(r.a), name(r.b)].sort().join(' ~ '), kind: r.kind, score: r.score, source: r.source === null ? null : name(r.source) }))
    .sort((x, y) => (x.pair < y.pair ? -1 : x.pair > y.pair ? 1 : 0));
  const events = (await everything((p) => store.listEvents(p))).map((e) => ({ id: e.id, title: e.title, dates: [e.dateBegin, e.dateEnd], articles: e.articles.map(name) }));
  const storylines = (await everything((p) => store.listStorylines(p))).map((s) => ({ id: s.id, title: s.title, events: s.events }));
  const quoteGroups = (await everything((p) => store.listQuoteGroups(p))).map((g) => ({
    id: g.id,
    speaker: g.speaker,
    variants: g.variants.map((v) => ({ article: name(v.article), text: v.text, flags: v.flags })),
  }));
  return { relations, events, storylines, quoteGroups };
}
