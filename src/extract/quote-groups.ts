import type { Quote, QuoteGroup, QuoteGroupHeader, QuoteVariant, QuoteVariantRecord } from '../core/types.js';
import { isStopword } from '../text/stopwords.js';
import { int32ListCodec, jsonCodec, RowSet, type RowTable } from '../core/rows.js';
import { mostCounted } from '../core/top-counts.js';
import { bagsOverlap, driftFlags, quoteWords, wordBag, wordDiff, type WordBag } from './drift.js';
import { vocabularyGeneration } from '../align/analyze.js';
import { namesSomeone } from './speaker-names.js';

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
  return endsWithName(la, lb) || endsWithName(lb, la);
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

/**
 * What a new quote is compared with: a variant's text and speaker, and its place in the group's order.
 * Its word bag and whether its speaker names someone are kept on it while its head is held (symbol
 * keys stay out of the stored row): every quote sharing words with the group is compared with it.
 */
type HeadVariant = Pick<QuoteVariantRecord, 'text' | 'speaker' | 'name' | 'published'> & { at: number; [BAG]?: WordBag; [NAMED]?: boolean };

const BAG = Symbol('word bag');
const NAMED = Symbol('speaker names someone');

/** Variants read back get the shape new ones have (one hidden class for every variant compared). */
function headFromJson(head: GroupHead): GroupHead {
  const variant = (v: HeadVariant): HeadVariant => ({ text: v.text, speaker: v.speaker, name: v.name, published: v.published, at: v.at, [BAG]: undefined, [NAMED]: undefined });
  return { id: head.id, count: head.count, early: head.early.map(variant), late: head.late.map(variant), speakers: head.speakers };
}

function variantBag(v: HeadVariant): WordBag {
  let bag = v[BAG];
  if (bag === undefined || bag.generation !== vocabularyGeneration()) v[BAG] = bag = wordBag(v.text);
  return bag;
}

function variantNamesSomeone(v: HeadVariant): boolean {
  return (v[NAMED] ??= namesSomeone(v.speaker));
}

/**
 * A group's row: the variants a new quote is compared with (the earliest few and the latest, in
 * group order), how many variants it has and how often each speaker is named. Its size is bounded
 * whatever the group's.
 */
interface GroupHead {
  id: string;
  count: number;
  early: HeadVariant[];
  late: HeadVariant[];
  speakers: Array<[string, number]>;
}

/** How many of the latest groups sharing a content word are counted as candidates. */
const RECENT_WORD_GROUPS = 64;
/** How many candidate groups a new quote is compared with. */
const COMPARED_GROUPS = 32;
/** How many variants a new quote is compared with: the earliest few and the latest (a bounded cost per quote). */
const COMPARED_FIRST = 6;
const COMPARED_LAST = 2;
/** Most distinct speaker names counted per group (the group's speaker is the most named). */
const SPEAKER_NAMES = 32;

/**
 * `groupQuotes` one quote at a time, for a stream: `add` each new quote (in publication order for the
 * same groups as a batch), then `added()` gives the variants added since the last call, each with
 * its group's header, for the store. A group keeps the id of the quote that started it; its
 * variants are ordered by publication date, and each one's drift is taken against the earliest
 * when the group is read (`assembleQuoteGroup`).
 *
 * State is rows: a bounded head per group, one row per (group, article) pair, and the latest groups
 * per content word and per speaker surname. A quote reads a bounded number of candidate groups,
 * compares itself with a bounded number of their variants, and writes one variant: whatever the
 * corpus or group size, no update walks a whole group.
 */
export class QuoteGrouper {
  private readonly minSim: number;
  private readonly minOther: number;
  private readonly heads: RowTable<GroupHead>;
  /**
   * The groups an article has a quote in, while its quotes are added (a group holds one quote per
   * article). No row is needed: an article's quotes are added together, once (until a reset clears
   * every group), so only its own earlier quotes can be in a group it meets.
   */
  private readonly joined = new Map<string, Set<number>>();
  private readonly words: RowTable<number[]>;
  private readonly speakers: RowTable<number[]>;
  private readonly meta: RowTable<{ next: number }>;
  /** Every variant by group, only when nothing is stored (tests, evaluations): `groups()` reads it. */
  private readonly log: Map<number, QuoteVariantRecord[]> | null;
  private pending: Array<{ group: number; header: QuoteGroupHeader; variant: QuoteVariantRecord }> = [];

