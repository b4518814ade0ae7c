/**
 * Why copies of a generated stream miss their original: for up to --n copies of one kind (default
 * excerpts) among generated articles [--from, --to) that have no relation to their story, the
 * product's own fingerprints, band keys and scores say which of these happened:
 * - no band key shared with the original (it was never a candidate);
 * - the original was past the newest 200 entries of every key it shares (the look-up's bound);
 * - it scores under the index's minimum score (never ranked);
 * - 8 candidates were aligned and all score more (or as much: the earliest is taken first among equals);
 * - it scores more than one of 8 aligned: it was past the 400 most colliding, or aligned without a relation;
 * - it was found and scored but alignment made no relation of it.
 * The bucket counts are read from the final database, so entries filed after the copy count too: the
 * look-up bound is judged from above. Reads the database only.
 * Run: npx tsc -p tsconfig.json && node dist/bench/scale-misses.js --db FILE --file CORPUS[,CORPUS...] [--kind excerpt] [--from 0] [--to 50000] [--n 200]
 */
import Database from 'better-sqlite3';
import { parseArgs } from 'node:util';
import type { Span } from '../src/core/types.js';
import { fingerprint, type Fingerprint } from '../src/fingerprint/fingerprint.js';
import { BandKeys } from '../src/fingerprint/bands.js';
import { INDEX_DEFAULTS } from '../src/fingerprint/index.js';
import { ALIGNED, PER_BUCKET } from '../src/pipeline/analyze-article.js';
import { comparable, compare, score } from '../src/fingerprint/score.js';
import { storedTruth } from './scale/stream-truth.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    file: { type: 'string' },
    kind: { type: 'string', default: 'excerpt' },
    from: { type: 'string', default: '0' },
    to: { type: 'string', default: '50000' },
    n: { type: 'string', default: '200' },
  },
});
if (!values.db || !values.file) throw new Error('usage: scale-misses --db FILE --file CORPUS[,CORPUS...] [--kind excerpt] [--from 0] [--to 50000] [--n 200]');
const [from, to, most] = [Number(values.from), Number(values.to), Number(values.n)];
const { paragraphThreshold: PARAGRAPH_THRESHOLD, minScore: MIN_SCORE } = INDEX_DEFAULTS;

const sql = new Database(values.db, { readonly: true });
const truth = await storedTruth(sql, values.file);
const seqOf = new Map<string, number>();
for (const row of sql.prepare('SELECT seq, id FROM articles').iterate() as Iterable<{ seq: number; id: string }>) seqOf.set(row.id, row.seq);
const originalOf = new Map<number, string>();
for (const [id, t] of truth.byId) if (t.kind === 'original') originalOf.set(t.story, id);

const related = sql.prepare('SELECT a, b FROM relations WHERE a = ? OR b = ?');
const earlierOf = sql.prepare('SELECT a FROM relations WHERE b = ?').pluck();
const articleRow = sql.prepare('SELECT text, paragraphs FROM articles WHERE id = ?');
const newerEntries = sql
  .prepare('SELECT (SELECT count(*) FROM lsh_buckets WHERE key = ? AND seq > ? AND seq < ?) + (SELECT count(*) FROM lsh_recent WHERE key = ? AND seq > ? AND seq < ?)')
  .pluck();
const bands = new BandKeys({});
const printOf = (id: string): Fingerprint => {
  const row = articleRow.get(id) as { text: string; paragraphs: string };
  return fingerprint(id, row.text, JSON.parse(row.paragraphs) as Span[]);
};
const strength = (s: number) => Math.round(s * 20);

const causes = new Map<string, number>();
let read = 0;
for (const [id, t] of truth.byId) {
  if (read >= most) break;
  if (t.kind !== values.kind || t.position < from || t.position >= to) continue;
  const linked = (related.all(id, id) as Array<{ a: string; b: string }>).some((r) => truth.byId.get(r.a === id ? r.b : r.a)?.story === t.story);
  const original = originalOf.get(t.story);
  if (linked || !original || seqOf.get(original)! > seqOf.get(id)!) continue;
  read++;
  const copy = printOf(id);
  const source = printOf(original);
  const query = comparable(copy);
  const sourceScore = score(compare(query, source, PARAGRAPH_THRESHOLD));
  const chosen = (earlierOf.all(id) as string[]).map((other) => strength(score(compare(query, printOf(other), PARAGRAPH_THRESHOLD))));
  const copyKeys = bands.keys(copy);
  const sourceKeys = new Set([...bands.keys(source).doc, ...bands.keys(source).paragraph]);
  const shared = [...copyKeys.doc, ...copyKeys.paragraph].filter((k) => sourceKeys.has(k));
  const [low, high] = [seqOf.get(original)!, seqOf.get(id)!];
  const reachable = shared.some((k) => (newerEntries.get(k, low, high, k, low, high) as number) < PER_BUCKET);
  const weakest = chosen.length >= ALIGNED ? Math.min(...chosen) : -1;
  const cause =
    shared.length === 0
      ? 'no band key shared with the original'
      : !reachable
        ? 'the original past the newest 200 of every shared key'
        : sourceScore < MIN_SCORE
          ? `the original scores under the minimum score (${MIN_SCORE})`
          : weakest > strength(sourceScore)
            ? 'all 8 aligned candidates score more'
            : weakest === strength(sourceScore)
              ? 'all 8 aligned candidates score as much (the earliest first)'
              : weakest >= 0
                ? 'stronger than an aligned one: past the 400 most colliding, or aligned without a relation'
                : 'found and scored, no relation made';
  causes.set(cause, (causes.get(cause) ?? 0) + 1);
}
console.log(JSON.stringify({ db: values.db, kind: values.kind, generated: `${from}-${to}`, read, causes: Object.fromEntries([...causes].sort((a, b) => b[1] - a[1])) }, null, 2));
