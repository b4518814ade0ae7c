import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/cli/package-root.js';
import { runCli, type CliRun } from './cli-run.js';
import { scratchDir } from './scratch.js';

const root = packageRoot();
const sample = join(root, 'sample');
const sampleFiles = readdirSync(sample).filter((f) => f.endsWith('.txt')).map((f) => join(sample, f));
const db = join(scratchDir('cli'), 'test.db');

function cli(...args: string[]): Promise<CliRun> {
  return runCli(args);
}

async function cliJson<T>(...args: string[]): Promise<T> {
  const out = await cli(...args);
  assert.equal(out.code, 0, `wiretrace ${args.join(' ')} failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as T;
}

const pair = (a: string, b: string) => [a.slice(0, 3), b.slice(0, 3)].sort().join('-');

test('ingesting the sample stores five dated articles, and ingesting again changes nothing', async () => {
  const first = await cli('ingest', ...sampleFiles, '--db', db, '--json');
  assert.equal(first.code, 0, first.stderr);
  assert.equal(JSON.parse(first.stdout).added, 5);
  const again = await cli('ingest', ...sampleFiles, '--db', db, '--json');
  assert.equal(again.code, 0, again.stderr);
  assert.equal(JSON.parse(again.stdout).added, 0);
  const articles = JSON.parse((await cli('articles', '--db', db, '--json')).stdout) as Array<{ name: string; published: string | null }>;
  assert.equal(articles.length, 5);
  const dates = Object.fromEntries(articles.map((a) => [a.name.slice(0, 3), a.published]));
  assert.equal(dates['000'], '2022-01-12');
  assert.equal(dates['003'], '2022-01-07');
  assert.equal(dates['004'], '2021-12-17');
});

test('links finds exactly the gold rewrites and background reuse, with 000 as the source of the rewrites', async () => {
  const links = JSON.parse((await cli('links', '--db', db, '--json')).stdout) as Array<{
    a: string; b: string; kind: string; source: string; evidence: string[]; passages: unknown[];
  }>;
  const kinds = Object.fromEntries(links.map((l) => [pair(l.a, l.b), l.kind]));
  assert.deepEqual(Object.keys(kinds).sort(), ['000-001', '000-002', '000-003', '001-002', '003-004']);
  assert.equal(kinds['000-001'], 'paraphrase');
  assert.equal(kinds['000-002'], 'spin');
  assert.equal(kinds['000-003'], 'shared-passage');
  assert.equal(kinds['003-004'], 'shared-passage');
  for (const key of ['000-001', '000-002']) {
    const link = links.find((l) => pair(l.a, l.b) === key)!;
    assert.match(link.source, /^000_/);
    assert.ok(link.evidence.length > 0);
    assert.ok(link.passages.length > 0);
  }
});

test('diff shows "war games" against "conflict video games" as a synonym swap', async () => {
  const out = await cli('diff', '000', '002', '--db', db, '--no-color');
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /war games\s*→\s*conflict video games/);
  assert.match(out.stdout, /synonym/);
});

test('stories gives one storyline of three events in date order', async () => {
  const stories = JSON.parse((await cli('stories', '--db', db, '--json')).stdout) as Array<{
    events: Array<{ date: string; articles: string[] }>;
  }>;
  assert.equal(stories.length, 1);
  const events = stories[0]!.events;
  assert.deepEqual(events.map((e) => e.date), ['2021-12-17', '2022-01-07', '2022-01-12']);
  assert.deepEqual(events.map((e) => e.articles.map((n) => n.slice(0, 3)).sort()), [['004'], ['003'], ['000', '001', '002']]);
});

test('story says why each event is on the storyline', async () => {
  const story = JSON.parse((await cli('story', 'S1', '--db', db, '--json')).stdout) as { events: Array<{ id: string; link: string }> };
  const starts = story.events.filter((e) => /starts the storyline/.test(e.link));
  assert.equal(starts.length, 1);
  for (const e of story.events.filter((x) => x !== starts[0])) assert.match(e.link, new RegExp(`${e.id} follows E\\d+ \\(score [\\d.]+: topic`));
  const text = await cli('story', 'S1', '--db', db);
  assert.match(text.stdout, /why here: E\d+ follows E\d+/);
});

test('quotes groups Laanet\'s three wordings as one utterance', async () => {
  const groups = JSON.parse((await cli('quotes', '--db', db, '--json')).stdout) as Array<{
    speaker: string; variants: Array<{ article: string; text: string }>;
  }>;
  const laanet = groups.filter((g) => g.variants.some((v) => /unacceptable proposals/.test(v.text)));
  assert.equal(laanet.length, 1);
  assert.equal(laanet[0]!.speaker, 'Kalle Laanet');
  const words = laanet[0]!.variants.map((v) => /(completely|totally|utterly) unacceptable/.exec(v.text)?.[1]).sort();
  assert.deepEqual(words, ['completely', 'totally', 'utterly']);
});

test('a bad input is quarantined with its file named, the rest goes on, and ingest exits 3', async () => {
  const dir = scratchDir('bad');
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'good.txt'), 'A headline\n\nLONDON (Reuters) - Something happened today in London, officials said on Monday.\n');
  const baddb = join(scratchDir('baddb'), 'bad.db');
  const out = await cli('ingest', dir, '--db', baddb);
  assert.equal(out.code, 3, out.stderr);
  assert.match(out.stderr, /empty\.txt/);
  assert.match(out.stdout, /1 added/);
  const q = JSON.parse((await cli('quarantine', '--db', baddb, '--json')).stdout) as Array<{ origin: string }>;
  assert.equal(q.length, 1);
  assert.match(q[0]!.origin, /empty\.txt/);
});

test('compare needs no database and rises with shared story', async () => {
  const [f000, f001, f003, f004] = ['000', '001', '003', '004'].map((p) => sampleFiles.find((f) => f.includes(`${p}_`))!);
  const same = await cliJson<{ similarity: number; reuse: number; kind: string }>('compare', f000!, f001!, '--json');
  const background = await cliJson<{ similarity: number; reuse: number }>('compare', f000!, f003!, '--json');
  const apart = await cliJson<{ similarity: number; reuse: number }>('compare', f000!, f004!, '--json');
  assert.ok(same.similarity > background.similarity, `${same.similarity} > ${background.similarity}`);
  assert.ok(background.similarity > apart.similarity, `${background.similarity} > ${apart.similarity}`);
  assert.equal(same.kind, 'paraphrase');
  // Reuse: most of the paraphrase is taken from 000; background reuse takes a little; the other event, less.
  assert.ok(same.reuse > background.reuse && background.reuse > apart.reuse, `${same.reuse} > ${background.reuse} > ${apart.reuse}`);
});

test('unknown commands and articles are usage errors (exit 2)', async () => {
  assert.equal((await cli('frobnicate')).code, 2);
  const missing = await cli('show', 'no-such-article', '--db', db);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /not found/);
  const ambiguous = await cli('show', '00', '--db', db);
  assert.equal(ambiguous.code, 2, 'a prefix of several names is ambiguous, not the first of them');
  assert.match(ambiguous.stderr, /matches several articles/);
  for (const name of ['000_f92a0e5a9a8db5c1.txt', '004_fb69702549ead6ac.txt']) assert.ok(ambiguous.stderr.includes(name), ambiguous.stderr);
  assert.equal((await cli('links', '00', '--db', db)).code, 2);
  assert.equal((await cli('show', '003', '--db', db)).code, 0, 'a unique prefix still works');
});

test('demo ingests the bundled sample and prints the storyline', async () => {
  const out = await cli('demo', '--no-serve', '--db', join(scratchDir('demo'), 'd.db'));
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /ingested 5 articles/);
  assert.match(out.stdout, /2021-12-17[\s\S]*2022-01-07[\s\S]*2022-01-12/);
  assert.match(out.stdout, /Kalle Laanet/);
});
