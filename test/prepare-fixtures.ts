import type { RawDocument } from '../src/core/types.js';

const PEOPLE = ['Maria Lopez', 'Kalle Laanet', 'John Smith', 'Aiko Tanaka', 'Pierre Dubois', 'Fatima Khan'];
const ROLES = ['the finance minister', 'a spokesman for the ministry', 'the union leader', 'the mayor'];
const PLACES = ['Madrid', 'Tallinn', 'London', 'Osaka', 'Lyon', 'Karachi'];
const ORGS = ['the European Commission', 'Reuters', 'the World Bank', 'NATO', 'Acme Corp'];
const SAYINGS = [
  'We will not accept these terms',
  'The figures speak for themselves',
  'This is a day of great sadness for the city',
  'Talks will resume next week',
  'Nobody expected the vote to be this close',
];
const FILLER = [
  'Officials met for several hours on Tuesday to discuss the plan.',
  'The proposal would raise spending by 4.5 percent over two years.',
  'Critics said the measure did little to address rising prices.',
  'Markets fell sharply after the announcement, before recovering later in the day.',
  'The agreement still needs the approval of parliament.',
];

/** A small deterministic PRNG (mulberry32), so the generated corpus is the same every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` small news documents, text and HTML, with names, places, quotes and figures; every
 * 50th has an empty body (a bad input the cleaner rejects).
 */
export function generatedDocs(count: number, seed = 7): RawDocument[] {
  const next = random(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)]!;
  const docs: RawDocument[] = [];
  for (let i = 0; i < count; i++) {
    const origin = `generated/${String(i).padStart(3, '0')}`;
    if (i % 50 === 49) {
      docs.push({ name: `${origin}.txt`, format: 'text', text: i % 100 === 99 ? '' : ' \n\n ', origin });
      continue;
    }
    const paragraphs: string[] = [];
    const paragraphCount = 2 + Math.floor(next() * 4);
    for (let p = 0; p < paragraphCount; p++) {
      const person = pick(PEOPLE);
      paragraphs.push(
        `${pick(PLACES).toUpperCase()} (Reuters) - ${pick(FILLER)} "${pick(SAYINGS)}," ${person}, ${pick(ROLES)}, said on ${pick(['Monday', 'Friday'])}. ` +
          `${pick(FILLER)} ${pick(ORGS)} declined to comment. ${person.split(' ')[1]} added: "${pick(SAYINGS)}."`,
      );
    }
    const title = `${pick(ORGS)} and ${pick(PEOPLE)} in talks over ${pick(PLACES)} plan ${i}`;
    if (i % 7 === 3) {
      const html = `<html><head><title>${title}</title></head><body><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
      docs.push({ name: `${origin}.html`, format: 'html', html, origin });
    } else {
      docs.push({ name: `${origin}.txt`, format: 'text', text: `${title}\n\n${paragraphs.join('\n\n')}`, origin });
    }
  }
  return docs;
}
