/**
 * What alignment needs from an article: its sentences as token runs, each token with its
 * surface offsets, a normalised form (for diffs), and integer ids for its stem and its
 * WordNet canonical form (for similarity). Ids come from one process-wide vocabulary.
 */
import type { Article, Span } from '../core/types.js';
import { sentences, paragraphs } from '../text/segment.js';
import { tokenize } from '../text/tokenize.js';
import { isStopword } from '../text/stopwords.js';
import { canonical } from '../text/synonyms.js';
import { stem } from './stem.js';
import { termWeight } from './term-weight.js';

export interface Tokens {
  /** Normalised forms: lower case, contractions expanded, acronyms undotted. */
  forms: string[];
  /** Id of each normalised form (exact-word identity, for diffs). */
  ids: Int32Array;
  begins: Int32Array;
  ends: Int32Array;
  /** Stem id of each token (content and function words alike). */
  stems: Int32Array;
  /** Canonical (synonym-group) id of each token; equals the stem id for function words. */
  canons: Int32Array;
  /** 1 when the token is a content word (not a stopword, not punctuation). */
  content: Uint8Array;
  /** 1 when the surface form starts upper-case and is not sentence-initial. */
  caps: Uint8Array;
  /** 1 when the token is a number. */
  numeric: Uint8Array;
}

export interface Sentence {
  index: number;
  span: Span;
  paragraph: number;
  /** Token range [first, last) in the article's tokens. */
  first: number;
  last: number;
  /** Sorted unique stem ids of content tokens. */
  keys: Int32Array;
  /** Sorted unique canonical ids of content tokens. */
  canons: Int32Array;
  /** Number tokens, for the mismatch penalty. */
  numbers: string[];
}

export interface Analysis {
  text: string;
  tokens: Tokens;
  sentences: Sentence[];
  /** Content-token count over all sentences. */
  contentWords: number;
}

const VOCAB = new Map<string, number>();
/** Per normalised form, its ids and flags: a form seen before costs one look-up, not a stem and a WordNet search. */
const FORMS = new Map<string, FormInfo>();
/** Past this many forms the memo starts again (it is only a cache: ids stay valid). */
const FORMS_LIMIT = 500_000;

interface FormInfo {
  id: number;
  stem: number;
  canon: number;
  content: boolean;
  numeric: boolean;
  /** `termWeight` of the form, once asked for. */
  weight?: number;
}
const VOCAB_LIMIT = 2_000_000;
let generation = 0;

/** Bumped each time the vocabulary is cleared: ids from an older generation mean other strings. */
export function vocabularyGeneration(): number {
  return generation;
}

/** Integer id of a string in the process-wide vocabulary. */
export function intern(s: string): number {
  let id = VOCAB.get(s);
  if (id === undefined) {
    if (VOCAB.size >= VOCAB_LIMIT) {
      VOCAB.clear();
      FORMS.clear();
      generation++;
    }
    id = VOCAB.size;
    VOCAB.set(s, id);
  }
  return id;
}

const CONTRACTIONS: Record<string, string[]> = {
  "won't": ['will', 'not'], "can't": ['can', 'not'], cannot: ['can', 'not'], "shan't": ['shall', 'not'],
  "it's": ['it', 'is'], "that's": ['that', 'is'], "there's": ['there', 'is'], "here's": ['here', 'is'],
  "what's": ['what', 'is'], "who's": ['who', 'is'], "he's": ['he', 'is'], "she's": ['she', 'is'],
  "let's": ['let', 'us'],
};

/** Split a lower-cased word into normalised forms. */
export function normalizeWord(word: string, surface: string): string[] {
  if (word.includes("'")) {
    const c = CONTRACTIONS[word];
    if (c) return c;
    if (word.endsWith("n't")) return [word.slice(0, -3), 'not'];
    const m = /^(\p{L}+)'(re|ve|ll|d|m)$/u.exec(word);
    if (m) return [m[1]!, { re: 'are', ve: 'have', ll: 'will', d: 'would', m: 'am' }[m[2]!]!];
    return [word];
  }
  if (word === 'cannot') return CONTRACTIONS.cannot!;
  const c0 = surface.charCodeAt(0);
  if (surface.length <= 8 && c0 >= 65 && c0 <= 90 && (/^(\p{Lu}\.)+\p{Lu}?$/u.test(surface) || /^\p{Lu}{2,4}$/u.test(surface))) {
    return [`${surface.replace(/\./g, '').toLowerCase()}.`];
  }
  return [word];
}

interface Builder {
  forms: string[];
  begins: number[];
  ends: number[];
  surfaceCaps: boolean[];
}

