/**
 * `canonical` precomputed at build time for every word whose canonical form can differ from
 * itself (every WordNet lemma of lower-case ASCII letters and the joiners a word can hold, ' . -,
 * and its inflections, see `inflectionsOf`), as pairs
 * of 32-bit word hashes (`wordHash`), each checked by a second, independent hash of the word so
 * that a word outside the table never takes another's answer: a word seen for the first time
 * costs one binary search instead of WordNet's morphology and sense look-ups. A word not in the
 * table is its own canonical form. Built by `scripts/build-wordnet.ts` into dist/canonical.bin, stamped with the
 * WordNet table it was computed from and `CANONICAL_VERSION`; a stale or missing table is ignored.
 *
 * Layout: u32 magic "WTCN", stamp, count, then `count` sorted keys, their check hashes and values.
 */
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hashString } from '../fingerprint/hash.js';
import { tablePath, tableStamp } from './wordnet-table.js';

const MAGIC = 0x4e435457; // "WTCN"
const HEADER_WORDS = 3;
/** Bump when `canonical`, `baseForms` or `inflectionsOf` change their answers, or the table covers other words. */
export const CANONICAL_VERSION = 3;
/** Seed of the check hash (`hashString` of the word). */
export const CHECK_SEED = 0x2545f491;
/** Bits of the key that select a bucket of the look-up index built on load. */
const BUCKET_BITS = 16;

export function canonicalTablePath(): string {
  return fileURLToPath(new URL('../../canonical.bin', import.meta.url));
}

/** The stamp a table computed from a WordNet table with stamp `wordnetStamp` carries. */
export function canonicalStamp(wordnetStamp: number): number {
  return (Math.imul(wordnetStamp ^ 0x5bd1e995, 31) + CANONICAL_VERSION) >>> 0;
}

/** The stamp of the table at `file`, or null when there is none. */
export function builtCanonicalStamp(file: string): number | null {
  if (!fs.existsSync(file)) return null;
  const bytes = fs.readFileSync(file);
  if (bytes.length < 4 * HEADER_WORDS) return null;
  // A copy of the header: the file's bytes may sit at any offset of a shared buffer.
  const header = new Uint32Array(new Uint8Array(bytes.subarray(0, 4 * HEADER_WORDS)).buffer);
  return header[0] === MAGIC ? header[1]! : null;
}

/** The second hash that tells apart two words with the same `wordHash`. */
function checkHash(word: string): number {
  return hashString(word, CHECK_SEED);
}

/** Lays out `entries` (a word, its hash and its canonical form's hash) as a table file. */
export function writeCanonicalTable(stamp: number, entries: ReadonlyArray<{ word: string; hash: number; canonical: number }>): Uint8Array {
  const sorted = entries.map((e) => [e.hash >>> 0, checkHash(e.word) >>> 0, e.canonical >>> 0] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const n = sorted.length;
  const out = new Uint32Array(HEADER_WORDS + 3 * n);
  out.set([MAGIC, stamp, n]);
  sorted.forEach(([hash, check, canonical], i) => {
    out[HEADER_WORDS + i] = hash;
    out[HEADER_WORDS + n + i] = check;
    out[HEADER_WORDS + 2 * n + i] = canonical;
  });
  return new Uint8Array(out.buffer);
}

/** The first `bytes` bytes of `file` (the stamp is in the header: no need to read a 6 MiB table). */
function readHead(file: string, bytes: number): Uint8Array {
  const head = new Uint8Array(bytes);
  const fd = fs.openSync(file, 'r');
  try {
    return head.subarray(0, fs.readSync(fd, head, 0, bytes, 0));
  } finally {
    fs.closeSync(fd);
  }
}

let shared: CanonicalTable | null | undefined;

/** The build's table, loaded once per process and shared by its users (null when missing or stale). */
export function sharedCanonicalTable(): CanonicalTable | null {
  if (shared === undefined) shared = CanonicalTable.load();
  return shared;
}

export class CanonicalTable {
  /** Index of the first key of each bucket (keys sorted, so the bucket's keys are contiguous). */
  private readonly bucketStart = new Uint32Array((1 << BUCKET_BITS) + 1);

  private constructor(
    private readonly keys: Uint32Array,
    private readonly checks: Uint32Array,
    private readonly values: Uint32Array,
  ) {
    const shift = 32 - BUCKET_BITS;
    let k = 0;
    for (let b = 0; b < 1 << BUCKET_BITS; b++) {
      this.bucketStart[b] = k;
      while (k < keys.length && keys[k]! >>> shift === b) k++;
    }
    this.bucketStart[1 << BUCKET_BITS] = keys.length;
  }

  /** The table at `file` when it was computed from the WordNet table in use, else null. */
  static load(file = canonicalTablePath(), wordnetFile = tablePath()): CanonicalTable | null {
    if (!fs.existsSync(file) || !fs.existsSync(wordnetFile)) return null;
    const wordnetStamp = tableStamp(readHead(wordnetFile, 64));
    const read = fs.readFileSync(file);
    const bytes = read.byteOffset % 4 === 0 ? read : new Uint8Array(read);
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
    if (words.length < HEADER_WORDS || words[0] !== MAGIC) return null;
    if (wordnetStamp === null || words[1] !== canonicalStamp(wordnetStamp)) return null;
    const count = words[2]!;
    if (words.length !== HEADER_WORDS + 3 * count) return null;
    const section = (i: number) => words.subarray(HEADER_WORDS + i * count, HEADER_WORDS + (i + 1) * count);
    return new CanonicalTable(section(0), section(1), section(2));
  }

  /** The canonical form's hash of `word` (lower case, hash `hash`), or `hash` itself when the word is its own. */
  lookup(word: string, hash: number): number {
    return this.find(hash, checkHash(word));
  }

  /** As `lookup`, given the word's check hash (`hashString(word, CHECK_SEED)`) instead of the word. */
  find(hash: number, check: number): number {
    const at = this.indexOf(hash, check);
    return at < 0 ? hash : this.values[at]!;
  }

  /** Whether `word` (lower case, hash `hash`) has an entry: a word without one is its own canonical form. */
  has(word: string, hash: number): boolean {
    return this.indexOf(hash, checkHash(word)) >= 0;
  }

  private indexOf(hash: number, check: number): number {
    const key = hash >>> 0;
    const { keys, checks } = this;
    const bucket = key >>> (32 - BUCKET_BITS);
    // The bucket holds a few keys; a 32-bit collision puts equal keys side by side.
    for (let i = this.bucketStart[bucket]!, end = this.bucketStart[bucket + 1]!; i < end; i++) {
      const k = keys[i]!;
      if (k > key) break;
      if (k === key && checks[i] === check >>> 0) return i;
    }
    return -1;
  }

  get size(): number {
    return this.keys.length;
  }
}
