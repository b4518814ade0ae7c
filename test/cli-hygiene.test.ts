import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { packageRoot } from '../src/cli/package-root.js';
import { runCli, runCliPiped, type CliRun } from './cli-run.js';
import { scratchDir } from './scratch.js';

const root = packageRoot();
const sample = join(root, 'sample');
const sampleFiles = readdirSync(sample).filter((f) => f.endsWith('.txt')).map((f) => join(sample, f));
const work = scratchDir('hygiene');
const db = join(work, 'sample.db');

type Run = CliRun;

function cli(args: string[], input?: string): Promise<Run> {
  return input === undefined ? runCli(args) : runCliPiped(args, input);
}

/** A usage error: exit 2, a one-line reason naming what was wrong, and no stack trace. */
function assertUsage(out: Run, pattern: RegExp): void {
  assert.equal(out.code, 2, `expected exit 2, got ${out.code}: ${out.stderr}`);
  assert.match(out.stderr, pattern);
  assert.doesNotMatch(out.stderr, /\n\s+at /, 'no stack trace');
}

before(async () => {
  const out = await cli(['ingest', ...sampleFiles, '--db', db]);
  assert.equal(out.code, 0, out.stderr);
});

test('numeric options are checked by one parser: --limit abc, --limit -5, --offset x, --max-bytes abc, --port 70000 are usage errors', async () => {
  assertUsage(await cli(['articles', '--limit', 'abc', '--db', db]), /--limit.*abc/);
  assertUsage(await cli(['articles', '--limit', '-5', '--db', db]), /--limit.*-5/);
  assertUsage(await cli(['articles', '--limit', '2.5', '--db', db]), /--limit/);
  assertUsage(await cli(['links', '--offset', 'x', '--db', db]), /--offset/);
  assertUsage(await cli(['ingest', sampleFiles[0]!, '--max-bytes', 'abc', '--db', db]), /--max-bytes.*abc/);
  assertUsage(await cli(['serve', '--port', '70000', '--db', db]), /--port/);
  assertUsage(await cli(['export', 'relations', '--min-score', 'high', '--db', db]), /--min-score/);
  assertUsage(await cli(['export', 'articles', '--from', '2022-02-30', '--db', db]), /--from/);
  const two = await cli(['articles', '--limit', '2', '--json', '--db', db]);
  assert.equal(JSON.parse(two.stdout).length, 2, 'a good value still works');
});

test('an ambiguous prefix is reported as ambiguous, with its matches, by every command that takes an article', async () => {
  const commands = [['show', '00'], ['links', '00'], ['diff', '00', '003'], ['diff', '003', '00'], ['report', '00']];
  for (const args of commands) {
    const out = await cli([...args, '--db', db]);
    assertUsage(out, /matches several articles/);
    assert.ok(out.stderr.includes('000_f92a0e5a9a8db5c1.txt') && out.stderr.includes('004_fb69702549ead6ac.txt'), `${args.join(' ')}: ${out.stderr}`);
  }
});

test('a mistyped --db is an error for read commands and creates nothing; a missing folder (--db or --out) is a clear error', async () => {
  const typo = join(work, 'sampel.db');
  for (const args of [['articles'], ['stories'], ['quotes'], ['links'], ['show', '000'], ['export', 'articles']]) {
    assertUsage(await cli([...args, '--db', typo]), /no such database/);
  }
  assert.equal(existsSync(typo), false, 'no empty database was created');
  const nowhere = join(work, 'no-such-folder', 'x.db');
  assertUsage(await cli(['articles', '--db', nowhere]), /folder .*no-such-folder.* does not exist/);
  assertUsage(await cli(['ingest', sampleFiles[0]!, '--db', nowhere]), /folder .*no-such-folder.* does not exist/);
  assertUsage(await cli(['export', 'articles', '--out', join(work, 'no-such-folder', 'a.csv'), '--db', db]), /--out .*folder .*does not exist/);
  assertUsage(await cli(['report', '003', '--out', join(work, 'no-such-folder', 'r.html'), '--db', db]), /--out .*folder .*does not exist/);
  const fresh = join(work, 'fresh.db');
  assert.equal((await cli(['ingest', sampleFiles[3]!, '--db', fresh])).code, 0, 'ingest makes a new database');
});

test('serve on a busy port says so, without a stack trace', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;
  try {
    const out = await cli(['serve', '--port', String(port), '--db', db]);
    assert.equal(out.code, 1, out.stderr);
    assert.match(out.stderr, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
    assert.doesNotMatch(out.stderr, /\n\s+at /);
  } finally {
    blocker.close();
  }
});

