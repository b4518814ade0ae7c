/**
 * Relations drawn at random (seeded) from a database, printed for a written audit (docs/audit-relations.md):
 * the share of each kind, then each drawn relation with titles, dates, evidence and its first changed passages.
 *   node dist/bench/audit-relations.js --db FILE [--n 50] [--seed 20261130] [--kind KIND]
 */
import Database from 'better-sqlite3';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { renderDiff } from '../src/align/render.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1]! : fallback;
};
const db = arg('db', './wiretrace.db');
const n = Number(arg('n', '50'));
const kind = arg('kind', '');
let x = Number(arg('seed', '20261130')) >>> 0;
const random = () => {
  x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
  x = (x ^ (x >>> 12)) >>> 0;
  return x / 4294967296;
};

const sql = new Database(db, { readonly: true });
const total = (sql.prepare('SELECT count(*) AS c FROM relations').get() as { c: number }).c;
const kinds = sql.prepare('SELECT kind, count(*) AS c FROM relations GROUP BY kind ORDER BY c DESC').all() as Array<{ kind: string; c: number }>;
console.log(`relations ${total}`, JSON.stringify(kinds.map((r) => [r.kind, r.c, `${((100 * r.c) / total).toFixed(1)}%`])));
// Relations in store order (seq), so a seed always draws the same ones from the same database.
const rows = (kind ? sql.prepare('SELECT a, b FROM relations WHERE kind = ? ORDER BY seq').all(kind) : sql.prepare('SELECT a, b FROM relations ORDER BY seq').all()) as Array<{ a: string; b: string }>;
sql.close();
const store = openSqliteStore(db, { readonly: true });
const picked = new Set<number>();
while (picked.size < Math.min(n, rows.length)) picked.add(Math.floor(random() * rows.length));
let k = 0;
for (const i of picked) {
  const row = rows[i]!;
  const r = (await store.listRelations(row.a, { limit: 200 })).find((x) => x.a === row.a && x.b === row.b)!;
  const [A] = await store.getArticles([r.a]);
  const [B] = await store.getArticles([r.b]);
  const source = r.source === A!.id ? A!.name : r.source === B!.id ? B!.name : 'none';
  console.log(`\n#### ${++k}. ${r.kind} — ${A!.name} (${A!.published ?? 'undated'}) ↔ ${B!.name} (${B!.published ?? 'undated'}) — similarity ${r.similarity}, reuse ${r.reuse}, source ${source}`);
  console.log(`titles: "${A!.title}" | "${B!.title}"\nevidence: ${r.evidence[0]}`);
  const changed = renderDiff(r, A!, B!, { color: false, width: 150 }).split('\n').filter((l) => /^\s+\S/.test(l) && /[[{]/.test(l));
  for (const line of changed.slice(0, 2)) console.log(`    ${line.trim().slice(0, 400)}`);
}
await store.close();
