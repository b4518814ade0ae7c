import { STOPWORDS } from '../text/stopwords.js';
import {
  DEMONYMS, THING_SUFFIXES, HONORIFICS, NON_NAME_CAPS, ORG_NAMES, ORG_SUFFIXES, PLACES, ROLE_MODIFIERS, ROLE_WORDS,
} from './lexicon.js';

/** A word of the text with its offsets. `cap`: starts with an upper-case letter. */
export interface Token {
  b: number;
  e: number;
  /** Lower-cased, possessive "'s" dropped. */
  w: string;
  cap: boolean;
  /** Written with a possessive "'s" (never a cue verb: "the state's"). */
  poss: boolean;
  /** First word of a sentence or paragraph (its capital says nothing). */
  initial: boolean;
}

/** A run of capitalised words, split into a role part (titles) and a name part. */
export interface NameRun {
  /** Token index range of the name part, [first, last]. */
  first: number;
  last: number;
  /** Token index where the role phrase starts (=== first when there is no role). */
  roleFirst: number;
  kind: 'person' | 'organization' | 'place' | 'unknown';
  /** Leading honorific ("Mr."), when the name part starts with one. */
  honorific: boolean;
}

const WORD = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:['\u2019\-][\p{L}\p{N}]+)*/gu;
const CONNECTORS = new Set(['of', 'for', 'and', 'the', 'in', 'on', 'de', 'van', 'von', 'bin', 'al', 'la', 'du', 'del']);
/** Lower-case words after a place name: "the Nizhny Novgorod region". */
const PLACE_NOUNS = new Set(['region', 'province', 'oblast', 'district', 'county', 'city', 'village', 'town', 'area', 'valley', 'governorate', 'prefecture', 'municipality', 'suburb', 'suburbs', 'border']);
/** Last words of multi-word place names. */
const PLACE_HEADS = new Set(['republic', 'kingdom', 'emirates', 'islands', 'island', 'county', 'province', 'region', 'oblast', 'city', 'valley', 'bay', 'coast', 'strait', 'gulf', 'heights']);
/** Last words of fields and portfolios ("European and Euro-Atlantic Integration"). */
const ABSTRACT_HEADS = new Set(['integration', 'affairs', 'relations', 'development', 'cooperation', 'policy', 'studies', 'reform', 'rights', 'intelligence', 'trade', 'economy', 'environment', 'immigration', 'research', 'technology', 'innovation', 'strategy', 'planning', 'management', 'sciences', 'science', 'engineering', 'medicine', 'security', 'justice']);
const MULTI_PLACE_FIRST = new Set(['new', 'north', 'south', 'east', 'west', 'united', 'saudi', 'great']);

let lastText: string | null = null;
let lastTokens: Token[] = [];

/**
 * The words of `text`. Entities and quotes of one article both tokenize it, so the last result is
 * kept and handed back for the same text (callers must not change the array).
 */
export function tokenizeNames(text: string): Token[] {
  if (text === lastText) return lastTokens;
  const out = tokenize(text);
  lastText = text;
  lastTokens = out;
  return out;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const raw = m[0];
    let w = raw.toLowerCase();
    if (w.includes('\u2019')) w = w.replace(/\u2019/g, "'");
    const poss = w.endsWith("'s");
    if (poss) w = w.slice(0, -2);
    const c = raw.charCodeAt(0);
    const cap = c >= 65 && c <= 90 ? true : c > 127 ? raw[0] !== raw[0]!.toLowerCase() : false;
    out.push({ b: m.index, e: m.index + raw.length, w, cap, poss, initial: isInitial(text, m.index) });
  }
  return out;
}

function isInitial(text: string, at: number): boolean {
  let i = at - 1;
  let c = i >= 0 ? text.charCodeAt(i) : -1;
  // space " ' “ ‘ (
  while (i >= 0 && (c === 32 || c === 34 || c === 39 || c === 0x201c || c === 0x2018 || c === 40)) c = --i >= 0 ? text.charCodeAt(i) : -1;
  if (i < 0) return true;
  // \n . ! ? : — _
  return c === 10 || c === 46 || c === 33 || c === 63 || c === 58 || c === 0x2014 || c === 95;
}

/** True when only a space (or an abbreviation's period and a space) separates two tokens. */
function adjacent(text: string, a: Token, b: Token): boolean {
  const gap = b.b - a.e;
  if (gap === 1) return text[a.e] === ' ';
  if (gap === 2 && text[a.e] === '.' && text[a.e + 1] === ' ') {
    return a.e - a.b === 1 || HONORIFICS.has(a.w) || /\./.test(text.slice(a.b, a.e)) || a.w === 'st' || a.w === 'jr';
  }
  return false;
}

