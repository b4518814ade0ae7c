/**
 * Inputs built to exhaust memory are refused within a fixed budget: a gzip file and a WARC record
 * body inflating to 200 MB, and a 51 MiB WARC record, are quarantined while the process's peak
 * memory grows by far less than they would take.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { generate } from './hostile-generate.js';
import { readAll } from './ingest-helpers.js';
import { scratchDir } from './scratch.js';

/** Well under the 200 MB the bombs inflate to, well over what reading them within the 50 MiB limit takes. */
const PEAK_GROWTH_LIMIT = 160 * 1024 * 1024;

test('gzip bombs and an oversized WARC record are quarantined without inflating or reading them whole', async () => {
  const dir = scratchDir('hostile-memory');
  const handles = { close: [] as Array<() => void> };
  const files = { bomb: path.join(dir, 'bomb.txt.gz'), warcBomb: path.join(dir, 'bomb-body.warc'), oversized: path.join(dir, 'oversized.warc') };
  await generate('gzip-bomb', files.bomb, handles);
  await generate('warc-gzip-bomb-body', files.warcBomb, handles);
  await generate('warc-oversized-record', files.oversized, handles);
  global.gc?.();
  const before = process.resourceUsage().maxRSS * 1024;
  const { docs, quarantined } = await readAll([files.bomb, files.warcBomb, files.oversized]);
  const growth = process.resourceUsage().maxRSS * 1024 - before;
  assert.deepEqual(quarantined.map((q) => q.code), ['TOO_LARGE', 'TOO_LARGE', 'TOO_LARGE']);
  assert.match(quarantined[1]!.message, /bomb-body\.warc:record 1/);
  assert.deepEqual(docs.map((d) => d.name), ['https://warc.test/after-bomb', 'https://warc.test/after-oversized'], 'the records after them are read');
  assert.ok(growth < PEAK_GROWTH_LIMIT, `peak memory grew by ${Math.round(growth / 1024 / 1024)} MB`);
});
