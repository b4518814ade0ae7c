import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GNEWS_OPTIONS, evalItemsGnews, readGnews } from '../src/cluster/eval-gnews.js';
import { scoreClusters } from '../src/cluster/metrics.js';
import { EventClusterer } from '../src/cluster/events.js';

const NEWS_T = fileURLToPath(new URL('../../../shared/eval/clusters-gnews/News-T', import.meta.url));

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

test('Google News headlines: a 2,000-item slice of News-T clusters with NMI >= 0.84', { skip: !existsSync(NEWS_T) && 'eval data not present' }, async () => {
  const r = await evalItemsGnews(readGnews(NEWS_T, 2000));
  assert.ok(r.nmi >= 0.84, `NMI ${r.nmi}`);
  assert.ok(r.bcubedF1 >= 0.78, `B-cubed F1 ${r.bcubedF1}`);
  assert.ok(r.clusters < r.items / 4, `${r.clusters} clusters for ${r.items} items`);
});

test('event ids are stable: an article only ever moves to an older event, by a recorded merge', { skip: !existsSync(NEWS_T) && 'eval data not present' }, async () => {
  const items = readGnews(NEWS_T, 1500);
  const c = new EventClusterer(GNEWS_OPTIONS);
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
