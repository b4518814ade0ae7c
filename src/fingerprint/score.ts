/** Comparing two fingerprints: the evidence behind a candidate and its score. */
import type { Fingerprint } from './fingerprint.js';
import { containment as containmentOf, jaccard } from './minhash.js';
import { UnitMatcher, type UnitMatch } from './units.js';

export interface Evidence {
  jaccard: number;
  /** Larger of the two containments (excerpts are contained in their source). */
  containment: number;
  canon: number;
  skeleton: number;
  /** Matching paragraph-unit pairs. */
  paragraphs: number;
  /** Fraction of the shorter side's units that match a unit of the other side. */
  paragraphCover: number;
  /** Shared anchor fraction (bottom-k estimate of |A∩B| / min(|A|, |B|)). */
  anchors: number;
}

/** Shared fraction of two bottom-k anchor samples, relative to the smaller set. */
export function anchorShare(a: Uint32Array, b: Uint32Array): number {
  const k = Math.min(a.length, b.length);
  if (k === 0) return 0;
  // Walk the merged order; among the first k distinct values of the union, count those in both.
  let i = 0;
  let j = 0;
  let seen = 0;
  let both = 0;
  while (seen < k && (i < a.length || j < b.length)) {
    const x = i < a.length ? a[i]! : Infinity;
    const y = j < b.length ? b[j]! : Infinity;
    if (x === y) {
      both++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
    seen++;
  }
  if (seen === 0) return 0;
  const share = both / seen;
  return containmentOf(share, k, a.length + b.length - k);
}

const sharedMatcher = new UnitMatcher();
const unitMatch: UnitMatch = { pairs: 0, matchedA: 0, matchedB: 0 };

/** What comparing reads of a fingerprint. */
export type Comparable = Pick<Fingerprint, 'size' | 'canonSize' | 'doc' | 'canon' | 'skeleton' | 'paragraphs' | 'anchors'>;

/** A fingerprint's parts read once, to compare it with many others (a fingerprint makes its views on each access). */
export function comparable(fp: Fingerprint): Comparable {
  return { size: fp.size, canonSize: fp.canonSize, doc: fp.doc, canon: fp.canon, skeleton: fp.skeleton, paragraphs: fp.paragraphs, anchors: fp.anchors };
}

/**
 * The evidence that `b` shares text with `a`. `matcher`, when given, must have been
 * set to `a.paragraphs` and `paragraphThreshold` (`setQuery`): an index prepares it
 * once per query. Each part of either side is read once.
 */
export function compare(a: Comparable, b: Comparable, paragraphThreshold: number, matcher?: UnitMatcher): Evidence {
  const aUnits = a.paragraphs;
  const bUnits = b.paragraphs;
  if (!matcher) {
    matcher = sharedMatcher;
    matcher.setQuery(aUnits, paragraphThreshold);
  }
  const j = jaccard(a.doc, b.doc);
  const containment = Math.max(containmentOf(j, a.size, b.size), containmentOf(j, b.size, a.size));
  const cj = jaccard(a.canon, b.canon);
  const canon = Math.max(containmentOf(cj, a.canonSize, b.canonSize), containmentOf(cj, b.canonSize, a.canonSize));
  const units = matcher.match(bUnits, unitMatch);
  const na = aUnits.length;
  const nb = bUnits.length;
  const paragraphCover = na === 0 || nb === 0 ? 0 : Math.max(units.matchedA / na, units.matchedB / nb);
  return {
    jaccard: j,
    containment,
    canon,
    skeleton: jaccard(a.skeleton, b.skeleton),
    paragraphs: units.pairs,
    paragraphCover,
    anchors: anchorShare(a.anchors, b.anchors),
  };
}

/**
 * 0..1, rising with how much text the two share. Word-level copying counts most;
 * paragraph matches and canonical-content overlap carry rewrites; anchors add a little.
 */
export function score(e: Evidence): number {
  const s = 0.35 * e.containment + 0.35 * e.paragraphCover + 0.2 * e.canon + 0.1 * e.anchors;
  return Math.max(e.containment, Math.min(1, s));
}
