/**
 * Memory held per fingerprint: heap and array buffers before and after holding
 * the fingerprints of the first 20,000 articles of Reuters-21578 then BBC, against
 * their serialised size (the index codec's bytes per fingerprint), and the same fingerprints held
 * by article seq as the ordered step holds them (`HeldFingerprints`: packed blocks in large slabs).
 * Run: npm run build && node --expose-gc dist/bench/fingerprint-memory.js [--count 20000]
 */
import { loadBbc, loadReuters } from './corpora.js';
import { fingerprint, type Fingerprint } from '../src/fingerprint/fingerprint.js';
import { encodeIndex } from '../src/fingerprint/index-codec.js';
import { INDEX_DEFAULTS } from '../src/fingerprint/index.js';
import { paragraphs } from '../src/text/segment.js';
import { HeldFingerprints } from '../src/pipeline/held-fingerprints.js';
import { bytesHeld, heldBytes as held } from './scale/memory.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--count');
  const count = at >= 0 ? Number(args[at + 1]) : 20_000;
  const docs = [...loadReuters(), ...loadBbc()].slice(0, count).map((a) => ({ name: a.name, text: a.text }));
  // A first pass fills the word caches and grows the scratch buffers; the second is measured.
  for (const d of docs) fingerprint(d.name, d.text, paragraphs(d.text));
  const ids = docs.map((d) => `${d.name}`);
  const before = await held();
  const fps: Fingerprint[] = docs.map((d, i) => fingerprint(ids[i]!, d.text, paragraphs(d.text)));
  const after = await held();
  const n = fps.length;
  const serialised = encodeIndex(INDEX_DEFAULTS, fps).length;
  const perHeap = (after.heap - before.heap) / n;
  const perBuffers = (after.buffers - before.buffers) / n;
  const units = fps.reduce((s, fp) => s + fp.paragraphs.length, 0) / n;
  console.log(
    `${n} fingerprints (${units.toFixed(1)} passage units each): ${Math.round(perHeap + perBuffers)} B each in memory ` +
      `(${Math.round(perHeap)} B heap + ${Math.round(perBuffers)} B array buffers; ids excluded), ${Math.round(serialised / n)} B serialised`,
  );
  let size = 0;
  const heldTable = await bytesHeld(
    () => {
      const table = new HeldFingerprints(null);
      docs.forEach((d, i) => table.set(i + 1, fingerprint(ids[i]!, d.text, paragraphs(d.text))));
      table.drain();
      return table;
    },
    (table) => (size = table.size),
  );
  const perHeld = (heldTable.heap + heldTable.buffers) / n;
  console.log(`held by seq for the ordered step: ${Math.round(perHeld)} B each (ids included), ${size} held`);
}

await main();
