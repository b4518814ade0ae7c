import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawDocument } from '../src/core/types.js';
import { readInputs } from '../src/ingest/read.js';
import { prepareArticle, type Prepared } from '../src/pipeline/prepare.js';
import { PreparePool } from '../src/pipeline/prepare-pool.js';
import { generatedDocs } from './prepare-fixtures.js';
import { scratchDir } from './scratch.js';

const SAMPLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../sample');
const OPTIONS = { numPerm: 64 };
const hazardWorker = new URL('./prepare-hazard-worker.js', import.meta.url);

async function sampleDocs(): Promise<RawDocument[]> {
  const docs: RawDocument[] = [];
  for await (const item of readInputs([SAMPLE])) if ('doc' in item) docs.push(item.doc);
  return docs;
}

async function collect(results: AsyncIterable<Prepared>): Promise<Prepared[]> {
  const out: Prepared[] = [];
  for await (const prepared of results) out.push(prepared);
  return out;
}

const text = (name: string, body = 'The council met on Tuesday and approved the budget for next year.'): RawDocument =>
  ({ name, format: 'text', text: body, origin: `${name}.txt` });

const docs = [...(await sampleDocs()), ...generatedDocs(300)];
const inline = docs.map((raw) => prepareArticle(raw, OPTIONS));

test('the sample and the generated documents prepare, a few quarantined', () => {
  assert.ok(docs.length >= 305);
  const quarantined = inline.filter((p) => !p.ok);
  assert.equal(quarantined.length, 6);
  assert.ok(inline.slice(0, 5).every((p) => p.ok && p.quotes.length > 0 && p.entities.entities.length > 0));
});

test('pool results equal inline results, in submission order', async () => {
  const pool = new PreparePool({ workers: 2, ...OPTIONS });
  try {
    assert.deepStrictEqual(await collect(pool.prepareAll(docs)), inline);
    // submit() as well, all at once: each promise gets its own document's result.
    assert.deepStrictEqual(await Promise.all(docs.map((raw) => pool.submit(raw))), inline);
  } finally {
    await pool.close();
  }
});

test('workers: 0 prepares inline with the same results', async () => {
  const pool = new PreparePool({ workers: 0, ...OPTIONS });
  assert.equal(pool.workers, 0);
  assert.deepStrictEqual(await collect(pool.prepareAll(docs)), inline);
  await pool.close();
});

test('a bad input becomes a quarantine record naming its origin, and the rest go on', async () => {
  const pool = new PreparePool({ workers: 1, ...OPTIONS });
  const input = [text('a'), text('empty', ''), text('b'), { ...text('broken'), title: 42 as unknown as string }, text('c')];
  const results = await collect(pool.prepareAll(input));
  await pool.close();
  assert.deepEqual(results.map((p) => (p.ok ? p.article.name : p.error.code)), ['a', 'NO_ARTICLE', 'b', 'INTERNAL', 'c']);
  const [, empty, , broken] = results;
  assert.ok(!empty!.ok && empty!.error.origin === 'empty.txt' && empty!.error.excerpt === '');
  assert.ok(!broken!.ok && broken!.error.origin === 'broken.txt' && broken!.error.excerpt.startsWith('The council met'));
  assert.match(broken!.error.message, /^internal error: broken\.txt: clean failed: TypeError/);
});

test('a worker that dies on a document costs only that document; a fresh worker takes over', async () => {
  const pool = new PreparePool({ workers: 1, maxWorkerHeapMb: 32, workerUrl: hazardWorker, ...OPTIONS });
  const input = [text('a'), text('oom'), text('b'), text('throw'), text('c'), text('exit'), text('d')];
  const results = await collect(pool.prepareAll(input));
  assert.equal(pool.workers, 1);
  await pool.close();
  assert.deepEqual(results.map((p) => (p.ok ? p.article.name : p.error.code)), ['a', 'INTERNAL', 'b', 'INTERNAL', 'c', 'INTERNAL', 'd']);
  const messages = results.flatMap((p) => (p.ok ? [] : [p.error.message]));
  assert.match(messages[0]!, /oom\.txt: worker thread died \(.*memory/i);
  assert.match(messages[1]!, /throw\.txt: worker thread died \(Error: worker blew up\)/);
  assert.match(messages[2]!, /exit\.txt: worker thread died \(exit code 3\)/);
});

test('a document over timeoutMs is quarantined and the rest go on', async () => {
  const pool = new PreparePool({ workers: 1, timeoutMs: 500, workerUrl: hazardWorker, ...OPTIONS });
  const results = await collect(pool.prepareAll([text('a'), text('hang'), text('b')]));
  await pool.close();
  assert.deepEqual(results.map((p) => (p.ok ? p.article.name : p.error.message)), ['a', 'internal error: hang.txt: worker thread died (took longer than 500 ms)', 'b']);
});

test('a worker script that cannot load rejects the jobs instead of respawning forever', async () => {
  const pool = new PreparePool({ workers: 2, workerUrl: new URL('./prepare-broken-worker.js', import.meta.url) });
  await assert.rejects(pool.submit(text('a')), /prepare worker could not start: Error: this worker cannot start/);
  await assert.rejects(pool.submit(text('b')), /prepare worker could not start/);
  await pool.close();
  assert.equal(pool.workers, 0);
});

test('prepareAll reads ahead at most maxInFlight documents', async () => {
  const pool = new PreparePool({ workers: 2, maxInFlight: 3, ...OPTIONS });
  let read = 0;
  let yielded = 0;
  let most = 0;
  async function* source(): AsyncGenerator<RawDocument> {
    for (const raw of docs.slice(0, 40)) {
      read++;
      most = Math.max(most, read - yielded);
      yield raw;
    }
  }
  for await (const prepared of pool.prepareAll(source())) {
    assert.deepStrictEqual(prepared, inline[yielded]);
    yielded++;
  }
  await pool.close();
  assert.equal(yielded, 40);
  assert.ok(most <= 3, `read ${most} ahead`);
});

test('close() ends the workers: later submits reject and the process can exit', async () => {
  const pool = new PreparePool({ workers: 2, ...OPTIONS });
  const pending = Promise.allSettled(docs.slice(0, 30).map((raw) => pool.submit(raw)));
  await pool.close();
  assert.equal(pool.workers, 0);
  const settled = await pending;
  assert.ok(settled.every((s) => s.status === 'fulfilled' || /closed/.test(String(s.reason))));
  await assert.rejects(pool.submit(docs[0]!), /closed/);

  // A process that used a pool ends by itself, closed or not (idle workers do not hold it open).
  const poolModule = new URL('../src/pipeline/prepare-pool.js', import.meta.url).href;
  for (const ending of ['await pool.close();', '']) {
    const script = `import { PreparePool } from ${JSON.stringify(poolModule)};
      const pool = new PreparePool({ workers: 2 });
      const p = await pool.submit({ name: 'a', format: 'text', text: 'The council approved the budget.', origin: 'a.txt' });
      ${ending} console.log(p.ok);`;
    // A script file, not `-e`: workers inherit execArgv, and --input-type is refused in a worker.
    const file = path.join(scratchDir('pool'), 'use-pool.mjs');
    writeFileSync(file, script);
    const output = execFileSync(process.execPath, [file], { timeout: 20_000, encoding: 'utf8' });
    assert.equal(output.trim(), 'true');
  }
});
