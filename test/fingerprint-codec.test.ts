import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeFingerprint, encodeFingerprint } from '../src/fingerprint/codec.js';
import { fingerprint, type Fingerprint } from '../src/fingerprint/fingerprint.js';
import { paragraphs } from '../src/text/segment.js';
import { fields } from './fingerprint-fields.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const sampleDir = [path.join(here, '..', 'sample'), path.join(here, '..', '..', 'sample')].find((d) => fs.existsSync(d))!;
const texts = fs
  .readdirSync(sampleDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => fs.readFileSync(path.join(sampleDir, f), 'utf8'));


test('one fingerprint round-trips through its bytes', () => {
  const long = texts.join('\n\n').repeat(3);
  const fps = [
    ...texts.map((text, i) => fingerprint(`sample/${i}.txt`, text, paragraphs(text))),
    fingerprint('long — «ünïcödé» id', long, paragraphs(long)),
    fingerprint('small', texts[0]!, paragraphs(texts[0]!), { numPerm: 32, paragraphPerm: 16, maxAnchors: 8 }),
    fingerprint('empty', '', []),
    fingerprint('', 'One short line.', paragraphs('One short line.')),
  ];
  for (const fp of fps) {
    const bytes = encodeFingerprint(fp);
    const back = decodeFingerprint(bytes);
    assert.deepEqual(fields(back), fields(fp), fp.id);
    assert.deepEqual(back, fp, fp.id);
    assert.deepEqual(encodeFingerprint(back), bytes);
    const sigBytes = 2 * (fp.doc.length + fp.canon.length + fp.skeleton.length + fp.paragraphs.reduce((n, p) => n + p.length, 0));
    assert.equal(bytes.length, 23 + Buffer.byteLength(fp.id) + sigBytes + 4 * fp.anchors.length, 'compact: fixed header, id, bins, anchors');
  }
});

test('a fingerprint given as a plain object encodes too; bad bytes are refused with an error', () => {
  const fp = fingerprint('x', texts[1]!, paragraphs(texts[1]!));
  const plain: Fingerprint = { ...fields(fp), doc: fp.doc.slice(), canon: fp.canon.slice(), skeleton: fp.skeleton.slice(), paragraphs: fp.paragraphs.map((p) => p.slice()), anchors: fp.anchors.slice() };
  const bytes = encodeFingerprint(plain);
  assert.deepEqual(bytes, encodeFingerprint(fp));
  assert.deepEqual(fields(decodeFingerprint(bytes)), fields(fp));
  assert.throws(() => decodeFingerprint(bytes.subarray(0, bytes.length - 1)), /truncated/);
  assert.throws(() => decodeFingerprint(Uint8Array.of(...bytes, 0)), /past the end/);
  assert.throws(() => decodeFingerprint(Uint8Array.of(9, ...bytes.subarray(1))), /version 9/);
  assert.throws(() => decodeFingerprint(new Uint8Array(0)), /truncated/);
});
