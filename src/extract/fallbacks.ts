import type { Span } from '../core/types.js';
import {
  gap, insideQuote, isCue, pronoun, npName, subjectAfter, subjectBefore, tokenAt,
  type Attribution, type AttributionContext,
} from './attribution.js';

/*
 * Attribution for quotes without a cue beside them: a name signed after a dash, a name and any verb
 * right after the quote, the sentence before, the sentence's subject before a colon.
 */

/** First person named (or pronoun) in tokens [from, to): the subject of a sentence that introduces a quote. */
export function firstPerson(ctx: AttributionContext, from: number, to: number): Attribution | null {
  for (let i = from; i < to; i++) {
    const t = ctx.tokens[i]!;
    const m = ctx.mentionStarts.get(t.b);
    if (m && ctx.entities.get(m.entity)?.kind === 'person') return { cue: null, speaker: m.entity, speakerSpan: m.span };
    if (t.w === 'he' || t.w === 'she') return pronoun(ctx, i);
  }
  return null;
}

/** Words that cannot be the verb of a speaker tag ('"...," Trump of New York'). */
const NOT_TAG_VERB = new Set(['of', 'in', 'on', 'at', 'for', 'from', 'to', 'with', 'by', 'and', 'or', 'but', 'the', 'a', 'an', 'who', 'which', 'that', 'as', 'if', 'than', 'about', 'after', 'before', 'during', 'since', 'into', 'over', 'under']);

/**
 * '"...," Trump barked', '"...," an angry Hollande retaliated', '"...," her husband cut in': a name,
 * pronoun or short noun phrase right after the quote, then a verb, when no cue is known.
 */
export function speakerRightAfter(ctx: AttributionContext, from: number, to: number): Attribution | null {
  const { tokens } = ctx;
  if (from >= to) return null;
  let found: Attribution | null = null;
  let after = from;
  for (let i = from; i < to && i - from <= 3 && !found; i++) {
    const t = tokens[i]!;
    const m = ctx.mentionStarts.get(t.b);
    if (m && ctx.entities.get(m.entity)?.kind !== 'place') {
      after = tokenAt(tokens, m.span[1]);
      found = { cue: null, speaker: m.entity, speakerSpan: [tokens[from]!.b, m.span[1]] };
      if (i === from) found.speakerSpan = m.span;
    } else if (i === from && (t.w === 'he' || t.w === 'she')) {
      after = from + 1;
      found = pronoun(ctx, from);
    } else if (i === from && !/^(a|an|the|her|his|their|another|one)$/.test(t.w)) {
      return null;
    } else if (i > from && (t.cap || t.poss)) {
      return null;
    } else if (i > from && i + 1 < to && !tokens[i + 1]!.cap && /\b(?:husband|wife|son|daughter|father|mother|brother|sister|friend|man|woman|voter|supporter|protester|host|moderator|crowd|audience|spokesman|spokeswoman|aide)s?$/.test(t.w)) {
      after = i + 1;
      const span: Span = [tokens[from]!.b, t.e];
      found = { cue: null, speaker: npName(ctx, span), speakerSpan: span };
    }
    if (found && /[,.;:!?]/.test(gap(ctx, after - 1))) return null;
  }
  const verb = tokens[after];
  if (!found || !verb || after >= to || verb.cap || verb.poss || !/^[a-z]+$/.test(verb.w) || NOT_TAG_VERB.has(verb.w)) return null;
  return { ...found, cue: ctx.text.slice(verb.b, verb.e) };
}

/** 'doesn't surprise Republican pollster Daron Shaw:' — the person named right before a colon, else the sentence's first person. */
export function speakerBeforeColon(ctx: AttributionContext, from: number, to: number): Attribution | null {
  const last = ctx.tokens[to - 1];
  if (last) {
    const m = ctx.mentionEnds.get(last.e);
    if (m && ctx.entities.get(m.entity)?.kind === 'person') return { cue: null, speaker: m.entity, speakerSpan: m.span };
  }
  return firstPerson(ctx, from, to);
}

/**
 * A quote that opens its sentence, after a sentence with a cue of its own outside quote marks
 * ('"...," Schumer said Tuesday. "If they did, ..."', 'Sinovic said in a statement. "..."'): that cue's source.
 */
