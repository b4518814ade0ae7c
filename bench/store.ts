/**
 * SQLite store: bulk insert of 20,000 ~500-word articles in one transaction, then
 * page and search latency. Prints JSON.
 *   npx tsc -p tsconfig.json && node dist/bench/store.js [count]   (KEEP_DB=1 keeps the file)
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Article, Span } from '../src/core/types.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { loadBbc, type BbcArticle } from './corpora.js';

const COUNT = Number(process.argv[2] ?? 20_000);
const TARGET_WORDS = 380;
const REPEATS = 25;

/** Article `i`: BBC text `i mod n`, topped up with the next texts' paragraphs to ~500 words, plus a unique line. */
function makeArticle(corpus: BbcArticle[], i: number): Article {
  const base = corpus[i % corpus.length];
  const paragraphs = base.text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  let words = countWords(base.text);
  for (let k = 1; words < TARGET_WORDS; k++) {
    for (const p of corpus[(i + k) % corpus.length].text.split(/\n\s*\n/)) {
      if (words >= TARGET_WORDS) break;
      paragraphs.push(p.trim());
      words += countWords(p);
    }
  }
  paragraphs.push(`Copy ${i} of ${base.name}.`);
  const text = paragraphs.join('\n\n');
  const spans: Span[] = [];
  let at = 0;
  for (const p of paragraphs) {
    spans.push([at, at + p.length]);
    at += p.length + 2;
  }
  const day = i % 20 === 19 ? null : new Date(Date.UTC(2004, 0, 1) + (i * 7919 % 730) * 86_400_000).toISOString().slice(0, 10);
  return {
    id: createHash('sha256').update(text).digest('hex').slice(0, 16),
    name: `${base.name}-${String(i).padStart(5, '0')}.txt`,
    format: 'text',
    title: base.title,
    source: 'BBC News',
    url: null,
    byline: null,
    dateline: null,
    published: day,
    wire: [],
    language: 'en',
    basedOn: null,
    text,
    paragraphs: spans,
    captions: [],
    contributors: [],
    words: countWords(text),
    sourceMap: [[0, base.title.length + 2]],
  };
}

function countWords(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(/\S+/g)) n++;
  return n;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** First (cold) and median warm latency of `fn`, in milliseconds. */
async function latency(fn: () => Promise<unknown>): Promise<{ firstMs: number; medianMs: number }> {
  const times: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { firstMs: round(times[0]), medianMs: round(median(times.slice(1))) };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function fileSize(file: string): number {
  return fs.existsSync(file) ? fs.statSync(file).size : 0;
}

async function main(): Promise<void> {
  const corpus = loadBbc();
  const articles = Array.from({ length: COUNT }, (_, i) => makeArticle(corpus, i));
  const textBytes = articles.reduce((sum, a) => sum + Buffer.byteLength(a.text), 0);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiretrace-bench-store-'));
  const file = path.join(dir, 'bench.db');
  try {
    let store = openSqliteStore(file);
    const t0 = process.hrtime.bigint();
    const added = await store.transaction(async (tx) => {
      let n = 0;
      for (const a of articles) if (await tx.putArticle(a)) n++;
      return n;
    });
    const insertS = Number(process.hrtime.bigint() - t0) / 1e9;
    await store.close();
    const dbBytes = fileSize(file) + fileSize(`${file}-wal`);

    store = openSqliteStore(file);
    const page = await store.listArticles({ offset: COUNT - 1000, limit: 50 });
    const deepKey = (await store.listArticles({ offset: COUNT - 1001, limit: 1 }))[0].id;
    const result = {
      articles: COUNT,
      added,
      meanWords: Math.round(articles.reduce((s, a) => s + a.words, 0) / COUNT),
      insert: { seconds: round(insertS), articlesPerSecond: Math.round(COUNT / insertS) },
      dbBytesPerArticle: Math.round(dbBytes / COUNT),
      textBytesPerArticle: Math.round(textBytes / COUNT),
      listArticlesOffset: { offset: COUNT - 1000, limit: 50, rows: page.length, ...(await latency(() => store.listArticles({ offset: COUNT - 1000, limit: 50 }))) },
      listArticlesAfterKey: { limit: 50, ...(await latency(() => store.listArticles({ after: deepKey, limit: 50 }))) },
      searchGovernment: { hits: (await store.search('government')).length, ...(await latency(() => store.search('government'))) },
      searchGovernmentTop10: await latency(() => store.search('government', { limit: 10 })),
      resolveArticleByNamePrefix: await latency(() => store.resolveArticle(articles[17].name.slice(0, -4))),
      countArticles: await latency(() => store.countArticles()),
    };
    await store.close();
    console.log(JSON.stringify(result, null, 2));
  } finally {
    if (process.env.KEEP_DB) console.error(`kept ${file}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
