import type { Quote, QuoteGroup, QuoteVariant } from '../core/types.js';
import { isStopword } from '../text/stopwords.js';
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

interface Member { quote: Quote; info: ArticleInfo; bag: WordBag | null }
interface Draft { id: string; members: Member[]; articles: Set<string> }

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
export function groupQuotes(quotes: Quote[], articles: ReadonlyMap<string, ArticleInfo>, options: GroupOptions = {}): QuoteGroup[] {
  const order = [...quotes].sort((x, y) => compareArticles(articles.get(x.article), articles.get(y.article), x.article, y.article) || x.span[0] - y.span[0]);
  const grouper = new QuoteGrouper(options);
  for (const quote of order) grouper.add(quote, articles.get(quote.article) ?? { id: quote.article, name: quote.article, published: null });
  return grouper.groups();
}

type StoredMember = [string, string, string, number, number, string | null, string, string | null];

/** What a `QuoteGrouper` persists: its groups' members and its candidate lists (JSON-safe). */
export interface QuoteGrouperState {
  version: 1;
  /** Members as `[quote id, article, text, span begin, span end, speaker, article name, published]`. */
  groups: Array<{ id: string; members: StoredMember[] }>;
  words: Array<[string, number[]]>;
  speakers: Array<[string, number[]]>;
}

/**
 * `groupQuotes` one quote at a time, for a stream: `add` each new quote (in publication order for the
 * same groups as a batch), then `changed()` gives the groups that gained a variant since the last
 * call. A group keeps the id of the quote that started it; its variants are re-ordered by
 * publication date (drift against the earliest) whenever one joins.
 */
export class QuoteGrouper {
  private readonly minSim: number;
  private readonly minOther: number;
  private readonly drafts: Draft[] = [];
  private readonly index = new Map<string, number[]>();
  private readonly bySpeaker = new Map<string, number[]>();
  private readonly dirty = new Set<number>();

  constructor(options: GroupOptions = {}, state?: QuoteGrouperState) {
    this.minSim = options.minSimilarity ?? 0.5;
    this.minOther = options.minSimilarityOtherSpeaker ?? 0.8;
    if (!state) return;
    for (const g of state.groups) {
      const members = g.members.map(fromStored);
      this.drafts.push({ id: g.id, members, articles: new Set(members.map((m) => m.quote.article)) });
    }
    for (const [w, list] of state.words) this.index.set(w, list);
    for (const [s, list] of state.speakers) this.bySpeaker.set(s, list);
  }

  /** Puts `quote` (from `article`) into its group, or a new one; returns the group id. */
  add(quote: Quote, article: ArticleInfo): string {
    const words = quoteWords(quote.text);
    const bag = wordBag(quote.text);
    const candidates = new Map<number, number>();
    const surname = quote.speaker ? quote.speaker.toLowerCase().split(' ').pop()! : null;
    // Same speaker: a candidate even with no content word shared (a thesaurus-spun quote); the latest 200 groups.
    for (const g of ((surname && this.bySpeaker.get(surname)) || []).slice(-RECENT_GROUPS)) candidates.set(g, 2);
    for (const w of new Set(words)) {
      if (isStopword(w)) continue;
      const groups = this.index.get(w);
      if (!groups) continue;
      // Only the most recent groups holding a word: a common word must not make grouping quadratic.
      for (let i = Math.max(0, groups.length - RECENT_GROUPS); i < groups.length; i++) {
        const g = groups[i]!;
        candidates.set(g, (candidates.get(g) ?? 0) + 1);
      }
    }
    for (const [g, shared] of candidates) {
      if (shared < 2 && words.length > 3) candidates.delete(g);
    }
    let best = -1;
    let bestScore = 0;
    for (const g of candidates.keys()) {
      const d = this.drafts[g]!;
      if (d.articles.has(quote.article)) continue;
      let score = 0;
      for (const m of d.members) score = Math.max(score, similarity(memberBag(m), bag));
      const speakerOk = d.members.some((m) => sameSpeaker(m.quote.speaker, quote.speaker));
      if (score >= (speakerOk ? this.minSim : this.minOther) && score > bestScore) { best = g; bestScore = score; }
    }
    if (best < 0) {
      best = this.drafts.length;
      this.drafts.push({ id: `G${quote.id}`, members: [], articles: new Set() });
    }
    const d = this.drafts[best]!;
    d.members.push({ quote, info: article, bag });
    d.articles.add(quote.article);
    this.dirty.add(best);
    if (surname) appendRecent(this.bySpeaker, surname, best);
    for (const w of new Set(words)) if (!isStopword(w)) appendRecent(this.index, w, best);
    return d.id;
  }

