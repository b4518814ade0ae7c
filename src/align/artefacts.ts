/**
 * Artefacts of derived text: what machine translation and thesaurus spinners leave behind and
 * no editor writes. Each artefact is found in an aligned pair where only one side has it, so
 * it says that side is the derived one (`side`), or, for swaps whose direction is unclear,
 * that one of them is (`side: null`).
 */
import type { Analysis, Tokens } from './analyze.js';
import type { PairRecord } from './passages.js';
import { isLemma } from './worddiff.js';
import { areSynonyms } from '../text/synonyms.js';
import { appendAll } from '../core/arrays.js';

export interface Artefact {
  /** Which article shows it: 'a', 'b', or null when a swap's direction is unclear. */
  side: 'a' | 'b' | null;
  kind: 'repeated-phrase' | 'broken-spacing' | 'stray-fragment' | 'broken-collocation' | 'broken-name' | 'garbled-credit';
  /** User-facing description, e.g. `"conflict video games" for "war games"`. */
  text: string;
  /** For `side: null`: the description read the other way round (a's wording for b's). */
  reverse?: string;
  /** How much it says: 2 for an artefact no editor makes, 1 for a likely one. */
  weight: number;
}

const ABBREVIATIONS = /^(etc|vs|inc|ltd|co|corp|jr|sr|st|approx|dept|est|govt|mt)$/;

/** Repeated word runs ("that we are serious, that we are serious"). */
function repeatedPhrases(t: Tokens, from: number, to: number, text: string): string[] {
  const out: string[] = [];
  for (let n = 5; n >= 3; n--) {
    for (let i = from; i + 2 * n <= to; i++) {
      for (let gap = 0; gap <= 2; gap++) {
        const j = i + n + gap;
        if (j + n > to) break;
        let k = 0;
        while (k < n && t.ids[i + k] === t.ids[j + k]) k++;
        if (k === n && hasContent(t, i, i + n)) out.push(text.slice(t.begins[i]!, t.ends[j + n - 1]!));
      }
    }
    if (out.length > 0) return out;
  }
  return out;
}

function hasContent(t: Tokens, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (t.content[i]) return true;
  return false;
}

/** Space before a joining hyphen or before punctuation ("the 30 -military", "word ,"). */
function brokenSpacing(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(/\S+ (?:-(?=\p{L})|[,;:](?=\s))\S*/gu)) out.push(m[0]);
  return out;
}

/** A sentence-ending period followed by a lower-case word inside one sentence ("the line. welcome"). */
function strayFragments(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(/([a-z]{2,})\. ([a-z]+)/g)) {
    if (!ABBREVIATIONS.test(m[1]!)) out.push(m[0]);
  }
  return out;
}

function quote(s: string): string {
  return `"${s.replace(/\s+/g, ' ').trim()}"`;
}

interface Marks {
  repeats: string[];
  spacing: string[];
  fragments: string[];
}

const MARKS = new WeakMap<Analysis, Array<Marks | undefined>>();

/** Intrinsic marks of sentences [first, last] of an article, cached per sentence. */
function marks(x: Analysis, sentences: number[]): Marks {
  let list = MARKS.get(x);
  if (!list) {
    list = new Array<Marks | undefined>(x.sentences.length);
    MARKS.set(x, list);
  }
  const out: Marks = { repeats: [], spacing: [], fragments: [] };
  for (const i of sentences) {
    let m = list[i];
    if (!m) {
      const s = x.sentences[i]!;
      const text = x.text.slice(s.span[0], s.span[1]);
      m = { repeats: repeatedPhrases(x.tokens, s.first, s.last, x.text), spacing: brokenSpacing(text), fragments: strayFragments(text) };
      list[i] = m;
    }
    appendAll(out.repeats, m.repeats);
    appendAll(out.spacing, m.spacing);
    appendAll(out.fragments, m.fragments);
  }
  return out;
}

/** Intrinsic artefacts of one side's text in a pair, minus those the other side shares. */
function intrinsic(p: PairRecord, side: 'a' | 'b', self: Analysis, other: Analysis): Artefact[] {
  const mine = marks(self, side === 'a' ? p.a : p.b);
  const theirs = marks(other, side === 'a' ? p.b : p.a);
  const out: Artefact[] = [];
  const otherRepeats = new Set(theirs.repeats.map((x) => x.toLowerCase()));
  for (const r of mine.repeats) {
    if (!otherRepeats.has(r.toLowerCase())) out.push({ side, kind: 'repeated-phrase', text: `repeated phrase ${quote(r)}`, weight: 2 });
  }
  if (theirs.spacing.length === 0) {
    for (const r of mine.spacing) out.push({ side, kind: 'broken-spacing', text: `broken spacing ${quote(r)}`, weight: 1 });
  }
  if (theirs.fragments.length === 0) {
    for (const r of mine.fragments) out.push({ side, kind: 'stray-fragment', text: `stray fragment ${quote(r)}`, weight: 2 });
  }
  return out;
}

function words(t: Tokens, from: number, to: number): string[] {
  return t.forms.slice(from, to);
}

