import { words } from '../text/tokenize.js';
import { STOPWORDS } from '../text/stopwords.js';
import { isTemplateText } from './template.js';
import { type IdfView, type SparseVector, EMPTY_VECTOR, capTop, fromEntries, normalizeInPlace, topIds } from './sparse.js';

/**
 * Online term statistics: a vocabulary (term -> integer id) and document frequencies that grow
 * as documents arrive, so IDF is always that of the stream seen so far (Miranda et al. 2018).
 *
 * Held whole in memory, or (with rows behind it) only the terms loaded for the documents at hand:
 * `define` brings a stored term in, `changes` says which terms to write back.
 */
export class TermStats {
  private readonly vocab = new Map<string, number>();
  private terms: string[] = [];
  private df = new Int32Array(1024);
  private logDf = new Float64Array(1024);
  private readonly dirty = new Set<number>();
  /** Documents observed. */
  docs = 0;
  /** Next id to give a new term (ids are dense; with rows, the store's count of terms). */
  nextId = 0;

  /** The id of `term`, creating one when new. */
  id(term: string): number {
    let id = this.vocab.get(term);
    if (id === undefined) {
      id = this.nextId++;
      this.define(term, id, 0);
      this.dirty.add(id);
    }
    return id;
  }

  /** The id of `term` when known (held in memory), else undefined. */
  known(term: string): number | undefined {
    return this.vocab.get(term);
  }

  /** Whether id's frequency is held (a term loaded or created here). */
  holds(id: number): boolean {
    return this.terms[id] !== undefined;
  }

  /** Brings in a stored term with its document frequency. */
  define(term: string, id: number, df: number): void {
    this.vocab.set(term, id);
    this.grow(id);
    this.terms[id] = term;
    this.df[id] = df;
    this.logDf[id] = Math.log(1 + df);
  }

  term(id: number): string {
    return this.terms[id] ?? '';
  }

  frequency(id: number): number {
    return this.df[id] ?? 0;
  }

  /** Counts one document containing each of the distinct `ids`. */
  observe(ids: Iterable<number>): void {
    for (const id of ids) {
      this.logDf[id] = Math.log(1 + ++this.df[id]!);
      this.dirty.add(id);
    }
    this.docs++;
  }

  /** Ids created or observed since the last call. */
  changes(): number[] {
    const out = [...this.dirty];
    this.dirty.clear();
    return out;
  }

  /** Drops every held term (with rows behind them, they are loaded again when needed). */
  forget(): void {
    this.vocab.clear();
    this.terms = [];
    this.dirty.clear();
  }

  /** Smoothed IDF: ln((1 + N) / (1 + df)) + 1. */
  idf(id: number): number {
    return Math.log(1 + this.docs) + 1 - (this.logDf[id] ?? 0);
  }

  /** The current IDF of every term, for query-time weighting (valid until the next `id` or `observe`). */
  idfView(): IdfView {
    return { base: Math.log(1 + this.docs) + 1, logDf: this.logDf };
  }

  private grow(id: number): void {
    if (id < this.df.length) return;
    let size = this.df.length;
    while (size <= id) size *= 2;
    const df = new Int32Array(size);
    df.set(this.df);
    this.df = df;
    const logDf = new Float64Array(size);
    logDf.set(this.logDf);
    this.logDf = logDf;
  }
}

/** Content words of `text`: lower-cased, possessives and plural -s stripped, stop words and numbers dropped. */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (let w of words(text)) {
    if (w.endsWith("'s")) w = w.slice(0, -2);
    if (w.length < 2 || STOPWORDS.has(w) || !/\p{L}/u.test(w)) continue;
    if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
    out.push(w);
  }
  return out;
}

/** Term counts keyed by vocabulary id (each distinct string is looked up once). */
function countInto(counts: Map<number, number>, stats: TermStats, terms: Iterable<string>): void {
  const local = new Map<string, number>();
  for (const t of terms) local.set(t, (local.get(t) ?? 0) + 1);
  for (const [t, c] of local) {
    const id = stats.id(t);
    counts.set(id, (counts.get(id) ?? 0) + c);
  }
}

