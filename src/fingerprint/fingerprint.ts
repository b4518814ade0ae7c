/**
 * An article's fingerprint: MinHash signatures of several shingle layers plus
 * anchor hashes. Small (≈ 0.3–0.8 KB: 16-bit bins), enough for the index to find verbatim copies,
 * excerpts, paraphrases, spun copies and reused background paragraphs.
 *
 * Layers:
 * - doc: word 3-grams of the whole text (duplicates, large excerpts).
 * - canon: canonical content 1- and 2-grams (WordNet groups; paraphrase, spin).
 * - skeleton: function-word skeleton 6-grams (spin keeps the function words).
 * - paragraphs: per passage unit (paragraphs merged to ≥ 30 words, long ones
 *   split), canonical content 2-grams: finds excerpts and reused background.
 * - anchors: names, numbers, quoted words.
 */
import type { Span } from '../core/types.js';
import { anchorScratch } from './anchors.js';
import { canonGrams, skeletonGrams, unitGrams, wordGrams, wordInfo } from './layers.js';
import { MinHasher, type Signature } from './minhash.js';
import { packFingerprint } from './packed.js';
import { charCodes, emptyScan, scanCodes } from './scan.js';
import { U32Set } from './u32map.js';

/**
 * `fingerprint()` and the codecs return a `PackedFingerprint` (packed.ts): one
 * block per fingerprint, its signatures and anchors views made on each access,
 * so read `paragraphs` once rather than inside a loop.
 */
export interface Fingerprint {
  id: string;
  /** Distinct word 3-grams of the text (|A| for containment). */
  size: number;
  /** MinHash of word 3-grams, `numPerm` bins. */
  doc: Signature;
  /** MinHash of canonical content 1-2-grams, `numPerm / 2` bins. */
  canon: Signature;
  /** MinHash of skeleton 6-grams, `numPerm / 4` bins. */
  skeleton: Signature;
  /** One MinHash (`paragraphPerm` bins) per passage unit, at most `maxParagraphs`. */
  paragraphs: Signature[];
  /** Sorted distinct anchor hashes (bottom-k sample, at most `maxAnchors`). */
  anchors: Uint32Array;
  /** Distinct canonical 1-2-grams (for canon containment). */
  canonSize: number;
}

export interface FingerprintOptions {
  /** @default 64 */
  numPerm?: number;
  /** @default 24 */
  paragraphPerm?: number;
  /** @default 12 */
  maxParagraphs?: number;
  /** @default 32 */
  maxAnchors?: number;
  /** Passage units shorter than this many words are merged with the next paragraph. @default 30 */
  minParagraphWords?: number;
}

export const FINGERPRINT_DEFAULTS: Required<FingerprintOptions> = {
  numPerm: 64,
  paragraphPerm: 24,
  maxParagraphs: 12,
  maxAnchors: 32,
  minParagraphWords: 30,
};

/** Word-index ranges [from, to) of passage units: paragraphs merged to ≥ min words, long ones split. */
export function passageUnits(wordBegins: Int32Array, paragraphs: Span[], minWords: number): Array<[number, number]> {
  const n = wordBegins.length;
  const bounds: number[] = [];
  // First word index of each paragraph.
  let w = 0;
  for (const [begin] of paragraphs) {
    while (w < n && wordBegins[w]! < begin) w++;
    if (w < n && (bounds.length === 0 || bounds[bounds.length - 1] !== w)) bounds.push(w);
  }
  if (bounds.length === 0 || bounds[0] !== 0) bounds.unshift(0);
  bounds.push(n);
  const units: Array<[number, number]> = [];
  let start = 0;
  for (let i = 1; i < bounds.length; i++) {
    const end = bounds[i]!;
    if (end - start < minWords && i < bounds.length - 1) continue;
    units.push([start, end]);
    start = end;
  }
  // A short tail joins the previous unit.
  if (units.length > 1 && units[units.length - 1]![1] - units[units.length - 1]![0] < minWords / 2) {
    const tail = units.pop()!;
    units[units.length - 1]![1] = tail[1];
  }
  // Split units over 4x the minimum into near-equal pieces.
  const out: Array<[number, number]> = [];
  const maxWords = 4 * minWords;
  for (const [b, e] of units) {
    const pieces = Math.max(1, Math.round((e - b) / (2 * minWords)));
    if (e - b <= maxWords || pieces === 1) {
      out.push([b, e]);
      continue;
    }
    for (let p = 0; p < pieces; p++) out.push([b + Math.floor(((e - b) * p) / pieces), b + Math.floor(((e - b) * (p + 1)) / pieces)]);
  }
  return out.filter(([b, e]) => e > b);
}

