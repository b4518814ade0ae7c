/**
 * Sparse vectors as parallel typed arrays sorted by term id. Dot products are a merge walk,
 * so scoring a document against a centroid costs O(nnz(a) + nnz(b)) with no hashing.
 */
export interface SparseVector {
  /** Term ids, strictly increasing. */
  ids: Int32Array;
  /** Weight of each id. */
  weights: Float32Array;
}

export const EMPTY_VECTOR: SparseVector = { ids: new Int32Array(0), weights: new Float32Array(0) };

/** A vector from unsorted `(id, weight)` entries; ids must be distinct. */
export function fromEntries(ids: ArrayLike<number>, weights: ArrayLike<number>): SparseVector {
  const n = ids.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((x, y) => ids[x]! - ids[y]!);
  const outIds = new Int32Array(n);
  const outWeights = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    outIds[i] = ids[order[i]!]!;
    outWeights[i] = weights[order[i]!]!;
  }
  return { ids: outIds, weights: outWeights };
}

export function norm(v: SparseVector): number {
  let s = 0;
  const w = v.weights;
  for (let i = 0; i < w.length; i++) s += w[i]! * w[i]!;
  return Math.sqrt(s);
}

/** Scales `v` in place to unit length (no-op for the zero vector). */
export function normalizeInPlace(v: SparseVector): SparseVector {
  const n = norm(v);
  if (n > 0) for (let i = 0; i < v.weights.length; i++) v.weights[i] = v.weights[i]! / n;
  return v;
}

export function dot(a: SparseVector, b: SparseVector): number {
  const ai = a.ids;
  const bi = b.ids;
  const aw = a.weights;
  const bw = b.weights;
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < ai.length && j < bi.length) {
    const x = ai[i]!;
    const y = bi[j]!;
    if (x === y) s += aw[i++]! * bw[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}

/** Cosine given the two norms (0 when either is 0). */
export function cosineWithNorms(a: SparseVector, normA: number, b: SparseVector, normB: number): number {
  if (normA === 0 || normB === 0) return 0;
  return dot(a, b) / (normA * normB);
}

export function cosine(a: SparseVector, b: SparseVector): number {
  return cosineWithNorms(a, norm(a), b, norm(b));
}

/** `a + scale * b`, a new vector. */
export function addScaled(a: SparseVector, b: SparseVector, scale = 1): SparseVector {
  const ids = new Int32Array(a.ids.length + b.ids.length);
  const weights = new Float32Array(ids.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.ids.length || j < b.ids.length) {
    const x = i < a.ids.length ? a.ids[i]! : 0x7fffffff;
    const y = j < b.ids.length ? b.ids[j]! : 0x7fffffff;
    if (x === y) {
      ids[k] = x;
      weights[k++] = a.weights[i++]! + scale * b.weights[j++]!;
    } else if (x < y) {
      ids[k] = x;
      weights[k++] = a.weights[i++]!;
    } else {
      ids[k] = y;
      weights[k++] = scale * b.weights[j++]!;
    }
  }
  return { ids: ids.subarray(0, k), weights: weights.subarray(0, k) };
}

/** Positions of the `k` largest weights (ties: lower id first), in descending weight order. */
export function topPositions(v: SparseVector, k: number): Int32Array {
  const n = v.ids.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const w = v.weights;
  order.sort((x, y) => w[y]! - w[x]! || x - y);
  return order.subarray(0, Math.min(k, n));
}

/** Term ids of the `k` largest weights, heaviest first. */
export function topIds(v: SparseVector, k: number): number[] {
  return Array.from(topPositions(v, k), (p) => v.ids[p]!);
}

/** Keeps the `k` largest weights (a new vector when it prunes; `v` itself when it is short enough). */
export function capTop(v: SparseVector, k: number): SparseVector {
  if (v.ids.length <= k) return v;
  const keep = Array.from(topPositions(v, k)).sort((x, y) => x - y);
  const ids = new Int32Array(keep.length);
  const weights = new Float32Array(keep.length);
  for (let i = 0; i < keep.length; i++) {
    ids[i] = v.ids[keep[i]!]!;
    weights[i] = v.weights[keep[i]!]!;
  }
  return { ids, weights };
}

/** A vector as one base64 string (ids then weights, little-endian): a compact, exact form for stored rows. */
export function packVector(v: SparseVector): string {
  const n = v.ids.length;
  const bytes = Buffer.alloc(8 * n);
  for (let i = 0; i < n; i++) {
    bytes.writeInt32LE(v.ids[i]!, 4 * i);
    bytes.writeFloatLE(v.weights[i]!, 4 * (n + i));
  }
  return bytes.toString('base64');
}

export function unpackVector(text: string): SparseVector {
  const bytes = Buffer.from(text, 'base64');
  const n = bytes.length >> 3;
  const ids = new Int32Array(n);
  const weights = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    ids[i] = bytes.readInt32LE(4 * i);
    weights[i] = bytes.readFloatLE(4 * (n + i));
  }
  return { ids, weights };
}