/**
 * Direction of a swap that cuts a WordNet compound: when both sides keep the compound's head
 * ("think tank" / "suppose tank", "war games" / "conflict video games"), the side whose
 * wording is not a known compound broke it. Null when neither or both are compounds.
 */
function brokenCompound(x: string[], y: string[]): 'a' | 'b' | null {
  if (x.length < 2 && y.length < 2) return null;
  if (x[x.length - 1] !== y[y.length - 1] && x[0] !== y[0]) return null;
  const headFirst = x[0] === y[0] && x[x.length - 1] !== y[y.length - 1];
  const pairOf = (w: string[]) => (headFirst ? w.slice(0, 2) : w.slice(-2));
  const wholeX = isLemma(x);
  const wholeY = isLemma(y);
  if (wholeX !== wholeY) return wholeX ? 'b' : 'a';
  const px = isLemma(pairOf(x));
  const py = isLemma(pairOf(y));
  if (px !== py) return px ? 'b' : 'a';
  return null;
}

function allCaps(t: Tokens, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) if (!t.caps[i]) return false;
  return true;
}

/** Swaps that break a collocation or a capitalised name. */
function swapArtefacts(p: PairRecord, a: Analysis, b: Analysis): Artefact[] {
  const out: Artefact[] = [];
  const ta = a.tokens;
  const tb = b.tokens;
  for (const op of p.ops) {
    if (op.op !== 'swap' || !op.synonym) continue;
    const xa = a.text.slice(ta.begins[op.a0]!, ta.ends[op.a1 - 1]!);
    const xb = b.text.slice(tb.begins[op.b0]!, tb.ends[op.b1 - 1]!);
    const derived = brokenCompound(words(ta, op.a0, op.a1), words(tb, op.b0, op.b1));
    const namedA = allCaps(ta, op.a0, op.a1);
    const namedB = allCaps(tb, op.b0, op.b1);
    if (derived) {
      const [mine, theirs] = derived === 'a' ? [xa, xb] : [xb, xa];
      out.push({ side: derived, kind: 'broken-collocation', text: `${quote(mine)} for ${quote(theirs)}`, weight: 2 });
    } else if (namedA && namedB && (inName(ta, op.a0, op.a1, p.a0, p.a1) || inName(tb, op.b0, op.b1, p.b0, p.b1))) {
      out.push({ side: null, kind: 'broken-name', text: `${quote(xb)} for ${quote(xa)}`, reverse: `${quote(xa)} for ${quote(xb)}`, weight: 2 });
    }
  }
  return out;
}

/** A capitalised swap that sits next to other capitalised words: part of a name. */
function inName(t: Tokens, from: number, to: number, lo: number, hi: number): boolean {
  return (from > lo && t.caps[from - 1] === 1) || (to < hi && t.caps[to] === 1);
}

/** Wire services as they credit themselves. */
const WIRES = [
  'Associated Press', 'Agence France-Presse', 'Press Association', 'United Press International', 'Canadian Press',
  'Australian Associated Press', 'Kyodo News', 'Xinhua News Agency', 'Yonhap News Agency', 'Bloomberg News',
  'Dow Jones Newswires', 'Deutsche Presse-Agentur', 'Press Trust of India', 'Reuters',
];

/** A credit to a wire that does not exist but is a word-for-word synonym of one ("The Related Press"). */
export function garbledCredits(text: string): Array<{ written: string; wire: string }> {
  const out: Array<{ written: string; wire: string }> = [];
  const credit = /(?:The\s+)?((?:\p{Lu}[\p{L}-]*\s+){1,3}(?:Press|News|Agency|Newswires|Presse))(?=\s+contributed|\s*\)|\s+reported)/gu;
  for (const m of text.matchAll(credit)) {
    const written = m[1]!.trim();
    if (WIRES.includes(written)) continue;
    const ws = written.split(/\s+/);
    for (const wire of WIRES) {
      const ww = wire.split(/\s+/);
      if (ww.length !== ws.length || ww[ww.length - 1] !== ws[ws.length - 1]) continue;
      const differs = ww.map((w, i) => [w, ws[i]!] as const).filter(([x, y]) => x !== y);
      if (differs.length > 0 && differs.every(([x, y]) => areSynonyms(x.toLowerCase(), y.toLowerCase()))) {
        out.push({ written, wire });
        break;
      }
    }
  }
  return out;
}

const CREDITS = new WeakMap<Analysis, Array<{ written: string; wire: string }>>();

/** Every artefact in the aligned pairs and in the two texts' credits. */
export function findArtefacts(pairs: PairRecord[], a: Analysis, b: Analysis): Artefact[] {
  const out: Artefact[] = [];
  for (const p of pairs) {
    appendAll(appendAll(appendAll(out, intrinsic(p, 'a', a, b)), intrinsic(p, 'b', b, a)), swapArtefacts(p, a, b));
  }
  for (const [side, analysis] of [['a', a], ['b', b]] as const) {
    let credits = CREDITS.get(analysis);
    if (!credits) {
      credits = garbledCredits(analysis.text);
      CREDITS.set(analysis, credits);
    }
    for (const g of credits) {
      out.push({ side, kind: 'garbled-credit', text: `${quote(g.written)} for ${quote(g.wire)}`, weight: 2 });
    }
  }
  return out;
}
