import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IntLists } from '../src/core/int-lists.js';

/** A seeded stream of operations, checked against a Map of arrays after each one. */
function* operations(count: number): Generator<{ op: 'set' | 'delete'; key: number; list: number[] }> {
  let state = 12345;
  const next = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % n;
  };
  for (let i = 0; i < count; i++) {
    const key = next(500) - 250;
    const list = Array.from({ length: next(40) }, () => next(2 ** 31) - 2 ** 30);
    yield { op: next(4) === 0 ? 'delete' : 'set', key, list };
  }
}

test('lists read back as set, replaced and deleted, through many copies of the pool, keys in the order first set', () => {
  const lists = new IntLists();
  const expected = new Map<number, number[]>();
  let peak = 0;
  for (const { op, key, list } of operations(20_000)) {
    if (op === 'set') {
      lists.set(key, list);
      expected.set(key, list);
    } else {
      assert.equal(lists.delete(key), expected.delete(key));
    }
    assert.deepEqual(lists.get(key), expected.get(key));
    peak = Math.max(peak, lists.words);
  }
  assert.equal(lists.size, expected.size);
  assert.deepEqual([...lists.keys()], [...expected.keys()]);
  for (const [key, list] of expected) {
    const out = [7];
    assert.ok(lists.appendTo(key, out, 3));
    assert.deepEqual(out, [7, ...list.slice(0, 3)]);
  }
  assert.equal(lists.appendTo(1_000_000, []), false);
  const live = [...expected.values()].reduce((sum, list) => sum + list.length + 1, 0);
  assert.equal(lists.words, live);
  // The pool is sized by what was live when it was last copied, not by everything ever set (~300,000 numbers).
  assert.ok(lists.poolWords <= Math.ceil((1.25 * (peak + 40)) / 1024) * 1024, `pool of ${lists.poolWords} words, at most ${peak} live`);
});

test('emptied by clear, and usable again', () => {
  const lists = new IntLists();
  lists.set(1, [1, 2, 3]);
  lists.clear();
  assert.equal(lists.size, 0);
  assert.equal(lists.get(1), undefined);
  lists.set(2, []);
  assert.deepEqual(lists.get(2), []);
});
