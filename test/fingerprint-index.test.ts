import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fingerprint, type Fingerprint } from '../src/fingerprint/fingerprint.js';
import { ReuseIndex } from '../src/fingerprint/index.js';
import { paragraphs } from '../src/text/segment.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const sampleDir = [path.join(here, '..', 'sample'), path.join(here, '..', '..', 'sample')].find((d) => fs.existsSync(d))!;
const files = fs.readdirSync(sampleDir).filter((f) => f.endsWith('.txt')).sort();
const fps: Fingerprint[] = files.map((f) => {
  const text = fs.readFileSync(path.join(sampleDir, f), 'utf8');
  return fingerprint(f.slice(0, 3), text, paragraphs(text));
});

function indexAll(): ReuseIndex {
  const index = new ReuseIndex();
  for (const fp of fps) index.add(fp);
  return index;
}
const ids = (index: ReuseIndex, id: string) => index.query(fps.find((f) => f.id === id)!).map((c) => c.id);

test('sample: copies, rewrites and background reuse are candidates; unrelated stories are not close', () => {
  const index = indexAll();
  assert.equal(index.size, 5);
  const of000 = ids(index, '000');
  for (const id of ['001', '002', '003']) assert.ok(of000.includes(id), `000 -> ${of000}`);
  assert.ok(ids(index, '002').includes('000'));
  assert.ok(ids(index, '004').includes('003'));
  const c14 = index.query(fps[1]!).find((c) => c.id === '004');
  assert.ok(!c14 || c14.score < 0.15, `001-004 scored ${c14?.score}`);
  const top = index.query(fps[0]!);
  assert.equal(top[0]!.id, '001', 'the paraphrase of the same story ranks first');
  for (let i = 1; i < top.length; i++) assert.ok(top[i - 1]!.score >= top[i]!.score);
  assert.ok(top.every((c) => c.via.length > 0 && c.id !== '000'));
});

test('fingerprints are deterministic and sized as configured', () => {
  const text = fs.readFileSync(path.join(sampleDir, files[0]!), 'utf8');
  const again = fingerprint('000', text, paragraphs(text), {});
  const parts = (fp: Fingerprint) => [fp.id, fp.size, fp.canonSize, fp.doc, fp.canon, fp.skeleton, fp.paragraphs, fp.anchors];
  assert.deepEqual(parts(again), parts(fps[0]!));
  const small = fingerprint('x', text, paragraphs(text), { numPerm: 32 });
  assert.equal(small.doc.length, 32);
  assert.throws(() => indexAll().query(small), /numPerm=64/);
});

test('serialize -> deserialize gives the same answers; remove() removes', () => {
  const index = indexAll();
  const bytes = index.serialize();
  const back = ReuseIndex.deserialize(bytes);
  assert.equal(back.size, 5);
  for (const fp of fps) assert.deepEqual(back.query(fp), index.query(fp));
  assert.deepEqual(back.serialize(), bytes);
  assert.ok(back.remove('001'));
  assert.ok(!back.remove('001'));
  assert.ok(!back.has('001'));
  assert.equal(back.size, 4);
  assert.ok(!back.query(fps[0]!).some((c) => c.id === '001'));
  back.add(fps[1]!);
  assert.ok(back.query(fps[0]!).some((c) => c.id === '001'));
  assert.throws(() => ReuseIndex.deserialize(bytes.subarray(0, 100)), /truncated/);
});

test('after removing half of the articles the index answers exactly like one built from the rest', () => {
  // Variants of the sample articles (each missing one paragraph) give many overlapping fingerprints.
  const variants: Fingerprint[] = [];
  for (const f of files) {
    const text = fs.readFileSync(path.join(sampleDir, f), 'utf8');
    const spans = paragraphs(text);
    for (let k = 0; k < Math.min(8, spans.length); k++) {
      const kept = spans.filter((_, i) => i !== k).map(([b, e]) => text.slice(b, e)).join('\n\n');
      variants.push(fingerprint(`${f.slice(0, 3)}-${k}`, kept, paragraphs(kept)));
    }
  }
  const churned = new ReuseIndex();
  for (const fp of variants) churned.add(fp);
  variants.forEach((fp, i) => i % 2 === 1 && churned.remove(fp.id));
  const fresh = new ReuseIndex();
  variants.forEach((fp, i) => i % 2 === 0 && fresh.add(fp));
  assert.equal(churned.size, fresh.size);
  for (const fp of variants) assert.deepEqual(churned.query(fp, { minScore: 0 }), fresh.query(fp, { minScore: 0 }));
  assert.ok(fresh.query(variants[0]!).length > 0);
});

test('an index written by an older format version is refused with a clear message', () => {
  const bytes = indexAll().serialize();
  const old = Uint8Array.from(bytes);
  old[4] = 1;
  assert.throws(() => ReuseIndex.deserialize(old), /version 1 is not supported.*rebuild/);
});

test('texts without words are indexed but match nothing, and serialize round-trips them', () => {
  const index = indexAll();
  const blanks = ['', '   ', '— … —'].map((t, i) => fingerprint(`blank-${i}`, t, paragraphs(t)));
  for (const fp of blanks) index.add(fp);
  for (const fp of blanks) assert.deepEqual(index.query(fp, { minScore: 0 }), []);
  assert.equal(ReuseIndex.deserialize(index.serialize()).size, 8);
  assert.ok(index.remove('blank-1'));
});
