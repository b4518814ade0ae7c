import type { Quote, Span } from '../core/types.js';
import { gap, insideQuote, subjectAfter, subjectBefore, tokenAt, type Attribution, type AttributionContext } from './attribution.js';

/** Cue verbs that report speech in indirect quotes ("X said the talks failed"); not "called", "noted", "asked". */
const REPORT_VERBS = new Set([
  'said', 'says', 'told', 'tells', 'added', 'adds', 'warned', 'warns', 'argued', 'argues', 'insisted', 'insists',
  'claimed', 'claims', 'stated', 'states', 'explained', 'explains', 'announced', 'announces', 'acknowledged',
  'acknowledges', 'admitted', 'admits', 'conceded', 'concedes', 'predicted', 'predicts', 'declared', 'declares',
  'maintained', 'maintains', 'contended', 'contends', 'stressed', 'stresses', 'emphasized', 'emphasizes',
]);
const TELL = new Set(['told', 'tells']);
/** Report verbs that also take a plain object ("announced a series of steps"): indirect only with "that". */
const NEED_THAT = new Set(['announced', 'announces', 'acknowledged', 'acknowledges', 'admitted', 'admits', 'conceded', 'concedes',
  'predicted', 'predicts', 'declared', 'declares', 'maintained', 'maintains', 'stressed', 'stresses', 'emphasized', 'emphasizes', 'explained', 'explains', 'stated', 'states']);
const MIN_WORDS = 5;

/**
 * Reported speech with no quote marks, where the source is a name or a pronoun that resolves to one:
 * 'Stoltenberg said (that) the alliance would not yield.', 'X told reporters that ...', and the content
 * first: 'The alliance will not yield, Stoltenberg said.' Sentences holding a quote mark are left to the
 * direct-quote rules. Each is flagged `indirect: true`; the content is the reported clause.
 */
export function indirectQuotes(articleId: string, ctx: AttributionContext, sents: Span[]): Quote[] {
  const out: Quote[] = [];
  for (const s of sents) {
    const sentence = ctx.text.slice(s[0], s[1]);
    if (/["\u201c\u201d\u2018\u00ab\u00bb]|''|(?:^|\s)'\w/.test(sentence) || !/[.!]$/.test(sentence)) continue;
    const found = reportedClause(ctx, s);
    if (found) out.push(toQuote(articleId, ctx, found.content, found.att));
  }
  return out;
}

interface Found { content: Span; att: Attribution }

function reportedClause(ctx: AttributionContext, [from, to]: Span): Found | null {
  const { tokens } = ctx;
  const t0 = tokenAt(tokens, from);
  const t1 = tokenAt(tokens, to);
  for (let i = t0; i < t1; i++) {
    const t = tokens[i]!;
    if (!REPORT_VERBS.has(t.w) || t.cap || insideQuote(ctx.quoted, t.b)) continue;
    // Content first: 'The alliance will not yield, Stoltenberg said (on Tuesday).'
    let comma = i - 1;
    while (comma >= t0 && i - comma <= 5 && !gap(ctx, comma).includes(',')) comma--;
    if (comma >= t0 + MIN_WORDS - 1 && i - comma <= 5 && t1 - i <= 8 && tokens[i + 1]?.w !== 'that' && !NEED_THAT.has(t.w)) {
      const who = comma === i - 1 ? subjectAfter(ctx, i, t1) : subjectBefore(ctx, i, comma + 1);
      if (!who || !good(ctx, who)) return null;
      return { content: [tokens[t0]!.b, tokens[comma]!.e], att: { ...who, cue: ctx.text.slice(t.b, t.e) } };
    }
    // Cue first: 'Stoltenberg said (that) ...', 'X told reporters (that) ...'.
    let k = i + 1;
    let m = k;
    while (m < t1 && m - i <= 4 && tokens[m]!.w !== 'that' && (TELL.has(t.w) || TIME_WORDS.has(tokens[m]!.w))) m++;
    if (tokens[m]?.w === 'that') k = m + 1;
    else if (TELL.has(t.w) || NEED_THAT.has(t.w)) continue;
    if (k >= t1 || t1 - k < MIN_WORDS || /[,;:(]/.test(ctx.text.slice(t.e, tokens[k]!.b))) continue;
    if (NOT_CONTENT_START.test(tokens[k]!.w)) continue;
    const who = subjectBefore(ctx, i, t0);
    if (!who || !good(ctx, who) || subordinate(ctx, t0, tokenAt(tokens, who.speakerSpan![0]))) return null;
    let end = to;
    while (end > tokens[k]!.b && /[.!\s]/.test(ctx.text[end - 1]!)) end--;
    return { content: [tokens[k]!.b, end], att: { ...who, cue: ctx.text.slice(t.b, t.e) } };
  }
  return null;
}

const TIME_WORDS = new Set(['on', 'in', 'a', 'an', 'the', 'last', 'this', 'week', 'night', 'morning', 'today', 'yesterday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'statement', 'interview', 'earlier', 'later', 'also', 'again']);
const SUBORDINATORS = new Set(['while', 'although', 'though', 'if', 'as', 'because', 'since', 'when', 'whether', 'unless', 'after', 'before', 'until', 'what', 'how', 'why', 'where', 'who', 'which']);

/** The source sits in a subordinate clause ('While Putin says ..., his demand ...'): its clause is not the sentence. */
function subordinate(ctx: AttributionContext, t0: number, subject: number): boolean {
  for (let i = t0; i < subject; i++) if (SUBORDINATORS.has(ctx.tokens[i]!.w)) return true;
  return false;
}

/** Words after a cue that start an adjunct or object, not a reported clause ("said on Tuesday", "said nothing"). */
const NOT_CONTENT_START = /^(on|in|at|of|about|to|for|with|by|and|or|but|so|as|yes|no|nothing|something|little|much|more|earlier|later|recently|last|this|next|during|after|before|when|while|if|because|how|why|what|where|whether|it's)$/;

/** Confident sources only: a known entity (named, or reached through a pronoun or a role). */
const good = (ctx: AttributionContext, a: Attribution) => a.speaker !== null && a.speakerSpan !== null && ctx.entities.has(a.speaker);

function toQuote(articleId: string, ctx: AttributionContext, content: Span, att: Attribution): Quote {
  return {
    id: `${articleId}:${content[0]}`,
    article: articleId,
    text: ctx.text.slice(content[0], content[1]).replace(/\s+/g, ' '),
    span: content,
    speaker: att.speaker,
    speakerSpan: att.speakerSpan,
    cue: att.cue,
    indirect: true,
    partial: false,
  };
}