  /** Every group, in the order they were started. */
  groups(): QuoteGroup[] {
    this.dirty.clear();
    return this.drafts.map(toGroup);
  }

  /** Groups started or joined since the last `changed()` (or `groups()`), in the order they were started. */
  changed(): QuoteGroup[] {
    const out = [...this.dirty].sort((a, b) => a - b).map((g) => toGroup(this.drafts[g]!));
    this.dirty.clear();
    return out;
  }

  toState(): QuoteGrouperState {
    return {
      version: 1,
      groups: this.drafts.map((d) => ({
        id: d.id,
        members: d.members.map(toStored),
      })),
      words: [...this.index],
      speakers: [...this.bySpeaker],
    };
  }
}

/** Appends `group` to `key`'s list unless it is already last; only the latest RECENT_GROUPS are ever read. */
function appendRecent(lists: Map<string, number[]>, key: string, group: number): void {
  const list = lists.get(key);
  if (!list) { lists.set(key, [group]); return; }
  if (list[list.length - 1] === group) return;
  list.push(group);
  if (list.length > 2 * RECENT_GROUPS) list.splice(0, list.length - RECENT_GROUPS);
}

/** Only what a variant shows is kept: a reloaded member's quote has no speaker span or cue. */
function toStored({ quote: q, info }: Member): StoredMember {
  return [q.id, q.article, q.text, q.span[0], q.span[1], q.speaker, info.name, info.published];
}

function fromStored([id, article, text, begin, end, speaker, name, published]: StoredMember): Member {
  return {
    quote: { id, article, text, span: [begin, end], speaker, speakerSpan: null, cue: null, indirect: false },
    info: { id: article, name, published },
    bag: null,
  };
}

function memberBag(m: Member): WordBag {
  if (m.bag === null) m.bag = wordBag(m.quote.text);
  return m.bag;
}

/** Dice over words; a quote trimmed in one copy (5+ words, all inside the other) still scores 0.9. */
function similarity(a: WordBag, b: WordBag): number {
  if (!a.size || !b.size) return 0;
  const common = sharedWords(a, b);
  const dice = (2 * common) / (a.size + b.size);
  const shorter = Math.min(a.size, b.size);
  return Math.max(dice, shorter >= 5 ? (common / shorter) * 0.9 : 0);
}

function compareArticles(a: ArticleInfo | undefined, b: ArticleInfo | undefined, ida: string, idb: string): number {
  const pa = a?.published ?? '9999';
  const pb = b?.published ?? '9999';
  if (pa !== pb) return pa < pb ? -1 : 1;
  const na = a?.name ?? ida;
  const nb = b?.name ?? idb;
  return na < nb ? -1 : na > nb ? 1 : 0;
}

function toGroup(d: Draft): QuoteGroup {
  const members = d.members.length > 1 ? byPublication(d.members) : d.members;
  const first = members[0]!.quote;
  const variants: QuoteVariant[] = members.map(({ quote }, i) => {
    const drift = i === 0 ? wordDiff(quote.text, quote.text) : wordDiff(first.text, quote.text);
    const flags = i === 0 ? [] : driftFlags(drift);
    if (i > 0 && !sameSpeaker(first.speaker, quote.speaker) && first.speaker !== quote.speaker) flags.push('speaker-changed');
    return { article: quote.article, quote: quote.id, text: quote.text, span: quote.span, speaker: quote.speaker, drift, flags };
  });
  return { id: d.id, speaker: groupSpeaker(members), variants };
}

/** Members by their article's publication date, then name, then position in the text (a stable sort). */
function byPublication(members: Member[]): Member[] {
  return [...members].sort((x, y) => compareArticles(x.info, y.info, x.quote.article, y.quote.article) || x.quote.span[0] - y.quote.span[0]);
}

/** The speaker most variants name, the longest form of it ("Jens Stoltenberg" over "Stoltenberg"). */
function groupSpeaker(members: Member[]): string | null {
  const counts = new Map<string, number>();
  for (const { quote } of members) if (quote.speaker) counts.set(quote.speaker, (counts.get(quote.speaker) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [s, c] of counts) {
    const total = c + [...counts].filter(([o]) => o !== s && sameSpeaker(o, s) && o.length < s.length).reduce((n, [, k]) => n + k, 0);
    if (total > bestCount || (total === bestCount && best !== null && s.length > best.length)) { best = s; bestCount = total; }
  }
  return best;
}
