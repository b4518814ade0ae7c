/**
 * Throughput of reading + cleaning plain-text articles: the BBC corpus (2,225 files, first line
 * the title). Run: npm run build && node dist/bench/ingest-text.js [limit]
 */
import * as path from 'node:path';
import { cleanDocument } from '../src/clean/clean.js';
import { readInputs } from '../src/ingest/read.js';
import { EVAL_DIR } from './corpora.js';

async function main(): Promise<void> {
  const limit = Number(process.argv[2] ?? 2000);
  const dir = path.join(EVAL_DIR, 'corpus-bbc');
  let docs = 0;
  let quarantined = 0;
  let noArticle = 0;
  let titled = 0;
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  for await (const item of readInputs([dir])) {
    if ('warning' in item) continue;
    if ('quarantine' in item) {
      quarantined++;
      continue;
    }
    if (!item.doc.name.endsWith('.txt')) continue; // the corpus's README.TXT is skipped by the reader itself
    try {
      const article = cleanDocument(item.doc);
      if (article.title) titled++;
    } catch (error) {
      if (!(error instanceof Error && 'code' in error)) throw error;
      noArticle++;
    }
    if (++docs >= limit) break;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    JSON.stringify({ docs, seconds: +seconds.toFixed(3), docsPerSecond: Math.round(docs / seconds), docsPerCpuSecond: Math.round(docs / cpuSeconds), titled, quarantined, noArticle }),
  );
}

await main();
