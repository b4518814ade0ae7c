import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY, containment, jaccard, minhash } from '../src/fingerprint/minhash.js';
import { collisionProbability, optimalParams, LshTable } from '../src/fingerprint/lsh.js';
import { hashInt } from '../src/fingerprint/hash.js';

function range(from: number, to: number): Uint32Array {
  const out = new Uint32Array(to - from);
  for (let i = from; i < to; i++) out[i - from] = hashInt(i, 7);
  return out;
}

test('MinHash estimate is within 0.1 of exact Jaccard on generated sets', () => {
  for (const [overlap, size] of [[0, 300], [100, 300], [200, 300], [280, 300], [30, 60], [500, 1000]] as const) {
    const a = range(0, size);
    const b = range(size - overlap, 2 * size - overlap);
    const exact = overlap / (2 * size - overlap);
    const est = jaccard(minhash(a, 128), minhash(b, 128));
    assert.ok(Math.abs(est - exact) <= 0.1, `overlap ${overlap}/${size}: exact ${exact.toFixed(3)} estimate ${est.toFixed(3)}`);
  }
});

test('densification fills every bin of a small set, and signatures are deterministic', () => {
  const small = range(0, 5);
  const sig = minhash(small, 64);
  assert.ok(sig.every((v) => v !== EMPTY));
  assert.deepEqual(minhash(small, 64), sig);
  assert.equal(jaccard(sig, minhash(range(0, 5), 64)), 1);
  assert.ok(minhash(new Uint32Array(0), 16).every((v) => v === EMPTY));
  assert.equal(jaccard(minhash(new Uint32Array(0), 16), minhash(new Uint32Array(0), 16)), 0);
});

test('containment of a subset in its superset is near 1', () => {
  const a = range(0, 100);
  const b = range(0, 400);
  const j = jaccard(minhash(a, 128), minhash(b, 128));
  assert.ok(containment(j, 100, 400) > 0.8);
  assert.ok(containment(j, 400, 100) < 0.4);
});

test('LSH: a higher threshold gives more rows per band; pairs above it are found, random pairs are not', () => {
  const low = optimalParams(0.3, 128);
  const high = optimalParams(0.8, 128);
  assert.ok(high.rows > low.rows, `${JSON.stringify(low)} vs ${JSON.stringify(high)}`);
  assert.ok(low.bands * low.rows <= 128);
  assert.ok(collisionProbability(0.5, high.bands, high.rows) < collisionProbability(0.9, high.bands, high.rows));

  const table = new LshTable(optimalParams(0.5, 128));
  const base = range(0, 400);
  const near = range(40, 440); // J = 360/440 ≈ 0.82
  const other = range(10_000, 10_400);
  table.insert(1, minhash(base, 128));
  table.insert(2, minhash(other, 128));
  const hits = new Set<number>();
  table.query(minhash(near, 128), (s) => hits.add(s));
  assert.ok(hits.has(1));
  assert.ok(!hits.has(2));
  table.remove(1, minhash(base, 128));
  hits.clear();
  table.query(minhash(near, 128), (s) => hits.add(s));
  assert.ok(!hits.has(1));
});
