/**
 * An article's fingerprint: MinHash signatures of several shingle layers plus
 * anchor hashes. Small (≈ 0.3–1 KB), enough for the index to find verbatim copies,
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
import { anchors as anchorHashes } from './anchors.js';
import { shingles, uniqueSorted } from './hash.js';
import { scanWords } from './scan.js';
import { minhash } from './minhash.js';
import { canonicalShingles, canonicalTokens, skeletonShingles } from './skeleton.js';

export interface Fingerprint {
  id: string;
  /** Distinct word 3-grams of the text (|A| for containment). */
  size: number;
  /** MinHash of word 3-grams, `numPerm` bins. */
  doc: Uint32Array;
  /** MinHash of canonical content 1-2-grams, `numPerm / 2` bins. */
  canon: Uint32Array;
  /** MinHash of skeleton 6-grams, `numPerm / 4` bins. */
  skeleton: Uint32Array;
  /** One MinHash (`paragraphPerm` bins) per passage unit, at most `maxParagraphs`. */
  paragraphs: Uint32Array[];
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

export function fingerprint(id: string, text: string, paragraphs: Span[], options: FingerprintOptions = {}): Fingerprint {
  const o = { ...FINGERPRINT_DEFAULTS, ...options };
  const scan = scanWords(text);
  const wordHashes = scan.hashes;

  const w3 = shingles(wordHashes, 3);
  const size = uniqueSorted(w3).length;
  const canonTok = canonicalTokens(text, scan);
  const canonSh = canonicalShingles(canonTok);
  const canonSize = uniqueSorted(canonSh).length;

  const units = spread(passageUnits(scan.begins, paragraphs, o.minParagraphWords), o.maxParagraphs);
  const paragraphSigs = units.map(([b, e]) => {
    const ct = canonicalTokens(text, scan, b, e);
    return minhash(shingles(ct, 2, 0xc2), o.paragraphPerm);
  });

  return {
    id,
    size,
    doc: minhash(w3, o.numPerm),
    canon: minhash(canonSh, Math.max(8, o.numPerm >> 1)),
    skeleton: minhash(skeletonShingles(wordHashes), Math.max(8, o.numPerm >> 2)),
    paragraphs: paragraphSigs,
    anchors: anchorHashes(text, o.maxAnchors, scan),
    canonSize,
  };
}
