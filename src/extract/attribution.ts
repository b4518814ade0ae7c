import type { Entity, EntityMention, Span } from '../core/types.js';
import { CUE_ADVERBS, CUE_VERBS, DEMONYMS, HONORIFICS, NON_NAME_CAPS, PLACES, PRONOUNS, WEAK_CUES } from './lexicon.js';
import type { Token } from './names.js';

/** What one article offers attribution: its words, its mentions, its entities. */
export interface AttributionContext {
  text: string;
  tokens: Token[];
  mentions: EntityMention[];
  /** Mention by the offset its span ends at, and by the offset it starts at. */
  mentionEnds: Map<number, EntityMention>;
  mentionStarts: Map<number, EntityMention>;
  entities: Map<string, Entity>;
  /** Quoted spans (sorted): names inside quotes are never a pronoun's antecedent. */
  quoted: Span[];
}

/** A cue verb and the source it attributes, as found beside a quote. */
export interface Attribution {
  cue: string | null;
  speaker: string | null;
  speakerSpan: Span | null;
}

export function attributionContext(text: string, tokens: Token[], mentions: EntityMention[], entities: Entity[], quoted: Span[] = []): AttributionContext {
  const mentionEnds = new Map<number, EntityMention>();
  const mentionStarts = new Map<number, EntityMention>();
  for (const m of mentions) {
    mentionEnds.set(m.span[1], m);
    mentionStarts.set(m.span[0], m);
  }
  return { text, tokens, mentions, mentionEnds, mentionStarts, entities: new Map(entities.map((e) => [e.name, e])), quoted };
}

/** Index of the first token starting at or after `offset`. */
export function tokenAt(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.b < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const isCue = (t: Token) => CUE_VERBS.has(t.w) && !t.poss && !(t.cap && !t.initial);
export const gap = (ctx: AttributionContext, i: number) => ctx.text.slice(ctx.tokens[i]!.e, ctx.tokens[i + 1]?.b ?? ctx.tokens[i]!.e);
/** A quote mark in a gap between words: double marks, doubled apostrophes, or an apostrophe closing after punctuation. */
export const QUOTE_GAP = /["\u201c\u201d\u00ab\u00bb]|['\u2018\u2019]{2}|[,.!?]['\u2019]/;

/** A sentence or clause ends after token i (an abbreviation's period does not count). */
export function sentenceBreak(ctx: AttributionContext, i: number): boolean {
  const g = gap(ctx, i);
  if (/[;:!?]/.test(g)) return true;
  if (!g.includes('.') || !/\s/.test(g) || /^\.\)?[,;]/.test(g)) return false; // "D-N.Y", "Pa.,"
  const next = ctx.tokens[i + 1];
  if (/^\.\)\s+$/.test(g) && next && !next.cap) return false; // "(D-N.Y.) said"

  const t = ctx.tokens[i]!;
  return !(t.e - t.b === 1 || HONORIFICS.has(t.w) || ctx.text.slice(t.b, t.e).includes('.'));
}

/** The cue token nearest the quote in `[from, to)` tokens: first after it, or last before it. */
export function findCue(ctx: AttributionContext, from: number, to: number, after: boolean): number {
  const { tokens } = ctx;
  if (after) {
    for (let i = from; i < to && i - from <= 14; i++) {
      const t = tokens[i]!;
      if (t.w === 'according' && tokens[i + 1]?.w === 'to') return i;
      if (isCue(t) && (!WEAK_CUES.has(t.w) || i - from <= 3)) return i;
      if (sentenceBreak(ctx, i)) break;
    }
    return -1;
  }
  for (let i = to - 1; i >= from && to - i <= 40; i--) {
    const t = tokens[i]!;
    if (t.w === 'according' && tokens[i + 1]?.w === 'to') return i;
    if (isCue(t) && (!WEAK_CUES.has(t.w) || to - i <= 4)) return i;
  }
  return -1;
}

