/**
 * A Bloom filter over 32-bit keys that grows as keys arrive: a series of filters, each sized for
 * twice the keys of the one before, so the bits per key stay fixed whatever the final count. It
 * answers "maybe filed" or "certainly not": with BITS_PER_KEY bits and PROBES probes each segment
 * errs on about 0.3% of absent keys, all segments together on a few per cent at most.
 */
import { fmix32 } from './hash.js';

const BITS_PER_KEY = 12;
const PROBES = 8;
/** Keys the first segment is sized for. */
const FIRST_SEGMENT_KEYS = 1 << 16;

interface Segment {
  bits: Uint32Array;
  /** Bit count - 1 (a power of two). */
  mask: number;
  keys: number;
  capacity: number;
}

export class KeyFilter {
  private readonly segments: Segment[] = [];

  /** Adds `key` unless the filter may hold it already: a key filed again (a story's copies share keys) takes no room. */
  add(key: number): void {
    if (this.mayHave(key)) return;
    let segment = this.segments[this.segments.length - 1];
    if (!segment || segment.keys >= segment.capacity) segment = this.grow();
    const { bits, mask } = segment;
    let h = key >>> 0;
    const step = fmix32(h ^ 0x9e3779b9) | 1;
    for (let i = 0; i < PROBES; i++, h = (h + step) >>> 0) bits[(h & mask) >>> 5]! |= 1 << (h & 31);
    segment.keys++;
  }

  /** Bytes its bits take. */
  get bytes(): number {
    let total = 0;
    for (const { bits } of this.segments) total += bits.byteLength;
    return total;
  }

  /** False when `key` was certainly never added. */
  mayHave(key: number): boolean {
    const step = fmix32((key >>> 0) ^ 0x9e3779b9) | 1;
    for (const { bits, mask } of this.segments) {
      let h = key >>> 0;
      let all = true;
      for (let i = 0; i < PROBES && all; i++, h = (h + step) >>> 0) all = (bits[(h & mask) >>> 5]! & (1 << (h & 31))) !== 0;
      if (all) return true;
    }
    return false;
  }

  private grow(): Segment {
    const last = this.segments[this.segments.length - 1];
    const capacity = last ? 2 * last.capacity : FIRST_SEGMENT_KEYS;
    let bitCount = 32;
    while (bitCount < capacity * BITS_PER_KEY) bitCount *= 2;
    const segment = { bits: new Uint32Array(bitCount / 32), mask: bitCount - 1, keys: 0, capacity };
    this.segments.push(segment);
    return segment;
  }
}