export function fromSentenceBefore(ctx: AttributionContext, sents: Span[], open: number): Attribution | null {
  let lo = 0;
  let hi = sents.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sents[mid]![1] <= open) lo = mid + 1;
    else hi = mid;
  }
  const prev = sents[lo - 1];
  if (!prev || /\n\s*\n/.test(ctx.text.slice(prev[1], open)) && !/[.]\s*$/.test(ctx.text.slice(prev[0], prev[1]))) return null;
  const t0 = tokenAt(ctx.tokens, prev[0]);
  const t1 = tokenAt(ctx.tokens, prev[1]);
  let floor = t0;
  for (let i = t0; i < t1; i++) {
    const t = ctx.tokens[i]!;
    if (insideQuote(ctx.quoted, t.b)) { floor = i + 1; continue; }
    const according = t.w === 'according' && ctx.tokens[i + 1]?.w === 'to';
    if (!according && !(isCue(t) && SURE_CUE_FORM.test(t.w))) continue;
    const who = according ? subjectAfter(ctx, i, t1) : subjectBefore(ctx, i, floor) ?? subjectAfter(ctx, i, t1);
    return who ? { ...who, cue: null } : null;
  }
  return null;
}

/** Cue forms that are verbs wherever they stand ("said", "added", "says"), unlike "state" or "note". */
const SURE_CUE_FORM = /(?:ed|id|ld|ote|says|tells|adds|writes|notes|asks|explains|insists|argues|continues|claims|recalls)$/;

/** '"..." \u2015 Jacklyn Ashley', '"..." -Michelle Marks, Philadelphia': a name signed after a dash right after the quote. */
export function speakerAfterDash(ctx: AttributionContext, close: number): Attribution | null {
  const m = /^[ \t\u00a0]*[\u2015\u2014\u2013-]{1,2}[ \t\u00a0]*(?=\p{Lu})/u.exec(ctx.text.slice(close, close + 8));
  if (!m) return null;
  const j = tokenAt(ctx.tokens, close + m[0].length);
  const first = ctx.tokens[j];
  if (!first || !first.cap) return null;
  const named = ctx.mentionStarts.get(first.b);
  if (named) return { cue: null, speaker: named.entity, speakerSpan: named.span };
  let last = j;
  while (last - j < 4 && ctx.tokens[last + 1]?.cap && /^ $|^\. $/.test(gap(ctx, last))) last++;
  const span: Span = [first.b, ctx.tokens[last]!.e];
  return { cue: null, speaker: ctx.text.slice(span[0], span[1]), speakerSpan: span };
}

const SUBORDINATORS = new Set(['when', 'after', 'as', 'while', 'if', 'because', 'since', 'although', 'though', 'before', 'once', 'in', 'on', 'at', 'during', 'for', 'with', 'by', 'from', 'to', 'still', 'but', 'and', 'so', 'yet', 'then', 'later', 'earlier', 'now', 'here']);
const DETERMINERS = new Set(['the', 'a', 'an', 'her', 'his', 'their', 'its', 'our', 'my', 'this', 'that']);
const NP_STOP = new Set(['as', 'is', 'was', 'are', 'were', 'has', 'had', 'have', 'went', 'goes', 'will', 'would', 'then', 'also', 'quickly', 'who', 'which', 'that', 'in', 'on', 'at', 'of', 'to']);

/**
 * The subject of the sentence in tokens [from, to), quotes skipped: its first name or pronoun once a
 * leading clause ('When Wallace died in 1998, ...', 'In an interview, ...') is passed, else the noun
 * phrase it opens with ('The email went on to say', 'Partial transcript as follows:').
 */
export function clauseSubject(ctx: AttributionContext, from: number, to: number): Attribution | null {
  const { tokens } = ctx;
  let i = from;
  while (i < to && insideQuote(ctx.quoted, tokens[i]!.b)) i++;
  if (i < to && SUBORDINATORS.has(tokens[i]!.w)) {
    let k = i;
    while (k < to && !/,/.test(gap(ctx, k))) k++;
    if (k + 1 < to) i = k + 1;
  }
  const start = i;
  for (; i < to; i++) {
    const t = tokens[i]!;
    if (insideQuote(ctx.quoted, t.b)) continue;
    const m = ctx.mentionStarts.get(t.b);
    if (m && ctx.entities.get(m.entity)?.kind !== 'place') return { cue: null, speaker: m.entity, speakerSpan: m.span };
    if (/^(he|she|they|it|i|we)$/.test(t.w)) return pronoun(ctx, i);
    if (i === start && (DETERMINERS.has(t.w) || (t.cap && !/[,.;:]/.test(gap(ctx, i))))) {
      let k = i + 1;
      while (k < to && k - i < 6 && !NP_STOP.has(tokens[k]!.w) && !/ed$/.test(tokens[k]!.w) && !isCue(tokens[k]!)) {
        if (/[,.;:!?()]/.test(gap(ctx, k))) { k++; break; }
        k++;
      }
      if (k - 1 <= i && DETERMINERS.has(t.w)) return null;
      const span: Span = [t.b, tokens[k - 1]!.e];
      return { cue: null, speaker: npName(ctx, span), speakerSpan: span };
    }
  }
  return null;
}
