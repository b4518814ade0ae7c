/**
 * ReuseIndex: incremental candidate index over fingerprints. Two LSH tables find
 * candidates — whole-text word 3-grams (duplicates, large excerpts) and passage
 * units (excerpts, paraphrases, spun copies, reused background) — and every
 * candidate is scored from its signatures. Verification is the aligner's job:
 * this over-generates a little rather than miss copies.
 */
import { createError } from '../core/errors.js';
import type { Fingerprint } from './fingerprint.js';
import { decodeIndex, encodeIndex } from './index-codec.js';
import { LshTable, optimalParams } from './lsh.js';
import { EMPTY, type Signature } from './minhash.js';
import { comparable, compare, score, type Comparable } from './score.js';
import { U32Set } from './u32map.js';
import { UnitMatcher } from './units.js';

export interface Candidate {
  id: string;
  score: number;
  jaccard: number;
  containment: number;
  /** Matching paragraph pairs. */
  paragraphs: number;
  /** Shared anchor fraction. */
  anchors: number;
  /** Which layers found it: "doc", "paragraph". */
  via: string[];
  /** The query's passage units it matches, by index (when ranked for the pipeline). */
  units?: number[];
}

export interface ReuseIndexOptions {
  /** Whole-text Jaccard (word 3-grams) at which LSH should find a pair. @default 0.3 */
  threshold?: number;
  /** Bins of the whole-text signature; must match the fingerprints. @default 64 */
  numPerm?: number;
  /** @default 0.5 */
  falsePositiveWeight?: number;
  /** @default 0.5 */
  falseNegativeWeight?: number;
  /** Passage-unit Jaccard (canonical 2-grams) at which two units match. @default 0.2 */
  paragraphThreshold?: number;
  /** Bins of each passage-unit signature; must match the fingerprints. @default 24 */
  paragraphPerm?: number;
  /** Candidates scoring below this are not returned. @default 0.08 */
  minScore?: number;
}

export const INDEX_DEFAULTS: Required<ReuseIndexOptions> = {
  threshold: 0.3,
  numPerm: 64,
  falsePositiveWeight: 0.5,
  falseNegativeWeight: 0.5,
  paragraphThreshold: 0.2,
  paragraphPerm: 24,
  minScore: 0.08,
};

export class ReuseIndex {
  readonly options: Required<ReuseIndexOptions>;
  private readonly docTable: LshTable;
  private readonly paragraphTable: LshTable;
  private readonly slots: Array<Fingerprint | undefined> = [];
  private readonly free: number[] = [];
  private readonly bySlot = new Map<string, number>();
  /** Query scratch: per-slot visit stamps and layer bits, and the slots found. */
  private stamps = new Uint32Array(0);
  private layers = new Uint8Array(0);
  private stamp = 0;
  private found = new Int32Array(64);
  private foundCount = 0;
  private readonly matcher = new UnitMatcher();
  /** Band keys of the fingerprint being added, and the set that keeps them distinct. */
  private keys = new Int32Array(256);
  private readonly seenKeys = new U32Set();

  constructor(options: ReuseIndexOptions = {}) {
    this.options = { ...INDEX_DEFAULTS, ...options };
    const o = this.options;
    this.docTable = new LshTable(optimalParams(o.threshold, o.numPerm, o.falsePositiveWeight, o.falseNegativeWeight));
    // Passage units: favour recall (a single reused paragraph must be found), but at
    // least 2 rows per band: 1-row buckets of common bigrams make queries scan thousands.
    this.paragraphTable = new LshTable(optimalParams(o.paragraphThreshold, o.paragraphPerm, 0.3, 0.7, 2));
  }

  get size(): number {
    return this.bySlot.size;
  }

  /** Bands and rows in use, for reports. */
  get params(): { doc: { bands: number; rows: number }; paragraph: { bands: number; rows: number } } {
    return {
      doc: { bands: this.docTable.bands, rows: this.docTable.rows },
      paragraph: { bands: this.paragraphTable.bands, rows: this.paragraphTable.rows },
    };
  }

  has(id: string): boolean {
    return this.bySlot.has(id);
  }

  get(id: string): Fingerprint | undefined {
    const slot = this.bySlot.get(id);
    return slot === undefined ? undefined : this.slots[slot];
  }

  /** All fingerprints, in insertion slots order. */
  *fingerprints(): IterableIterator<Fingerprint> {
    for (const fp of this.slots) if (fp) yield fp;
  }

  /** Adds a fingerprint; re-adding an id replaces the old one. */
  add(fp: Fingerprint): void {
    const doc = fp.doc;
    const units = fp.paragraphs;
    this.check(fp, doc, units);
    if (this.bySlot.has(fp.id)) this.remove(fp.id);
    const slot = this.free.length > 0 ? this.free.pop()! : this.slots.length;
    this.slots[slot] = fp;
    this.bySlot.set(fp.id, slot);
    // Empty-set signatures (all EMPTY) would share one huge bucket and never score: not indexed.
    if (doc[0] !== EMPTY) {
      const keys = this.keyScratch(this.docTable.bands);
      this.docTable.keysInto(doc, keys, 0);
      this.docTable.addKeys(slot, keys, this.docTable.bands);
    }
    this.paragraphTable.addKeys(slot, this.keys, this.paragraphKeys(units));
  }

