/**
 * WordNet as one compact precomputed table (built by `scripts/build-wordnet.ts`
 * into `dist/wordnet.bin`), loaded whole and used in place: typed-array views on
 * the file's bytes, no per-word objects.
 *
 * Lemmas (index lemmas of every part of speech and synset members) are sorted by
 * byte and stored end to end in one string table; synsets are numbered in the
 * order of their "pos:offset" keys, so comparing numbers compares keys.
 *
 * Layout: a header of nine u32 (magic "WTWN", format version, source stamp, then
 * the counts of `TableCounts` in order), then the sections of `tableLayout`, each
 * at a multiple of 4 bytes. Integers are in the platform's byte order: the table
 * is built on the machine that uses it (`npm run build`).
 */
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Pos, type WordNetSource } from './wordnet-source.js';

const TABLE_MAGIC = 0x4e575457; // "WTWN"
const TABLE_VERSION = 1;
const HEADER_WORDS = 9;

export interface TableCounts {
  lemmas: number;
  synsets: number;
  senses: number;
  members: number;
  broader: number;
  stringBytes: number;
}

const COUNT_ORDER: ReadonlyArray<keyof TableCounts> = ['lemmas', 'synsets', 'senses', 'members', 'broader', 'stringBytes'];

/** Where `npm run build` writes the table (dist/, beside dist/src/). */
export function tablePath(): string {
  return fileURLToPath(new URL('../../wordnet.bin', import.meta.url));
}

type ArrayKind = typeof Uint32Array | typeof Uint16Array | typeof Uint8Array;

export interface TableArrays {
  /** Byte offset of each lemma in `strings` (lemmas + 1 entries). */
  lemmaStart: Uint32Array;
  /** First entry in `senses` of each lemma (lemmas + 1 entries). */
  senseStart: Uint32Array;
  /** Synsets of each lemma: nouns, then verbs, adjectives, adverbs, each in sense order. */
  senses: Uint32Array;
  memberStart: Uint32Array;
  /** Lemma numbers of each synset's members. */
  members: Uint32Array;
  broaderStart: Uint32Array;
  /** Synset numbers of each synset's hypernyms and similar-to. */
  broader: Uint32Array;
  /** Sum of the members' tagged counts, per synset. */
  weight: Uint16Array;
  /** Tagged senses per lemma, summed over parts of speech. */
  tagged: Uint8Array;
  /** Number of senses per lemma and part of speech (4 per lemma, in `POS` order); 0: not in WordNet as that part of speech. */
  senseCounts: Uint8Array;
  /** Lemmas end to end, Latin-1. */
  strings: Uint8Array;
}

