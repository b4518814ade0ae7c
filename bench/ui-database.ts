/**
 * A large database for the UI's tests and render bench, written straight through the Store API from a
 * seeded generator (no analysis runs): thousands of articles in storylines of events, copies and rewrites
 * of each event's original (identical duplicates, excerpts, spins, updated figures), entities, quotes whose
 * wording drifts, and one event of `bigEvent` articles. 20,000 articles take seconds, not minutes.
 */
import { createHash } from 'node:crypto';
import type { Article, Entity, Quote, Relation, RelationKind, Span, StoryEvent, WordDiffOp } from '../src/core/types.js';
import type { Store } from '../src/store/store.js';
import { Random } from './synthetic/random.js';

export interface UiDatabaseOptions {
  /** Articles in all. @default 5000 */
  articles?: number;
  /** Articles of the one very big event. @default 2000 */
  bigEvent?: number;
  /** @default 7 */
  seed?: number;
}

export interface UiDatabase {
  articles: number;
  events: number;
  storylines: number;
  relations: number;
  /** The big event's id, and a few names the tests look for. */
  bigEvent: string;
  outlets: string[];
  speakers: string[];
}

const OUTLETS = ['Reuters', 'AP', 'BBC', 'NPR', 'Guardian', 'Le Monde', 'Spiegel', 'ERR News', 'Yle', 'Politico', 'Al Jazeera', 'DW'];
const PLACES = ['Tallinn', 'Riga', 'Vilnius', 'Helsinki', 'Warsaw', 'Brussels', 'Kyiv', 'Oslo', 'Gdansk', 'Tartu'];
const SUBJECTS = ['harbour strike', 'budget vote', 'border talks', 'rail merger', 'energy deal', 'flood relief', 'court ruling', 'election count', 'grain exports', 'bank rescue'];
const PEOPLE = ['Kalle Laanet', 'Kaja Kallas', 'Jens Stoltenberg', 'Ursula von der Leyen', 'Sanna Marin', 'Edgars Rinkevics', 'Gitanas Nauseda', 'Andrzej Duda'];
const ORGS = ['NATO', 'European Commission', 'Bank of Finland', 'Port Authority', 'Supreme Court', 'Ministry of Defence'];
const VERDICTS = ['completely unacceptable', 'totally unacceptable', 'utterly unacceptable', 'deeply worrying', 'a welcome step'];

