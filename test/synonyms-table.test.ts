import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonical, openWordNet, Synonyms } from '../src/text/synonyms.js';
import { words as tokens } from '../src/text/tokenize.js';
import { dictPath, DICT_FILE, FileWordNet } from '../src/text/wordnet-files.js';
import { POS } from '../src/text/wordnet-source.js';
import { TableWordNet, tablePath } from '../src/text/wordnet-table.js';
import { CanonicalTable, canonicalTablePath } from '../src/text/canonical-table.js';
import { wordHash } from '../src/fingerprint/scan.js';

const BBC = fileURLToPath(new URL('../../../shared/eval/corpus-bbc', import.meta.url));

/** Every token of the first `files` BBC articles of each section. */
function bbcWords(files: number): string[] {
  const out = new Set<string>();
  if (!fs.existsSync(BBC)) return [];
  for (const section of fs.readdirSync(BBC).sort()) {
    const dir = path.join(BBC, section);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).sort().slice(0, files)) {
      for (const token of tokens(fs.readFileSync(path.join(dir, file), 'latin1'))) out.add(token);
    }
  }
  return [...out];
}

/** Every `step`-th lemma of each WordNet index file, as written and with spaces, plus inflected guesses. */
function lemmaWords(step: number): string[] {
  const out: string[] = [];
  for (const p of POS) {
    const lines = fs.readFileSync(path.join(dictPath(), `index.${DICT_FILE[p]}`), 'latin1').split('\n');
    for (let i = 0; i < lines.length; i += step) {
      if (!lines[i] || lines[i]!.startsWith('  ')) continue;
      const lemma = lines[i]!.split(' ')[0]!;
      out.push(lemma, lemma.replace(/_/g, ' '), `${lemma}s`, `${lemma}ed`, `${lemma}ing`, lemma.toUpperCase());
    }
  }
  return out;
}

test('the WordNet table gives the same answers as the dictionary files', () => {
  const table = TableWordNet.load();
  assert.ok(table, `no WordNet table at ${tablePath()}: npm run build makes it`);
  const fromTable = new Synonyms(table);
  const fromFiles = new Synonyms(new FileWordNet());
  const words = [...new Set([...bbcWords(60), ...lemmaWords(40), '', ' ', 'café', 'İstanbul', 'war  games', 'video games'])];
  assert.ok(words.length > 20_000, `only ${words.length} words`);
  let checked = 0;
  words.forEach((w, i) => {
    assert.equal(fromTable.canonical(w), fromFiles.canonical(w), `canonical(${w})`);
    for (const p of POS) assert.deepEqual(fromTable.baseForms(w, p), fromFiles.baseForms(w, p), `baseForms(${w}, ${p})`);
    const synonyms = fromFiles.synonymsOf(w);
    assert.deepEqual(fromTable.synonymsOf(w), synonyms, `synonymsOf(${w})`);
    const others = [words[(i * 7919 + 13) % words.length]!, fromFiles.canonical(w), ...synonyms.slice(0, 2)];
    for (const v of others) assert.equal(fromTable.areSynonyms(w, v), fromFiles.areSynonyms(w, v), `areSynonyms(${w}, ${v})`);
    checked += 7 + others.length;
  });
  assert.ok(checked > 200_000);
});

test('the precomputed canonical table answers as canonical() does for every ASCII word without digits, names and hyphenated words included', () => {
  const table = CanonicalTable.load();
  assert.ok(table, `no canonical table at ${canonicalTablePath()}: npm run build makes it`);
  const live = new Synonyms(TableWordNet.load()!);
  const extra = ['stoltenberg', 'laanet', 'utterly', 'totally', 'stopped', 'went', 'children', 'so-called', 'long-term', "alzheimer's", "o'clock", "don't", 'u.s.a', 'well-known'];
  // What the tokenizer can spell in ASCII: letters, with ' . , - between two letters.
  const candidates = [...bbcWords(60), ...lemmaWords(8), ...extra].map((w) => w.toLowerCase()).filter((w) => /^[a-z]+(?:['.,-][a-z]+)*$/.test(w) && w.length >= 3);
  const words = [...new Set(candidates)];
  assert.ok(words.length > 15_000, `only ${words.length} words`);
  let differing = 0;
  let joined = 0;
  let joinedDiffering = 0;
  for (const w of words) {
    const canon = live.canonical(w);
    const hasJoiner = /['.,-]/.test(w);
    if (hasJoiner) joined++;
    if (canon !== w) {
      differing++;
      if (hasJoiner) joinedDiffering++;
    }
    assert.equal(table.lookup(w, wordHash(w)), wordHash(canon), `canonical(${w}) = ${canon}`);
  }
  // Both kinds are exercised: words with another canonical form, and words that are their own, with and without joiners.
  assert.ok(differing > 1000 && differing < words.length - 1000, `${differing} of ${words.length} differ`);
  assert.ok(joined > 500 && joinedDiffering > 50, `${joinedDiffering} of ${joined} words with joiners differ`);
});

test('canonical() answers as WordNet does when the precomputed table lets it skip WordNet (words the table lacks are their own)', () => {
  const table = CanonicalTable.load();
  assert.ok(table, `no canonical table at ${canonicalTablePath()}: npm run build makes it`);
  const live = new Synonyms(TableWordNet.load()!);
  const extra = ['Stoltenberg', 'TOTALLY', 'stopped', "Alzheimer's", 'so-called', 'u.s.a', 'café', 'İstanbul', 'ab', 'x', '', 'covid19', 'war games'];
  const words = [...new Set([...bbcWords(30), ...lemmaWords(16), ...extra])];
  assert.ok(words.length > 15_000, `only ${words.length} words`);
  let own = 0;
  for (const w of words) {
    const expected = live.canonical(w);
    if (expected === w.toLowerCase()) own++;
    assert.equal(canonical(w), expected, `canonical(${JSON.stringify(w)})`);
  }
  // Both answers are exercised: words that are their own canonical form (mostly skipped) and words with another.
  assert.ok(own > 1000 && own < words.length - 1000, `${own} of ${words.length} are their own`);
});

test('a canonical table built from another WordNet table is not used', () => {
  const stale = path.join(path.dirname(canonicalTablePath()), `stale-canonical-${process.pid}.bin`);
  const bytes = new Uint8Array(fs.readFileSync(canonicalTablePath()));
  new DataView(bytes.buffer).setUint32(4, new DataView(bytes.buffer).getUint32(4, true) ^ 1, true);
  fs.writeFileSync(stale, bytes);
  try {
    assert.equal(CanonicalTable.load(stale), null);
  } finally {
    fs.rmSync(stale, { force: true });
  }
});

test('without the table, synonyms come from the dictionary files, with a warning', () => {
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(warning.message);
  process.on('warning', onWarning);
  const missing = openWordNet(path.join(path.dirname(tablePath()), 'no-such-wordnet.bin'));
  assert.ok(missing instanceof FileWordNet);
  assert.equal(new Synonyms(missing).canonical('totally'), new Synonyms(openWordNet()).canonical('totally'));
  return new Promise<void>((resolve) =>
    setImmediate(() => {
      process.off('warning', onWarning);
      assert.ok(warnings.some((m) => m.includes('no-such-wordnet.bin')), warnings.join('; '));
      resolve();
    }),
  );
});