/** The unit TF-IDF vector and the unit sublinear-TF vector over the same (capped) terms. */
function weigh(counts: Map<number, number>, stats: TermStats, cap: number): [SparseVector, SparseVector] {
  if (counts.size === 0) return [EMPTY_VECTOR, EMPTY_VECTOR];
  const ids: number[] = [];
  const weights: number[] = [];
  for (const [id, tf] of counts) {
    ids.push(id);
    weights.push((1 + Math.log(tf)) * stats.idf(id));
  }
  const weighted = capTop(fromEntries(ids, weights), cap);
  const tf = { ids: weighted.ids, weights: new Float32Array(weighted.ids.length) };
  for (let i = 0; i < tf.ids.length; i++) tf.weights[i] = 1 + Math.log(counts.get(tf.ids[i]!)!);
  return [normalizeInPlace(weighted), normalizeInPlace(tf)];
}

export interface DocFeatures {
  /** Unit TF-IDF vectors (or empty), weighed by the IDF when the document arrived. */
  title: SparseVector;
  body: SparseVector;
  entities: SparseVector;
  /** Unit sublinear-TF vectors over the same terms: what event centroids accumulate. */
  titleTf: SparseVector;
  bodyTf: SparseVector;
  entitiesTf: SparseVector;
  /** Term ids to look candidates up by, and to index the doc's event under. */
  keys: number[];
  /** Weight of each key in the document (summed over its sub-vectors). */
  keyWeights: number[];
  /** Capitalised names, read when the document came without entities (else empty). */
  names: string[];
  /** A fixed form filled with figures (template.ts): its body words are the form's, not the story's. */
  template: boolean;
}

/** Prefix keeping entity ids apart from word ids in the shared vocabulary. */
const ENTITY_PREFIX = '\u0001';

export function entityKey(name: string): string {
  return ENTITY_PREFIX + name.toLowerCase();
}

/** Prefix of name words: the stand-in for entities when the extractor gave none. */
const NAME_PREFIX = '\u0002';

const NOT_NAMES = new Set(
  'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '),
);

/**
 * Words of capitalised names (keys in their own namespace). Spinners and paraphrasers swap
 * common words but leave names alone, so these carry a rewrite's identity.
 */
export function nameTerms(text: string, names: readonly string[] = capitalisedNames(text, Infinity)): string[] {
  const out: string[] = [];
  for (const name of names) {
    for (let w of name.toLowerCase().split(' ')) {
      w = w.replace(/['\u2019]s$/, '').replace(/[.'\u2019]/g, '');
      if (w.length < 2 || STOPWORDS.has(w) || NOT_NAMES.has(w)) continue;
      out.push(NAME_PREFIX + w);
    }
  }
  return out;
}

export interface FeatureLimits {
  /** Most terms kept in a document's body vector. */
  docTerms: number;
  /** Title and body terms used as lookup keys. */
  keyTerms: number;
}

/** The strings a document is counted under: title and body words, and entity keys (or name words). */
export interface DocTerms {
  title: string[];
  body: string[];
  entity: string[];
  /** Capitalised names, read when the document came without entities (else empty). */
  names: string[];
  template: boolean;
}

export function docTerms(doc: { title: string | null; text: string; entities: readonly string[] }): DocTerms {
  let terms = termsOfDoc.get(doc);
  if (!terms) termsOfDoc.set(doc, (terms = readTerms(doc)));
  return terms;
}

/** Each document's terms, read once: the clusterer and the storyline builder both need them. */
const termsOfDoc = new WeakMap<object, DocTerms>();

function readTerms(doc: { title: string | null; text: string; entities: readonly string[] }): DocTerms {
  const title = doc.title ? contentTerms(doc.title) : [];
  const body = contentTerms(doc.text);
  const template = isTemplateText(doc.text);
  if (doc.entities.length > 0) return { title, body, entity: [...new Set(doc.entities.map(entityKey))], names: [], template };
  const text = `${doc.title ?? ''}\n\n${doc.text}`;
  const names = capitalisedNames(text, Infinity);
  return { title, body, entity: nameTerms(text, names), names, template };
}

