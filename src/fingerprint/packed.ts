/**
 * A fingerprint held as one block of 16-bit words carved from a shared slab, so
 * it costs about its serialised size in memory: one small object (the slab and
 * where its block starts: ≈ 64 B of heap) plus the block, instead of a typed-array
 * view per signature (≈ 100 B each). The signatures and anchors are views made on each access.
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
  /**
   * The slab holding the block (shared with other fingerprints), and where the block starts in it:
   * private fields, so that two equal fingerprints compare equal field by field wherever they are held.
   */
  readonly #slab: Uint16Array;
  readonly #at: number;

  constructor(id: string, size: number, canonSize: number, slab: Uint16Array, at: number) {
    this.id = id;
    this.size = size;
    this.canonSize = canonSize;
    this.#slab = slab;
    this.#at = at;
  }

  get anchors(): Uint32Array {
    return new Uint32Array(this.#slab.buffer, this.#slab.byteOffset + 2 * (this.#at + HEADER), this.count(ANCHORS));
  }

  get doc(): Signature {
    return this.signature(this.docStart(), this.count(DOC));
  }

  get canon(): Signature {
    return this.signature(this.docStart() + this.count(DOC), this.count(CANON));
  }

  get skeleton(): Signature {
    return this.signature(this.docStart() + this.count(DOC) + this.count(CANON), this.count(SKELETON));
  }

  get paragraphs(): Signature[] {
    const bins = this.count(PARAGRAPH);
    let at = this.docStart() + this.count(DOC) + this.count(CANON) + this.count(SKELETON);
    const out: Signature[] = [];
    for (let u = 0; u < this.count(PARAGRAPHS); u++, at += bins) out.push(this.signature(at, bins));
    return out;
  }

  /** The fingerprint's whole block (header, anchors, signatures), a view on its slab: a copy, wherever it is put, reads back as the same fingerprint. */
  get block(): Uint16Array {
    const bins = this.count(DOC) + this.count(CANON) + this.count(SKELETON) + this.count(PARAGRAPH) * this.count(PARAGRAPHS);
    return this.#slab.subarray(this.#at, this.#at + this.docStart() + bins);
  }

  /** A count of the block's header. */
  private count(field: number): number {
    return this.#slab[this.#at + field]!;
  }

  /** Where the doc signature starts, relative to the block. */
  private docStart(): number {
    return HEADER + 2 * this.count(ANCHORS);
  }

  private signature(at: number, bins: number): Signature {
    return this.#slab.subarray(this.#at + at, this.#at + at + bins);
  }
}

/** Fingerprints are carved from shared 64 KB slabs: one ArrayBuffer per fingerprint costs more than the fingerprint. */
const SLAB_WORDS = 1 << 15;
let slab = new Uint16Array(SLAB_WORDS);
let slab32 = new Uint32Array(slab.buffer);
let slabUsed = 0;

/** Room for `words` 16-bit words: a slab (and its 32-bit view) and where they start in it (an even index: the anchors are 32-bit). */
function carve(words: number): { slab: Uint16Array; slab32: Uint32Array; at: number } {
  const size = (words + 1) & ~1;
  if (size > SLAB_WORDS >> 3) {
    const own = new Uint16Array(size);
    return { slab: own, slab32: new Uint32Array(own.buffer), at: 0 };
  }
  if (slabUsed + size > SLAB_WORDS) {
    slab = new Uint16Array(SLAB_WORDS);
    slab32 = new Uint32Array(slab.buffer);
    slabUsed = 0;
  }
  const at = slabUsed;
  slabUsed += size;
  return { slab, slab32, at };
}

/**
 * A fingerprint with the given anchors and signatures of `shape`: `signatures` holds them one after
 * another (doc, canon, skeleton, passage units), or they are left zero, to be filled through the
 * `doc`, `canon`, `skeleton` and `paragraphs` views. Blocks come from shared slabs: a slab lives
 * while any fingerprint in it does.
 */
export function packFingerprint(
  id: string,
  size: number,
  canonSize: number,
  shape: FingerprintShape,
  anchors: ArrayLike<number>,
  signatures?: Uint16Array,
): PackedFingerprint {
  // No passage units: their bin count is moot, and 0 keeps equal fingerprints equal block for block.
  const paragraphBins = shape.paragraphs > 0 ? shape.paragraph : 0;
  const counts = [anchors.length, shape.doc, shape.canon, shape.skeleton, paragraphBins, shape.paragraphs];
  if (counts.some((n) => n > 0xffff)) throw createError('BAD_REQUEST', `fingerprint ${id} is too large to pack (${counts.join(', ')})`);
  const bins = shape.doc + shape.canon + shape.skeleton + paragraphBins * shape.paragraphs;
  const words = HEADER + 2 * anchors.length + bins;
  const { slab: into, slab32, at } = carve(words);
  into.set(counts, at);
  slab32.set(anchors, (at + HEADER) >> 1);
  if (signatures) into.set(signatures.subarray(0, bins), at + HEADER + 2 * anchors.length);
  return new PackedFingerprint(id, size, canonSize, into, at);
}

/** Its packed block, whatever a fingerprint's representation (one that is not packed is packed first). */
export function packedBlock(fp: Fingerprint): Uint16Array {
  if (fp instanceof PackedFingerprint) return fp.block;
  const paragraphs = fp.paragraphs;
  const shape = { doc: fp.doc.length, canon: fp.canon.length, skeleton: fp.skeleton.length, paragraph: paragraphs[0]?.length ?? 0, paragraphs: paragraphs.length };
  const signatures = new Uint16Array(shape.doc + shape.canon + shape.skeleton + shape.paragraph * shape.paragraphs);
  let at = 0;
  for (const sig of [fp.doc, fp.canon, fp.skeleton, ...paragraphs]) {
    signatures.set(sig, at);
    at += sig.length;
  }
  return packFingerprint(fp.id, fp.size, fp.canonSize, shape, fp.anchors, signatures).block;
}
