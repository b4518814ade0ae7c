import { CorruptRowError, type HeldRows, type RowChanges, type RowSource } from '../core/rows.js';
import { decodeFingerprint, encodeFingerprint } from '../fingerprint/codec.js';
import type { Fingerprint } from '../fingerprint/fingerprint.js';
import { PackedFingerprint, packedBlock } from '../fingerprint/packed.js';

/**
 * Bytes of fingerprints held (~640 a fingerprint: about 250,000 of them). A candidate's fingerprint
 * is read for every article it collides with, across the whole corpus; a 50,000-row cache of decoded
 * fingerprints read ~150 of them again per article at 180,000 articles, and its churn cost more in
 * garbage collection than the reads.
 */
const BUDGET_BYTES = 160 * 1024 * 1024;
/** Bytes of one slab; a budget under 8 of them has smaller slabs, so that one dropped is a small part. */
const SLAB_BYTES = 4 * 1024 * 1024;
/** Words before an entry's id: the id's length in bytes, a spare word, `size` and `canonSize` (two words each, low first). */
const ENTRY_HEADER = 6;
/** Room for an entry's position in its slab (in 16-bit words) in the number that locates it. */
const SLAB_SPAN = 2 ** 24;

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

/**
 * Fingerprints by article seq, held as packed blocks one after another in large slabs: no object per
 * fingerprint (the garbage collector never walks them) and about their stored size in memory, up
 * to a byte budget. Past it, after a drain, the oldest slabs are dropped (their fingerprints are read
 * from the store again when needed); a fingerprint handed out stays valid, since a slab is never
 * reused. The `fp` rows of a `RowSet`: new fingerprints are written when it drains.
 */
export class HeldFingerprints implements HeldRows {
  readonly ns = 'fp';
  /** Each written once, when its article is analysed: holding them back would write them twice. */
  readonly atOnce = true;
  private slabs: Uint16Array[] = [];
  /** Seqs filed in each slab, to unfile them when it is dropped. */
  private slabSeqs: number[][] = [];
  /** Number of `slabs[0]` (slabs are numbered as they are made). */
  private firstSlab = 0;
  private used = 0;
  /** Where each held fingerprint's entry is: slab number × SLAB_SPAN + word offset. */
  private readonly where = new Map<number, number>();
  /** Fingerprints set since the last drain, to be written. */
  private readonly changed = new Map<number, Fingerprint>();
  private readonly budget: number;
  private readonly slabWords: number;

  /** Without a source, every fingerprint set is held for good (nothing would bring it back). */
  constructor(
    private readonly source: RowSource | null,
    scale = 1,
  ) {
    this.budget = Math.max(8 * 1024, Math.floor(BUDGET_BYTES * scale));
    this.slabWords = Math.min(SLAB_BYTES, Math.floor(this.budget / 8)) >> 1;
  }

  /** Makes the fingerprints of `seqs` readable with `get`, reading those not held in one call. */
  async load(seqs: Iterable<number>): Promise<void> {
    if (!this.source) return;
    const missing = [...new Set(seqs)].filter((seq) => !this.where.has(seq));
    if (missing.length === 0) return;
    const found = await this.source(this.ns, missing.map(String));
    for (const seq of missing) {
      const bytes = found.get(String(seq));
      if (bytes === undefined) continue;
      let fp: Fingerprint;
      try {
        fp = decodeFingerprint(bytes);
      } catch (error) {
        throw new CorruptRowError(this.ns, String(seq), error);
      }
      this.file(seq, fp);
    }
  }

  /** The fingerprint of `seq`, or undefined when none is held (load it first). */
  get(seq: number): Fingerprint | undefined {
    const place = this.where.get(seq);
    if (place === undefined) return undefined;
    const slab = this.slabs[Math.floor(place / SLAB_SPAN) - this.firstSlab]!;
    const at = place % SLAB_SPAN;
    const idBytes = slab[at]!;
    const id = textDecoder.decode(new Uint8Array(slab.buffer, slab.byteOffset + 2 * (at + ENTRY_HEADER), idBytes));
    return new PackedFingerprint(id, readU32(slab, at + 2), readU32(slab, at + 4), slab, at + ENTRY_HEADER + idWords(idBytes));
  }

  /** Files the fingerprint of a new article; it is written at the next drain. */
  set(seq: number, fp: Fingerprint): void {
    this.file(seq, fp);
    this.changed.set(seq, fp);
  }

  get size(): number {
    return this.where.size;
  }

  drain(): RowChanges {
    const out: RowChanges = [...this.changed].map(([seq, fp]) => [String(seq), encodeFingerprint(fp)] as const);
    this.changed.clear();
    if (this.source) while (this.slabs.length > 1 && this.slabs.length * 2 * this.slabWords > this.budget) this.dropOldest();
    return out;
  }

  forget(): void {
    if (!this.source) return;
    this.firstSlab += this.slabs.length;
    this.slabs = [];
    this.slabSeqs = [];
    this.used = 0;
    this.where.clear();
    this.changed.clear();
  }

  private file(seq: number, fp: Fingerprint): void {
    const id = textEncoder.encode(fp.id);
    const block = packedBlock(fp);
    // Even sizes keep every entry, and so every block's 32-bit anchors, 4-byte aligned.
    const words = ENTRY_HEADER + idWords(id.length) + block.length + (block.length & 1);
    if (id.length > 0xffff) throw new Error(`fingerprint ${fp.id.slice(0, 40)}…: id too long to hold`);
    if (this.slabs.length === 0 || this.used + words > this.slabs[this.slabs.length - 1]!.length) this.addSlab(words);
    const slab = this.slabs[this.slabs.length - 1]!;
    const at = this.used;
    slab[at] = id.length;
    writeU32(slab, at + 2, fp.size);
    writeU32(slab, at + 4, fp.canonSize);
    new Uint8Array(slab.buffer, slab.byteOffset + 2 * (at + ENTRY_HEADER), id.length).set(id);
    slab.set(block, at + ENTRY_HEADER + idWords(id.length));
    this.used += words;
    const number = this.firstSlab + this.slabs.length - 1;
    this.where.set(seq, number * SLAB_SPAN + at);
    this.slabSeqs[this.slabSeqs.length - 1]!.push(seq);
  }

  private addSlab(atLeast: number): void {
    this.slabs.push(new Uint16Array(Math.max(this.slabWords, atLeast)));
    this.slabSeqs.push([]);
    this.used = 0;
  }

  private dropOldest(): void {
    const number = this.firstSlab;
    for (const seq of this.slabSeqs[0]!) {
      const place = this.where.get(seq);
      if (place !== undefined && Math.floor(place / SLAB_SPAN) === number) this.where.delete(seq);
    }
    this.slabs.shift();
    this.slabSeqs.shift();
    this.firstSlab++;
  }
}

/** A 32-bit count kept as two 16-bit words (no view made per read: `get` is called ~300 times per article). */
function writeU32(slab: Uint16Array, at: number, value: number): void {
  slab[at] = value & 0xffff;
  slab[at + 1] = value >>> 16;
}

function readU32(slab: Uint16Array, at: number): number {
  return slab[at]! + slab[at + 1]! * 0x10000;
}

/** Words an id of `bytes` UTF-8 bytes takes, rounded up to an even count. */
function idWords(bytes: number): number {
  return ((bytes + 3) >> 2) << 1;
}