  constructor(options: GroupOptions = {}, rows: RowSet = new RowSet()) {
    this.minSim = options.minSimilarity ?? 0.5;
    this.minOther = options.minSimilarityOtherSpeaker ?? 0.8;
    this.heads = rows.table<GroupHead>('qg.head', jsonCodec<GroupHead>(undefined, headFromJson), 50_000, { atOnce: true });
    this.words = rows.table<number[]>('qg.word', int32ListCodec, 50_000);
    this.speakers = rows.table<number[]>('qg.speaker', int32ListCodec);
    this.meta = rows.table<{ next: number }>('qg.meta');
    this.log = rows.backed ? null : new Map();
  }

  /**
   * Reads in one go the rows `add` will want for `quotes` (one article's): word and speaker lists,
   * then the heads of the groups each quote will be compared with as the lists stand. `add` still
   * loads whatever an earlier quote of the same article changed. Saves a store round trip or four
   * per quote where each costs one (PostgreSQL).
   */
  async prefetch(quotes: readonly Quote[]): Promise<void> {
    const keys = quotes.map((q) => quoteKeys(q));
    const surnames = keys.flatMap((k) => (k.surname ? [k.surname] : []));
    await Promise.all([this.words.load(keys.flatMap((k) => k.content)), this.speakers.load(surnames), this.meta.load(['m'])]);
    await this.heads.load(keys.flatMap((k) => this.comparedGroups(k)).map(String));
  }

  /** Puts `quote` (from `article`) into its group, or a new one; returns the group id. */
  async add(quote: Quote, article: ArticleInfo): Promise<string> {
    const keys = quoteKeys(quote);
    const { content, speaker, surname } = keys;
    const bag = wordBag(quote.text);
    await Promise.all([this.words.load(content), this.speakers.load(surname ? [surname] : []), this.meta.load(['m'])]);
    const compared = this.comparedGroups(keys);
    await this.heads.load(compared.map(String));
    // A group holds one quote per article.
    const joined = this.joinedBy(quote.article);
    const eligible: Array<{ g: number; score: number }> = [];
    for (const g of compared) {
      const head = this.heads.get(String(g));
      if (!head) continue;
      const score = this.headScore(head, bag, speaker);
      if (score > 0) eligible.push({ g, score });
      // Nothing scores above a word-for-word copy, and the sort below keeps the first of equals.
      if (score >= 1 && !joined.has(g)) break;
    }
    eligible.sort((a, b) => b.score - a.score);
    let best = eligible.find(({ g }) => !joined.has(g))?.g ?? -1;
    if (best < 0) {
      const meta = this.meta.get('m') ?? { next: 0 };
      best = meta.next++;
      this.meta.set('m', meta);
      this.heads.set(String(best), { id: `G${quote.id}`, count: 0, early: [], late: [], speakers: [] });
    }
    const variant: QuoteVariantRecord = {
      article: quote.article, quote: quote.id, text: quote.text, span: [quote.span[0], quote.span[1]], speaker: quote.speaker,
      name: article.name, published: article.published,
    };
    const head = this.heads.get(String(best))!;
    addToHead(head, variant, bag);
    this.heads.set(String(best), head);
    joined.add(best);
    this.log?.set(best, [...(this.log.get(best) ?? []), variant]);
    this.pending.push({ group: best, header: { id: head.id, speaker: headSpeaker(head) }, variant });
    if (surname) appendRecent(this.speakers, surname, best, RECENT_GROUPS);
    for (const w of content) appendRecent(this.words, w, best, RECENT_WORD_GROUPS);
    return head.id;
  }

  /** Every group, in the order they were started (in-memory groupers only: a stored one lists from the store). */
  groups(): QuoteGroup[] {
    if (!this.log) throw new Error('groups() reads an in-memory grouper; list a stored one from the store');
    this.pending = [];
    const next = this.meta.get('m')?.next ?? 0;
    const out: QuoteGroup[] = [];
    for (let g = 0; g < next; g++) {
      const head = this.heads.get(String(g))!;
      out.push(assembleQuoteGroup({ id: head.id, speaker: headSpeaker(head) }, this.log.get(g) ?? []));
    }
    return out;
  }

