import type { EventCoverage, RelationEnds, RelationKind, StoryEvent } from '../core/types.js';

export interface CoverageArticle {
  id: string;
  name: string;
  source: string | null;
  published: string | null;
}

const REWRITES: ReadonlySet<RelationKind> = new Set(['duplicate', 'excerpt', 'update', 'paraphrase', 'spin']);

/**
 * The derived side of a rewrite relation: the side that is not `relation.source`; when the
 * source is unknown, the later-published side (none when the dates do not tell).
 */
function derivedSide(r: RelationEnds, articles: ReadonlyMap<string, CoverageArticle>): string | null {
  if (r.source === r.a) return r.b;
  if (r.source === r.b) return r.a;
  const da = articles.get(r.a)?.published ?? null;
  const db = articles.get(r.b)?.published ?? null;
  if (!da || !db || da === db) return null;
  return da < db ? r.b : r.a;
}

/**
 * Who covered the event and how, per outlet (the article's source; articles of unknown outlet
 * together in a last row with `source: null`, never one "outlet" per file name): `copies` are wire copies or rewrites (duplicate, excerpt, paraphrase, spin) of
 * another article of the event; `original` is the rest, original reporting and wire sources.
 * Known outlets are listed in the order of their first article in the event.
 */
export function eventCoverage(
  event: StoryEvent,
  articles: ReadonlyMap<string, CoverageArticle>,
  relations: readonly RelationEnds[],
): EventCoverage[] {
  const members = new Set(event.articles);
  const copies = new Set<string>();
  for (const r of relations) {
    if (!REWRITES.has(r.kind) || !members.has(r.a) || !members.has(r.b)) continue;
    const derived = derivedSide(r, articles);
    if (derived) copies.add(derived);
  }
  const byOutlet = new Map<string | null, EventCoverage>();
  for (const id of event.articles) {
    const outlet = articles.get(id)?.source ?? null;
    let row = byOutlet.get(outlet);
    if (!row) {
      row = { source: outlet, copies: [], original: [] };
      byOutlet.set(outlet, row);
    }
    (copies.has(id) ? row.copies : row.original).push(id);
  }
  const unknown = byOutlet.get(null);
  byOutlet.delete(null);
  return unknown ? [...byOutlet.values(), unknown] : [...byOutlet.values()];
}