const isAcronym = (text: string, t: Token) => t.e - t.b >= 2 && /^[\p{Lu}.&]+$/u.test(text.slice(t.b, t.e));
const isRoleish = (t: Token) => ROLE_WORDS.has(t.w) || t.w.split('-').some((p) => ROLE_WORDS.has(p));
const isModifier = (text: string, t: Token) =>
  ROLE_MODIFIERS.has(t.w) || DEMONYMS.has(t.w) || PLACES.has(t.w) || ORG_NAMES.has(t.w) || isAcronym(text, t) || t.w === 'of' || t.w === 'the';

/** Capitalised runs in `tokens`, each split into role and name and given a kind. */
export function nameRuns(text: string, tokens: Token[]): NameRun[] {
  const runs: NameRun[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!tokens[i]!.cap) { i++; continue; }
    let j = i;
    let orgish = ORG_SUFFIXES.has(tokens[i]!.w);
    while (j + 1 < tokens.length) {
      const next = tokens[j + 1]!;
      if (next.cap && adjacent(text, tokens[j]!, next)) { j++; orgish ||= ORG_SUFFIXES.has(next.w); continue; }
      const after = tokens[j + 2];
      const joins = next.w === 'of' ? orgish || isRoleish(tokens[j]!) : orgish && !isRoleish(tokens[j]!);
      // "Securities and Exchange Commission", "Standard and Poor's Corp": "and" inside an organisation's name.
      const inOrgName = next.w === 'and' && orgNameFrom(text, tokens, j + 2);
      if ((joins || inOrgName) && CONNECTORS.has(next.w) && !next.cap && after?.cap && adjacent(text, tokens[j]!, next) && adjacent(text, next, after)) {
        j += 2;
        orgish ||= ORG_SUFFIXES.has(after.w);
        continue;
      }
      break;
    }
    const run = splitRun(text, tokens, i, j);
    if (run) runs.push(run);
    i = j + 1;
  }
  return runs;
}

/** True when the capitalised words from token `at` on (side by side) end like an organisation: "Exchange Commission", "Co". */
function orgNameFrom(text: string, tokens: Token[], at: number): boolean {
  let k = at;
  while (k + 1 < tokens.length && k - at < 5 && tokens[k + 1]!.cap && adjacent(text, tokens[k]!, tokens[k + 1]!)) k++;
  return tokens[at]?.cap === true && ORG_SUFFIXES.has(tokens[k]!.w);
}

/** Last words that make a run a company's name whatever title words it starts with. */
const CORPORATE_TAILS = new Set(['corp', 'co', 'inc', 'ltd', 'plc', 'llc', 'cos', 'corporation']);

function splitRun(text: string, tokens: Token[], from: number, to: number): NameRun | null {
  let first = from;
  while (first <= to && (NON_NAME_CAPS.has(tokens[first]!.w) || (tokens[first]!.initial && STOPWORDS.has(tokens[first]!.w))) && !HONORIFICS.has(tokens[first]!.w)) first++;
  if (first > to) return null;
  // Role prefix inside the run: "Estonian Defense Minister | Kalle Laanet".
  let lastRole = -1;
  // "General Motors Corp", "General Host Corp": before a corporate suffix a title word is part of the name.
  if (!CORPORATE_TAILS.has(tokens[to]!.w)) for (let k = first; k < to; k++) if (isRoleish(tokens[k]!)) lastRole = k;
  let nameFirst = lastRole >= 0 ? lastRole + 1 : first;
  // "Secretary of State Wendy Sherman": skip the office's complement.
  while (nameFirst <= to && lastRole >= 0 && (ROLE_MODIFIERS.has(tokens[nameFirst]!.w) || tokens[nameFirst]!.w === 'of') && nameFirst < to) nameFirst++;
  if (nameFirst > to) {
    // Only a title ("NATO Secretary General"): an organisation if it ends like one, else nothing.
    return null;
  }
  let allRole = lastRole >= 0;
  for (let k = nameFirst; k <= to; k++) if (!isRoleish(tokens[k]!) && !ROLE_MODIFIERS.has(tokens[k]!.w)) allRole = false;
  if (allRole) return null;
  let honorific = false;
  if (HONORIFICS.has(tokens[nameFirst]!.w) && nameFirst < to) { honorific = true; }
  // Role words found before the run: "Kremlin spokesman | Dmitry Peskov", "White House press secretary | Jen Psaki".
  let roleFirst = lastRole >= 0 ? first : nameFirst;
  if (lastRole < 0 || roleFirst === first) roleFirst = extendRoleBack(text, tokens, roleFirst, lastRole >= 0);
  const kind = classify(text, tokens, honorific ? nameFirst + 1 : nameFirst, to, roleFirst < nameFirst || honorific);
  if (kind === null) return null;
  return { first: nameFirst, last: to, roleFirst, kind, honorific };
}