export function cueText(ctx: AttributionContext, cue: number): string {
  const t = ctx.tokens[cue]!;
  if (t.w === 'according') return ctx.text.slice(t.b, ctx.tokens[cue + 1]!.e);
  return ctx.text.slice(t.b, t.e);
}

/** The source before a cue: "Kalle Laanet told", "he said", "Smith, the U.S. ambassador to NATO, said". */
export function subjectBefore(ctx: AttributionContext, cue: number, floor: number): Attribution | null {
  const { tokens } = ctx;
  if (tokens[cue]!.w.endsWith('ing')) return participle(ctx, cue, floor);
  let j = cue - 1;
  while (j >= floor && CUE_ADVERBS.has(tokens[j]!.w) && !/,/.test(gap(ctx, j))) j--;
  if (j >= floor && gap(ctx, j).includes(')')) {
    // "Rep. Earl Blumenauer (D-Ore.) said": step over the parenthesis.
    let k = j;
    while (k >= floor && !gap(ctx, k).includes('(')) k--;
    if (k >= floor && j - k <= 8) j = k;
  }
  if (j < floor) return null;
  if (sentenceBreak(ctx, j) || QUOTE_GAP.test(gap(ctx, j))) return null;
  // Appositive: "Julianne Smith, the U.S. ambassador to NATO, said".
  if (gap(ctx, j).includes(',')) {
    // "Federico Lombardi, told": the person right before the comma.
    const named = ctx.mentionEnds.get(tokens[j]!.e);
    if (named && ctx.entities.get(named.entity)?.kind === 'person') return { cue: null, speaker: named.entity, speakerSpan: named.span };
    for (let k = j - 1; k >= floor && j - k <= 30; k--) {
      if (!gap(ctx, k).includes(',')) continue;
      const found = sourceEndingAt(ctx, k);
      if (found) return found;
    }
    return null;
  }
  // "X said ..., and noted that": the subject of the cue before.
  if (tokens[j]!.w === 'and' || tokens[j]!.w === 'but') {
    const earlier = findCue(ctx, floor, j, false);
    return earlier >= 0 ? subjectBefore(ctx, earlier, floor) : null;
  }
  return sourceEndingAt(ctx, j) ?? nounPhrase(ctx, j, floor);
}