  /** The variants added since the last call, in the order they were added, each with its group's header as it then stood. */
  added(): Array<{ header: QuoteGroupHeader; variant: QuoteVariantRecord }> {
    const out = this.pending.map(({ header, variant }) => ({ header, variant }));
    this.pending = [];
    // The article is done (or rolled back, to be added again).
    if (!this.log) this.joined.clear();
    return out;
  }

  /**
   * Groups started or joined since the last call (or `groups()`), in the order they were started,
   * with all their variants (in-memory groupers only).
   */
  changed(): QuoteGroup[] {
    if (!this.log) throw new Error('changed() reads an in-memory grouper; a stored one hands its variants over with added()');
    const touched = [...new Set(this.pending.map((p) => p.group))].sort((a, b) => a - b);
    this.pending = [];
    return touched.map((g) => {
      const head = this.heads.get(String(g))!;
      return assembleQuoteGroup({ id: head.id, speaker: headSpeaker(head) }, this.log!.get(g) ?? []);
    });
  }

  /** The groups sharing the most words with the quote (then the latest): a bounded number is read and compared. */
  private comparedGroups({ words, content, surname }: QuoteKeys): number[] {
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
    return mostCounted(candidates, COMPARED_GROUPS);
  }

  /** The quote's best similarity to the head's variants, or 0 below the bar for its speaker. */
  private headScore(head: GroupHead, bag: WordBag, speaker: string | null): number {
    let score = 0;
    let speakerOk = false;
    for (const variants of [head.early, head.late]) {
      for (const v of variants) {
        score = Math.max(score, similarity(variantBag(v), bag));
        if (score >= 1 && score >= this.minSim && score >= this.minOther) return score;
        if (!speakerOk && speaker !== null && variantNamesSomeone(v)) speakerOk = sameSpeaker(v.speaker, speaker);
      }
    }
    return score >= (speakerOk ? this.minSim : this.minOther) ? score : 0;
  }

  private joinedBy(article: string): Set<number> {
    let groups = this.joined.get(article);
    if (!groups) {
      // Stored groupers add one article's quotes at a time: the groups of earlier articles are not needed again.
      if (!this.log) this.joined.clear();
      this.joined.set(article, (groups = new Set()));
    }
    return groups;
  }
}

interface QuoteKeys {
  words: string[];
  /** Distinct content words. */
  content: string[];
  /** The speaker when it names someone ("a spokesman" or "Analysts" are many unrelated people). */
  speaker: string | null;
  surname: string | null;
}

function quoteKeys(quote: Quote): QuoteKeys {
  const words = quoteWords(quote.text);
  const content = [...new Set(words)].filter((w) => !isStopword(w));
  const speaker = namesSomeone(quote.speaker) ? quote.speaker : null;
  const surname = speaker ? speaker.toLowerCase().split(' ').pop()! : null;
  return { words, content, speaker, surname };
}

/** Appends `group` to `key`'s list unless it is already last; only the latest `kept` are ever read. */
function appendRecent(lists: RowTable<number[]>, key: string, group: number, kept: number): void {
  const list = lists.get(key);
  if (!list) {
    lists.set(key, [group]);
    return;
  }
  if (list[list.length - 1] === group) return;
  list.push(group);
  if (list.length > 2 * kept) list.splice(0, list.length - kept);
  lists.set(key, list);
}

/**
 * Files `v` in the head: the earliest COMPARED_FIRST and the latest COMPARED_LAST variants in group
 * order stay, the rest only count. A variant earlier than the earliest ones pushes the last of
 * them out; one later than the latest pushes the first of those out.
 */
