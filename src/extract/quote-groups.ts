import type { Quote, QuoteGroup, QuoteVariant } from '../core/types.js';
import { isStopword } from '../text/stopwords.js';
import { RowSet, type RowTable } from '../core/rows.js';
import { driftFlags, quoteWords, sharedWords, wordBag, wordDiff, type WordBag } from './drift.js';

export interface GroupOptions {
  /**
   * Word overlap (Dice over words, contractions expanded) at which two quotes of the same speaker
   * count as one utterance. 0.5 keeps a thesaurus-spun quote ("I can't think about any situation
   * the place that's up for dialogue") with its original.
   * @default 0.5
   */
  minSimilarity?: number;
  /**
   * Overlap at which quotes of different (or unknown) speakers still join one group, flagged `speaker-changed`.
   * @default 0.8
   */
  minSimilarityOtherSpeaker?: number;
}

/** How many of the latest groups sharing a word (or a speaker) a new quote is compared with. */
const RECENT_GROUPS = 200;


export type ArticleInfo = { id: string; name: string; published: string | null };

/** Same person: equal names, or one is the other's surname ("Stoltenberg" / "Jens Stoltenberg"). */
export function sameSpeaker(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  if (a === b) return true;
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  return la.endsWith(` ${lb}`) || lb.endsWith(` ${la}`);
}

/**
 * Groups the same utterance across articles: quotes of one speaker whose words overlap (however
 * reworded or spun), or of different speakers when the words are nearly the same (flagged
 * `speaker-changed`). Variants are ordered by publication date (then name); each carries its word
 * diff against the first and flags from `driftFlags`. Every quote ends up in exactly one group.
 */
export async function groupQuotes(quotes: Quote[], articles: ReadonlyMap<string, ArticleInfo>, options: GroupOptions = {}): Promise<QuoteGroup[]> {
  const info = (q: Quote) => articles.get(q.article) ?? { id: q.article, name: q.article, published: null };
  const order = [...quotes].sort((x, y) => compareArticles(info(x), info(y)) || x.span[0] - y.span[0]);
  const grouper = new QuoteGrouper(options);
  for (const quote of order) await grouper.add(quote, info(quote));
  return grouper.groups();
}

/** A variant as a group row keeps it: enough to show it, with its drift against the group's first variant. */
interface StoredVariant {
  quote: string;
  article: string;
  text: string;
  span: [number, number];
  speaker: string | null;
  name: string;
  published: string | null;
  drift: QuoteVariant['drift'];
  flags: string[];
}

/** A quote group as a row: its variants in publication order and the articles they come from. */
interface GroupRow {
  id: string;
  variants: StoredVariant[];
}

/** How many of the latest groups sharing a content word are counted as candidates. */
const RECENT_WORD_GROUPS = 64;
/** How many candidate groups a new quote is compared with. */
const COMPARED_GROUPS = 32;
/** How many variants a new quote is compared with: the earliest few and the latest (a bounded cost per quote). */
const COMPARED_FIRST = 6;
const COMPARED_LAST = 2;

/**
 * `groupQuotes` one quote at a time, for a stream: `add` each new quote (in publication order for the
 * same groups as a batch), then `changed()` gives the groups that gained a variant since the last
 * call. A group keeps the id of the quote that started it; its variants are kept in publication
 * order, each with its drift against the earliest.
 *
 * State is rows: one per group, plus the latest groups per content word and per speaker surname. A
 * quote reads a bounded number of candidate groups and compares itself with a bounded number of
 * their variants, whatever the corpus or group size.
 */
export class QuoteGrouper {
  private readonly minSim: number;
  private readonly minOther: number;
  private readonly groupRows: RowTable<GroupRow>;
  /** Per group, the variants a new quote is compared with (a small row, read for every candidate). */
  private readonly heads: RowTable<Array<{ text: string; speaker: string | null }>>;
  private readonly words: RowTable<number[]>;
  private readonly speakers: RowTable<number[]>;
  private readonly meta: RowTable<{ next: number }>;
  private readonly dirty = new Set<number>();
  private readonly bags = new Map<string, WordBag>();

