import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evalItemsGnews, gnewsPart, readGnews } from '../src/eval/gnews.js';
import { scoreClusters } from '../src/eval/cluster-metrics.js';
import { EventClusterer } from '../src/cluster/events.js';

import { evalData } from './eval-data.js';

const { path: NEWS, skip } = evalData('clusters-gnews/News');

test('metrics: perfect, all-in-one and all-singletons clusterings', () => {
  const gold = [1, 1, 2, 2, 2, 3];
  const perfect = scoreClusters(['a', 'a', 'b', 'b', 'b', 'c'], gold);
  assert.equal(perfect.nmi, 1);
  assert.equal(perfect.bcubedF1, 1);
  assert.equal(perfect.pairwiseF1, 1);
  const one = scoreClusters(gold.map(() => 'x'), gold);
  assert.equal(one.nmi, 0);
  assert.equal(one.bcubedRecall, 1);
  assert.equal(one.pairwisePrecision, 4 / 15);
  const singles = scoreClusters(gold.map((_, i) => i), gold);
  assert.equal(singles.bcubedPrecision, 1);
  assert.equal(singles.pairwiseRecall, 0);
});

test('Google News headlines, test part (clusters never tuned on), first 2,000: default options cluster them', { skip }, async () => {
  const r = await evalItemsGnews(gnewsPart(readGnews(NEWS), 'test').slice(0, 2000));
  assert.ok(r.nmi >= 0.86, `NMI ${r.nmi}`);
  assert.ok(r.bcubedF1 >= 0.75, `B-cubed F1 ${r.bcubedF1}`);
  assert.ok(r.clusters < r.items / 4, `${r.clusters} clusters for ${r.items} items`);
});

test('event ids are stable: an article only ever moves to an older event, by a recorded merge', { skip }, async () => {
  const items = readGnews(NEWS, 1500);
  const c = new EventClusterer();
  const first = new Map<string, number>();
  for (const [i, x] of items.entries()) {
    const id = String(i);
    const { eventId } = await c.add({ id, title: null, text: x.text, published: null, entities: [] });
    first.set(id, Number(eventId.slice(1)));
  }
  const events = c.events();
  for (const e of events) {
    e.articles.forEach((a, k) => {
      const n = Number(e.id.slice(1));
      assert.ok(n <= first.get(a)!, `${a} moved from E${first.get(a)} to newer ${e.id}`);
      if (n !== first.get(a)) assert.equal(e.reasons[k]!.action, 'merged');
    });
  }
});
