/**
 * Planted spun copies, to measure spin on a real corpus that holds none: `write` spins N BBC articles
 * (title and body, 30% of content words swapped for WordNet synonyms in half of them, 50% in the
 * other half) into JSONL with ids `planted-spin/<rate>/<bbc name>` and source "spinfarm"; ingest it after
 * the real corpus. `score` then reads a database: for each planted copy, the kind of its relation
 * to its original (recall of `spin`), and every `spin` relation by what it joins (a planted copy and
 * its original, a planted copy and another article, or two real articles: the calls to read).
 *   node dist/bench/plant-spin.js write OUT.jsonl [--n 100]
 *   node dist/bench/plant-spin.js score --db FILE
 */
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { loadBbc } from './corpora.js';
import { prng, spin } from './rewrites.js';

const PREFIX = 'planted-spin/';
const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1]! : fallback;
};

if (args[0] === 'write') {
  const out = args[1];
  if (!out) throw new Error('usage: plant-spin write OUT.jsonl [--n 100]');
  const n = Number(arg('n', '100'));
  // An exact repeat of an earlier file is stored once, under the earlier name: spin only files stored under their own.
  const seen = new Set<string>();
  const bbc = loadBbc().filter((a) => !seen.has(a.text) && seen.add(a.text));
  const rnd = prng(20261130);
  const step = Math.max(1, Math.floor(bbc.length / n));
  const picked = bbc.filter((_, i) => i % step === 0).slice(0, n);
  const lines = picked.map((a, i) => {
    const rate = i % 2 === 0 ? 0.3 : 0.5;
    return JSON.stringify({ id: `${PREFIX}${rate * 100}/${a.name}.txt`, title: spin(a.title, rate, rnd), text: spin(a.text, rate, rnd), source: 'spinfarm' });
  });
  writeFileSync(out, `${lines.join('\n')}\n`);
  console.log(`${lines.length} spun copies written to ${out}`);
} else if (args[0] === 'score') {
  const sql = new Database(arg('db', './wiretrace.db'), { readonly: true });
  const nameOf = new Map((sql.prepare('SELECT id, name FROM articles').all() as Array<{ id: string; name: string }>).map((r) => [r.id, r.name]));
  const relations = sql.prepare('SELECT a, b, kind FROM relations').all() as Array<{ a: string; b: string; kind: string }>;
  const planted = [...nameOf.values()].filter((n) => n.startsWith(PREFIX));
  // planted-spin/30/business/001.txt: 30% of content words swapped in business/001.txt.
  const original = (name: string) => name.slice(PREFIX.length).replace(/^\d+\//, '');
  const rateOf = (name: string) => name.slice(PREFIX.length).split('/')[0]!;
  const toOriginal = new Map<string, string>();
  const spins = { plantedOriginal: 0, plantedOther: [] as string[], realReal: [] as string[] };
  for (const r of relations) {
    const [a, b] = [nameOf.get(r.a)!, nameOf.get(r.b)!];
    const copy = a.startsWith(PREFIX) ? a : b.startsWith(PREFIX) ? b : null;
    const other = copy === a ? b : a;
    if (copy && original(copy) === other) toOriginal.set(copy, r.kind);
    if (r.kind !== 'spin') continue;
    if (!copy) spins.realReal.push(`${a} ↔ ${b}`);
    else if (original(copy) === other) spins.plantedOriginal++;
    else spins.plantedOther.push(`${a} ↔ ${b}`);
  }
  const kinds: Record<string, Record<string, number>> = {};
  for (const p of planted) {
    const byRate = (kinds[`${rateOf(p)}%`] ??= {});
    byRate[toOriginal.get(p) ?? 'none'] = (byRate[toOriginal.get(p) ?? 'none'] ?? 0) + 1;
  }
  const recalled = planted.filter((p) => toOriginal.get(p) === 'spin').length;
  console.log(JSON.stringify({ planted: planted.length, kindToOriginalBySwapRate: kinds, spinRelations: spins }, null, 2));
  console.log(`spin recall on planted copies: ${recalled}/${planted.length}; spin calls: ${spins.plantedOriginal} planted-original, ${spins.plantedOther.length} planted-other, ${spins.realReal.length} between two real articles`);
} else throw new Error('usage: plant-spin write OUT.jsonl [--n 100] | plant-spin score --db FILE');
