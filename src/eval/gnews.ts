import { readFileSync } from 'node:fs';
import { type ClusterOptions, EventClusterer } from '../cluster/events.js';
import { scoreClusters } from './cluster-metrics.js';

export interface GnewsItem {
  id: string;
  cluster: number;
  text: string;
}

/** Reads the MStream Google News file: one `{"Id","clusterNo","textCleaned"}` object per line. */
export function readGnews(file: string, limit = Infinity): GnewsItem[] {
  const out: GnewsItem[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length && out.length < limit; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let rec: { Id?: unknown; clusterNo?: unknown; textCleaned?: unknown };
    try {
      rec = JSON.parse(line) as typeof rec;
    } catch (error) {
      throw new Error(`${file}:${i + 1}: malformed JSON line (${(error as Error).message})`);
    }
    out.push({ id: String(rec.Id ?? `line${i + 1}`), cluster: Number(rec.clusterNo), text: String(rec.textCleaned ?? '') });
  }
  return out;
}

/**
 * `News` and `News-T` hold the same items in two orders, so neither is held out from the other. The
 * clusters are split instead: even `clusterNo` is the tuning part (every setting was chosen on it),
 * odd `clusterNo` the test part (reported, never tuned on). Items keep the file's order.
 */
export type GnewsPart = 'tune' | 'test';

export function gnewsPart(items: readonly GnewsItem[], part: GnewsPart): GnewsItem[] {
  const parity = part === 'tune' ? 0 : 1;
  return items.filter((x) => Math.abs(x.cluster) % 2 === parity);
}

export interface GnewsResult {
  nmi: number;
  /** Mean NMI of the 16 equal batches MStream's evaluation scores separately (same cut as bench/mstream.ts). */
  batchNmi: number;
  bcubedF1: number;
  pairwiseF1: number;
  clusters: number;
  goldClusters: number;
  items: number;
}

/**
 * Streams items in order through the event clusterer with its default options (no titles, entities
 * or dates; the clusterer itself treats headline-length texts as short) and scores each item's final
 * event (after the recorded merges of converged events). `options` are for tuning on the tuning part
 * only (bench/gnews-tune.ts); every reported figure uses the defaults.
 */
export async function evalItemsGnews(items: readonly GnewsItem[], options?: ClusterOptions): Promise<GnewsResult> {
  const clusterer = new EventClusterer(options);
  const ids = items.map((item, i) => `${i}:${item.id}`);
  for (const [i, item] of items.entries()) await clusterer.add({ id: ids[i]!, title: null, text: item.text, published: null, entities: [] });
  const predicted = ids.map((id) => clusterer.eventOf(id)!);
  const gold = items.map((x) => x.cluster);
  const s = scoreClusters(predicted, gold);
  return {
    nmi: s.nmi,
    batchNmi: meanBatchNmi(predicted, gold, 16),
    bcubedF1: s.bcubedF1,
    pairwiseF1: s.pairwiseF1,
    clusters: new Set(predicted).size,
    goldClusters: new Set(gold).size,
    items: items.length,
  };
}

/** Mean NMI over `batches` consecutive slices cut as MStream's getAveBatch cuts them. */
function meanBatchNmi<P, G>(predicted: readonly P[], gold: readonly G[], batches: number): number {
  const n = predicted.length;
  const size = n / batches;
  const starts = [0];
  for (let d = 0, run = 0; d < n; d++) {
    if (run < size) run++;
    else {
      starts.push(d);
      run = 0;
    }
  }
  let sum = 0;
  starts.forEach((from, b) => {
    const to = starts[b + 1] ?? n;
    sum += scoreClusters(predicted.slice(from, to), gold.slice(from, to)).nmi;
  });
  return sum / starts.length;
}

/** Scores the cluster-disjoint test part of a Google News file (the tuning part beside it). */
export async function evalClustersGnews(file: string): Promise<{ test: GnewsResult; tune: GnewsResult }> {
  const items = readGnews(file);
  return { test: await evalItemsGnews(gnewsPart(items, 'test')), tune: await evalItemsGnews(gnewsPart(items, 'tune')) };
}