/** The sections in file order: their array type and length for the given counts. */
export function tableLayout(c: TableCounts): Array<[keyof TableArrays, ArrayKind, number]> {
  return [
    ['lemmaStart', Uint32Array, c.lemmas + 1],
    ['senseStart', Uint32Array, c.lemmas + 1],
    ['senses', Uint32Array, c.senses],
    ['memberStart', Uint32Array, c.synsets + 1],
    ['members', Uint32Array, c.members],
    ['broaderStart', Uint32Array, c.synsets + 1],
    ['broader', Uint32Array, c.broader],
    ['weight', Uint16Array, c.synsets],
    ['tagged', Uint8Array, c.lemmas],
    ['senseCounts', Uint8Array, 4 * c.lemmas],
    ['strings', Uint8Array, c.stringBytes],
  ];
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

/** The source stamp of a table file of this format version, else null. */
export function tableStamp(bytes: Uint8Array): number | null {
  if (bytes.byteLength < 4 * HEADER_WORDS) return null;
  const header = new Uint32Array(bytes.slice(0, 4 * HEADER_WORDS).buffer);
  return header[0] === TABLE_MAGIC && header[1] === TABLE_VERSION ? header[2]! : null;
}

/** Views on the sections of a table file; throws when the bytes are not a table of this version. */
export function readTable(bytes: Uint8Array): { stamp: number; arrays: TableArrays } {
  const stamp = tableStamp(bytes);
  if (stamp === null) throw new Error('not a WordNet table of this format version');
  const buffer = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const header = new Uint32Array(buffer.buffer, buffer.byteOffset, HEADER_WORDS);
  const counts = {} as TableCounts;
  COUNT_ORDER.forEach((name, i) => (counts[name] = header[3 + i]!));
  const arrays = {} as Record<keyof TableArrays, Uint32Array | Uint16Array | Uint8Array>;
  let at = 4 * HEADER_WORDS;
  for (const [name, Kind, length] of tableLayout(counts)) {
    if (at + length * Kind.BYTES_PER_ELEMENT > buffer.byteLength) throw new Error(`WordNet table truncated in section ${name}`);
    arrays[name] = new Kind(buffer.buffer as ArrayBuffer, buffer.byteOffset + at, length);
    at = align4(at + length * Kind.BYTES_PER_ELEMENT);
  }
  return { stamp, arrays: arrays as unknown as TableArrays };
}

/** Lay `arrays` out as a table file. */
export function writeTable(stamp: number, counts: TableCounts, arrays: TableArrays): Uint8Array {
  const layout = tableLayout(counts);
  let bytes = 4 * HEADER_WORDS;
  for (const [, Kind, length] of layout) bytes = align4(bytes + length * Kind.BYTES_PER_ELEMENT);
  const out = new Uint8Array(bytes);
  const header = new Uint32Array(out.buffer, 0, HEADER_WORDS);
  header.set([TABLE_MAGIC, TABLE_VERSION, stamp, ...COUNT_ORDER.map((name) => counts[name])]);
  let at = 4 * HEADER_WORDS;
  for (const [name, Kind, length] of layout) {
    const array = arrays[name];
    if (array.length !== length || !(array instanceof Kind)) throw new Error(`WordNet table section ${name} has the wrong type or length`);
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at = align4(at + array.byteLength);
  }
  return out;
}

/** Compare the lemma at `text[start, end)` with `key` code unit by code unit (the table's sort order). */
function compareLemma(text: Buffer, start: number, end: number, key: string): number {
  const length = end - start;
  const n = Math.min(length, key.length);
  for (let i = 0; i < n; i++) {
    const d = text[start + i]! - key.charCodeAt(i);
    if (d !== 0) return d;
  }
  return length - key.length;
}

const POS_INDEX: Record<Pos, number> = { n: 0, v: 1, a: 2, r: 3 };

export class TableWordNet implements WordNetSource {
  private readonly t: TableArrays;
  private readonly text: Buffer;
  private readonly lemmaCount: number;

  constructor(arrays: TableArrays) {
    this.t = arrays;
    this.text = Buffer.from(arrays.strings.buffer, arrays.strings.byteOffset, arrays.strings.byteLength);
    this.lemmaCount = arrays.tagged.length;
  }

  /** The table at `file`, or null when there is none. */
  static load(file: string = tablePath()): TableWordNet | null {
    if (!fs.existsSync(file)) return null;
    return new TableWordNet(readTable(fs.readFileSync(file)).arrays);
  }

  senses(p: Pos, lemma: string): Uint32Array | null {
    const i = this.find(lemma);
    if (i < 0) return null;
    const counts = this.t.senseCounts;
    const q = POS_INDEX[p];
    const n = counts[4 * i + q]!;
    if (n === 0) return null;
    let start = this.t.senseStart[i]!;
    for (let k = 0; k < q; k++) start += counts[4 * i + k]!;
    return this.t.senses.subarray(start, start + n);
  }

  tagged(lemma: string): number {
    const i = this.find(lemma);
    return i < 0 ? 0 : this.t.tagged[i]!;
  }

  members(synset: number): string[] {
    const { memberStart, members, lemmaStart } = this.t;
    const out: string[] = [];
    for (let m = memberStart[synset]!; m < memberStart[synset + 1]!; m++) {
      const lemma = members[m]!;
      out.push(this.text.toString('latin1', lemmaStart[lemma]!, lemmaStart[lemma + 1]!));
    }
    return out;
  }

  weight(synset: number): number {
    return this.t.weight[synset]!;
  }

  broader(synset: number): Uint32Array {
    return this.t.broader.subarray(this.t.broaderStart[synset]!, this.t.broaderStart[synset + 1]!);
  }

  compareKeys(a: number, b: number): number {
    return a - b;
  }

  /** Number of `lemma` in the sorted string table, or -1. */
  private find(lemma: string): number {
    const { lemmaStart } = this.t;
    const text = this.text;
    let lo = 0;
    let hi = this.lemmaCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const cmp = compareLemma(text, lemmaStart[mid]!, lemmaStart[mid + 1]!, lemma);
      if (cmp === 0) return mid;
      if (cmp < 0) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }
}