/** Pick at most `k` units, evenly spread over the article (keeps lead and tail). */
function spread<T>(items: T[], k: number): T[] {
  if (items.length <= k) return items;
  const out: T[] = [];
  for (let i = 0; i < k; i++) out.push(items[Math.round((i * (items.length - 1)) / (k - 1))]!);
  return out;
}

/** Scratch storage reused by every call (fingerprinting is synchronous). */
const scratch = {
  scan: emptyScan(),
  stops: new Uint8Array(1024),
  content: new Uint32Array(1024),
  contentBefore: new Int32Array(1025),
  /** One layer's n-gram hashes (at most two per word). */
  grams: new Uint32Array(2048),
  /** The signatures of one fingerprint, one after another, before they are packed. */
  signatures: new Uint16Array(512),
  mh: new MinHasher(),
  seen: new U32Set(),
};

/**
 * Stopword flags of the words; canonical hashes of the content words; and for each
 * word index the count of content words before it. Returns the content count.
 */
function contentTokens(text: string, codes: Uint16Array, n: number): number {
  const { scan } = scratch;
  if (scratch.content.length < n) {
    scratch.stops = new Uint8Array(2 * n);
    scratch.content = new Uint32Array(2 * n);
    scratch.contentBefore = new Int32Array(2 * n + 1);
    scratch.grams = new Uint32Array(4 * n);
  }
  const { stops, content, contentBefore } = scratch;
  let c = 0;
  for (let i = 0; i < n; i++) {
    contentBefore[i] = c;
    const info = wordInfo(text, codes, scan.begins[i]!, scan.ends[i]!, scan.hashes[i]!);
    stops[i] = info === 0 ? 1 : 0;
    if (info !== 0) content[c++] = info;
  }
  contentBefore[n] = c;
  return c;
}

/** Writes the `bins`-bin MinHash signature of `grams[0, g)` into `out` from `at`. */
function signature(mh: MinHasher, bins: number, grams: Uint32Array, g: number, out: Uint16Array, at: number): void {
  mh.reset(bins);
  mh.pushAll(grams, g);
  mh.finish(out, at);
}

export function fingerprint(id: string, text: string, paragraphs: Span[], options?: FingerprintOptions): Fingerprint {
  const o = options ? { ...FINGERPRINT_DEFAULTS, ...options } : FINGERPRINT_DEFAULTS;
  const { mh, seen } = scratch;
  const codes = charCodes(text);
  const scan = scanCodes(codes, text.length, scratch.scan);
  const n = scan.count;
  const words = scan.hashes;
  const c = contentTokens(text, codes, n);
  const { stops, content, contentBefore } = scratch;
  const units = spread(passageUnits(scan.begins.subarray(0, n), paragraphs, o.minParagraphWords), o.maxParagraphs);
  const bins = {
    doc: o.numPerm,
    canon: Math.max(8, o.numPerm >> 1),
    skeleton: Math.max(8, o.numPerm >> 2),
    paragraph: o.paragraphPerm,
    paragraphs: units.length,
  };

  const { grams } = scratch;
  const signatureBins = bins.doc + bins.canon + bins.skeleton + bins.paragraph * units.length;
  if (scratch.signatures.length < signatureBins) scratch.signatures = new Uint16Array(2 * signatureBins);
  const { signatures } = scratch;
  let g = wordGrams(words, n, grams);
  const size = seen.distinct(grams, g);
  signature(mh, bins.doc, grams, g, signatures, 0);
  let at = bins.doc;

  g = canonGrams(content, c, grams);
  const canonSize = seen.distinct(grams, g);
  signature(mh, bins.canon, grams, g, signatures, at);
  at += bins.canon;

  signature(mh, bins.skeleton, grams, skeletonGrams(words, stops, n, grams), signatures, at);
  at += bins.skeleton;

  for (let u = 0; u < units.length; u++, at += bins.paragraph) {
    const [b, e] = units[u]!;
    signature(mh, bins.paragraph, grams, unitGrams(content, contentBefore[b]!, contentBefore[e]!, grams), signatures, at);
  }
  const fp = packFingerprint(id, size, canonSize, bins, anchorScratch(codes, o.maxAnchors, scan, stops), signatures);
  return fp;
}