function pushWord(out: Builder, text: string, begin: number, end: number): void {
  const surface = text.slice(begin, end);
  // Hyphenated compounds compare part by part ("30-country" ~ "30 -military", "open-door" ~ "open door").
  const parts = surface.includes('-') && !/^\d[\d,.]*-\d/.test(surface) ? surface.split('-') : [surface];
  let at = begin;
  for (const part of parts) {
    const b = at;
    const e = at + part.length;
    at = e + 1;
    if (part.length === 0) continue;
    const lower = part.toLowerCase().replace(/\u2019/g, "'");
    for (const form of normalizeWord(lower, part)) {
      out.forms.push(form);
      out.begins.push(b);
      out.ends.push(e);
      out.surfaceCaps.push(/^\p{Lu}/u.test(part));
    }
  }
}

function isNumber(form: string): boolean {
  return /^\d[\d,.]*$/.test(form);
}

function formInfo(form: string): FormInfo {
  let info = FORMS.get(form);
  if (info === undefined) {
    if (FORMS.size >= FORMS_LIMIT) FORMS.clear();
    const id = intern(form);
    const [s, c, content] = formIds(form);
    info = { id, stem: s, canon: c, content, numeric: isNumber(form) };
    // `intern` may have started a new generation while computing these: only keep current ids.
    if (VOCAB.get(form) === id) FORMS.set(form, info);
  }
  return info;
}

/** `termWeight` of a normalised form, computed once per form. */
export function formWeight(form: string): number {
  const info = formInfo(form);
  return (info.weight ??= termWeight(form));
}

/** Stem and canonical ids for a normalised form. */
function formIds(form: string): [stemId: number, canonId: number, content: boolean] {
  const content = !isStopword(form) && /\p{L}|\d/u.test(form) && form.length > 1;
  const s = intern(stem(form));
  if (!content || isNumber(form) || form.endsWith('.')) return [s, s, content];
  const base = form.replace(/'s$|'$/, '');
  const c = canonical(base);
  return [s, intern(`~${stem(c)}`), content];
}

function sortedUnique(values: number[]): Int32Array {
  const a = Int32Array.from(values).sort();
  let n = 0;
  for (let i = 0; i < a.length; i++) if (i === 0 || a[i] !== a[i - 1]) a[n++] = a[i]!;
  return a.slice(0, n);
}

/** Tokens and sentences of a text span list. */
export function analyzeText(text: string, paras: Span[] = paragraphs(text)): Analysis {
  const b: Builder = { forms: [], begins: [], ends: [], surfaceCaps: [] };
  const sentenceSpans: Array<[Span, number]> = [];
  paras.forEach((p, pi) => {
    for (const s of sentences(text, p)) sentenceSpans.push([s, pi]);
  });
  const ranges: Array<[number, number]> = [];
  for (const [span] of sentenceSpans) {
    const first = b.forms.length;
    const t = tokenize(text.slice(span[0], span[1]), span[0]);
    for (let i = 0; i < t.words.length; i++) pushWord(b, text, t.begins[i]!, t.ends[i]!);
    ranges.push([first, b.forms.length]);
  }
  const n = b.forms.length;
  const tokens: Tokens = {
    forms: b.forms,
    ids: new Int32Array(n),
    begins: Int32Array.from(b.begins),
    ends: Int32Array.from(b.ends),
    stems: new Int32Array(n),
    canons: new Int32Array(n),
    content: new Uint8Array(n),
    caps: new Uint8Array(n),
    numeric: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const info = formInfo(b.forms[i]!);
    tokens.ids[i] = info.id;
    tokens.stems[i] = info.stem;
    tokens.canons[i] = info.canon;
    tokens.content[i] = info.content ? 1 : 0;
    tokens.numeric[i] = info.numeric ? 1 : 0;
  }
  let contentWords = 0;
  const out: Sentence[] = sentenceSpans.map(([span, paragraph], index) => {
    const [first, last] = ranges[index]!;
    const keys: number[] = [];
    const canons: number[] = [];
    const numbers: string[] = [];
    for (let i = first; i < last; i++) {
      if (i > first && b.surfaceCaps[i]) tokens.caps[i] = 1;
      if (!tokens.content[i]) continue;
      keys.push(tokens.stems[i]!);
      canons.push(tokens.canons[i]!);
      if (tokens.numeric[i]) numbers.push(b.forms[i]!);
      contentWords++;
    }
    return { index, span, paragraph, first, last, keys: sortedUnique(keys), canons: sortedUnique(canons), numbers };
  });
  return { text, tokens, sentences: out, contentWords };
}

const CACHE = new WeakMap<Article, { generation: number; analysis: Analysis }>();

/** Analysis of an article, cached per Article object. */
export function analyzeArticle(article: Article): Analysis {
  const hit = CACHE.get(article);
  if (hit && hit.generation === generation) return hit.analysis;
  const paras = article.paragraphs.length > 0 ? article.paragraphs : paragraphs(article.text);
  const analysis = analyzeText(article.text, paras);
  CACHE.set(article, { generation, analysis });
  return analysis;
}