function extendRoleBack(text: string, tokens: Token[], start: number, hasRole: boolean): number {
  let k = start - 1;
  let sawRole = hasRole;
  let best = start;
  while (k >= 0 && start - k <= 8) {
    const t = tokens[k]!;
    const gapOk = /^[ ]$|^\. $/.test(text.slice(t.e, tokens[k + 1]!.b));
    if (!gapOk) break;
    if (isRoleish(t)) { sawRole = true; best = k; }
    else if (t.w === 'of' || t.w === 'the') { if (!sawRole) break; }
    else if (isModifier(text, t) || (t.cap && !t.initial && !NON_NAME_CAPS.has(t.w))) { if (sawRole) best = k; }
    else break;
    k--;
  }
  if (!sawRole) return start;
  // Keep the modifiers that precede the first role word too: "Kremlin spokesman".
  let m = best - 1;
  while (m >= 0 && start - m <= 8) {
    const t = tokens[m]!;
    if (!/^ $/.test(text.slice(t.e, tokens[m + 1]!.b))) break;
    if (!(isModifier(text, t) || (t.cap && !t.initial && !NON_NAME_CAPS.has(t.w)))) break;
    if (t.w === 'the' || t.w === 'of') break;
    best = m;
    m--;
  }
  return best;
}

function classify(text: string, tokens: Token[], first: number, last: number, titled: boolean): NameRun['kind'] | null {
  const n = last - first + 1;
  const lastW = tokens[last]!.w;
  const joined = tokens.slice(first, last + 1).map((t) => t.w).join(' ');
  if (PLACES.has(joined)) return 'place';
  // "the Nizhny Novgorod region", "Czech Republic": a place by the word after or its last word.
  const next = tokens[last + 1];
  if (next && !next.cap && PLACE_NOUNS.has(next.w) && text.slice(tokens[last]!.e, next.b) === ' ') return 'place';
  if (n > 1 && PLACE_HEADS.has(lastW)) return 'place';
  // "Euro-Atlantic Integration", "Foreign Affairs": a portfolio or field, never a person.
  if (ABSTRACT_HEADS.has(lastW)) return n > 1 ? 'organization' : null;
  // "Cold War-era", "Obama-style": a compound adjective.
  if (/-\p{Ll}+$/u.test(text.slice(tokens[last]!.b, tokens[last]!.e))) return null;
  if (ORG_SUFFIXES.has(lastW) && n > 1) return 'organization';
  if (THING_SUFFIXES.has(lastW) || (n > 1 && tokens.slice(first, last).some((t) => t.w !== text.slice(t.b, t.e).toLowerCase() && /['\u2019]s$/i.test(text.slice(t.b, t.e))))) return null;
  if (n === 1 && (STOPWORDS.has(lastW) || NON_NAME_CAPS.has(lastW) || PLACES.has(lastW))) return n === 1 && PLACES.has(lastW) ? 'place' : null;
  if (n === 1 && ORG_NAMES.has(lastW)) return 'organization';
  if (n === 1 && isAcronym(text, tokens[first]!)) return /^(u\.s\.|u\.k\.|us|uk)$/.test(lastW) ? 'place' : 'organization';
  if (PLACES.has(joined) || (n === 2 && MULTI_PLACE_FIRST.has(tokens[first]!.w) && (PLACES.has(lastW) || /^(states|kingdom|emirates|arabia|britain|korea|republic)$/.test(lastW)))) return 'place';
  if (n === 1 && DEMONYMS.has(lastW)) return null;
  if (tokens.slice(first, last + 1).some((t) => /\d/.test(t.w))) return null;
  if (titled) return 'person';
  if (n >= 2 && n <= 4) {
    if (tokens.slice(first, last + 1).some((t) => DEMONYMS.has(t.w) || ROLE_MODIFIERS.has(t.w) || NON_NAME_CAPS.has(t.w) || PLACES.has(t.w) || ORG_NAMES.has(t.w) || (isAcronym(text, t) && !/^(ii|iii|iv|jr|sr)$/.test(t.w)))) return 'unknown';
    return 'person';
  }
  return 'unknown';
}
