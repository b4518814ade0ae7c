import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyFilter } from '../src/fingerprint/key-filter.js';
import { fmix32 } from '../src/fingerprint/hash.js';

test('the key filter never loses a key it was given, and errs on few keys it never saw, however many arrive', () => {
  const filter = new KeyFilter();
  const key = (i: number) => fmix32(i) | 0;
  const filed = 300_000;
  for (let i = 0; i < filed; i++) filter.add(key(i));
  for (let i = 0; i < filed; i++) assert.ok(filter.mayHave(key(i)), `key ${i} lost`);
  let wrong = 0;
  const absent = 100_000;
  for (let i = filed; i < filed + absent; i++) if (filter.mayHave(key(i))) wrong++;
  assert.ok(wrong / absent < 0.03, `${wrong} of ${absent} absent keys reported as present`);
});

test('keys filed again and again take no more room than filed once', () => {
  const once = new KeyFilter();
  const often = new KeyFilter();
  const key = (i: number) => fmix32(i) | 0;
  const distinct = 200_000;
  for (let i = 0; i < distinct; i++) once.add(key(i));
  // A story's copies file the same band keys as its source when they leave memory.
  for (let copy = 0; copy < 5; copy++) for (let i = 0; i < distinct; i++) often.add(key(i));
  assert.equal(often.bytes, once.bytes);
  for (let i = 0; i < distinct; i++) assert.ok(often.mayHave(key(i)), `key ${i} lost`);
});
