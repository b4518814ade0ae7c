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

interface Member { quote: Quote; words: string[]; bag: WordBag }
interface Draft { members: Member[]; articles: Set<string> }

type ArticleInfo = { id: string; name: string; published: string | null };

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
  const minSim = options.minSimilarity ?? 0.5;
  const minOther = options.minSimilarityOtherSpeaker ?? 0.8;
  const order = [...quotes].sort((x, y) => compareArticles(articles.get(x.article), articles.get(y.article), x.article, y.article) || x.span[0] - y.span[0]);
  const drafts: Draft[] = [];
  const index = new Map<string, number[]>();
  const bySpeaker = new Map<string, number[]>();
  for (const quote of order) {
    const words = quoteWords(quote.text);
    const bag = wordBag(quote.text);
    const candidates = new Map<number, number>();
    const surname = quote.speaker ? quote.speaker.toLowerCase().split(' ').pop()! : null;
    // Same speaker: a candidate even with no content word shared (a thesaurus-spun quote); the latest 200 groups.
    for (const g of ((surname && bySpeaker.get(surname)) || []).slice(-RECENT_GROUPS)) candidates.set(g, 2);
    for (const w of new Set(words)) {
      if (isStopword(w)) continue;
      const groups = index.get(w);
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
      const d = drafts[g]!;
      if (d.articles.has(quote.article)) continue;
      let score = 0;
      for (const m of d.members) score = Math.max(score, similarity(m.bag, bag));
      const speakerOk = d.members.some((m) => sameSpeaker(m.quote.speaker, quote.speaker));
      if (score >= (speakerOk ? minSim : minOther) && score > bestScore) { best = g; bestScore = score; }
    }
    if (best < 0) {
      best = drafts.length;
      drafts.push({ members: [], articles: new Set() });
    }
    const d = drafts[best]!;
    d.members.push({ quote, words, bag });
    d.articles.add(quote.article);
    if (surname) {
      const list = bySpeaker.get(surname);
      if (list) { if (list[list.length - 1] !== best) list.push(best); } else bySpeaker.set(surname, [best]);
    }
    for (const w of new Set(words)) {
      if (isStopword(w)) continue;
      const list = index.get(w);
      if (list) { if (list[list.length - 1] !== best) list.push(best); } else index.set(w, [best]);
    }
  }
  return drafts.map(toGroup);
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
  const first = d.members[0]!.quote;
  const variants: QuoteVariant[] = d.members.map(({ quote }, i) => {
    const drift = i === 0 ? wordDiff(quote.text, quote.text) : wordDiff(first.text, quote.text);
    const flags = i === 0 ? [] : driftFlags(drift);
    if (i > 0 && !sameSpeaker(first.speaker, quote.speaker) && first.speaker !== quote.speaker) flags.push('speaker-changed');
    return { article: quote.article, quote: quote.id, text: quote.text, span: quote.span, speaker: quote.speaker, drift, flags };
  });
  return { id: `G${first.id}`, speaker: groupSpeaker(d), variants };
}

/** The speaker most variants name, the longest form of it ("Jens Stoltenberg" over "Stoltenberg"). */
function groupSpeaker(d: Draft): string | null {
  const counts = new Map<string, number>();
  for (const { quote } of d.members) if (quote.speaker) counts.set(quote.speaker, (counts.get(quote.speaker) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [s, c] of counts) {
    const total = c + [...counts].filter(([o]) => o !== s && sameSpeaker(o, s) && o.length < s.length).reduce((n, [, k]) => n + k, 0);
    if (total > bestCount || (total === bestCount && best !== null && s.length > best.length)) { best = s; bestCount = total; }
  }
  return best;
}