function hashId(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function day(base: number, plus: number): string {
  return new Date(Date.UTC(2022, 0, 1) + (base + plus) * 86_400_000).toISOString().slice(0, 10);
}

/** One article's text: a lede, a quote and background, with the spans of each paragraph and the quote. */
function articleText(subject: string, place: string, figure: number, speaker: string, verdict: string, serial: number): { text: string; paragraphs: Span[]; quote: Span } {
  const lede = `${place.toUpperCase()} — Officials in ${place} said ${figure} people were affected by the ${subject} on Tuesday, as talks went on late into the night (item ${serial}).`;
  const quoted = `The proposals are ${verdict}`;
  const quote = `“${quoted},” ${speaker} told reporters after the meeting in ${place}.`;
  const background = `The ${subject} follows weeks of pressure from unions and ministers, and analysts expect more news on it later this week.`;
  const paragraphs = [lede, quote, background];
  const spans: Span[] = [];
  let at = 0;
  for (const p of paragraphs) {
    spans.push([at, at + p.length]);
    at += p.length + 2;
  }
  const quoteBegin = spans[1]![0] + 1;
  return { text: paragraphs.join('\n\n'), paragraphs: spans, quote: [quoteBegin, quoteBegin + quoted.length] };
}

interface Planned {
  article: Article;
  /** An identical copy of the event's original. */
  copy: boolean;
  quote: Quote;
  verdict: string;
  figure: number;
}

function relationOf(kind: RelationKind, from: Planned, to: Planned, score: number): Relation {
  const diff: WordDiffOp[] = [{ op: 'same', a: 'Officials in', b: 'Officials in' }];
  if (from.figure !== to.figure) diff.push({ op: 'swap', a: String(from.figure), b: String(to.figure) });
  if (kind === 'spin' || kind === 'paraphrase') diff.push({ op: 'swap', a: 'talks', b: 'negotiations', synonym: true });
  const edit = kind === 'duplicate' ? 'verbatim' : kind === 'excerpt' ? 'trimmed' : kind === 'spin' ? 'synonym-swapped' : 'paraphrased';
  const passages = [{ a: from.article.paragraphs[0]!, b: to.article.paragraphs[0]!, edit, score, diff } as Relation['passages'][number]];
  if (kind !== 'excerpt') passages.push({ a: from.article.paragraphs[2]!, b: to.article.paragraphs[2]!, edit: 'verbatim', score: 1, diff: [] });
  return { a: from.article.id, b: to.article.id, kind, score, similarity: score, reuse: kind === 'excerpt' ? score / 2 : score, source: from.article.id, evidence: [`${to.article.name} reuses the lede of ${from.article.name}`], passages };
}

/** Writes the generated database into `store` (which should be empty) in one transaction. */
export async function writeUiDatabase(store: Store, options: UiDatabaseOptions = {}): Promise<UiDatabase> {
  const total = options.articles ?? 5000;
  const bigSize = Math.min(options.bigEvent ?? 2000, total);
  const random = new Random(options.seed ?? 7);
  let serial = 0;
  let eventSerial = 0;
  let relations = 0;
  const storylines: Array<{ id: string; title: string; events: string[]; reasons: string[] }> = [];

  const writeEvent = async (tx: Store, size: number, startDay: number, subject: string, place: string): Promise<string> => {
    const id = `E${++eventSerial}`;
    const speaker = random.pick(PEOPLE);
    const org = random.pick(ORGS);
    const planned: Planned[] = [];
    for (let i = 0; i < size; i++) {
      const duplicateOf = i > 0 && random.chance(0.15) ? planned[0]! : null;
      const figure = duplicateOf ? duplicateOf.figure : i === 0 ? 40 : random.chance(0.2) ? 40 + random.between(1, 9) : 40;
      const verdict = duplicateOf ? duplicateOf.verdict : i === 0 ? VERDICTS[0]! : random.pick(VERDICTS);
      const n = ++serial;
      const { text, paragraphs, quote } = articleText(subject, place, figure, speaker, verdict, duplicateOf ? Number(duplicateOf.article.name.match(/\d+/)![0]) : n);
      const outlet = i === 0 ? random.pick(OUTLETS.slice(0, 2)) : random.pick(OUTLETS);
      const published = day(startDay, i === 0 ? 0 : random.between(0, size > 100 ? 6 : 2));
      const name = `gen-${String(n).padStart(6, '0')}.txt`;
      const article: Article = {
        id: hashId(`${name}\n${text}`), name, format: 'text', title: `${place}: ${subject} (${n})`, source: outlet, url: null, byline: null,
        dateline: place.toUpperCase(), published, wire: i === 0 ? [outlet] : [], language: 'en', basedOn: null, text, paragraphs, captions: [], contributors: [],
        words: text.split(/\s+/).length, sourceMap: [[0, 0]],
      };
      const q: Quote = { id: `${article.id}:${quote[0]}`, article: article.id, text: text.slice(quote[0], quote[1]), span: quote, speaker, speakerSpan: null, cue: 'told', indirect: random.chance(0.1) };
      planned.push({ article, quote: q, verdict, figure, copy: duplicateOf !== null });
    }
    for (const p of planned) {
      await tx.putArticle(p.article);
      await tx.putQuotes(p.article.id, [p.quote]);
      const entities: Entity[] = [
        { name: speaker, kind: 'person', aliases: [speaker.split(' ').pop()!], roles: [] },
        { name: org, kind: 'organization', aliases: [], roles: [] },
        { name: place, kind: 'place', aliases: [], roles: [] },
      ];
      await tx.putEntities(p.article.id, entities);
    }
    const original = planned[0]!;
    for (let i = 1; i < planned.length; i++) {
      const p = planned[i]!;
      // Most copies come from the original; some from an earlier copy, so the graph has layers.
      const from = !p.copy && i > 10 && random.chance(0.2) ? planned[random.between(1, i - 1)]! : original;
      let kind: RelationKind | null = null;
      if (p.copy) kind = 'duplicate';
      // `update` (figures changed) is not a RelationKind of this build yet: lists and filters must take any stored kind.
      else if (p.figure !== from.figure) kind = 'update' as RelationKind;
      else if (random.chance(0.55)) kind = random.weighted({ excerpt: 3, spin: 2, paraphrase: 2, 'shared-passage': 1 });
      if (kind === null) continue;
      await tx.putRelation(relationOf(kind, from, p, kind === 'duplicate' ? 1 : 0.4 + random.next() * 0.55));
      relations++;
    }
    const event: StoryEvent = {
      id, title: `${subject[0]!.toUpperCase()}${subject.slice(1)} in ${place}`, dateBegin: day(startDay, 0),
      dateEnd: planned.map((p) => p.article.published!).sort().pop()!, articles: planned.map((p) => p.article.id), entities: [speaker, org, place],
      reasons: planned.map((p, i) => ({ article: p.article.id, action: i === 0 ? 'started' : 'joined', score: i === 0 ? 1 : 0.6, parts: { text: 0.6 }, note: i === 0 ? 'first article' : 'same subject and place' })),
    };
    await tx.putEvent(event);
    for (const p of planned.slice(0, 40)) {
      const variant = { article: p.article.id, quote: p.quote.id, text: p.quote.text, span: p.quote.span, speaker, name: p.article.name, published: p.article.published };
      await tx.addQuoteVariant({ id: `G${eventSerial}`, speaker }, variant);
    }
    return id;
  };

  let bigEvent = '';
  await store.transaction(async (tx) => {
    let startDay = 0;
    let line = 0;
    while (serial < total) {
      const id = `S${++line}`;
      const subject = random.pick(SUBJECTS);
      const place = random.pick(PLACES);
      const events: string[] = [];
      const count = random.between(1, 4);
      for (let e = 0; e < count && serial < total; e++) {
        const size = bigEvent === '' && line === 3 ? bigSize : Math.min(total - serial, random.between(1, 9));
        if (size <= 0) break;
        const eventId = await writeEvent(tx, size, startDay + e * random.between(1, 6), subject, place);
        if (size === bigSize) bigEvent = eventId;
        events.push(eventId);
      }
      storylines.push({ id, title: `The ${subject} in ${place}`, events, reasons: events.map((_, i) => (i === 0 ? '' : `same ${subject} in ${place}`)) });
      startDay = (startDay + random.between(0, 3)) % 360;
    }
    for (const s of storylines) await tx.putStoryline(s);
  });
  return { articles: serial, events: eventSerial, storylines: storylines.length, relations, bigEvent, outlets: OUTLETS, speakers: PEOPLE };
}