test('ingest of a path that does not exist is a usage error (exit 2), not a quarantined input', async () => {
  const missing = join(work, 'nonexistent');
  const out = await cli(['ingest', missing, '--db', db]);
  assertUsage(out, /no such file or folder: .*nonexistent/);
  const quarantine = JSON.parse((await cli(['quarantine', '--json', '--db', db])).stdout) as unknown[];
  assert.equal(quarantine.length, 0);
});

test('ingesting a folder again lists its quarantined file once', async () => {
  const folder = scratchDir('requarantine');
  writeFileSync(join(folder, 'empty.txt'), '');
  writeFileSync(join(folder, 'good.txt'), 'A headline\n\nLONDON (Reuters) - Something happened today in London, officials said on Monday.\n');
  const qdb = join(work, 'quarantine.db');
  assert.equal((await cli(['ingest', folder, '--db', qdb])).code, 3);
  assert.equal((await cli(['ingest', folder, '--db', qdb])).code, 3, 'the bad file is still reported');
  const records = JSON.parse((await cli(['quarantine', '--json', '--db', qdb])).stdout) as Array<{ origin: string }>;
  assert.deepEqual(records.map((r) => r.origin.endsWith('empty.txt')), [true]);
});

test('piped JSONL progress counts records, reports the analysis, and the summary counts links, events and storylines', async () => {
  const lines = sampleFiles.map((file, i) => JSON.stringify({ id: `story-${i}`, text: readText(file) }));
  const out = await cli(['ingest', '-', '--db', join(work, 'piped.db')], `${lines.join('\n')}\n`);
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stderr, /read 5 records of 1 file/);
  assert.doesNotMatch(out.stderr, /\b5\/1\b/, 'records are not counted against files');
  assert.match(out.stderr, /analysed 5\/5 articles/);
  assert.match(out.stdout, /5 added.*found 5 links, 3 events, 1 storyline/);
  const again = await cli(['ingest', ...sampleFiles, '--db', join(work, 'piped.db'), '--json']);
  const summary = JSON.parse(again.stdout) as { found: Record<string, number>; totals: Record<string, number> };
  assert.deepEqual(summary.totals, { links: 5, events: 3, storylines: 1 });
  assert.deepEqual(summary.found, { links: 0, events: 0, storylines: 0 });
});

test('diff of an article with itself says so; diff --json gives the relation with both passages\' text', async () => {
  const self = await cli(['diff', '000', '000', '--db', db]);
  assert.equal(self.code, 0, self.stderr);
  assert.match(self.stdout, /same article/);
  assert.doesNotMatch(self.stdout, /00[1-4]_/, 'never another pair');
  const selfJson = JSON.parse((await cli(['diff', '000', '000_f92a0e5a9a8db5c1.txt', '--json', '--db', db])).stdout);
  assert.equal(selfJson.same, true);
  assert.equal(selfJson.link, null);
  const json = JSON.parse((await cli(['diff', '000', '002', '--json', '--db', db])).stdout);
  assert.equal(json.a.name, '000_f92a0e5a9a8db5c1.txt');
  assert.equal(json.b.name, '002_5b8cd54deaba8003.txt');
  assert.equal(json.link.kind, 'spin');
  const swapped = json.link.passages.find((p: { aText: string }) => p.aText.includes('war games'));
  assert.ok(swapped, 'the passage with "war games" is there');
  assert.match(swapped.bText, /conflict video games/);
});

test('compare prints its passages side by side, not only a summary line', async () => {
  const [f000, , f002] = sampleFiles;
  const out = await cli(['compare', f000!, f002!, '--no-color', '--width', '120']);
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /^similarity \d\.\d{3}.*kind: spin/);
  assert.match(out.stdout, /war games\s*→\s*conflict video games/);
  assert.match(out.stdout, /│/);
});

test('quotes and demo mark indirect quotes as indirect, without quote marks; the JSON says which', async () => {
  const groups = JSON.parse((await cli(['quotes', '--json', '--db', db])).stdout) as Array<{ variants: Array<{ text: string; indirect: boolean }> }>;
  const variants = groups.flatMap((g) => g.variants);
  const indirect = variants.find((v) => v.indirect);
  const direct = variants.find((v) => !v.indirect && /unacceptable proposals/.test(v.text));
  assert.ok(indirect && direct, 'the sample has both kinds');
  const text = (await cli(['quotes', '--db', db])).stdout;
  assert.ok(text.includes(`(indirect) ${indirect.text}`), 'an indirect quote is marked');
  assert.ok(!text.includes(`“${indirect.text}”`), 'and not put in quote marks');
  assert.ok(text.includes(`“${direct.text}”`), 'a direct quote keeps its marks');
  const demo = await cli(['demo', '--no-serve', '--db', join(work, 'demo.db')]);
  assert.equal(demo.code, 0, demo.stderr);
  assert.match(demo.stdout, /\(indirect\) /);
});

function readText(file: string): string {
  return readFileSync(file, 'utf8');
}
