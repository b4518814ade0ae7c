import { type IdfView, type SparseVector, capTopIdf, dotIdf, normIdf } from './sparse.js';

/**
 * Member-level neighbours for short texts: each clustered document's few heaviest terms, filed under
 * those terms. A headline shares too few words with a large event's centroid for the centroid cosine
 * alone to hold the event together; the similarity to the event's nearest members does (the
 * neighbour vote of Google News-style story clustering). Held in memory only (see `memberWeight`).
 */
export class MemberIndex {
  private vectors: SparseVector[] = [];
  private events: number[] = [];
  private postings: Array<number[] | undefined> = [];
  private stamp = new Int32Array(1024);
  private tick = 1;

  /** Files a document (its unit TF vector, capped to `terms` by current TF-IDF) as a member of `event`. */
  add(tf: SparseVector, event: number, terms: number, idf: IdfView): void {
    const doc = this.vectors.length;
    const v = capTopIdf(tf, terms, idf);
    this.vectors.push(v);
    this.events.push(event);
    if (doc >= this.stamp.length) {
      const grown = new Int32Array(this.stamp.length * 2);
      grown.set(this.stamp);
      this.stamp = grown;
    }
    for (const id of v.ids) {
      while (this.postings.length <= id) this.postings.push(undefined);
      (this.postings[id] ??= []).push(doc);
    }
  }

  /**
   * For each live event holding a recent member that shares a term with `body` (a unit TF-IDF
   * vector): the mean TF-IDF cosine of its `k` nearest members (an event with fewer members than
   * `k` averages over those it has).
   */
  neighbours(
    body: SparseVector,
    k: number,
    scan: number,
    idf: IdfView,
    live: (event: number) => number | null,
    sizeOf: (event: number) => number,
  ): Map<number, number> {
    const tick = this.tick++;
    const top = new Map<number, number[]>();
    for (const id of body.ids) {
      const list = this.postings[id];
      if (!list) continue;
      for (let j = list.length - 1, seen = 0; j >= 0 && seen < scan; j--, seen++) {
        const doc = list[j]!;
        if (this.stamp[doc] === tick) continue;
        this.stamp[doc] = tick;
        const event = live(this.events[doc]!);
        if (event === null) continue;
        const v = this.vectors[doc]!;
        const n = normIdf(v, idf);
        const sim = n > 0 ? dotIdf(body, v, idf) / n : 0;
        let best = top.get(event);
        if (!best) top.set(event, (best = []));
        insertTop(best, sim, k);
      }
    }
    const out = new Map<number, number>();
    for (const [event, sims] of top) {
      let sum = 0;
      for (const s of sims) sum += s;
      out.set(event, sum / Math.max(1, Math.min(k, sizeOf(event))));
    }
    return out;
  }
}

/** Keeps `best` as the `k` largest values seen, in descending order. */
function insertTop(best: number[], x: number, k: number): void {
  if (best.length === k && x <= best[k - 1]!) return;
  let i = best.length < k ? best.length : k - 1;
  if (best.length < k) best.push(x);
  while (i > 0 && best[i - 1]! < x) {
    best[i] = best[i - 1]!;
    i--;
  }
  best[i] = x;
}
