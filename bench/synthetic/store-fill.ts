/** A synthetic database for the API and export benchmarks, filled straight through the Store. */
import type { Article, Passage } from '../../src/core/types.js';
import type { Store } from '../../src/store/store.js';

const words = 'nato russia talks minister said security ukraine alliance troops border treaty council europe week demands meeting officials government spokesman proposal'.split(' ');

function text(seed: number): string {
  const paras: string[] = [];
  for (let p = 0; p < 6; p++) {
    const w: string[] = [];
    for (let k = 0; k < 45; k++) w.push(words[Math.imul(seed * 31 + p * 7 + k, 2654435761) >>> 27 % words.length] ?? 'news');
    paras.push(`${w.join(' ')} ${seed}-${p}.`);
  }
  return paras.join('\n\n');
}

function article(n: number): Article {
  const body = text(n);
  const paragraphs: Array<[number, number]> = [];
  let at = 0;
  for (const p of body.split('\n\n')) {
    paragraphs.push([at, at + p.length]);
    at += p.length + 2;
  }
  const day = String(1 + (n % 28)).padStart(2, '0');
  return {
    id: n.toString(16).padStart(16, '0'), name: `doc-${n}.txt`, format: 'text', title: `Story ${n}`, source: `outlet-${n % 40}`, url: null, byline: null,
    dateline: null, published: `2022-0${1 + (n % 9)}-${day}`, wire: [], language: 'en', basedOn: null, text: body, paragraphs, captions: [], contributors: [],
    words: 276, sourceMap: [[0, 0]],
  };
}

/**
 * Fills `store` with `count` synthetic articles and, straight through the Store, a duplicate relation per
 * pair, an event per four articles, a storyline per five events and a quote group per ten articles.
 */
export async function fillSyntheticStore(store: Store, count: number): Promise<void> {
  await store.transaction(async (tx) => {
    for (let n = 0; n < count; n++) await tx.putArticle(article(n));
    const id = (n: number) => n.toString(16).padStart(16, '0');
    for (let n = 0; n + 1 < count; n += 2) {
      const passage: Passage = { a: [0, 100], b: [0, 100], edit: 'verbatim', score: 0.9, diff: [{ op: 'same', a: 'x', b: 'x' }] };
      await tx.putRelation({ a: id(n), b: id(n + 1), kind: 'duplicate', score: 0.9, similarity: 0.9, reuse: 0.9, source: id(n), evidence: ['bench'], passages: [passage] });
    }
    const events: string[] = [];
    for (let n = 0, e = 1; n < count; n += 4, e++) {
      const members = [n, n + 1, n + 2, n + 3].filter((m) => m < count).map(id);
      await tx.putEvent({ id: `E${e}`, title: `Event ${e}`, dateBegin: '2022-01-01', dateEnd: '2022-01-02', articles: members, entities: ['NATO'], reasons: [] });
      events.push(`E${e}`);
    }
    const storylines = [];
    for (let s = 0; s * 5 < events.length; s++) storylines.push({ id: `S${s + 1}`, title: `Storyline ${s + 1}`, events: events.slice(s * 5, s * 5 + 5), reasons: [] });
    for (const storyline of storylines) await tx.putStoryline(storyline);
    for (let g = 0; g < Math.floor(count / 10); g++) {
      for (const k of [0, 1]) {
        const article = id(g * 10 + k);
        await tx.addQuoteVariant({ id: `Q${g + 1}`, speaker: 'Someone' }, { article, quote: `${article}:0`, text: 'we are ready', span: [0, 12], speaker: 'Someone', name: article, published: null });
      }
    }
  });
}

