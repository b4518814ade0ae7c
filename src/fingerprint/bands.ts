/**
 * LSH band keys of a fingerprint, for an index kept as rows (band key → article): the same bands
 * and rows the in-memory `ReuseIndex` derives from its options, with the paragraph layer's keys
 * salted so the two layers never share a bucket.
 */
import type { Fingerprint } from './fingerprint.js';
import { INDEX_DEFAULTS, type ReuseIndexOptions } from './index.js';
import { LshTable, optimalParams } from './lsh.js';
import { EMPTY } from './minhash.js';

/** Added to the band number of the paragraph layer's keys. */
const PARAGRAPH_SALT = 0x100;

export interface FingerprintBands {
  /** Keys of the whole-text signature (empty for an empty text). */
  doc: Int32Array;
  /** Keys of every passage unit's signature. */
  paragraph: Int32Array;
}

export class BandKeys {
  readonly options: Required<ReuseIndexOptions>;
  private readonly docTable: LshTable;
  private readonly paragraphTable: LshTable;

  constructor(options: ReuseIndexOptions = {}) {
    this.options = { ...INDEX_DEFAULTS, ...options };
    const o = this.options;
    this.docTable = new LshTable(optimalParams(o.threshold, o.numPerm, o.falsePositiveWeight, o.falseNegativeWeight));
    // As in ReuseIndex: at least 2 rows per paragraph band, or buckets of common bigrams crowd.
    this.paragraphTable = new LshTable(optimalParams(o.paragraphThreshold, o.paragraphPerm, 0.3, 0.7, 2));
  }

  keys(fp: Fingerprint): FingerprintBands {
    const doc = new Int32Array(fp.doc[0] === EMPTY ? 0 : this.docTable.bands);
    for (let b = 0; b < doc.length; b++) doc[b] = this.docTable.key(fp.doc, b);
    const units = fp.paragraphs.filter((p) => p[0] !== EMPTY);
    const bands = this.paragraphTable.bands;
    const paragraph = new Int32Array(units.length * bands);
    units.forEach((p, u) => {
      for (let b = 0; b < bands; b++) paragraph[u * bands + b] = this.paragraphTable.key(p, b, PARAGRAPH_SALT);
    });
    return { doc, paragraph: distinct(paragraph) };
  }
}

function distinct(keys: Int32Array): Int32Array {
  return Int32Array.from(new Set(keys));
}
