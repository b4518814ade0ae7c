import type { Quote, Span } from '../core/types.js';
import { NON_NAME_CAPS, ROLE_WORDS } from './lexicon.js';

const set = (words: string) => new Set(words.split(/\s+/).filter(Boolean));

/** Words that alone name nobody: what is left of "the statement said" or "one said". */
const NOBODY = set('the a an one some this that these those two three several another its their his her');
/** Corporate suffixes: "Co", "Corp" or "Co Inc" alone are the tail of a name cut short. */
const CORPORATE = set('co corp inc ltd plc llc cos');
/**
 * Last words of organisation names that the entity rules cut at "and" or at a title word:
 * "(Securities and) Exchange Commission", "(Standard and) Poor's Corp", "(General) Motors Corp".
 */
const ORGANISATION_TAILS = set(`co corp inc ltd plc llc cos commission administration department board service association
agency authority council office institute committee fund exchange trust company corporation bank brothers`);
/** Plural sources and generic nouns that, capitalised at a sentence start, still name nobody. */
const GENERIC_SOURCES = set(`analysts dealers traders bankers economists officials sources experts observers diplomats brokers
investors executives spokesman spokeswoman spokesmen company firm group bank report statement industry government`);
/** Most words a cut name is extended by. */
const EXTEND_WORDS = 6;

/**
 * A quote's speaker as a name a reader can use: the name before a ticker ("Rhone-Poulenc <RHON.PA>
 * said", not "PA"), an organisation name cut at "and" made whole again ("Securities and Exchange
 * Commission", not "Exchange Commission"), and no speaker where only a determiner or a corporate
 * suffix was found ("the statement said" gives no speaker "the"). The speaker span is kept or grown.
 */
export function tidySpeaker(text: string, quote: Quote): Quote {
  if (!quote.speaker || !quote.speakerSpan) return quote;
  const read = (span: Span) => text.slice(span[0], span[1]).replace(/^(the|a|an)\s+/i, '').replace(/['\u2019]s$/, '');
  // Only a speaker read off the text is mended; one resolved from "he" or "the company" is a name already.
  if (read(quote.speakerSpan) !== quote.speaker) return nobody(quote.speaker) ? { ...quote, speaker: null } : quote;
  let span: Span = tickerOwner(text, quote.speakerSpan) ?? quote.speakerSpan;
  const words = text.slice(span[0], span[1]).split(/\s+/);
  if (ORGANISATION_TAILS.has(words[words.length - 1]!.toLowerCase())) span = [extendLeft(text, span[0]), span[1]];
  const speaker = read(span);
  return { ...quote, speaker: nobody(speaker) ? null : speaker, speakerSpan: span };
}

function nobody(speaker: string): boolean {
  const words = speaker.toLowerCase().split(/\s+/);
  return words.every((w) => NOBODY.has(w)) || words.every((w) => CORPORATE.has(w));
}

/** "Rhone-Poulenc <RHON.PA>": a speaker found inside angle brackets is the ticker of the name before them. */
function tickerOwner(text: string, span: Span): Span | null {
  if (text[span[1]] !== '>') return null;
  const open = text.lastIndexOf('<', span[0]);
  if (open < 0 || span[0] - open > 12) return null;
  const before = /([A-Z][\w'.&-]*(?:[ \t]+(?:[A-Z][\w'.&-]*|and|&|of))*)[ \t]*$/.exec(text.slice(Math.max(0, open - 120), open));
  if (!before) return null;
  const end = open - (before[0].length - before[1]!.length);
  return [end - before[1]!.length, end];
}

/** The start of a name ending at `from`, over capitalised words and "and"/"&"/"of" between them. */
function extendLeft(text: string, from: number): number {
  let at = from;
  for (let n = 0; n < EXTEND_WORDS; n++) {
    const m = /(?:^|[ \t])([A-Z][\w'.&-]*|and|&|of)[ \t]+$/.exec(text.slice(Math.max(0, at - 40), at));
    if (!m) break;
    const word = m[1]!;
    if (NON_NAME_CAPS.has(word.toLowerCase()) && word !== 'and' && word !== 'of') break;
    if (/^(the|a|an)$/i.test(word)) break;
    at -= m[0].length - m[0].indexOf(word);
  }
  // A connector is no start of a name: "and Exchange Commission" stays "Exchange Commission".
  const head = /^(and|&|of)[ \t]+/.exec(text.slice(at, from));
  return head ? at + head[0].length : at;
}

/**
 * Whether a speaker names someone a group can be about: a person or organisation, not a
 * description ("a spokesman", "one trader", "Analysts" at a sentence start) that many unrelated
 * people share.
 */
export function namesSomeone(speaker: string | null): speaker is string {
  if (!speaker) return false;
  let names = NAMES_SOMEONE.get(speaker);
  if (names === undefined) {
    // Asked for every variant a quote is compared with: the same few thousand speakers again and again.
    if (NAMES_SOMEONE.size >= NAMES_SOMEONE_LIMIT) NAMES_SOMEONE.clear();
    names = !nobody(speaker) && someoneNamed(speaker);
    NAMES_SOMEONE.set(speaker, names);
  }
  return names;
}

const NAMES_SOMEONE = new Map<string, boolean>();
const NAMES_SOMEONE_LIMIT = 20_000;

function someoneNamed(speaker: string): boolean {
  return speaker.split(/\s+/).some((w) => {
    if (!/^\p{Lu}/u.test(w)) return false;
    const lower = w.toLowerCase();
    return !GENERIC_SOURCES.has(lower) && !ROLE_WORDS.has(lower) && !ROLE_WORDS.has(lower.replace(/s$/, '')) && !NOBODY.has(lower);
  });
}