  constructor(options: GroupOptions = {}, rows: RowSet = new RowSet()) {
    this.minSim = options.minSimilarity ?? 0.5;
    this.minOther = options.minSimilarityOtherSpeaker ?? 0.8;
    this.groupRows = rows.table<GroupRow>('qg.group', undefined, 20_000);
    this.heads = rows.table<Array<{ text: string; speaker: string | null }>>('qg.head', undefined, 100_000);
    this.words = rows.table<number[]>('qg.word', undefined, 100_000);
    this.speakers = rows.table<number[]>('qg.speaker');
    this.meta = rows.table<{ next: number }>('qg.meta');
  }

  /** Puts `quote` (from `article`) into its group, or a new one; returns the group id. */
  async add(quote: Quote, article: ArticleInfo): Promise<string> {
    const words = quoteWords(quote.text);
    const bag = wordBag(quote.text);
    const content = [...new Set(words)].filter((w) => !isStopword(w));
    const surname = quote.speaker ? quote.speaker.toLowerCase().split(' ').pop()! : null;
    await Promise.all([this.words.load(content), this.speakers.load(surname ? [surname] : []), this.meta.load(['m'])]);
    const candidates = new Map<number, number>();
    // Same speaker: a candidate even with no content word shared (a thesaurus-spun quote); the latest 200 groups.
    for (const g of ((surname && this.speakers.get(surname)) || []).slice(-RECENT_GROUPS)) candidates.set(g, 2);
    for (const w of content) {
      const groups = this.words.get(w);
      if (!groups) continue;
      // Only the most recent groups holding a word: a common word must not make grouping quadratic.
      for (let i = Math.max(0, groups.length - RECENT_WORD_GROUPS); i < groups.length; i++) {
        const g = groups[i]!;
        candidates.set(g, (candidates.get(g) ?? 0) + 1);
      }
    }
    for (const [g, shared] of candidates) {
      if (shared < 2 && words.length > 3) candidates.delete(g);
    }
    // The groups sharing the most words (then the latest): a bounded number is read and compared.
    const compared = [...candidates.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0]).slice(0, COMPARED_GROUPS).map(([g]) => g);
    // Each candidate is scored on its head (the variants it is compared with); only the chosen group is read whole.
    await this.heads.load(compared.map(String));
    const eligible: Array<{ g: number; score: number }> = [];
    for (const g of compared) {
      const head = this.heads.get(String(g));
      if (!head) continue;
      let score = 0;
      let speakerOk = false;
      for (const v of head) {
        score = Math.max(score, similarity(this.bagOf(v.text), bag));
        speakerOk ||= sameSpeaker(v.speaker, quote.speaker);
      }
      if (score > 0 && score >= (speakerOk ? this.minSim : this.minOther)) eligible.push({ g, score });
    }
    eligible.sort((a, b) => b.score - a.score);
    let best = -1;
    for (const { g } of eligible) {
      await this.groupRows.load([String(g)]);
      // A group holds one quote per article.
      if (this.groupRows.get(String(g))?.variants.some((v) => v.article === quote.article) === false) {
        best = g;
        break;
      }
    }
    if (best < 0) {
      const meta = this.meta.get('m') ?? { next: 0 };
      best = meta.next++;
      this.meta.set('m', meta);
      this.groupRows.set(String(best), { id: `G${quote.id}`, variants: [] });
    }
    const d = this.groupRows.get(String(best))!;
    insertVariant(d, quote, article);
    this.groupRows.set(String(best), d);
    this.heads.set(String(best), comparedVariants(d.variants).map((v) => ({ text: v.text, speaker: v.speaker })));
    this.dirty.add(best);
    if (surname) this.appendRecent(this.speakers, surname, best);
    for (const w of content) this.appendRecent(this.words, w, best);
    return d.id;
  }

  /** Every group, in the order they were started (in-memory groupers only: a stored one lists from the store). */
  groups(): QuoteGroup[] {
    this.dirty.clear();
    const next = this.meta.get('m')?.next ?? 0;
    const out: QuoteGroup[] = [];
    for (let g = 0; g < next; g++) out.push(toGroup(this.groupRows.get(String(g))!));
    return out;
  }

  /** Groups started or joined since the last `changed()` (or `groups()`), in the order they were started. */
  changed(): QuoteGroup[] {
    const out = [...this.dirty].sort((a, b) => a - b).map((g) => toGroup(this.groupRows.get(String(g))!));
    this.dirty.clear();
    return out;
  }

  private bagOf(text: string): WordBag {
    let bag = this.bags.get(text);
    if (!bag) {
      if (this.bags.size > 50_000) this.bags.clear();
      bag = wordBag(text);
      this.bags.set(text, bag);
    }
    return bag;
  }

  /** Appends `group` to `key`'s list unless it is already last; only the latest RECENT_GROUPS are ever read. */
  private appendRecent(lists: RowTable<number[]>, key: string, group: number): void {
    const list = lists.get(key);
    if (!list) {
      lists.set(key, [group]);
      return;
    }
    if (list[list.length - 1] === group) return;
    list.push(group);
    if (list.length > 2 * RECENT_GROUPS) list.splice(0, list.length - RECENT_GROUPS);
    lists.set(key, list);
  }
}

