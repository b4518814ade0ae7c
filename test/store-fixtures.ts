/** Realistic records for the store tests. Not a test file itself. */
import { createHash } from 'node:crypto';
import type { Article, Quote, Relation, Span, StoryEvent } from '../src/core/types.js';
import type { Store } from '../src/store/store.js';

export const NATO_PARAGRAPHS = [
  'BRUSSELS (AP) — NATO defense ministers met on Wednesday to weigh how to respond to Russia’s military buildup near Ukraine, as the alliance prepared to send more troops to its eastern flank.',
  'The NATO-Russia Council has not met for more than two years, and diplomats said the war games staged by Moscow in Belarus had raised fears of an invasion.',
  '“We are ready for dialogue, but we are also ready to defend every inch of allied territory,” NATO Secretary General Jens Stoltenberg told reporters.',
  'Estonian Defense Minister Kalle Laanet said his government would ask for a permanent allied presence.',
];

export const BUDGET_PARAGRAPHS = [
  'LONDON (Reuters) — The government will raise spending on schools and hospitals by 4 billion pounds next year, the finance minister said on Tuesday, in a budget that also trims fuel duty.',
  'Opposition lawmakers said the plan did too little for families facing higher energy bills.',
  '“This is a budget for working people,” the minister told parliament.',
];

export const FOOTBALL_PARAGRAPHS = [
  'Arsenal came from behind to beat Chelsea 2-1 at the Emirates on Saturday, moving three points clear at the top of the table.',
  'Bukayo Saka scored the winner in the 78th minute after a quick counter-attack.',
];

export interface ArticleInit {
  name: string;
  paragraphs: string[];
  title?: string | null;
  source?: string | null;
  published?: string | null;
  format?: Article['format'];
  wire?: string[];
}

/** 16 hex chars of sha256, like the ingest stage's content hash. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Builds an article the way ingest would: text from paragraphs, spans, word count, a source map. */
export function makeArticle(init: ArticleInit): Article {
  const text = init.paragraphs.join('\n\n');
  const spans: Span[] = [];
  let at = 0;
  for (const p of init.paragraphs) {
    spans.push([at, at + p.length]);
    at += p.length + 2;
  }
  const title = init.title === undefined ? init.paragraphs[0].split(/[,.—]/)[0].trim() : init.title;
  return {
    id: contentHash(`${init.name}\n${title ?? ''}\n${text}`),
    name: init.name,
    format: init.format ?? 'text',
    title,
    source: init.source === undefined ? 'Associated Press' : init.source,
    url: init.format === 'html' ? `https://example.com/news/${encodeURIComponent(init.name)}` : null,
    byline: init.source === null ? null : 'By Lorne Cook',
    dateline: /^[A-Z]+ \([A-Za-z]+\)/.exec(text)?.[0] ?? null,
    published: init.published === undefined ? '2022-02-16' : init.published,
    wire: init.wire ?? ['AP'],
    language: 'en',
    basedOn: null,
    text,
    paragraphs: spans,
    captions: ['Soldiers take part in drills near the border. (AP Photo/Sergei Grits)'],
    contributors: ['Vladimir Isachenkov in Moscow contributed to this report.'],
    words: text.split(/\s+/).filter(Boolean).length,
    sourceMap: [
      [0, 312],
      [spans[spans.length - 1][0], spans[spans.length - 1][0] + 355],
    ],
  };
}

export function natoArticle(name = '000_f92a0e5a9a8db5c1.txt'): Article {
  return makeArticle({ name, paragraphs: NATO_PARAGRAPHS, title: 'NATO ministers weigh response to Russian buildup' });
}

export function budgetArticle(name = 'budget-2021.html'): Article {
  return makeArticle({
    name,
    paragraphs: BUDGET_PARAGRAPHS,
    title: 'Government raises school and hospital spending',
    source: 'Reuters',
    published: '2021-10-27',
    format: 'html',
    wire: ['Reuters'],
  });
}

