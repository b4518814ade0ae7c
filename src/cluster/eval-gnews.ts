import { readFileSync } from 'node:fs';
import { type ClusterOptions, EventClusterer } from './events.js';
import { scoreClusters } from './metrics.js';

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
 * Join threshold for headline-length texts, tuned on the `News` order (best B-cubed F1 over
 * 0.04..0.4); long articles use the clusterer's default.
 */
export const GNEWS_THRESHOLD = 0.12;

export interface GnewsResult {
  nmi: number;
  bcubedF1: number;
  pairwiseF1: number;
  clusters: number;
  goldClusters: number;
  items: number;
}

/** Streams items in order through the event clusterer (no titles, entities or dates) and scores the result. */
export function evalItemsGnews(items: readonly GnewsItem[], options?: ClusterOptions): GnewsResult {
  const clusterer = new EventClusterer({ threshold: GNEWS_THRESHOLD, ...options });
  const predicted: string[] = [];
  items.forEach((item, i) => {
    predicted.push(clusterer.add({ id: `${i}:${item.id}`, title: null, text: item.text, published: null, entities: [] }).eventId);
  });
  const s = scoreClusters(predicted, items.map((x) => x.cluster));
  return {
    nmi: s.nmi,
    bcubedF1: s.bcubedF1,
    pairwiseF1: s.pairwiseF1,
    clusters: new Set(predicted).size,
    goldClusters: new Set(items.map((x) => x.cluster)).size,
    items: items.length,
  };
}

export function evalClustersGnews(file: string, options?: ClusterOptions): GnewsResult {
  return evalItemsGnews(readGnews(file), options);
}
