/**
 * A deterministic synthetic news stream for the scale benchmarks, built from the real BBC and
 * Reuters-21578 articles (see bench/synthetic/): new stories recombined from real paragraphs with
 * new people, places and figures, plus their wire copies, excerpts, rewrites, updates and other
 * outlets' coverage sharing a drifting quote. Written as JSONL ({id, title, text, published, source}, plus
 * ground truth that ingest ignores: `story`, the event's number, and `kind`, how the article was made).
 * Run: npx tsc -p tsconfig.json && node dist/bench/generate-corpus.js --out FILE --count N [--seed S] [--real] [--per-file K]
 *   --real       the real Reuters then BBC articles first, generated ones after them up to N
 *   --per-file K FILE is a folder of part-NNNNN.jsonl files of K articles each (ingest reads files up to 50 MiB)
 *   --continue K only the K generated articles that would follow the N-article stream: what arrives after it,
 *                to ingest into the database that stream left (late-stage measurements without a new long run)
 */
import { parseArgs } from 'node:util';
import { loadBbc, loadReuters } from './corpora.js';
import { loadSourcePool } from './synthetic/source-pool.js';
import { emptyStats, syntheticArticles, type CorpusRecord } from './synthetic/stream.js';
import { JsonlWriter } from './synthetic/jsonl-writer.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    count: { type: 'string', default: '200000' },
    seed: { type: 'string', default: '1' },
    real: { type: 'boolean', default: false },
    'per-file': { type: 'string', default: '0' },
    continue: { type: 'string', default: '0' },
  },
});
if (!values.out) {
  console.error('usage: generate-corpus --out FILE --count N [--seed S] [--real] [--per-file K] [--continue K]');
  process.exit(2);
}
const count = Number(values.count);
const started = performance.now();
const writer = new JsonlWriter(values.out, Number(values['per-file']));
const more = Number(values.continue);
let realCount = 0;
if (values.real) {
  const real = [...realRecords()].slice(0, count);
  realCount = real.length;
  // Counted, not written, when continuing: the generated part follows them either way.
  if (more === 0) for (const record of real) await writer.write(record);
}
const stats = emptyStats();
const generated = count - realCount;
let slot = 0;
for (const record of syntheticArticles(loadSourcePool(), { count: generated + more, stepCount: generated, seed: Number(values.seed) }, stats)) {
  if (more === 0 || slot++ >= generated) await writer.write(record);
}
await writer.close();
const realWritten = more === 0 ? realCount : 0;
const summary = { out: values.out, articles: writer.written, real: realWritten, generated: writer.written - realWritten, ...stats, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) };
console.error(JSON.stringify(summary));

function* realRecords(): Generator<CorpusRecord> {
  for (const r of loadReuters()) yield { id: r.name, title: r.title, text: r.text, published: r.date, source: 'Reuters' };
  for (const b of loadBbc()) yield { id: `bbc/${b.name}`, title: b.title, text: b.text, source: 'BBC News' };
}
