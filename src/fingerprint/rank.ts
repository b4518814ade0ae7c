/**
 * Candidates from band collisions: the articles colliding most often are scored from their
 * fingerprints (as `ReuseIndex.query` scores), the rest never loaded. A crowded bucket or a
 * boilerplate paragraph thus costs a bounded amount per article, whatever the corpus size.
 */
import type { Candidate } from './index.js';
import type { Fingerprint } from './fingerprint.js';
import { comparable, compare, score } from './score.js';
import { UnitMatcher } from './units.js';

/** Collisions of one article with the query: how many doc-layer and paragraph-layer bands matched. */
export interface Collisions {
  doc: number;
  paragraph: number;
}

/** Counts collisions per article seq from the doc-layer and paragraph-layer bucket hits. */
export function countCollisions(docHits: Int32Array, paragraphHits: Int32Array, self: number): Map<number, Collisions> {
  const out = new Map<number, Collisions>();
  const add = (hits: Int32Array, layer: keyof Collisions) => {
    for (const seq of hits) {
      if (seq === self) continue;
      let c = out.get(seq);
      if (!c) out.set(seq, (c = { doc: 0, paragraph: 0 }));
      c[layer]++;
    }
  };
  add(docHits, 'doc');
  add(paragraphHits, 'paragraph');
  return out;
}

/** The `limit` seqs with the most collisions (doc-layer collisions first), ties to the latest article. */
export function mostColliding(collisions: ReadonlyMap<number, Collisions>, limit: number): number[] {
  return [...collisions.entries()]
    .sort((a, b) => b[1].doc - a[1].doc || b[1].paragraph - a[1].paragraph || b[0] - a[0])
    .slice(0, limit)
    .map(([seq]) => seq);
}

const matcher = new UnitMatcher();

/** Scores `others` against `fp`; those under `minScore` are dropped; best first. */
export function rankCandidates(
  fp: Fingerprint,
  others: ReadonlyArray<{ fp: Fingerprint; collisions: Collisions }>,
  paragraphThreshold: number,
  minScore: number,
): Candidate[] {
  const q = comparable(fp);
  matcher.setQuery(q.paragraphs, paragraphThreshold);
  const out: Candidate[] = [];
  for (const { fp: other, collisions } of others) {
    if (other.id === fp.id) continue;
    const e = compare(q, other, paragraphThreshold, matcher);
    const s = score(e);
    if (s < minScore) continue;
    const via: string[] = [];
    if (collisions.doc > 0) via.push('doc');
    if (collisions.paragraph > 0) via.push('paragraph');
    const units = matcher.matchedQueryUnits();
    out.push({ id: other.id, score: s, jaccard: e.jaccard, containment: e.containment, paragraphs: e.paragraphs, anchors: e.anchors, via, units });
  }
  out.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return out;
}

/**
 * Up to `limit` of `ranked` (best first), in its order: first every candidate that matches a passage
 * unit of the query that no better one matched, then the best of the rest. Without this, a passage
 * copied into many earlier articles (a stock paragraph, a template's form) fills every slot with its
 * copies, and the source of the query's other passages is never aligned; in a cluster of copies of
 * one story the best candidate matches every unit, so the choice is the ranking's.
 */
export function pickCovering(ranked: readonly Candidate[], limit: number): Candidate[] {
  if (ranked.length <= limit) return [...ranked];
  const covered = new Set<number>();
  const picked = new Uint8Array(ranked.length);
  let count = 0;
  for (let i = 0; i < ranked.length && count < limit; i++) {
    const units = ranked[i]!.units ?? [];
    if (!units.some((u) => !covered.has(u))) continue;
    for (const u of units) covered.add(u);
    picked[i] = 1;
    count++;
  }
  for (let i = 0; i < ranked.length && count < limit; i++) {
    if (picked[i] === 1) continue;
    picked[i] = 1;
    count++;
  }
  return ranked.filter((_, i) => picked[i] === 1);
}
