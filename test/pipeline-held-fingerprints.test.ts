import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CorruptRowError, MemoryRowStore } from '../src/core/rows.js';
import { decodeFingerprint, encodeFingerprint } from '../src/fingerprint/codec.js';
import { fingerprint, type Fingerprint } from '../src/fingerprint/fingerprint.js';
import { HeldFingerprints } from '../src/pipeline/held-fingerprints.js';
import { paragraphs } from '../src/text/segment.js';
import { fields } from './fingerprint-fields.js';
import { packageRoot } from '../src/cli/package-root.js';

const sample = join(packageRoot(), 'sample');
const texts = readdirSync(sample)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(join(sample, f), 'utf8'));


/** Many distinct fingerprints: the sample texts, each with one paragraph dropped in turn, and some odd ones. */
function manyFingerprints(): Fingerprint[] {
  const out: Fingerprint[] = [];
  texts.forEach((text, t) => {
    const parts = text.split(/\n\s*\n/);
    parts.forEach((_, drop) => {
      const variant = parts.filter((__, i) => i !== drop).join('\n\n');
      out.push(fingerprint(`sample-${t}/${drop}`, variant, paragraphs(variant)));
    });
  });
  out.push(fingerprint('long — «ünïcödé» id', texts.join('\n\n'), paragraphs(texts.join('\n\n'))));
  out.push(fingerprint('small', texts[0]!, paragraphs(texts[0]!), { numPerm: 32, paragraphPerm: 16, maxAnchors: 8 }));
  out.push(fingerprint('empty', '', []));
  out.push(fingerprint('', 'One short line.', paragraphs('One short line.')));
  // One held as plain typed arrays, not packed (as a fingerprint from elsewhere may be), with sizes past 16 bits.
  const fp = out[0]!;
  out.push({ ...fields(fp), id: 'plain', size: 70_000 + fp.size, canonSize: 0x1_0000_0000 - 1, doc: fp.doc.slice(), canon: fp.canon.slice(), skeleton: fp.skeleton.slice(), paragraphs: fp.paragraphs.map((p) => p.slice()), anchors: fp.anchors.slice() });
  return out;
}

test('held fingerprints read back field for field, and drain as the rows the codec writes', () => {
  const fps = manyFingerprints();
  const held = new HeldFingerprints(null);
  fps.forEach((fp, i) => held.set(i + 1, fp));
  fps.forEach((fp, i) => assert.deepEqual(fields(held.get(i + 1)!), fields(fp), fp.id));
  assert.equal(held.get(fps.length + 1), undefined);
  const rows = held.drain();
  assert.equal(rows.length, fps.length);
  for (const [key, bytes] of rows) {
    const fp = fps[Number(key) - 1]!;
    assert.deepEqual([...bytes!], [...encodeFingerprint(fp)], fp.id);
  }
  assert.deepEqual(held.drain(), [], 'drained rows count as unchanged');
});

test('past their budget the oldest fingerprints leave memory, come back from the store as they were, and those handed out stay intact', async () => {
  const fps = manyFingerprints();
  const store = new MemoryRowStore();
  const held = new HeldFingerprints(store.source, 0.0001);
  const first = fps[0]!;
  held.set(1, first);
  const handedOut = held.get(1)!;
  for (let i = 1; i < fps.length; i++) {
    held.set(i + 1, fps[i]!);
    store.write([{ ns: 'fp', rows: held.drain() }]);
  }
  store.write([{ ns: 'fp', rows: held.drain() }]);
  assert.ok(held.size < fps.length / 2, `${held.size} of ${fps.length} held`);
  assert.equal(held.get(1), undefined, 'the first fingerprint left memory');
  assert.deepEqual(fields(handedOut), fields(first), 'a fingerprint handed out before its slab was dropped is unchanged');
  const all = fps.map((_, i) => i + 1);
  await held.load(all);
  fps.forEach((fp, i) => assert.deepEqual(fields(held.get(i + 1)!), fields(fp), fp.id));
  assert.deepEqual(held.drain(), [], 'fingerprints read from the store are not written back');
  for (const [key, bytes] of [...(await store.source('fp', all.map(String)))]) assert.deepEqual(fields(decodeFingerprint(bytes)), fields(fps[Number(key) - 1]!));
});

test('an unreadable stored fingerprint is reported as a corrupt row', async () => {
  const store = new MemoryRowStore();
  store.write([{ ns: 'fp', rows: [['7', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])]] }]);
  const held = new HeldFingerprints(store.source);
  await assert.rejects(held.load([7]), (error: unknown) => error instanceof CorruptRowError && error.ns === 'fp' && error.key === '7');
  await held.load([8]);
  assert.equal(held.get(8), undefined, 'a seq with no stored fingerprint is not held');
});