/** Updates the online document frequencies with this document, then weighs its sub-vectors. */
export function featurize(
  stats: TermStats,
  doc: { title: string | null; text: string; entities: readonly string[] } | DocTerms,
  limits: FeatureLimits,
): DocFeatures {
  const terms = 'body' in doc ? doc : docTerms(doc);
  const titleCounts = new Map<number, number>();
  const bodyCounts = new Map<number, number>();
  const entityCounts = new Map<number, number>();
  countInto(titleCounts, stats, terms.title);
  countInto(bodyCounts, stats, terms.body);
  countInto(entityCounts, stats, terms.entity);
  const seen = new Set<number>([...titleCounts.keys(), ...bodyCounts.keys(), ...entityCounts.keys()]);
  stats.observe(seen);
  let [title, titleTf] = weigh(titleCounts, stats, limits.docTerms);
  const [body, bodyTf] = weigh(bodyCounts, stats, limits.docTerms);
  let [entities, entitiesTf] = weigh(entityCounts, stats, limits.docTerms);
  if (terms.template) {
    // Scored by what the form is filled with, not by the form: only its rare title words, and the
    // names its title carries (names read from the form's lines are the form's).
    title = distinctivePart(title, stats);
    entities = distinctivePart(namedInTitle(entities, terms.title, stats), stats);
  }
  const keyed = new Map<number, number>();
  const add = (v: SparseVector, ids: Iterable<number>) => {
    for (const id of ids) keyed.set(id, (keyed.get(id) ?? 0) + weightOf(v, id));
  };
  add(title, topIds(title, limits.keyTerms));
  add(body, topIds(body, limits.keyTerms));
  add(entities, topIds(entities, limits.keyTerms));
  const keys = [...keyed.keys()];
  const keyWeights = [...keyed.values()];
  return { title, body, entities, titleTf, bodyTf, entitiesTf, keys, keyWeights, names: terms.names, template: terms.template };
}

/** A template's own words: the terms of `v` few documents carry (the form's words are in many), renormalised. */
export function distinctivePart(v: SparseVector, stats: TermStats): SparseVector {
  const most = Math.max(2, RARE_SHARE * stats.docs);
  const ids: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < v.ids.length; i++) {
    if (stats.frequency(v.ids[i]!) > most) continue;
    ids.push(v.ids[i]!);
    weights.push(v.weights[i]!);
  }
  return ids.length ? normalizeInPlace({ ids: Int32Array.from(ids), weights: Float32Array.from(weights) }) : EMPTY_VECTOR;
}

/** The entries of `v` whose name has a word in `title` (content terms of the title). */
function namedInTitle(v: SparseVector, title: readonly string[], stats: TermStats): SparseVector {
  const words = new Set(title);
  const ids: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < v.ids.length; i++) {
    if (!contentTerms(stats.term(v.ids[i]!).slice(1)).some((w) => words.has(w))) continue;
    ids.push(v.ids[i]!);
    weights.push(v.weights[i]!);
  }
  return ids.length ? { ids: Int32Array.from(ids), weights: Float32Array.from(weights) } : EMPTY_VECTOR;
}

/** Share of documents a term may appear in and still tell one story from another. */
const RARE_SHARE = 0.01;

function weightOf(v: SparseVector, id: number): number {
  let lo = 0;
  let hi = v.ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = v.ids[mid]!;
    if (x === id) return v.weights[mid]!;
    if (x < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/** Days since 1970-01-01 for a YYYY-MM-DD (or longer ISO) date; null when absent or unreadable. */
export function dayNumber(date: string | null | undefined): number | null {
  if (!date) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(t) ? Math.round(t / 86_400_000) : null;
}

export function dayString(day: number | null): string | null {
  return day === null ? null : new Date(day * 86_400_000).toISOString().slice(0, 10);
}

const CAPITALISED = /[\p{Lu}][\p{L}'\u2019.-]*(?:[ ][\p{Lu}][\p{L}'\u2019.-]*)*/gu;

/**
 * Capitalised names in `text` (runs of capitalised words), a stand-in for entities when the
 * extractor gave none. A run that opens a sentence loses its first word when that is a stop word.
 */
export function capitalisedNames(text: string, limit = 2000): string[] {
  const out: string[] = [];
  const head = text.slice(0, limit);
  CAPITALISED.lastIndex = 0;
  for (let m = CAPITALISED.exec(head); m; m = CAPITALISED.exec(head)) {
    let parts = m[0].replace(/['\u2019]s$/u, '').replace(/['\u2019-]+$/u, '').split(' ');
    const last = parts[parts.length - 1]!;
    if (last.endsWith('.') && !/^(\p{Lu}\.)+$/u.test(last)) parts[parts.length - 1] = last.replace(/\.+$/, '');
    while (parts.length > 0 && STOPWORDS.has(parts[0]!.toLowerCase())) parts = parts.slice(1);
    if (parts.length === 0) continue;
    const name = parts.join(' ');
    if (name.length < 2) continue;
    const sentenceStart = m.index === 0 || /[.!?"\u201c\n]\s*$/.test(head.slice(Math.max(0, m.index - 3), m.index));
    if (sentenceStart && parts.length === 1 && m[0].split(' ').length === 1) continue;
    if (parts.length === 1 && NOT_NAMES.has(name.toLowerCase().replace(/\.$/, ''))) continue;
    out.push(name);
  }
  return out;
}
