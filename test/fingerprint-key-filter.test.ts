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
