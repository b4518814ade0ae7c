/**
 * Writes Reuters-21578 (../shared/eval/corpus-reuters21578, SGML) as JSONL that `wiretrace ingest` reads:
 * one `{id, title, text, published}` per story with a body.
 * Run: npm run build && node dist/bench/reuters-jsonl.js OUT.jsonl
 */
import { writeFileSync } from 'node:fs';
import { loadReuters } from './corpora.js';

const out = process.argv[2];
if (!out) throw new Error('usage: reuters-jsonl OUT.jsonl');
const stories = loadReuters();
writeFileSync(out, stories.map((r) => JSON.stringify({ id: r.name, title: r.title, text: r.text, published: r.date })).join('\n'));
console.log(`${stories.length} stories written to ${out}`);