/** The source after a cue: "said Geoff Garin, a Democratic pollster", "according to the report". */
export function subjectAfter(ctx: AttributionContext, cue: number, to: number): Attribution | null {
  const { tokens } = ctx;
  let j = cue + (tokens[cue]!.w === 'according' ? 2 : 1);
  if (j >= to || /[.;!?"\u201c\u201d]/.test(gap(ctx, j - 1))) return null;
  let k = j;
  while (k < to && k - j < 9 && !sentenceBreak(ctx, k) && !/[,"\u201c\u201d(]/.test(gap(ctx, k))) k++;
  const end = Math.min(k, to - 1);
  for (let i = j; i <= end; i++) {
    const m = ctx.mentionStarts.get(tokens[i]!.b);
    if (m) return { cue: null, speaker: m.entity, speakerSpan: m.span };
  }
  const first = tokens[j]!;
  if (PRONOUNS.has(first.w)) return pronoun(ctx, j);
  if (first.cap && !NON_NAME_CAPS.has(first.w) && !DEMONYMS.has(first.w)) {
    // A name the entity rules did not keep ("said Al From", "opined Cleveland's Plain Dealer").
    let last = j;
    while (last < end && tokens[last + 1]!.cap && !/[,.;:!?()"\u201c\u201d]/.test(gap(ctx, last))) last++;
    const span: Span = [first.b, tokens[last]!.e];
    return { cue: null, speaker: ctx.text.slice(span[0], span[1]).replace(/['\u2019]s$/, ''), speakerSpan: span };
  }
  if (!/^(the|a|an|another|his|her|their|its|this|these|those|both|one|two|three|several|some|many|senior|top)$/.test(first.w)) return null;
  const span: Span = [first.b, tokens[end]!.e];
  return { cue: null, speaker: describedSpeaker(ctx, tokens[end]!.w, span), speakerSpan: span };
}

/** "Albright urged women to vote, saying": the first name or pronoun of the clause before the participle. */
function participle(ctx: AttributionContext, cue: number, floor: number): Attribution | null {
  const j = cue - 1;
  let k = j;
  while (k >= floor && !(k < j && gap(ctx, k).includes(','))) k--;
  for (let i = Math.max(k + 1, floor); i <= j; i++) {
    const m = ctx.mentionStarts.get(ctx.tokens[i]!.b);
    if (m) return { cue: null, speaker: m.entity, speakerSpan: m.span };
    const w = ctx.tokens[i]!.w;
    if (w === 'he' || w === 'she' || w === 'they' || w === 'we' || w === 'i') return pronoun(ctx, i);
  }
  return null;
}

function sourceEndingAt(ctx: AttributionContext, j: number): Attribution | null {
  const t = ctx.tokens[j]!;
  const m = ctx.mentionEnds.get(t.e);
  if (m) return { cue: null, speaker: m.entity, speakerSpan: m.span };
  if (PRONOUNS.has(t.w) && t.w !== 'who') return pronoun(ctx, j);
  if (t.cap && !t.initial && !NON_NAME_CAPS.has(t.w) && !PLACES.has(t.w) && !DEMONYMS.has(t.w)) {
    // A name the entity rules did not keep ("Sarandon, 69, told"): the word itself.
    return { cue: null, speaker: ctx.text.slice(t.b, t.e).replace(/['\u2019]s$/, ''), speakerSpan: [t.b, t.e] };
  }
  if (t.w === 'who') {
    // "Smith, who ... said": the name before the relative pronoun.
    for (let k = j - 1; k >= 0 && j - k <= 3; k--) {
      const found = ctx.mentionEnds.get(ctx.tokens[k]!.e);
      if (found) return { cue: null, speaker: found.entity, speakerSpan: found.span };
    }
  }
  return null;
}

/** "the spokesman", "a senior administration official", "officials": a role to resolve or a description. */
function nounPhrase(ctx: AttributionContext, j: number, floor: number): Attribution | null {
  const { tokens } = ctx;
  const head = tokens[j]!;
  if (head.cap && !head.initial) return null;
  if (/^(that|which|this|it|there|what|and|or|but|not|to)$/.test(head.w)) return null;
  // "Computerandvideogames.com told": the tail of a web address is no noun phrase.
  if (/[.\/@]/.test(ctx.text[head.b - 1] ?? '')) return null;
  let k = j;
  while (k - 1 >= floor && j - k < 6 && !/[,.;:!?"\u201c\u201d]/.test(gap(ctx, k - 1))) {
    const w = tokens[k - 1]!.w;
    if (CUE_VERBS.has(w) || /^(that|which|and|but|while|as|when|if|because)$/.test(w)) break;
    k--;
    if (/^(the|a|an|his|her|their|its)$/.test(w)) break;
  }
  const span: Span = [tokens[k]!.b, head.e];
  return { cue: null, speaker: describedSpeaker(ctx, head.w, span), speakerSpan: span };
}

/**
 * Who a description names: the person whose role it is ("the spokesman"), the organisation last
 * named before for "the company" / "the firm", else the description itself ("a senior official").
 * A bare organisation noun with no organisation before it names nobody.
 */
function describedSpeaker(ctx: AttributionContext, head: string, span: Span): string | null {
  const role = resolveRole(ctx, head, span[0]);
  if (role) return role;
  if (ORGANISATION_NOUNS.has(head)) return nearestBefore(ctx, span[0], 'organization');
  return npName(ctx, span);
}

/** Nouns that stand for an organisation just named: "the company said", "the firm added". */
const ORGANISATION_NOUNS = new Set(['company', 'firm', 'group', 'bank', 'corporation', 'business', 'carrier', 'airline', 'retailer', 'insurer', 'maker', 'manufacturer', 'utility', 'broker', 'brokerage']);

/** Characters back an organisation is looked for. */
const ORGANISATION_REACH = 600;

/** The entity of `kind` mentioned last before `offset` (outside quotes and parentheses), or null. */
function nearestBefore(ctx: AttributionContext, offset: number, kind: 'person' | 'organization'): string | null {
  // "It" and "the company" point back a sentence or two; a person is followed further.
  const reach = kind === 'person' ? 3000 : ORGANISATION_REACH;
  for (let i = lastMentionBefore(ctx, offset); i >= 0; i--) {
    const m = ctx.mentions[i]!;
    if (offset - m.span[1] > reach) break;
    if (inParentheses(ctx.text, m.span[0]) || insideQuote(ctx.quoted, m.span[0]) || inTicker(ctx.text, m.span)) continue;
    if (kind === 'organization' && modifiesNoun(ctx, m)) continue;
    if (ctx.entities.get(m.entity)?.kind === kind) return m.entity;
  }
  return null;
}

/**
 * "RFID chips", "IMF staff": an acronym followed by a lower-case word other than a cue verb is a
 * modifier, not the subject an "it" or "the company" points back to.
 */
function modifiesNoun(ctx: AttributionContext, m: EntityMention): boolean {
  const name = ctx.text.slice(m.span[0], m.span[1]);
  if (!/^[A-Z]{2,6}$/.test(name)) return false;
  const next = /^ ([a-z]+)/.exec(ctx.text.slice(m.span[1], m.span[1] + 30));
  return next !== null && !CUE_VERBS.has(next[1]!);
}

export function npName(ctx: AttributionContext, span: Span): string {
  return ctx.text.slice(span[0], span[1]).replace(/^(the|a|an)\s+/i, '');
}

/** "he"/"she": the nearest person mentioned before; "they"/"it": the nearest organisation. */
export function pronoun(ctx: AttributionContext, j: number): Attribution {
  const t = ctx.tokens[j]!;
  const span: Span = [t.b, t.e];
  const wantPerson = t.w === 'he' || t.w === 'she';
  if (!wantPerson && t.w !== 'they' && t.w !== 'it') return { cue: null, speaker: null, speakerSpan: span };
  return { cue: null, speaker: nearestBefore(ctx, t.b, wantPerson ? 'person' : 'organization'), speakerSpan: span };
}

export function lastMentionBefore(ctx: AttributionContext, offset: number): number {
  let lo = 0;
  let hi = ctx.mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ctx.mentions[mid]!.span[1] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The person whose role ends in `head` ("spokesman" → "Kremlin spokesman Dmitry Peskov"), nearest before `offset`. */
function resolveRole(ctx: AttributionContext, head: string, offset: number): string | null {
  if (head.length < 3) return null;
  for (let i = lastMentionBefore(ctx, offset); i >= 0; i--) {
    const e = ctx.entities.get(ctx.mentions[i]!.entity);
    if (e?.kind === 'person' && e.roles.some((r) => r.toLowerCase().split(/[\s-]+/).includes(head))) return e.name;
  }
  return null;
}

/** "Rhone-Poulenc <RHON.PA>": a name inside a ticker's angle brackets is no antecedent. */
function inTicker(text: string, span: Span): boolean {
  if (text[span[1]] !== '>') return false;
  const open = text.lastIndexOf('<', span[0]);
  return open >= 0 && span[0] - open <= 12;
}

/** True when `at` sits inside an open parenthesis on its line: photo credits, asides. */
function inParentheses(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0 && at - i < 200; i--) {
    const c = text[i];
    if (c === ')' || c === '\n') return false;
    if (c === '(') return true;
  }
  return false;
}

export function insideQuote(quoted: Span[], at: number): boolean {
  let lo = 0;
  let hi = quoted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (quoted[mid]![1] <= at) lo = mid + 1;
    else hi = mid;
  }
  const q = quoted[lo];
  return q !== undefined && q[0] <= at;
}

