/**
 * Memory of the integer lists a long ingest holds, the two ways it could hold them:
 * - the resident buckets' kept answers (`ResidentBuckets`, 200,000 keys at most; 174,450 of ~30 seqs on
 *   average at 208,000 articles of the 1M stream): a `Map` of arrays against `IntLists`, one pool;
 * - a 300-number row list decoded by `int32ListCodec` against the same list grown by `push`.
 * Reports heap and ArrayBuffer bytes held after full collections, and the decode's CPU time.
 * Run: npm run build && node --expose-gc dist/bench/held-lists-memory.js [--keys 174450] [--mean 30]
 */
import { parseArgs } from 'node:util';
import { IntLists } from '../src/core/int-lists.js';
import { int32ListCodec } from '../src/core/rows.js';
import { bytesHeld } from './scale/memory.js';

function seeded(seed: number): (n: number) => number {
  let state = seed;
  return (n) => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) % n;
}

function answers(keys: number, mean: number, way: 'arrays' | 'pool'): Map<number, number[]> | IntLists {
  const next = seeded(1);
  const lists = way === 'arrays' ? new Map<number, number[]>() : new IntLists();
  for (let k = 0; k < keys; k++) {
    const list: number[] = [];
    for (let i = next(2 * mean + 1); i > 0; i--) list.push(next(2 ** 30));
    // Kept as ResidentBuckets kept them before IntLists: arrays sized to their length.
    lists.set(k * 7919, way === 'arrays' ? list.slice() : list);
  }
  return lists;
}

async function keptAnswers(keys: number, mean: number): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const way of ['arrays', 'pool'] as const) {
    const bytes = await bytesHeld(
      () => answers(keys, mean, way),
      (lists) => assert(lists.size === keys),
    );
    out[`${way}HeapMiB`] = round(bytes.heap / 2 ** 20);
    out[`${way}BuffersMiB`] = round(bytes.buffers / 2 ** 20);
  }
  return out;
}

function pushed(b: Uint8Array): number[] {
  const ints = new Int32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  const list: number[] = [];
  for (let i = 0; i < ints.length; i++) list.push(ints[i]!);
  return list;
}

/** CPU nanoseconds per decode (CPU, not wall time: steadier on a shared machine). */
function decodeNs(decode: (b: Uint8Array) => number[], bytes: Uint8Array): number {
  const start = process.cpuUsage();
  let sum = 0;
  for (let i = 0; i < 200_000; i++) sum += decode(bytes).length;
  assert(sum === 200_000 * 300);
  const used = process.cpuUsage(start);
  return Math.round(((used.user + used.system) * 1000) / 200_000);
}

async function decodedLists(): Promise<Record<string, number>> {
  const bytes = int32ListCodec.encode(Array.from({ length: 300 }, (_, i) => i * 3));
  const out: Record<string, number> = {};
  const count = 20_000;
  for (const [way, decode] of [['codec', int32ListCodec.decode], ['pushed', pushed]] as const) {
    // Timed first: once many of its lists survive collections, V8 allocates that site's arrays in the old generation.
    out[`${way}DecodeNs`] = decodeNs(decode, bytes);
    const held = await bytesHeld(
      () => Array.from({ length: count }, () => decode(bytes)),
      (lists) => assert(lists.length === count),
    );
    out[`${way}BytesPerList`] = Math.round(held.heap / count);
  }
  return out;
}

function assert(ok: boolean): void {
  if (!ok) throw new Error('lists lost');
}

const round = (x: number) => Math.round(x * 10) / 10;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { keys: { type: 'string', default: '174450' }, mean: { type: 'string', default: '30' } } });
  const result = { keptAnswers: await keptAnswers(Number(values.keys), Number(values.mean)), decoded300: await decodedLists() };
  console.log(JSON.stringify(result, null, 2));
  const k = result.keptAnswers;
  console.log(
    `kept answers: arrays ${k.arraysHeapMiB} MiB heap; pool ${k.poolHeapMiB} MiB heap + ${k.poolBuffersMiB} MiB buffers. ` +
      `300-number list: ${result.decoded300.pushedBytesPerList} -> ${result.decoded300.codecBytesPerList} bytes, ${result.decoded300.pushedDecodeNs} -> ${result.decoded300.codecDecodeNs} ns`,
  );
}

await main();
