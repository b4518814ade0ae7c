import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY, containment, jaccard, minhash } from '../src/fingerprint/minhash.js';
import { collisionProbability, optimalParams, LshTable } from '../src/fingerprint/lsh.js';
import { hashInt } from '../src/fingerprint/hash.js';
import { UnitMatcher } from '../src/fingerprint/units.js';
import { U32Set } from '../src/fingerprint/u32map.js';

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

test('signatures are 16-bit: a set of 2000 elements fills every bin with a value below EMPTY', () => {
  const sig = minhash(range(0, 2000), 64);
  assert.ok(sig instanceof Uint16Array);
  assert.ok(sig.every((v) => v < EMPTY));
  // Distinct sets rarely agree on a bin by chance (2^-16 per bin plus the Jaccard estimate).
  assert.ok(jaccard(sig, minhash(range(5000, 7000), 64)) <= 0.05);
});

test('UnitMatcher finds exactly the unit pairs whose Jaccard estimate reaches the threshold', () => {
  let seed = 1;
  const rnd = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
  const units = (n: number, base: Uint16Array[]) =>
    Array.from({ length: n }, () => {
      const u = new Uint16Array(24);
      const src = base[Math.floor(rnd() * base.length)];
      for (let i = 0; i < 24; i++) u[i] = src && rnd() < 0.3 ? src[i]! : Math.floor(rnd() * 200);
      return u;
    });
  const matcher = new UnitMatcher();
  for (let trial = 0; trial < 50; trial++) {
    const a = units(1 + Math.floor(rnd() * 12), []);
    const b = units(1 + Math.floor(rnd() * 12), a);
    if (trial % 7 === 0) b.push(new Uint16Array(24).fill(EMPTY));
    matcher.setQuery(a, 0.2);
    const got = matcher.match(b, { pairs: 0, matchedA: 0, matchedB: 0 });
    let pairs = 0;
    const hitA = new Set<number>();
    const hitB = new Set<number>();
    a.forEach((x, p) =>
      b.forEach((y, q) => {
        if (jaccard(x, y) >= 0.2) {
          pairs++;
          hitA.add(p);
          hitB.add(q);
        }
      }),
    );
    assert.deepEqual(got, { pairs, matchedA: hitA.size, matchedB: hitB.size });
  }
});

test('LshTable stays exact under churn: after many inserts and removes it answers like a fresh table', () => {
  const params = optimalParams(0.5, 32);
  const sigs = Array.from({ length: 3000 }, (_, i) => minhash(range(i * 3, i * 3 + 40), 32));
  const churned = new LshTable(params);
  sigs.forEach((s, i) => churned.insert(i, s));
  for (let i = 0; i < sigs.length; i += 2) churned.remove(i, sigs[i]!);
  for (let i = 0; i < sigs.length; i += 4) churned.insert(i, sigs[i]!);
  const fresh = new LshTable(params);
  sigs.forEach((s, i) => {
    if (i % 2 === 1 || i % 4 === 0) fresh.insert(i, s);
  });
  for (let i = 0; i < sigs.length; i += 37) {
    const a = new Set<number>();
    const b = new Set<number>();
    churned.query(sigs[i]!, (s) => a.add(s));
    fresh.query(sigs[i]!, (s) => b.add(s));
    assert.deepEqual([...a].sort((x, y) => x - y), [...b].sort((x, y) => x - y));
    if (i % 2 === 1 || i % 4 === 0) assert.ok(a.has(i));
    else assert.ok(!a.has(i));
  }
});

test('U32Set counts distinct values and clears in O(1)', () => {
  const set = new U32Set();
  set.clear(10);
  for (const v of [1, 2, 2, 0xffffffff, 0, 1, 0xffffffff]) set.add(v);
  assert.equal(set.size, 4);
  set.clear(5000);
  for (let i = 0; i < 5000; i++) set.add(hashInt(i % 1234));
  assert.equal(set.size, 1234);
  set.clear(3);
  assert.ok(set.add(7));
  assert.equal(set.size, 1);
});

test('LshTable keys list their slots latest filed first, through growth and compaction, and a repeated filing counts once', () => {
  const table = new LshTable({ bands: 0, rows: 0 });
  const expected = new Map<number, number[]>();
  const file = (slot: number, key: number) => {
    table.addKey(slot, key);
    const list = expected.get(key) ?? [];
    if (list[0] !== slot) list.unshift(slot);
    expected.set(key, list);
  };
  // 40,000 filings over 5,000 keys (the table grows many times); every tenth filed twice in a row.
  for (let i = 0; i < 40_000; i++) {
    const key = hashInt(i % 5000, 3) | 0;
    file(i, key);
    if (i % 10 === 0) file(i, key);
  }
  // Removing most filings of a signature's keys, then filing more, compacts the table.
  const sigs = Array.from({ length: 4000 }, (_, i) => minhash(range(i * 5, i * 5 + 30), 16));
  const params = { bands: 8, rows: 2 };
  const churned = new LshTable(params);
  sigs.forEach((s, i) => churned.insert(i, s));
  for (let i = 0; i < sigs.length; i++) if (i % 5 !== 0) churned.remove(i, sigs[i]!);
  for (let i = 0; i < 200; i++) churned.insert(10_000 + i, sigs[i]!);
  for (const [key, slots] of expected) {
    const got: number[] = [];
    table.forKey(key, 3, (s) => got.push(s));
    assert.deepEqual(got, slots.slice(0, 3), `key ${key}`);
  }
  for (let i = 0; i < 200; i++) {
    const got = new Set<number>();
    churned.query(sigs[i]!, (s) => got.add(s));
    assert.ok(got.has(10_000 + i));
    assert.equal(got.has(i), i % 5 === 0, `slot ${i}`);
  }
});