export function footballArticle(name = 'sport/arsenal.txt'): Article {
  return makeArticle({
    name,
    paragraphs: FOOTBALL_PARAGRAPHS,
    title: 'Arsenal beat Chelsea',
    source: null,
    published: null,
    wire: [],
  });
}

/** A relation with aligned passages and a word diff, as the align stage emits. */
export function makeRelation(a: Article, b: Article, kind: Relation['kind'] = 'spin', score = 0.8734): Relation {
  return {
    a: a.id,
    b: b.id,
    kind,
    score,
    similarity: 0.612,
    reuse: 0.5,
    source: a.id,
    evidence: ['b swaps 14 words for synonyms of a', 'a is dated earlier (2022-02-16 < 2022-02-17)'],
    passages: [
      {
        a: [0, 120],
        b: [0, 131],
        edit: 'synonym-swapped',
        score: 0.71,
        diff: [
          { op: 'same', a: 'NATO defense ministers', b: 'NATO defense ministers' },
          { op: 'swap', a: 'war games', b: 'conflict video games', synonym: true },
          { op: 'insert', b: 'reportedly' },
          { op: 'delete', a: 'on Wednesday' },
          // Unchanged words whose sides differ in case and spacing keep both sides.
          { op: 'same', a: 'Kalle Laanet\n\nsaid', b: 'kalle laanet said' },
        ],
      },
      { a: [200, 260], b: [240, 300], edit: 'verbatim', score: 1, diff: [] },
    ],
  };
}

export function makeEvent(id: string, articles: Article[], dateBegin: string | null, title = 'NATO ministers meet'): StoryEvent {
  return {
    id,
    title,
    dateBegin,
    dateEnd: dateBegin === null ? null : '2022-02-17',
    articles: articles.map((a) => a.id),
    entities: ['NATO', 'Jens Stoltenberg', 'Brussels'],
    reasons: articles.map((a, i) => ({
      article: a.id,
      action: i === 0 ? 'started' : 'joined',
      score: i === 0 ? 1 : 0.62,
      parts: { text: 0.55, entities: 0.8, time: 0.97 },
      note: i === 0 ? 'first article' : 'shares 5 entities and 0.55 of its text',
    })),
  };
}

/** Quotes found in `article` by locating each string in its text. */
export function quotesIn(article: Article, quoted: string[], speaker: string | null = 'Jens Stoltenberg'): Quote[] {
  return quoted.map((words, i) => {
    const begin = article.text.indexOf(words);
    if (begin < 0) throw new Error(`fixture: "${words}" is not in ${article.name}`);
    const span: Span = [begin, begin + words.length];
    return {
      id: `${article.id}:${begin}`,
      article: article.id,
      text: words,
      span,
      speaker: i === 0 ? speaker : null,
      speakerSpan: i === 0 ? [span[1] + 3, span[1] + 28] : null,
      cue: i === 0 ? 'told' : null,
      indirect: i !== 0,
    };
  });
}

/** `count` short dated articles, named so their order is known. */
export function manyArticles(count: number): Article[] {
  const out: Article[] = [];
  for (let i = 0; i < count; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    out.push(
      makeArticle({
        name: `wire-${String(i).padStart(5, '0')}.txt`,
        paragraphs: [`Item ${i}: ministers met in Brussels on February ${day} to discuss troop deployments.`],
        published: i % 10 === 9 ? null : `2022-02-${day}`,
      }),
    );
  }
  return out;
}

export async function putAll(store: Store, articles: Article[]): Promise<void> {
  await store.transaction(async (tx) => {
    for (const a of articles) await tx.putArticle(a);
  });
}

/** The order the contract promises: published ascending, unknown dates last, then name. */
export function expectedOrder(articles: Article[]): string[] {
  return [...articles]
    .sort((x, y) => {
      if (x.published !== y.published) {
        if (x.published === null) return 1;
        if (y.published === null) return -1;
        return x.published < y.published ? -1 : 1;
      }
      return x.name < y.name ? -1 : x.name > y.name ? 1 : 0;
    })
    .map((a) => a.name);
}
