import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { ingestPaths } from './ingest.js';
import { linksView, quotesView, storiesView } from './queries.js';
import { everything } from './paging.js';

interface Gold {
  events: Array<{ id: string; articles: string[] }>;
  storylines: Array<{ events: string[] }>;
  relations: Array<{ a: string; b: string }>;
  quotes: Array<{ speaker: string; variants: Record<string, string> }>;
}

export interface SampleScore {
  articles: number;
  events: { gold: number; found: number; exact: number };
  storylines: { gold: number; found: number; ordered: boolean };
  relations: { gold: number; found: number; correct: number; precision: number; recall: number };
  quoteGroups: { gold: number; found: number; missing: string[] };
}

/**
 * Runs the whole pipeline on a folder of articles with a gold.json (the bundled sample's format)
 * in a throwaway in-memory store, and scores events, storylines, relations and quote groups.
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
    const goldPairs = new Set(gold.relations.map((r) => pair(r.a, r.b)));
    const links = await everything((page) => linksView(store, undefined, page), (link) => `${link.aId}|${link.bId}`);
    const correct = links.filter((l) => goldPairs.has(pair(l.a, l.b))).length;
    const groups = await everything((page) => quotesView(store, page), (group) => group.group);
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
        precision: links.length ? correct / links.length : 0,
        recall: goldPairs.size ? correct / goldPairs.size : 0,
      },
      quoteGroups: { gold: gold.quotes.length, found: groups.length, missing },
    };
  } finally {
    await store.close();
  }
}

/** True when the two quote texts share most of their words (marks and case aside). */
function overlaps(found: string, gold: string): boolean {
  const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
  const g = words(gold);
  const f = new Set(words(found));
  return g.filter((w) => f.has(w)).length >= 0.8 * g.length;
}