/**
 * IDF applied at query time: `idf(id) = base - logDf[id]` with `base = ln(1 + N) + 1` and
 * `logDf[id] = ln(1 + df)`, so an event centroid holding term frequencies is always weighed
 * by the current document frequencies.
 */
export interface IdfView {
  base: number;
  logDf: Float64Array;
}

/** `sum a[t] * b[t] * idf(t)`. */
export function dotIdf(a: SparseVector, b: SparseVector, idf: IdfView): number {
  const ai = a.ids;
  const bi = b.ids;
  const aw = a.weights;
  const bw = b.weights;
  const logDf = idf.logDf;
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < ai.length && j < bi.length) {
    const x = ai[i]!;
    const y = bi[j]!;
    if (x === y) s += aw[i++]! * bw[j++]! * (idf.base - logDf[x]!);
    else if (x < y) i++;
    else j++;
  }
  return s;
}

/**
 * Dot product of two term-frequency vectors both weighed by idf (`cosineIdf`'s numerator): it reads
 * the frequencies of the shared terms only.
 */
export function dotIdfBoth(a: SparseVector, b: SparseVector, idf: IdfView): number {
  const ai = a.ids;
  const bi = b.ids;
  const logDf = idf.logDf;
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < ai.length && j < bi.length) {
    const x = ai[i]!;
    const y = bi[j]!;
    if (x === y) {
      const w = idf.base - logDf[x]!;
      s += a.weights[i++]! * b.weights[j++]! * w * w;
    } else if (x < y) i++;
    else j++;
  }
  return s;
}

/** Norm of `v` weighed by idf. */
export function normIdf(v: SparseVector, idf: IdfView): number {
  const ids = v.ids;
  const w = v.weights;
  const logDf = idf.logDf;
  let s = 0;
  for (let i = 0; i < ids.length; i++) {
    const x = w[i]! * (idf.base - logDf[ids[i]!]!);
    s += x * x;
  }
  return Math.sqrt(s);
}

/** Keeps the `k` terms of largest `weight * idf`. */
export function capTopIdf(v: SparseVector, k: number, idf: IdfView): SparseVector {
  if (v.ids.length <= k) return v;
  const weighted = new Float32Array(v.ids.length);
  for (let i = 0; i < v.ids.length; i++) weighted[i] = v.weights[i]! * (idf.base - idf.logDf[v.ids[i]!]!);
  const keep = Array.from(topPositions({ ids: v.ids, weights: weighted }, k)).sort((x, y) => x - y);
  const ids = new Int32Array(keep.length);
  const weights = new Float32Array(keep.length);
  for (let i = 0; i < keep.length; i++) {
    ids[i] = v.ids[keep[i]!]!;
    weights[i] = v.weights[keep[i]!]!;
  }
  return { ids, weights };
}

/** Cosine of two term-frequency vectors both weighed by idf. */
export function cosineIdf(a: SparseVector, b: SparseVector, idf: IdfView): number {
  const na = normIdf(a, idf);
  const nb = normIdf(b, idf);
  if (na === 0 || nb === 0) return 0;
  return dotIdfBoth(a, b, idf) / (na * nb);
}
