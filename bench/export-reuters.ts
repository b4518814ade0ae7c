/**
 * Reuters-21578 (SGML, which `ingest` does not read) as JSONL for `wiretrace ingest`: one line per story
 * with a body, `{id, title, text, published, source: "Reuters"}`.
 *   node dist/bench/export-reuters.js > reuters.jsonl
 */
import { loadReuters } from './corpora.js';

for (const r of loadReuters()) {
  process.stdout.write(`${JSON.stringify({ id: r.name, title: r.title, text: r.text, published: r.date, source: 'Reuters' })}\n`);
}