function addToHead(head: GroupHead, v: QuoteVariantRecord, bag: WordBag): void {
  const entry: HeadVariant = { text: v.text, speaker: v.speaker, name: v.name, published: v.published, at: v.span[0], [BAG]: bag, [NAMED]: undefined };
  head.count++;
  if (namesSomeone(v.speaker)) {
    const named = head.speakers.find(([s]) => s === v.speaker);
    if (named) named[1]++;
    else if (head.speakers.length < SPEAKER_NAMES) head.speakers.push([v.speaker, 1]);
  }
  if (head.count <= COMPARED_FIRST + COMPARED_LAST) {
    const all = insertOrdered([...head.early, ...head.late], entry);
    head.early = all.slice(0, COMPARED_FIRST);
    head.late = all.slice(COMPARED_FIRST);
    return;
  }
  if (compareVariants(entry, head.early[head.early.length - 1]!) < 0) {
    head.early = insertOrdered(head.early, entry).slice(0, COMPARED_FIRST);
  } else if (head.late.length > 0 && compareVariants(entry, head.late[0]!) > 0) {
    head.late = insertOrdered(head.late, entry).slice(-COMPARED_LAST);
  }
}

function insertOrdered(list: HeadVariant[], v: HeadVariant): HeadVariant[] {
  let at = list.length;
  while (at > 0 && compareVariants(list[at - 1]!, v) > 0) at--;
  return [...list.slice(0, at), v, ...list.slice(at)];
}

/** Publication order (then name, then position in the text). */
function compareVariants(x: HeadVariant, y: HeadVariant): number {
  return compareArticles(x, y) || x.at - y.at;
}

/**
 * A group as readers see it, from its header and every stored variant: the variants in
 * publication order (then name, then position), each with its word diff against the earliest and
 * the flags of `driftFlags` (plus `speaker-changed` when it names another speaker).
 */
export function assembleQuoteGroup(header: QuoteGroupHeader, records: readonly QuoteVariantRecord[]): QuoteGroup {
  const ordered = [...records].sort((x, y) => compareArticles(x, y) || x.span[0] - y.span[0]);
  const first = ordered[0];
  const variants: QuoteVariant[] = ordered.map((v, i) => {
    const drift = wordDiff(i === 0 ? v.text : first!.text, v.text);
    const flags = i === 0 ? [] : driftFlags(drift);
    if (i > 0 && !sameSpeaker(first!.speaker, v.speaker) && first!.speaker !== v.speaker) flags.push('speaker-changed');
    return { article: v.article, quote: v.quote, text: v.text, span: [v.span[0], v.span[1]], speaker: v.speaker, drift, flags };
  });
  return { id: header.id, speaker: header.speaker, variants };
}

/**
 * Dice over words; a quote trimmed in one copy (5+ words, its content words all inside the other)
 * still scores 0.9. Containment counts content words only: "German growth for the current year would
 * be 1.8%" is not inside a quote on India's budget because both say "the", "year" and "would be".
 */
function similarity(a: WordBag, b: WordBag): number {
  if (!a.size || !b.size) return 0;
  const [short, long] = a.size <= b.size ? [a, b] : [b, a];
  const { shared, content, inside } = bagsOverlap(short, long);
  const dice = (2 * shared) / (a.size + b.size);
  if (short.size < 5) return dice;
  return content > 0 ? Math.max(dice, (inside / content) * 0.9) : dice;
}

function compareArticles(a: { published: string | null; name: string }, b: { published: string | null; name: string }): number {
  const pa = a.published ?? '9999';
  const pb = b.published ?? '9999';
  if (pa !== pb) return pa < pb ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** The speaker most variants name, the longest form of it ("Jens Stoltenberg" over "Stoltenberg"). */
function headSpeaker(head: GroupHead): string | null {
  const names = head.speakers;
  // Lower-cased once: comparing every pair through `sameSpeaker` made two new strings a pair, on every quote added.
  const lower = names.map(([name]) => name.toLowerCase());
  let best: string | null = null;
  let bestCount = 0;
  for (let i = 0; i < names.length; i++) {
    const [s, c] = names[i]!;
    // A shorter name the longer one ends with counts for it ("Laanet" for "Kalle Laanet").
    let total = c;
    for (let j = 0; j < names.length; j++) if (names[j]![0].length < s.length && endsWithName(lower[i]!, lower[j]!)) total += names[j]![1];
    if (total > bestCount || (total === bestCount && best !== null && s.length > best.length)) {
      best = s;
      bestCount = total;
    }
  }
  return best;
}

/** Whether `long` ends with the word(s) `short`, after a space (lower-cased names: `sameSpeaker`, one way). */
function endsWithName(long: string, short: string): boolean {
  return long.length > short.length && long.endsWith(short) && long.charCodeAt(long.length - short.length - 1) === 32;
}
