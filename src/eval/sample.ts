import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { ingestPaths } from '../pipeline/ingest.js';
import { linksView, quotesView, storiesView } from '../pipeline/queries.js';
import { everything } from '../pipeline/paging.js';

interface Gold {
  events: Array<{ id: string; articles: string[] }>;
  storylines: Array<{ events: string[] }>;
  relations: Array<{ a: string; b: string; kind: string }>;
  quotes: Array<{ speaker: string; variants: Record<string, string> }>;
}

export interface SampleScore {
  articles: number;
  events: { gold: number; found: number; exact: number };
  storylines: { gold: number; found: number; ordered: boolean };
  /** `correct`: the pair is gold; `kindRight`: and its kind is the gold kind; `sourceRight`: and the source is the gold one. */
  relations: { gold: number; found: number; correct: number; kindRight: number; sourceRight: number; precision: number; recall: number; wrong: string[] };
  /**
   * `joined`: groups holding quotes of several articles, one of them a gold quote (the gold lists some
   * quotes only); `correct` ones match one gold group (speaker and every variant).
   */
  quoteGroups: { gold: number; found: number; joined: number; correct: number; precision: number; recall: number; missing: string[] };
}

/**
 * Runs the whole pipeline on a folder of articles with a gold.json (the bundled sample's format)
 * in a throwaway in-memory store, and scores events, storylines, relations (pair, kind and source
 * direction) and quote groups (recall of the gold groups, precision of the groups joining articles).
 */
export async function evalSample(dir: string): Promise<SampleScore> {
  const gold = JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')) as Gold;
  const files = readdirSync(dir).filter((f) => f !== 'gold.json').sort().map((f) => join(dir, f));
  const store = openSqliteStore(':memory:');
  try {
    await ingestPaths(store, files);
    const stories = await everything((page) => storiesView(store, page), (story) => story.id);
    const events = stories.flatMap((s) => s.events);
    const key = (names: string[]) => [...names].sort().join('|');
    const foundEvents = new Set(events.map((e) => key(e.articles)));
    const goldOrder = gold.storylines[0]?.events ?? [];
    const goldEventKeys = new Map(gold.events.map((e) => [e.id, key(e.articles)]));
    const goldTimeline = goldOrder.map((id) => goldEventKeys.get(id)).join('/');
    const ordered = stories.some((s) => s.events.map((e) => key(e.articles)).join('/') === goldTimeline);
    const pair = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
    const goldPairs = new Map(gold.relations.map((r) => [pair(r.a, r.b), r]));
    const links = await everything((page) => linksView(store, undefined, page), (link) => `${link.aId}|${link.bId}`);
    const wrong: string[] = [];
    let correct = 0;
    let kindRight = 0;
    let sourceRight = 0;
    for (const l of links) {
      const g = goldPairs.get(pair(l.a, l.b));
      if (!g) {
        wrong.push(`${l.a} ${l.kind} ${l.b}: not a gold relation`);
        continue;
      }
      correct++;
      const expected = expectedRelation(g);
      if (!expected.kinds.includes(l.kind)) {
        wrong.push(`${l.a} ${l.kind} ${l.b}: gold says ${g.kind}`);
        continue;
      }
      kindRight++;
      if (expected.source === undefined || expected.source === l.source) sourceRight++;
      else wrong.push(`${l.a} ${l.kind} ${l.b}: source ${l.source}, gold ${expected.source}`);
    }
    const groups = await everything((page) => quotesView(store, page), (group) => group.group);
    const matches = (g: (typeof groups)[number], q: Gold['quotes'][number]) =>
      g.speaker === q.speaker && g.variants.every((v) => q.variants[v.article] !== undefined && overlaps(v.text, q.variants[v.article]!));
    // The gold lists some quotes only: a joined group is judged when one of its variants is a gold quote.
    const isGold = (v: { article: string; text: string }) => gold.quotes.some((q) => q.variants[v.article] !== undefined && overlaps(v.text, q.variants[v.article]!));
    const joined = groups.filter((g) => new Set(g.variants.map((v) => v.article)).size > 1 && g.variants.some(isGold));
    const joinedRight = joined.filter((g) => gold.quotes.some((q) => matches(g, q))).length;
    const missing = gold.quotes
      .filter((q) => !groups.some((g) => g.speaker === q.speaker && Object.entries(q.variants).every(([article, text]) =>
        g.variants.some((v) => v.article === article && overlaps(v.text, text)))))
      .map((q) => q.speaker);
    return {
      articles: await store.countArticles(),
      events: { gold: gold.events.length, found: events.length, exact: gold.events.filter((e) => foundEvents.has(key(e.articles))).length },
      storylines: { gold: gold.storylines.length, found: stories.length, ordered },
      relations: {
        gold: goldPairs.size,
        found: links.length,
        correct,
        kindRight,
        sourceRight,
        precision: links.length ? sourceRight / links.length : 0,
        recall: goldPairs.size ? sourceRight / goldPairs.size : 0,
        wrong,
      },
      quoteGroups: {
        gold: gold.quotes.length,
        found: groups.length,
        joined: joined.length,
        correct: joinedRight,
        precision: joined.length ? joinedRight / joined.length : 1,
        recall: (gold.quotes.length - missing.length) / Math.max(1, gold.quotes.length),
        missing,
      },
    };
  } finally {
    await store.close();
  }
}

/**
 * The kinds a gold relation accepts and its source (the gold lists the original first; a pair
 * "both rewritten" has no original between them; background reuse is not directed).
 */
function expectedRelation(g: Gold['relations'][number]): { kinds: string[]; source?: string } {
  if (/both rewritten/.test(g.kind)) return { kinds: ['paraphrase', 'spin'], source: 'unknown' };
  if (/paraphrase/.test(g.kind)) return { kinds: ['paraphrase'], source: g.a };
  if (/spun|spin/.test(g.kind)) return { kinds: ['spin'], source: g.a };
  if (/background|shared/.test(g.kind)) return { kinds: ['shared-passage'] };
  if (/duplicate/.test(g.kind)) return { kinds: ['duplicate'] };
  return { kinds: [g.kind] };
}

/** True when the two quote texts share most of their words (marks and case aside). */
function overlaps(found: string, gold: string): boolean {
  const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
  const g = words(gold);
  const f = new Set(words(found));
  return g.filter((w) => f.has(w)).length >= 0.8 * g.length;
}