  /** The distinct band keys of the non-empty `units` into `this.keys`; returns how many (two units of one article may share a key). */
  private paragraphKeys(units: Signature[]): number {
    const bands = this.paragraphTable.bands;
    const keys = this.keyScratch(units.length * bands);
    this.seenKeys.clear(units.length * bands);
    let n = 0;
    for (const p of units) {
      if (p[0] === EMPTY) continue;
      this.paragraphTable.keysInto(p, keys, n);
      let kept = n;
      for (let b = n; b < n + bands; b++) if (this.seenKeys.add(keys[b]!)) keys[kept++] = keys[b]!;
      n = kept;
    }
    return n;
  }

  private keyScratch(n: number): Int32Array {
    if (this.keys.length < n) this.keys = new Int32Array(2 * n);
    return this.keys;
  }

  remove(id: string): boolean {
    const slot = this.bySlot.get(id);
    if (slot === undefined) return false;
    const fp = this.slots[slot]!;
    if (fp.doc[0] !== EMPTY) this.docTable.remove(slot, fp.doc);
    for (const p of fp.paragraphs) if (p[0] !== EMPTY) this.paragraphTable.remove(slot, p);
    this.slots[slot] = undefined;
    this.bySlot.delete(id);
    this.free.push(slot);
    return true;
  }

  /** Candidates for `fp` (itself excluded), best first. */
  query(fp: Fingerprint, options: { limit?: number; minScore?: number } = {}): Candidate[] {
    const q = comparable(fp);
    this.check(fp, q.doc, q.paragraphs);
    const found = this.collect(q);
    const minScore = options.minScore ?? this.options.minScore;
    this.matcher.setQuery(q.paragraphs, this.options.paragraphThreshold);
    const out: Candidate[] = [];
    for (let i = 0; i < found.length; i++) {
      const slot = found[i]!;
      const layers = this.layers[slot]!;
      const other = this.slots[slot];
      if (!other || other.id === fp.id) continue;
      const e = compare(q, other, this.options.paragraphThreshold, this.matcher);
      const s = score(e);
      if (s < minScore) continue;
      const via: string[] = [];
      if (layers & 1) via.push('doc');
      if (layers & 2) via.push('paragraph');
      out.push({ id: other.id, score: s, jaccard: e.jaccard, containment: e.containment, paragraphs: e.paragraphs, anchors: e.anchors, via });
    }
    out.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    return options.limit !== undefined ? out.slice(0, options.limit) : out;
  }

  /** Distinct slots colliding with `q` in either table; `layers[slot]` says which (1 doc, 2 paragraph). */
  private collect(q: Comparable): Int32Array {
    if (this.stamps.length < this.slots.length) {
      const cap = Math.max(64, 2 * this.slots.length);
      this.stamps = new Uint32Array(cap);
      this.layers = new Uint8Array(cap);
      this.stamp = 0;
    }
    if (++this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
    this.foundCount = 0;
    if (q.doc[0] !== EMPTY) this.docTable.query(q.doc, this.hitDoc);
    const n = this.paragraphKeys(q.paragraphs);
    this.paragraphTable.queryKeys(this.keys, n, this.hitParagraph);
    return this.found.subarray(0, this.foundCount);
  }

  private hit(slot: number, layer: number): void {
    if (this.stamps[slot] !== this.stamp) {
      this.stamps[slot] = this.stamp;
      this.layers[slot] = layer;
      if (this.foundCount === this.found.length) {
        const grown = new Int32Array(2 * this.found.length);
        grown.set(this.found);
        this.found = grown;
      }
      this.found[this.foundCount++] = slot;
    } else this.layers[slot]! |= layer;
  }

  private readonly hitDoc = (slot: number): void => this.hit(slot, 1);
  private readonly hitParagraph = (slot: number): void => this.hit(slot, 2);

  /** Compact binary form: options and signatures; buckets are rebuilt on load. */
  serialize(): Uint8Array {
    return encodeIndex(this.options, [...this.fingerprints()]);
  }

  static deserialize(bytes: Uint8Array): ReuseIndex {
    const { options, fingerprints } = decodeIndex(bytes);
    const index = new ReuseIndex(options);
    for (const fp of fingerprints) index.add(fp);
    return index;
  }

  private check(fp: Fingerprint, doc = fp.doc, units = fp.paragraphs): void {
    if (doc.length !== this.options.numPerm) {
      throw createError('BAD_REQUEST', `fingerprint ${fp.id} has ${doc.length} bins, the index expects numPerm=${this.options.numPerm}`);
    }
    for (const p of units) {
      if (p.length !== this.options.paragraphPerm) {
        throw createError('BAD_REQUEST', `fingerprint ${fp.id} has ${p.length}-bin paragraph signatures, the index expects ${this.options.paragraphPerm}`);
      }
    }
  }
}
