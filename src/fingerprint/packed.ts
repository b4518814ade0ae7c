/**
 * A fingerprint held as one block of 16-bit words carved from a shared slab, so
 * it costs about its serialised size in memory: one object and one typed-array
 * view (≈ 160 B of heap) plus the block, instead of a view per signature
 * (≈ 100 B each). The signatures and anchors are views made on each access.
 *
 * Block layout (u16 words): a header of `HEADER` counts (anchors, doc bins, canon
 * bins, skeleton bins, passage-unit bins, passage units), the anchors (u32, two
 * words each), then the doc, canon, skeleton and passage-unit signatures.
 */
import { createError } from '../core/errors.js';
import type { Fingerprint } from './fingerprint.js';
import type { Signature } from './minhash.js';

const ANCHORS = 0;
const DOC = 1;
const CANON = 2;
const SKELETON = 3;
const PARAGRAPH = 4;
const PARAGRAPHS = 5;
/** Header words; even, so the anchors start 4-byte aligned. */
const HEADER = 6;

export interface FingerprintShape {
  doc: number;
  canon: number;
  skeleton: number;
  /** Bins of each passage-unit signature. */
  paragraph: number;
  /** Passage units. */
  paragraphs: number;
}

export class PackedFingerprint implements Fingerprint {
  id: string;
  size: number;
  canonSize: number;
  /** The whole block: header, anchors, signatures (see the file comment). */
  readonly block: Uint16Array;

  constructor(id: string, size: number, canonSize: number, block: Uint16Array) {
    this.id = id;
    this.size = size;
    this.canonSize = canonSize;
    this.block = block;
  }

  get anchors(): Uint32Array {
    const b = this.block;
    return new Uint32Array(b.buffer, b.byteOffset + 2 * HEADER, b[ANCHORS]!);
  }

  get doc(): Signature {
    return this.signature(this.docStart(), this.block[DOC]!);
  }

  get canon(): Signature {
    return this.signature(this.docStart() + this.block[DOC]!, this.block[CANON]!);
  }

  get skeleton(): Signature {
    const b = this.block;
    return this.signature(this.docStart() + b[DOC]! + b[CANON]!, b[SKELETON]!);
  }

  get paragraphs(): Signature[] {
    const b = this.block;
    const bins = b[PARAGRAPH]!;
    let at = this.docStart() + b[DOC]! + b[CANON]! + b[SKELETON]!;
    const out: Signature[] = [];
    for (let u = 0; u < b[PARAGRAPHS]!; u++, at += bins) out.push(this.signature(at, bins));
    return out;
  }

  private docStart(): number {
    return HEADER + 2 * this.block[ANCHORS]!;
  }

  private signature(at: number, bins: number): Signature {
    return this.block.subarray(at, at + bins);
  }
}

/** Fingerprints are carved from shared 64 KB slabs: one ArrayBuffer per fingerprint costs more than the fingerprint. */
const SLAB_BYTES = 1 << 16;
let slab = new ArrayBuffer(SLAB_BYTES);
let slabUsed = 0;

function carve(bytes: number): { buffer: ArrayBuffer; at: number } {
  const size = (bytes + 3) & ~3;
  if (size > SLAB_BYTES >> 3) return { buffer: new ArrayBuffer(size), at: 0 };
  if (slabUsed + size > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    slabUsed = 0;
  }
  const at = slabUsed;
  slabUsed += size;
  return { buffer: slab, at };
}

/**
 * A fingerprint with the given anchors and zeroed signatures of `shape`, to be
 * filled through its `doc`, `canon`, `skeleton` and `paragraphs` views. Blocks
 * come from shared slabs: a slab lives while any fingerprint in it does.
 */
export function packFingerprint(id: string, size: number, canonSize: number, shape: FingerprintShape, anchors: ArrayLike<number>): PackedFingerprint {
  // No passage units: their bin count is moot, and 0 keeps equal fingerprints equal block for block.
  const paragraphBins = shape.paragraphs > 0 ? shape.paragraph : 0;
  const counts = [anchors.length, shape.doc, shape.canon, shape.skeleton, paragraphBins, shape.paragraphs];
  if (counts.some((n) => n > 0xffff)) throw createError('BAD_REQUEST', `fingerprint ${id} is too large to pack (${counts.join(', ')})`);
  const words = HEADER + 2 * anchors.length + shape.doc + shape.canon + shape.skeleton + paragraphBins * shape.paragraphs;
  const { buffer, at } = carve(2 * words);
  const block = new Uint16Array(buffer, at, words);
  block.set(counts);
  new Uint32Array(buffer, at + 2 * HEADER, anchors.length).set(anchors);
  return new PackedFingerprint(id, size, canonSize, block);
}
