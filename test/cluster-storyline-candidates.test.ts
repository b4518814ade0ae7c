import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mostShared } from '../src/cluster/storyline-builder.js';

test('the candidate events an event is compared with are those sharing the most keys, ties by id, as a full sort orders them', () => {
  let seed = 7;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (const size of [0, 1, 5, 39, 40, 41, 300, 3000]) {
    const counts = new Map<string, number>();
    while (counts.size < size) counts.set(`E${Math.floor(random() * 100_000)}`, 1 + Math.floor(random() ** 3 * 12));
    const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0)).map(([id]) => id);
    for (const k of [0, 1, 40]) assert.deepEqual(mostShared(counts, k), sorted.slice(0, k), `${size} events, ${k} kept`);
  }
});
