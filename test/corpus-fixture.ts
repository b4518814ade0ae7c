/**
 * A small generated news corpus for pipeline tests: events of one to five articles over a few
 * weeks, each with an original report, and some of: a wire duplicate under another outlet, an
 * excerpt, a synonym-spun rewrite (its quote reworded), and a next-day update with other figures.
 * Deterministic for a seed. Not a test file itself.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/cli/package-root.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ingestPaths } from '../src/pipeline/ingest.js';
import type { Store } from '../src/store/store.js';

export interface FixtureArticle {
  id: string;
  title: string;
  text: string;
  published: string;
  source: string;
}

const PLACES = ['Tallinn', 'Riga', 'Vilnius', 'Helsinki', 'Warsaw', 'Oslo', 'Lisbon', 'Dublin', 'Vienna', 'Prague', 'Madrid', 'Athens'];
const PEOPLE = ['Maria Kask', 'Jonas Petraitis', 'Anna Virtanen', 'Piotr Nowak', 'Ingrid Hansen', 'Tomas Silva', 'Aoife Byrne', 'Lena Gruber', 'Pavel Novak', 'Elena Ruiz', 'Nikos Papas', 'Liis Tamm'];
const ORGS = ['the port authority', 'the central bank', 'the health ministry', 'the rail operator', 'the energy regulator', 'the city council', 'the fisheries agency', 'the teachers union', 'the airport operator', 'the water utility', 'the border guard', 'the statistics office'];
const TOPICS: Array<[string, string, string]> = [
  ['harbour', 'cranes', 'shipping'], ['interest', 'rates', 'inflation'], ['hospital', 'nurses', 'vaccines'], ['railway', 'tracks', 'commuters'],
  ['electricity', 'tariffs', 'winter'], ['housing', 'rents', 'tenants'], ['fishing', 'quotas', 'trawlers'], ['schools', 'salaries', 'strike'],
  ['runway', 'flights', 'noise'], ['reservoir', 'drought', 'pipes'], ['patrols', 'fence', 'crossings'], ['census', 'population', 'migration'],
];
const OUTLETS = ['Baltic Times', 'Nordic Wire', 'Daily Ledger', 'Morning Courier', 'Harbour Gazette'];
const ADVERBS = ['completely', 'totally', 'utterly'];
const SPIN: Array<[string, string]> = [['announced', 'declared'], ['plans', 'schemes'], ['said', 'stated'], ['officials', 'authorities'], ['increase', 'rise'], ['week', 'seven days']];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function day(offset: number): string {
  return new Date(Date.UTC(2022, 0, 3) + offset * 86_400_000).toISOString().slice(0, 10);
}

/** Words of the bundled sample articles: the vocabulary generated sentences are drawn from. */
function vocabulary(): string[] {
  const dir = join(packageRoot(), 'sample');
  const words = new Set<string>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt'))) {
    for (const w of readFileSync(join(dir, f), 'utf8').toLowerCase().match(/[a-z]{3,}/g) ?? []) words.add(w);
  }
  return [...words].sort();
}

function sentence(random: () => number, words: readonly string[], n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(words[Math.floor(random() * words.length)]!);
  return out.join(' ');
}

/** An event's original report: its own random sentences around a named place, person and organisation. */
function report(random: () => number, words: readonly string[], e: number, figure: number): { title: string; paragraphs: string[] } {
  const place = PLACES[e % PLACES.length]!;
  const person = PEOPLE[e % PEOPLE.length]!;
  const org = ORGS[e % ORGS.length]!;
  const [a, b] = TOPICS[e % TOPICS.length]!;
  const say = () => `${cap(sentence(random, words, 14))}.`;
  return {
    title: `${place} ${a} ${b}: ${cap(sentence(random, words, 5))}`,
    paragraphs: [
      `${place.toUpperCase()} — Officials at ${org} announced ${figure} plans on ${a} and ${b}. ${say()} ${say()}`,
      `“${cap(sentence(random, words, 6))} ${ADVERBS[0]} unacceptable ${sentence(random, words, 4)},” ${person} said. ${say()}`,
      `${say()} ${say()} The increase of ${figure * 3} percent was the first since ${2000 + (e % 20)}.`,
      `${say()} ${say()} ${say()}`,
      `${person} said ${sentence(random, words, 10)}. ${say()}`,
    ],
  };
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function spun(text: string, e: number): string {
  let out = text.replace(`${ADVERBS[0]} unacceptable`, `${ADVERBS[1 + (e % 2)]} unacceptable`);
  for (const [from, to] of SPIN) out = out.replace(new RegExp(`\\b${from}\\b`, 'g'), to);
  return out;
}

/** `events` events, ~2.5 articles each, dated over about `events` days, in arrival order (mostly by date). */
export function generateCorpus(events = 14, seed = 7): FixtureArticle[] {
  const random = rng(seed);
  const words = vocabulary();
  const out: FixtureArticle[] = [];
  for (let e = 0; e < events; e++) {
    const start = Math.floor(e * 1.5 + random() * 3);
    const base = report(random, words, e, 3 + Math.floor(random() * 9));
    const text = base.paragraphs.join('\n\n');
    const outlet = OUTLETS[e % OUTLETS.length]!;
    const add = (suffix: string, title: string, body: string, offset: number, source: string) =>
      out.push({ id: `e${String(e).padStart(2, '0')}-${suffix}`, title, text: body, published: day(start + offset), source });
    add('original', base.title, text, 0, outlet);
    const wire = OUTLETS[(e + 1) % OUTLETS.length]!;
    if (random() < 0.6) add('wire', base.title, text.replace(' — ', ` (${wire}) — `), 0, wire);
    if (random() < 0.5) add('excerpt', base.title, base.paragraphs.slice(0, 3).join('\n\n'), 0, OUTLETS[(e + 2) % OUTLETS.length]!);
    if (random() < 0.6) add('spun', spun(base.title, e), spun(text, e), 1, OUTLETS[(e + 3) % OUTLETS.length]!);
    if (random() < 0.4) {
      const figure = 20 + Math.floor(random() * 9);
      const update = [base.paragraphs[0]!.replace(/announced \d+ plans/, `announced ${figure} plans`), ...base.paragraphs.slice(1, 4), `${cap(sentence(random, words, 16))}.`];
      add('update', base.title, update.join('\n\n'), 1, outlet);
    }
  }
  return out;
}

/** Writes articles as JSONL (the format `ingest` reads with `id`, `title`, `text`, `published`, `source`). */
export function writeJsonl(file: string, articles: readonly FixtureArticle[]): string {
  writeFileSync(file, articles.map((a) => JSON.stringify(a)).join('\n') + '\n');
  return file;
}

/** Opens a fresh SQLite file, stores `file`'s articles without analysing them, runs `fn` on the store, then closes it. */
export async function withStoredCorpus<T>(db: string, file: string, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = openSqliteStore(db);
  try {
    await ingestPaths(store, [file], { workers: 0, skipAnalysis: true });
    return await fn(store);
  } finally {
    await store.close();
  }
}
