import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { generateCorpus, writeJsonl } from './corpus-fixture.js';
import { userView } from './store-snapshot.js';
import { scratchDir } from './scratch.js';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/wiretrace.js', import.meta.url));
const dir = scratchDir('concurrent');
const corpus = generateCorpus(18, 11);
// Three inputs whose events interleave: copies of one story arrive through different writers.
const parts = [0, 1, 2].map((k) => writeJsonl(join(dir, `part${k}.jsonl`), corpus.filter((_, i) => i % 3 === k)));

function cli(db: string, file: string) {
  return run(process.execPath, [BIN, 'ingest', '--db', db, '--json', file], { maxBuffer: 1 << 24 });
}

/** `wiretrace serve` on a free port; resolves with its URL and a stop function. */
async function serve(db: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /UI at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function upload(url: string, file: string): Promise<void> {
  const form = new FormData();
  form.append('files', new Blob([readFileSync(file)]), 'upload.jsonl');
  const response = await fetch(`${url}/api/ingest`, { method: 'POST', body: form });
  assert.equal(response.status, 202);
  const { job } = (await response.json()) as { job: string };
  for (;;) {
    const state = (await (await fetch(`${url}/api/jobs/${job}`)).json()) as { state: string; error?: unknown };
    if (state.state === 'done') return;
    assert.notEqual(state.state, 'failed', JSON.stringify(state.error));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function result(db: string) {
  const store = openSqliteStore(db);
  try {
    return await userView(store);
  } finally {
    await store.close();
  }
}

test('two CLI ingests and a server upload into one database at once lose nothing and match running them one after another', async () => {
  const serial = join(dir, 'serial.db');
  await cli(serial, parts[0]!);
  await cli(serial, parts[1]!);
  const first = await serve(serial);
  try {
    await upload(first.url, parts[2]!);
  } finally {
    await first.stop();
  }

  const together = join(dir, 'together.db');
  openSqliteStore(together).close();
  const server = await serve(together);
  try {
    await Promise.all([cli(together, parts[0]!), cli(together, parts[1]!), upload(server.url, parts[2]!)]);
  } finally {
    await server.stop();
  }

  const expected = await result(serial);
  assert.ok(expected.articles > corpus.length / 2 && expected.articles <= corpus.length, `${expected.articles} articles stored`);
  assert.equal(expected.pending, 0, 'every stored article analysed');
  assert.ok(expected.relations.length >= 10 && expected.quoteGroups.length > 0);
  assert.deepEqual(await result(together), expected);
});
