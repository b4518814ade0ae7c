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

/** What a user compares: relations, events, storylines and quote groups by article names, whatever ids they got. */
export async function userView(store: Store) {
  const s = await snapshot(store);
  const set = (xs: string[]) => [...xs].sort().join(' + ');
  const eventArticles = new Map(s.events.map((e) => [e.id, e.articles]));
  return {
    articles: await store.countArticles(),
    pending: await store.countPendingAnalysis(),
    relations: s.relations.map((r) => `${r.pair} ${r.kind} ${r.source ?? '?'}`).sort(),
    events: s.events.map((e) => set(e.articles)).sort(),
    storylines: s.storylines.map((l) => l.events.map((e) => set(eventArticles.get(e) ?? [])).sort().join(' | ')).sort(),
    quoteGroups: s.quoteGroups.map((g) => g.variants.map((v) => `${v.article}: ${v.text}`).sort().join(' | ')).sort(),
  };
}
