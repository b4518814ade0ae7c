/**
 * Entity and quote extraction throughput and peak memory over PolNeAR (train + dev) and BBC News,
 * plus quote grouping over all the quotes found. Prints JSON.
 * Run: npx tsc -p tsconfig.json && node dist/bench/extract.js [--rounds 1]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EVAL_DIR, loadBbc } from './corpora.js';
import { extractEntities } from '../src/extract/entities.js';
import { extractQuotes } from '../src/extract/quotes.js';
import { groupQuotes } from '../src/extract/quote-groups.js';
import { paragraphs } from '../src/text/segment.js';
import type { Quote } from '../src/core/types.js';

const roundsAt = process.argv.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(process.argv[roundsAt + 1]) : 1;
let peakRss = 0;
const sample = () => { peakRss = Math.max(peakRss, process.memoryUsage().rss); };

function polnear(): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  for (const split of ['train', 'dev']) {
    const dir = path.join(EVAL_DIR, 'quotes-polnear', split, 'text');
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).sort()) out.push({ name: `${split}/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8') });
  }
  return out;
}

async function run(label: string, docs: Array<{ name: string; text: string }>) {
  const prepared = docs.map((d) => ({ id: d.name, text: d.text, paragraphs: paragraphs(d.text) }));
  const chars = prepared.reduce((n, d) => n + d.text.length, 0);
  let quotes: Quote[] = [];
  let entities = 0;
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) {
    quotes = [];
    entities = 0;
    for (let i = 0; i < prepared.length; i++) {
      const found = extractEntities(prepared[i]!.text);
      entities += found.entities.length;
      quotes.push(...extractQuotes(prepared[i]!, found));
      if ((i & 63) === 0) sample();
    }
  }
  const ms = (performance.now() - t0) / rounds;
  const t1 = performance.now();
  const groups = await groupQuotes(quotes, new Map(prepared.map((d) => [d.id, { id: d.id, name: d.id, published: null }])));
  const groupMs = performance.now() - t1;
  sample();
  return {
    corpus: label,
    articles: prepared.length,
    megabytes: +(chars / 1e6).toFixed(2),
    entities,
    quotes: quotes.length,
    articlesPerSecond: Math.round((prepared.length / ms) * 1000),
    megabytesPerSecond: +((chars / 1e6 / ms) * 1000).toFixed(2),
    groups: groups.length,
    groupMs: Math.round(groupMs),
  };
}

const results = [await run('polnear', polnear()), await run('bbc', loadBbc().map((b) => ({ name: b.name, text: b.text })))];
console.log(JSON.stringify({ rounds, results, peakRssMB: Math.round(peakRss / 1048576) }, null, 2));
