import type { Entity, EntityMention, Quote, Span } from '../core/types.js';
import { sentences } from '../text/segment.js';
import {
  attributionContext, cueText, findCue, subjectAfter, subjectBefore, tokenAt,
  type Attribution, type AttributionContext,
} from './attribution.js';
import { extractEntities } from './entities.js';
import { indirectQuotes } from './indirect.js';
import { CUE_ADVERBS, CUE_VERBS, WEAK_CUES } from './lexicon.js';
import { tidySpeaker } from './speaker-names.js';
import { clauseSubject, firstPerson, fromSentenceBefore, speakerAfterDash, speakerBeforeColon, speakerRightAfter } from './fallbacks.js';
import { tokenizeNames } from './names.js';
import { findQuotedSpans, type QuotedSpan } from './quote-marks.js';
import { appendAll } from '../core/arrays.js';

export interface QuoteArticle {
  id: string;
  text: string;
  paragraphs: Span[];
}

/**
 * Direct quotes of an article with their speakers. A quote's speaker is found beside it
 * ('"...," X said', 'X told reporters: "..."', 'according to X'), through a pronoun ("he informed
 * reporters" → the nearest person before), a role ("the spokesman") or, for a quote with no cue of
 * its own, the previous quote's speaker (a quote chain). Fragments quoted inside the writer's own
 * sentence are kept with `partial: true`; scare quotes and titles (short, no cue) are dropped.
 */
export function extractQuotes(article: QuoteArticle, found?: { entities: Entity[]; mentions: EntityMention[] }): Quote[] {
  return extractQuotesTraced(article, found).map((t) => t.quote);
}

/** A quote with the name of the rule that found its speaker (for error analysis). */
export interface TracedQuote {
  quote: Quote;
  rule: string;
}

