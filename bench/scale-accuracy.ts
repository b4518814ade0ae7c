/**
 * Accuracy along a long generated stream, from the ground truth the generator writes (`story`, `kind`;
 * ingest ignores both): does bounded work per article cost answers late in the stream? For each window
 * of the stream's generated articles, in stream order:
 * - events against stories: B-cubed precision, recall and F1 (and NMI) over the window's articles;
 * - copies found: of the articles made from their story's original (duplicate, excerpt, paraphrase,
 *   update), the share with a relation to an article of the same story, and the share with one to the original;
 *   the copies not linked to their story are split by what they are linked to: an article the generator did
 *   not write (the real Reuters and BBC part of the stream, whose paragraphs generated stories recycle, so
 *   it can be the earliest source of a copy's text), other generated stories only, or nothing;
 * - relations whose later article is in the window: the share that join two articles of one story, by kind
 *   (a relation across stories can still be right: generated stories reuse real paragraphs, recast).
 * Reads the database only.
 * CORPUS: every file the database was built from (a stored article not in them counts as nothing).
 * Run: npx tsc -p tsconfig.json && node dist/bench/scale-accuracy.js --db FILE --file CORPUS[,CORPUS...] [--window 100000]
 */
import Database from 'better-sqlite3';
import { parseArgs } from 'node:util';
import { scoreClusters } from '../src/eval/cluster-metrics.js';
import { storedTruth, type Truth } from './scale/stream-truth.js';

const { values } = parseArgs({ options: { db: { type: 'string' }, file: { type: 'string' }, window: { type: 'string', default: '100000' } } });
if (!values.db || !values.file) throw new Error('usage: scale-accuracy --db FILE --file CORPUS[,CORPUS...] [--window 100000]');
const windowSize = Number(values.window);

const COPY_KINDS = new Set(['duplicate', 'excerpt', 'paraphrase', 'update']);

const sql = new Database(values.db, { readonly: true });
const { byId: truthById, realIds, generated } = await storedTruth(sql, values.file);
const eventOf = new Map<string, string>();
for (const row of sql.prepare('SELECT event_id, article_id FROM event_articles').iterate() as Iterable<{ event_id: string; article_id: string }>) {
  if (truthById.has(row.article_id)) eventOf.set(row.article_id, row.event_id);
}

interface CopyTally {
  count: number;
  linked: number;
  linkedToOriginal: number;
  /** Not linked to their story: linked to a real article, to other stories only, or to nothing. */
  missedLinkedToReal: number;
  missedLinkedToOthers: number;
  missedUnlinked: number;
}

interface WindowTally {
  articles: Array<{ event: string; story: number }>;
  /** By how the copy was made, and 'all'. */
  copies: Map<string, CopyTally>;
  relations: Map<string, { all: number; sameStory: number }>;
}
const windows: WindowTally[] = [];
const tallyOf = (truth: Truth): WindowTally => {
  const at = Math.floor(truth.position / windowSize);
  while (windows.length <= at) windows.push({ articles: [], copies: new Map(), relations: new Map() });
  return windows[at]!;
};

/** For each copy: 1 when linked to its story, 2 when linked to its story's original too. */
const copyLinks = new Map<string, number>();
/** For each generated article: 'real' when linked to an article the generator did not write, else 'other' when linked to another story. */
const linkedElsewhere = new Map<string, 'real' | 'other'>();
for (const row of sql.prepare('SELECT a, b, kind FROM relations').iterate() as Iterable<{ a: string; b: string; kind: string }>) {
  const a = truthById.get(row.a);
  const b = truthById.get(row.b);
  if (a && realIds.has(row.b)) linkedElsewhere.set(row.a, 'real');
  if (b && realIds.has(row.a)) linkedElsewhere.set(row.b, 'real');
  if (!a || !b) continue;
  if (a.story !== b.story) {
    if (!linkedElsewhere.has(row.a)) linkedElsewhere.set(row.a, 'other');
    if (!linkedElsewhere.has(row.b)) linkedElsewhere.set(row.b, 'other');
  }
  const same = a.story === b.story;
  const later = a.position > b.position ? a : b;
  const counts = tallyOf(later).relations.get(row.kind) ?? { all: 0, sameStory: 0 };
  counts.all++;
  if (same) counts.sameStory++;
  tallyOf(later).relations.set(row.kind, counts);
  if (!same) continue;
  for (const [self, other] of [[row.a, b], [row.b, a]] as const) {
    const link = other.kind === 'original' ? 2 : 1;
    copyLinks.set(self, Math.max(copyLinks.get(self) ?? 0, link));
  }
}

for (const [id, truth] of truthById) {
  const tally = tallyOf(truth);
  const event = eventOf.get(id);
  if (event) tally.articles.push({ event, story: truth.story });
  if (!COPY_KINDS.has(truth.kind)) continue;
  const link = copyLinks.get(id) ?? 0;
  const elsewhere = linkedElsewhere.get(id);
  for (const kind of ['all', truth.kind]) {
    const copies = tally.copies.get(kind) ?? { count: 0, linked: 0, linkedToOriginal: 0, missedLinkedToReal: 0, missedLinkedToOthers: 0, missedUnlinked: 0 };
    copies.count++;
    if (link >= 1) copies.linked++;
    if (link === 2) copies.linkedToOriginal++;
    if (link === 0 && elsewhere === 'real') copies.missedLinkedToReal++;
    if (link === 0 && elsewhere === 'other') copies.missedLinkedToOthers++;
    if (link === 0 && !elsewhere) copies.missedUnlinked++;
    tally.copies.set(kind, copies);
  }
}

const share = (part: number, whole: number) => (whole > 0 ? Number((part / whole).toFixed(4)) : null);
const result = windows.map((w, i) => {
  const scores = scoreClusters(
    w.articles.map((a) => a.event),
    w.articles.map((a) => a.story),
  );
  const relations = Object.fromEntries([...w.relations].sort((x, y) => y[1].all - x[1].all).map(([kind, c]) => [kind, { count: c.all, sameStory: share(c.sameStory, c.all) }]));
  return {
    generated: `${i * windowSize}-${i * windowSize + windowSize}`,
    articles: w.articles.length,
    events: { bcubedPrecision: round(scores.bcubedPrecision), bcubedRecall: round(scores.bcubedRecall), bcubedF1: round(scores.bcubedF1), nmi: round(scores.nmi) },
    copies: Object.fromEntries(
      [...w.copies].map(([kind, c]) => [
        kind,
        {
          count: c.count,
          linkedToTheirStory: share(c.linked, c.count),
          linkedToTheOriginal: share(c.linkedToOriginal, c.count),
          missed: { linkedToARealArticle: c.missedLinkedToReal, linkedToOtherStoriesOnly: c.missedLinkedToOthers, unlinked: c.missedUnlinked },
        },
      ]),
    ),
    relations,
  };
});
console.log(JSON.stringify({ db: values.db, generatedArticles: generated, stored: truthById.size, windows: result }, null, 2));

function round(value: number): number {
  return Number(value.toFixed(4));
}