/** The variants a new quote is compared with. */
function comparedVariants(variants: StoredVariant[]): StoredVariant[] {
  if (variants.length <= COMPARED_FIRST + COMPARED_LAST) return variants;
  return [...variants.slice(0, COMPARED_FIRST), ...variants.slice(-COMPARED_LAST)];
}

/**
 * Puts the quote in publication order (then name, then position in the text). Its drift is taken
 * against the earliest variant; when it becomes the earliest, every drift is taken again (rare: a
 * stream arrives mostly in publication order).
 */
function insertVariant(d: GroupRow, quote: Quote, info: ArticleInfo): void {
  const v: StoredVariant = {
    quote: quote.id, article: quote.article, text: quote.text, span: [quote.span[0], quote.span[1]], speaker: quote.speaker,
    name: info.name, published: info.published, drift: [], flags: [],
  };
  let at = d.variants.length;
  while (at > 0 && compareVariants(d.variants[at - 1]!, v) > 0) at--;
  d.variants.splice(at, 0, v);
  if (at === 0) for (let i = 0; i < d.variants.length; i++) setDrift(d.variants[0]!, d.variants[i]!, i);
  else setDrift(d.variants[0]!, v, at);
}

function setDrift(first: StoredVariant, v: StoredVariant, position: number): void {
  v.drift = position === 0 ? wordDiff(v.text, v.text) : wordDiff(first.text, v.text);
  v.flags = position === 0 ? [] : driftFlags(v.drift);
  if (position > 0 && !sameSpeaker(first.speaker, v.speaker) && first.speaker !== v.speaker) v.flags.push('speaker-changed');
}

function compareVariants(x: StoredVariant, y: StoredVariant): number {
  return compareArticles(x, y) || x.span[0] - y.span[0];
}

/**
 * Dice over words; a quote trimmed in one copy (5+ words, its content words all inside the other)
 * still scores 0.9. Containment counts content words only: "German growth for the current year would
 * be 1.8%" is not inside a quote on India's budget because both say "the", "year" and "would be".
 */
function similarity(a: WordBag, b: WordBag): number {
  if (!a.size || !b.size) return 0;
  const dice = (2 * sharedWords(a, b)) / (a.size + b.size);
  const [short, long] = a.size <= b.size ? [a, b] : [b, a];
  if (short.size < 5) return dice;
  let content = 0;
  let inside = 0;
  for (const [w, c] of short.counts) {
    if (isStopword(w)) continue;
    content += c;
    inside += Math.min(c, long.counts.get(w) ?? 0);
  }
  return content > 0 ? Math.max(dice, (inside / content) * 0.9) : dice;
}

function compareArticles(a: { published: string | null; name: string }, b: { published: string | null; name: string }): number {
  const pa = a.published ?? '9999';
  const pb = b.published ?? '9999';
  if (pa !== pb) return pa < pb ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function toGroup(d: GroupRow): QuoteGroup {
  const variants: QuoteVariant[] = d.variants.map((v) => ({
    article: v.article, quote: v.quote, text: v.text, span: [v.span[0], v.span[1]], speaker: v.speaker, drift: v.drift, flags: v.flags.slice(),
  }));
  return { id: d.id, speaker: groupSpeaker(d.variants), variants };
}

/** The speaker most variants name, the longest form of it ("Jens Stoltenberg" over "Stoltenberg"). */
function groupSpeaker(variants: readonly StoredVariant[]): string | null {
  const counts = new Map<string, number>();
  for (const v of variants) if (v.speaker) counts.set(v.speaker, (counts.get(v.speaker) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [s, c] of counts) {
    const total = c + [...counts].filter(([o]) => o !== s && sameSpeaker(o, s) && o.length < s.length).reduce((n, [, k]) => n + k, 0);
    if (total > bestCount || (total === bestCount && best !== null && s.length > best.length)) { best = s; bestCount = total; }
  }
  return best;
}
