/**
 * Audits the events and storylines of a database, as an analyst would: the largest events by size and
 * by date span, and every storyline link (an event following another) checked against the events'
 * own entities: a link whose two events share at most one entity, with neither a close topic nor a
 * shared passage, is a link on one common name; and quote speakers that name nobody (a lower-case
 * word such as "firm" or "com"). Reads the store only.
 * Run: npm run build && node dist/bench/events-audit.js --db FILE [--json]
 */
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { everything } from '../src/pipeline/paging.js';
import { dayNumber } from '../src/cluster/features.js';
import type { StoryEvent } from '../src/core/types.js';

const at = process.argv.indexOf('--db');
if (at < 0) throw new Error('usage: events-audit --db FILE');
const store = openSqliteStore(process.argv[at + 1]!);
const events = await everything((page) => store.listEvents(page), (e) => e.id);
const byId = new Map(events.map((e) => [e.id, e]));
const span = (e: StoryEvent) => {
  const b = dayNumber(e.dateBegin);
  const end = dayNumber(e.dateEnd);
  return b === null || end === null ? 0 : end - b;
};
const brief = (e: StoryEvent) => ({ id: e.id, title: e.title, articles: e.articles.length, spanDays: span(e), dates: `${e.dateBegin ?? 'undated'}…${e.dateEnd ?? ''}` });
const bySize = [...events].sort((a, b) => b.articles.length - a.articles.length);
const bySpan = [...events].sort((a, b) => span(b) - span(a) || b.articles.length - a.articles.length);

// How many articles carry each entity, over the whole corpus (the builder judged as the stream went).
const summaries = await everything((page) => store.listArticles(page), (a) => a.id);
const carried = new Map<string, number>();
for (const a of summaries) for (const e of await store.listEntities(a.id)) carried.set(e.name.toLowerCase(), (carried.get(e.name.toLowerCase()) ?? 0) + 1);
const commonAbove = Math.max(10, 0.01 * summaries.length);

const storylines = await everything((page) => store.listStorylines(page), (s) => s.id);
let links = 0;
const weak: Array<{ storyline: string; link: string; shared: string[] }> = [];
const datedMix: string[] = [];
const onCommon: Array<{ storyline: string; link: string; common: string[] }> = [];
// A link to an event that is gone (merged away) or on another storyline explains nothing.
const dangling: string[] = [];
for (const line of storylines) {
  line.reasons.forEach((reason, i) => {
    const m = /^(E\d+) follows (E\d+) \(score ([\d.]+): topic ([\d.]+)/.exec(reason);
    if (!m) return;
    links++;
    const a = byId.get(m[1]!);
    const b = byId.get(m[2]!);
    if (!b || !line.events.includes(b.id)) dangling.push(`${line.id}: ${reason}`);
    if (!a || !b) return;
    const names = new Set(a.entities.map((x) => x.toLowerCase()));
    const shared = b.entities.map((x) => x.toLowerCase()).filter((x) => names.has(x));
    const passage = /shared passage/.test(reason);
    if (shared.length <= 1 && !passage && Number(m[4]) < 0.35) weak.push({ storyline: line.id, link: reason, shared });
    // The names the link claims, judged with the whole corpus's counts: fewer than two rare ones is a weak link.
    const claimed = /shared entities ([^;)]*)/.exec(reason)?.[1]?.split(', ') ?? [];
    const rare = claimed.filter((n) => (carried.get(n) ?? 0) <= commonAbove);
    if (!passage && rare.length < 2) onCommon.push({ storyline: line.id, link: reason, common: claimed.filter((n) => !rare.includes(n)) });
    if ((a.dateBegin === null) !== (b.dateBegin === null) && !passage) datedMix.push(`${line.id}: ${reason} [${a.id} ${a.dateBegin ?? "undated"}, ${b.id} ${b.dateBegin ?? "undated"}]`);
    void i;
  });
}
const queued = (await store.getRows('sl.recheck', ['q'])).get('q');
const pending = queued ? (JSON.parse(new TextDecoder().decode(queued)) as string[]).length : 0;
// Speakers that name nobody: a lower-case word ("firm", "com") or an acronym used as a modifier.
const quotes = await store.listQuotes();
const bare = new Map<string, number>();
for (const q of quotes) if (q.speaker && !/\p{Lu}/u.test(q.speaker)) bare.set(q.speaker, (bare.get(q.speaker) ?? 0) + 1);
const named = (s: string) => quotes.filter((q) => q.speaker === s).length;

const report = {
  events: events.length,
  largestBySize: bySize.slice(0, 5).map(brief),
  largestBySpan: bySpan.slice(0, 5).map(brief),
  storylines: storylines.length,
  largestStoryline: Math.max(0, ...storylines.map((s) => s.events.length)),
  links,
  linksOnAtMostOneSharedEntity: weak.length,
  storylinesWithSuchALink: new Set(weak.map((w) => w.storyline)).size,
  undatedDatedLinksWithoutPassage: datedMix.length,
  /** Links whose event followed is gone or on another storyline. */
  linksToAnEventOffTheStoryline: dangling.length,
  danglingExamples: dangling.slice(0, 3),
  /** Storyline links still waiting to be judged again (a bounded number is judged per article). */
  linksAwaitingRecheck: pending,
  /** Links without a shared passage whose claimed names include fewer than two that at most max(10, 1%) of all articles carry. */
  linksOnCommonNamesByFinalCounts: onCommon.length,
  storylinesWithALinkOnCommonNames: new Set(onCommon.map((w) => w.storyline)).size,
  commonNameExamples: onCommon.slice(0, 5),
  undatedDatedExamples: datedMix.slice(0, 3),
  examples: weak.slice(0, 5),
  quotes: quotes.length,
  quotesWithLowerCaseSpeaker: [...bare.values()].reduce((a, b) => a + b, 0),
  lowerCaseSpeakers: [...bare.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10),
  quotesAttributedToRFID: named('RFID'),
};
await store.close();
if (process.argv.includes('--json')) console.log(JSON.stringify(report, null, 2));
else {
  console.log(JSON.stringify(report, null, 2));
  const top = report.largestBySize[0];
  const long = report.largestBySpan[0];
  console.log(`events ${report.events}; largest ${top?.articles} articles (${top?.id}, ${top?.spanDays} days); longest span ${long?.spanDays} days (${long?.id}, ${long?.articles} articles)`);
  console.log(`storylines ${report.storylines} (largest ${report.largestStoryline} events); links ${links}; on at most one shared header entity, without topic >= 0.35 or passage: ${weak.length}; on fewer than two rare names by the final counts: ${onCommon.length}; undated-dated links without a passage: ${datedMix.length}; links to an event off the storyline: ${dangling.length}; awaiting a re-check: ${pending}`);
}
