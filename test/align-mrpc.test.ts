import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evalPairsMrpc, readMrpc } from '../src/eval/eval-mrpc.js';
import { trainParaphraseDetector } from '../src/align/paraphrase-detect.js';

const MRPC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/eval/pairs-mrpc');
const missing = !fs.existsSync(MRPC);

test('pairs-mrpc learns on the train file and scores another file, beating answering paraphrase always', { skip: missing && 'no MRPC data' }, () => {
  const file = fs.readdirSync(MRPC).find((f) => /\.(tsv|txt)$/.test(f) && !/readme/i.test(f))!;
  const lines = fs.readFileSync(path.join(MRPC, file), 'utf8').split(/\r?\n/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mrpc-'));
  const train = path.join(dir, 'train.tsv');
  const scored = path.join(dir, 'scored.tsv');
  fs.writeFileSync(train, lines.slice(0, 401).join('\n'));
  fs.writeFileSync(scored, [lines[0], ...lines.slice(401, 701)].join('\n'));
  const r = evalPairsMrpc(scored, { train });
  assert.equal(r.pairs, 300);
  assert.equal(r.trainPairs, 400);
  assert.equal(r.inSample, false);
  for (const s of [r.sentenceSimilarity, r.trainedDetector]) {
    assert.ok(s.threshold > 0 && s.threshold < 1);
    assert.ok(s.f1 > r.allParaphraseF1 + 0.01, `F1 ${s.f1} vs all-paraphrase ${r.allParaphraseF1}`);
  }
  assert.equal(evalPairsMrpc(train, { train }).inSample, true);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('changing the numbers of a paraphrase lowers its paraphrase probability', { skip: missing && 'no MRPC data' }, () => {
  const pairs = readMrpc(MRPC);
  const detector = trainParaphraseDetector(pairs.slice(0, 600));
  // Unseen paraphrase pairs whose both sentences carry numbers.
  const probes = pairs.slice(3000).filter((p) => p.label === 1 && /\d/.test(p.a) && /\d/.test(p.b)).slice(0, 40);
  assert.equal(probes.length, 40);
  let lower = 0;
  let before = 0;
  let after = 0;
  for (const p of probes) {
    const altered = p.b.replace(/\d+/g, (m) => String(Number(m) + 7));
    const x = detector.probability(p.a, p.b);
    const y = detector.probability(p.a, altered);
    if (y < x) lower++;
    before += x;
    after += y;
  }
  assert.ok(lower >= 32, `${lower}/40 scored lower`);
  assert.ok(before / probes.length - after / probes.length > 0.05, `mean ${before / 40} -> ${after / 40}`);
});

test('an unrelated sentence is not a paraphrase; a light rewording is', { skip: missing && 'no MRPC data' }, () => {
  const detector = trainParaphraseDetector(readMrpc(MRPC).slice(0, 600));
  const a = 'The company said on Tuesday that its quarterly profit rose sharply on strong demand for its chips.';
  const reworded = 'The company said Tuesday its quarterly profit rose sharply because of strong demand for its chips.';
  const unrelated = 'Heavy rain flooded several roads in the north of the city, police said.';
  assert.equal(detector.isParaphrase(a, reworded), true);
  assert.equal(detector.isParaphrase(a, unrelated), false);
  assert.ok(detector.probability(a, reworded) > detector.probability(a, unrelated) + 0.3);
});
