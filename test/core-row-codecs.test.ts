import { test } from 'node:test';
import assert from 'node:assert/strict';
import { int32ListCodec, int32NullableListCodec } from '../src/core/rows.js';

/** The bytes placed `offset` bytes into a bigger buffer, as a store may hand a row out. */
function at(bytes: Uint8Array, offset: number): Uint8Array {
  const buffer = new Uint8Array(offset + bytes.byteLength + 3);
  buffer.set(bytes, offset);
  return buffer.subarray(offset, offset + bytes.byteLength);
}

test('id lists stored as 32-bit integers read back the same, wherever their bytes sit in a buffer', () => {
  const lists = [[], [0], [1, -1, 2147483647, -2147483647, 36 ** 5, 7, 7]];
  for (const list of lists) {
    const bytes = int32ListCodec.encode(list);
    assert.equal(bytes.byteLength, 4 * list.length);
    for (const offset of [0, 1, 2, 4, 6]) assert.deepEqual(int32ListCodec.decode(at(bytes, offset)), list, `offset ${offset}`);
  }
  const nullable = [null, 3, null, -5, 0];
  for (const offset of [0, 3, 8]) assert.deepEqual(int32NullableListCodec.decode(at(int32NullableListCodec.encode(nullable), offset)), nullable);
});

test('a decoded list is its own: changing it or the bytes it came from changes neither the other', () => {
  const bytes = int32ListCodec.encode([1, 2, 3]);
  const list = int32ListCodec.decode(bytes);
  list.push(4);
  list[0] = 9;
  assert.deepEqual(int32ListCodec.decode(bytes), [1, 2, 3]);
  bytes.fill(0);
  assert.deepEqual(list, [9, 2, 3, 4]);
});

test('bytes that are not whole 32-bit integers are refused, not read short', () => {
  assert.throws(() => int32ListCodec.decode(new Uint8Array(6)), /not a list of 32-bit integers/);
  assert.throws(() => int32NullableListCodec.decode(at(new Uint8Array(5), 1)), /not a list of 32-bit integers/);
});