/** `extractQuotes`, with each quote's attribution rule. */
export function extractQuotesTraced(article: QuoteArticle, found?: { entities: Entity[]; mentions: EntityMention[] }): TracedQuote[] {
  const { text } = article;
  const ents = found ?? extractEntities(text);
  const tokens = tokenizeNames(text);
  const spans = findQuotedSpans(text, article.paragraphs);
  const ctx = attributionContext(text, tokens, ents.mentions, ents.entities, spans.map((q) => q.inner));
  const sents: Span[] = [];
  for (const p of article.paragraphs) appendAll(sents, sentences(text, p));
  const nextLongOpen = nextLongQuoteOpens(text, spans);
  const out: TracedQuote[] = [];
  let previous: Quote | null = null;
  let previousSpan: QuotedSpan | null = null;
  for (let i = 0; i < spans.length; i++) {
    const q = spans[i]!;
    const leftFrom = Math.max(sentenceStart(sents, q.open), previousSpan && previousSpan.close <= q.open ? previousSpan.close : 0, article.paragraphs[q.firstParagraph]![0]);
    const nextOpen = nextLongOpen[i + 1]!;
    const rightTo = Math.min(rightLimit(text, sents, q, nextOpen), nextOpen, article.paragraphs[q.lastParagraph]![1]);
    const partial = isPartial(ctx, leftFrom, q.open);
    const words = countWords(text, q.inner);
    const opensSentence = text.slice(leftFrom, q.open).trim() === '';
    const rules: Array<[string, () => Attribution | null]> = partial
      ? [['left', () => fromLeft(ctx, leftFrom, q.open)], ['right', () => fromRight(ctx, q.close, rightTo)]]
      : [
        ['dash', () => speakerAfterDash(ctx, q.close)],
        ['right', () => fromRight(ctx, q.close, rightTo)],
        ['left', () => fromLeft(ctx, leftFrom, q.open)],
        ['left-subject', () => clauseBeforeCue(ctx, sentenceStart(sents, q.open), leftFrom, q.open)],
        ['right-name', () => speakerRightAfter(ctx, tokenAt(tokens, q.close), tokenAt(tokens, rightTo))],
        ['sentence-before', () => (opensSentence ? fromSentenceBefore(ctx, sents, q.open) : null)],
        ['chain', () => (opensSentence && previous && previousSpan && previousSpan.lastParagraph >= q.firstParagraph - 1
          ? { cue: null, speaker: previous.speaker, speakerSpan: previous.speakerSpan } : null)],
        ['colon', () => (/:\s*$/.test(text.slice(leftFrom, q.open)) ? speakerBeforeColon(ctx, tokenAt(tokens, leftFrom), tokenAt(tokens, q.open)) : null)],
        ['colon-subject', () => (/:\s*$/.test(text.slice(leftFrom, q.open)) ? clauseSubject(ctx, tokenAt(tokens, sentenceStart(sents, q.open)), tokenAt(tokens, q.open)) : null)],
        ['colon-before', () => fromColonBefore(ctx, article.paragraphs, sents, q)],
        ['paragraph-before', () => (q.open === article.paragraphs[q.firstParagraph]![0] ? fromParagraphBefore(ctx, article.paragraphs, sents, q, previousSpan) : null)],
      ];
    let att: Attribution | null = null;
    let rule = 'none';
    for (const [name, find] of rules) {
      att = find();
      if (att) { rule = name; break; }
    }
    if (!att && (partial || words < 4)) { previousSpan = q; continue; }
    if (partial && words < 3) { previousSpan = q; continue; }
    const quote: Quote = {
      id: `${article.id}:${q.inner[0]}`,
      article: article.id,
      text: text.slice(q.inner[0], q.inner[1]).replace(/\s*\n\s*(?:["\u201c\u201d'\u2018\u2019]{1,2}\s*)?/g, ' '),
      span: q.inner,
      speaker: att?.speaker ?? null,
      speakerSpan: att?.speakerSpan ?? null,
      cue: att?.cue ?? null,
      indirect: false,
      partial,
    };
    out.push({ quote, rule });
    previous = quote;
    previousSpan = q;
  }
  for (const quote of indirectQuotes(article.id, ctx, sents)) out.push({ quote, rule: 'indirect' });
  return out.map(({ quote, rule }) => ({ quote: tidySpeaker(text, quote), rule })).sort((a, b) => a.quote.span[0] - b.quote.span[0]);
}

/** For each i, where the first quote of 4 words or more at or after `spans[i]` opens (text.length when none). */
function nextLongQuoteOpens(text: string, spans: QuotedSpan[]): number[] {
  const out = new Array<number>(spans.length + 1);
  out[spans.length] = text.length;
  for (let j = spans.length - 1; j >= 0; j--) out[j] = countWords(text, spans[j]!.inner) >= 4 ? spans[j]!.open : out[j + 1]!;
  return out;
}

function countWords(text: string, [b, e]: Span): number {
  let n = 0;
  let inWord = false;
  for (let i = b; i < e; i++) {
    const space = text.charCodeAt(i) <= 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

function sentenceStart(sents: Span[], offset: number): number {
  let lo = 0;
  let hi = sents.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sents[mid]![1] <= offset) lo = mid + 1;
    else hi = mid;
  }
  const s = sents[lo];
  return s && s[0] <= offset ? s[0] : offset;
}

/**
 * Where the words after a quote stop counting as its attribution. A quote that ends its own sentence
 * ('..."' then a capital) reaches into the next sentence only when that one is a short tag with no
 * quote of its own ('"Why now?" Clinton asked.'), not a new statement ('He added, "..."').
 */
function rightLimit(text: string, sents: Span[], q: QuotedSpan, nextOpen: number): number {
  const end = Math.min(sentenceEndAfter(sents, q.close), nextOpen);
  let k = q.close - 1;
  while (k > q.inner[0] && /["'\u201c\u201d\u2018\u2019\s]/.test(text[k]!)) k--;
  if (!/[.?!]/.test(text[k]!)) return end;
  const after = text.slice(q.close, end);
  const lead = /^\s*(\S)/.exec(after)?.[1] ?? '';
  if (lead === '' || !/\p{Lu}/u.test(lead)) return end;
  if (end === nextOpen || /:\s*$/.test(after)) return q.close;
  const words = after.trim().split(/\s+/);
  if (words.length <= 10 && /[.!?]\s*$/.test(after)) return end;
  // '"Who do they think they are?" Trump said of Apple in February, when ...'
  if (text[k] !== '.' && words.slice(0, 6).some((w) => CUE_VERBS.has(w.toLowerCase().replace(/[^a-z]/g, '')))) return end;
  return q.close;
}

/** End of the sentence that holds `offset`, or of the next one when a sentence ends right there. */
function sentenceEndAfter(sents: Span[], offset: number): number {
  for (let lo = 0, hi = sents.length; ;) {
    if (lo >= hi) return sents[lo]?.[1] ?? offset;
    const mid = (lo + hi) >> 1;
    if (sents[mid]![1] <= offset) lo = mid + 1;
    else hi = mid;
  }
}

const TELL = new Set(['told', 'tells', 'tell', 'telling', 'asked', 'asks', 'ask', 'asking', 'informed', 'informs', 'reminded', 'warned', 'assured', 'urged']);
const BETWEEN = new Set(['simply', 'then', 'again', 'later', 'also', 'bluntly', 'flatly', 'only', 'today', 'yesterday', 'tonight', 'recently', 'earlier', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'in', 'a', 'an', 'the', 'statement', 'interview', 'on', 'at', 'with']);

/** Words between a cue and its quote that keep the quote whole: none, time words, or a listener after "told". */
function leadsIntoQuote(ctx: AttributionContext, cue: number, quote: number): boolean {
  const between = ctx.tokens.slice(cue + 1, quote);
  if (between.length === 0) return !WEAK_CUES.has(ctx.tokens[cue]!.w);
  if (between.length <= 3 && TELL.has(ctx.tokens[cue]!.w) && !between.some((t) => t.w === 'that')) return true;
  return between.length <= 4 && between.every((t) => BETWEEN.has(t.w));
}

/** The quote continues the writer's sentence ('means that "...', 'branded the group "...') rather than following a cue. */
function isPartial(ctx: AttributionContext, from: number, open: number): boolean {
  const left = ctx.text.slice(from, open).trimEnd();
  if (left.trim() === '' || /[:\u2014]$/.test(left) || /\b(?:said|says|told|added|wrote|asked|declared|stated)\s*[:,]?$/.test(left)) return false;
  const t0 = tokenAt(ctx.tokens, from);
  const t1 = tokenAt(ctx.tokens, open);
  if (t1 <= t0) return false;
  const cue = findCue(ctx, Math.max(t0, t1 - 5), t1, false);
  if (cue >= 0 && left.endsWith(',')) return false;
  if (cue >= 0 && leadsIntoQuote(ctx, cue, t1)) return false;
  if (left.endsWith(',') && /\baccording to\b/i.test(left)) return false;
  return true;
}

function fromRight(ctx: AttributionContext, from: number, to: number): Attribution | null {
  const t0 = tokenAt(ctx.tokens, from);
  const t1 = tokenAt(ctx.tokens, to);
  const cue = findCue(ctx, t0, t1, true);
  if (cue < 0) return null;
  let lead = t0;
  while (lead < cue && CUE_ADVERBS.has(ctx.tokens[lead]!.w)) lead++;
  const who = lead < cue ? subjectBefore(ctx, cue, t0) : subjectAfter(ctx, cue, t1);
  return who ? { ...who, cue: cueText(ctx, cue) } : null;
}

function fromLeft(ctx: AttributionContext, from: number, to: number): Attribution | null {
  const t0 = tokenAt(ctx.tokens, from);
  const t1 = tokenAt(ctx.tokens, to);
  const cue = findCue(ctx, t0, t1, false);
  if (cue < 0) return null;
  const who = (ctx.tokens[cue]!.w === 'according' ? null : subjectBefore(ctx, cue, t0)) ?? subjectAfter(ctx, cue, t1);
  return who ? { ...who, cue: cueText(ctx, cue) } : null;
}

/** 'Trump told Newsmax that Romney "...," adding, "..."', 'The email went on to say, "..."': a cue with no subject of its own takes the sentence's. */
function clauseBeforeCue(ctx: AttributionContext, sentence: number, from: number, to: number): Attribution | null {
  const t1 = tokenAt(ctx.tokens, to);
  const cue = findCue(ctx, tokenAt(ctx.tokens, from), t1, false);
  if (cue < 0) return null;
  const w = ctx.tokens[cue]!.w;
  const before = ctx.tokens[cue - 1]?.w ?? '';
  if (!w.endsWith('ing') && !/^(to|by|upon|on)$/.test(before)) return null;
  const who = clauseSubject(ctx, tokenAt(ctx.tokens, sentence), cue);
  return who ? { ...who, cue: cueText(ctx, cue) } : null;
}

/** 'Peskov said in a statement:' ending the sentence or paragraph before a quote that opens its own. */
function fromColonBefore(ctx: AttributionContext, paragraphs: Span[], sents: Span[], q: QuotedSpan): Attribution | null {
  const paraStart = paragraphs[q.firstParagraph]![0];
  const before = q.open === paraStart && q.firstParagraph > 0 ? paragraphs[q.firstParagraph - 1]![1] : q.open;
  const head = ctx.text.slice(Math.max(0, before - 3), before).trimEnd();
  if (!head.endsWith(':')) return null;
  const from = sentenceStart(sents, before - 1);
  return fromLeft(ctx, from, before) ?? speakerBeforeColon(ctx, tokenAt(ctx.tokens, from), tokenAt(ctx.tokens, before));
}

/** 'Valastro praised Christie's leadership.' then a paragraph that is only a quote: the person the paragraph before was about. */
function fromParagraphBefore(ctx: AttributionContext, paragraphs: Span[], sents: Span[], q: QuotedSpan, previous: QuotedSpan | null): Attribution | null {
  if (q.firstParagraph === 0) return null;
  const para = paragraphs[q.firstParagraph - 1]!;
  if (previous && previous.close > para[0]) return null;
  const from = sentenceStart(sents, para[1] - 1);
  return firstPerson(ctx, tokenAt(ctx.tokens, from), tokenAt(ctx.tokens, para[1]));
}
