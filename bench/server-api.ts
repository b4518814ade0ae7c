/**
 * Response times of the HTTP API on a synthetic 20k-article database, filled straight through
 * the Store (articles, relations, events, storylines, quote groups), to check that no endpoint
 * a page calls waits on a full scan.
 * Run: npx tsc -p tsconfig.json && node dist/bench/server-api.js [--count 20000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Article, Passage } from '../src/core/types.js';
import { createApp } from '../src/server/app.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';

const i = process.argv.indexOf('--count');
const count = i >= 0 ? Number(process.argv[i + 1]) : 20_000;
const words = 'nato russia talks minister said security ukraine alliance troops border treaty council europe week demands meeting officials government spokesman proposal'.split(' ');

function text(seed: number): string {
  const paras: string[] = [];
  for (let p = 0; p < 6; p++) {
    const w: string[] = [];
    for (let k = 0; k < 45; k++) w.push(words[Math.imul(seed * 31 + p * 7 + k, 2654435761) >>> 27 % words.length] ?? 'news');
    paras.push(`${w.join(' ')} ${seed}-${p}.`);
  }
  return paras.join('\n\n');
}

function article(n: number): Article {
  const body = text(n);
  const paragraphs: Array<[number, number]> = [];
  let at = 0;
  for (const p of body.split('\n\n')) {
    paragraphs.push([at, at + p.length]);
    at += p.length + 2;
  }
  const day = String(1 + (n % 28)).padStart(2, '0');
  return {
    id: n.toString(16).padStart(16, '0'), name: `doc-${n}.txt`, format: 'text', title: `Story ${n}`, source: `outlet-${n % 40}`, url: null, byline: null,
    dateline: null, published: `2022-0${1 + (n % 9)}-${day}`, wire: [], language: 'en', basedOn: null, text: body, paragraphs, captions: [], contributors: [],
    words: 276, sourceMap: [[0, 0]],
  };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'wiretrace-bench-server-'));
const store = openSqliteStore(path.join(dir, 'bench.db'));
const t0 = performance.now();
await store.transaction(async (tx) => {
  for (let n = 0; n < count; n++) await tx.putArticle(article(n));
  const id = (n: number) => n.toString(16).padStart(16, '0');
  for (let n = 0; n + 1 < count; n += 2) {
    const passage: Passage = { a: [0, 100], b: [0, 100], edit: 'verbatim', score: 0.9, diff: [{ op: 'same', a: 'x', b: 'x' }] };
    await tx.putRelation({ a: id(n), b: id(n + 1), kind: 'duplicate', score: 0.9, similarity: 0.9, reuse: 0.9, source: id(n), evidence: ['bench'], passages: [passage] });
  }
  const events: string[] = [];
  for (let n = 0, e = 1; n < count; n += 4, e++) {
    const members = [n, n + 1, n + 2, n + 3].filter((m) => m < count).map(id);
    await tx.putEvent({ id: `E${e}`, title: `Event ${e}`, dateBegin: '2022-01-01', dateEnd: '2022-01-02', articles: members, entities: ['NATO'], reasons: [] });
    events.push(`E${e}`);
  }
  const storylines = [];
  for (let s = 0; s * 5 < events.length; s++) storylines.push({ id: `S${s + 1}`, title: `Storyline ${s + 1}`, events: events.slice(s * 5, s * 5 + 5), reasons: [] });
  for (const storyline of storylines) await tx.putStoryline(storyline);
  for (let g = 0; g < Math.floor(count / 10); g++) {
    await tx.putQuoteGroup({
      id: `Q${g + 1}`, speaker: 'Someone', variants: [0, 1].map((k) => ({ article: id(g * 10 + k), quote: `${id(g * 10 + k)}:0`, text: 'we are ready', span: [0, 12] as [number, number], speaker: 'Someone', drift: [], flags: [] })),
    });
  }
});
console.log(`filled ${count} articles in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const app = createApp(store);
const mid = Math.floor(count / 2);
const urls = [
  '/api/articles?offset=0&limit=50', `/api/articles?offset=${count - 50}&limit=50`, `/api/articles?after=${(mid * 2 - 2).toString(16).padStart(16, '0')}&limit=50`, `/api/articles/doc-${mid}.txt`, '/api/search?q=treaty&limit=25',
  `/api/links?article=doc-${mid}.txt`, '/api/links?limit=50', `/api/diff?a=doc-${mid}.txt&b=doc-${mid + 1}.txt`, '/api/stories?limit=20',
  `/api/stories/S${Math.floor(count / 40)}`, `/api/events/E${Math.floor(count / 8)}`, '/api/quotes?limit=50', '/api/quarantine',
];
for (const url of urls) {
  const times: number[] = [];
  let status = 0;
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    const response = await app.request(url);
    await response.arrayBuffer();
    status = response.status;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`${String(status).padEnd(4)} median ${times[2]!.toFixed(1).padStart(8)} ms  ${url}`);
}
await store.close();
rmSync(dir, { recursive: true, force: true });
