/**
 * Passage-unit matching between one query fingerprint and many candidates.
 * Two units match when their signatures agree on at least `need` bins (Jaccard
 * estimate ≥ threshold). The query's bin values are marked in a 64 K table once
 * per query, so a candidate's bin is skipped with one lookup unless some query
 * unit holds the same value — unrelated candidates cost nb·k lookups instead
 * of na·nb·k comparisons.
 */
import { EMPTY, type Signature } from './minhash.js';

export interface UnitMatch {
  /** Matching unit pairs. */
  pairs: number;
  /** Query units with at least one match. */
  matchedA: number;
  /** Candidate units with at least one match. */
  matchedB: number;
}

export class UnitMatcher {
  private readonly marks = new Uint8Array(65536);
  private query: Signature[] = [];
  private need = 1;
  private counts = new Uint8Array(16);
  private hitA = new Uint8Array(16);

  /** Bins two units must share: the smallest count whose fraction of `k` reaches `threshold`. */
  static need(threshold: number, k: number): number {
    return Math.max(1, Math.ceil(threshold * k - 1e-9));
  }

  /** Prepares for candidates of `units` (the query's unit signatures). */
  setQuery(units: Signature[], threshold: number): void {
    for (const u of this.query) for (let i = 0; i < u.length; i++) this.marks[u[i]!] = 0;
    this.query = units.filter((u) => u.length > 0 && u[0] !== EMPTY);
    for (const u of this.query) for (let i = 0; i < u.length; i++) this.marks[u[i]!] = 1;
    const k = this.query[0]?.length ?? 1;
    this.need = UnitMatcher.need(threshold, k);
    if (this.counts.length < units.length) {
      this.counts = new Uint8Array(2 * units.length);
      this.hitA = new Uint8Array(2 * units.length);
    }
  }

  /** The query units the last `match` found in its candidate, by index. */
  matchedQueryUnits(): number[] {
    const out: number[] = [];
    for (let p = 0; p < this.query.length; p++) if (this.hitA[p] === 1) out.push(p);
    return out;
  }

  /** Matches the query's units against `units` (same bins per unit). */
  match(units: Signature[], out: UnitMatch): UnitMatch {
    const { marks, query, need, counts, hitA } = this;
    const na = query.length;
    out.pairs = 0;
    out.matchedA = 0;
    out.matchedB = 0;
    if (na === 0) return out;
    hitA.fill(0, 0, na);
    for (let q = 0; q < units.length; q++) {
      const b = units[q]!;
      if (b[0] === EMPTY) continue;
      const k = Math.min(b.length, query[0]!.length);
      counts.fill(0, 0, na);
      let any = false;
      for (let i = 0; i < k; i++) {
        const v = b[i]!;
        if (marks[v] === 0) continue;
        for (let p = 0; p < na; p++) {
          if (query[p]![i] === v) {
            counts[p]!++;
            any = true;
          }
        }
      }
      if (!any) continue;
      let hit = false;
      for (let p = 0; p < na; p++) {
        if (counts[p]! < need) continue;
        out.pairs++;
        hit = true;
        if (hitA[p] === 0) {
          hitA[p] = 1;
          out.matchedA++;
        }
      }
      if (hit) out.matchedB++;
    }
    return out;
  }
}
