import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mostCounted } from '../src/core/top-counts.js';

let seed = 7;
const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
const bySort = <K extends string | number>(counts: Map<K, number>) =>
  [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0)).map(([key]) => key);

test('the candidates compared (storyline events, quote groups) are those sharing the most keys, ties by id, as a full sort orders them', () => {
  for (const size of [0, 1, 5, 31, 32, 33, 40, 41, 300, 3000]) {
    const events = new Map<string, number>();
    while (events.size < size) events.set(`E${Math.floor(random() * 100_000)}`, 1 + Math.floor(random() ** 3 * 12));
    const groups = new Map<number, number>();
    while (groups.size < size) groups.set(Math.floor(random() * 100_000), 1 + Math.floor(random() ** 3 * 12));
    for (const k of [0, 1, 32, 40]) {
      assert.deepEqual(mostCounted(events, k), bySort(events).slice(0, k), `${size} events, ${k} kept`);
      assert.deepEqual(mostCounted(groups, k), bySort(groups).slice(0, k), `${size} groups, ${k} kept`);
    }
  }
});
