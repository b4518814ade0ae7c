/**
 * The edits that turn real text into new stories and their copies: a consistent cast of new
 * people and places for each story, new figures, synonym swaps, trimmed and reordered sentences.
 */
import type { Random } from './random.js';

/** Word swaps a copy editor makes; each is applied in both directions. */
const SYNONYM_PAIRS: Array<[string, string]> = [
  ['big', 'large'], ['rise', 'increase'], ['rose', 'climbed'], ['fell', 'dropped'], ['buy', 'purchase'],
  ['company', 'firm'], ['shares', 'stock'], ['plans', 'proposals'], ['help', 'assist'], ['start', 'begin'],
  ['show', 'indicate'], ['major', 'key'], ['government', 'administration'], ['talks', 'negotiations'],
  ['expected', 'forecast'], ['about', 'around'], ['also', 'additionally'], ['however', 'but'], ['said', 'stated'],
  ['told', 'informed'], ['cut', 'reduce'], ['sales', 'revenues'], ['profit', 'earnings'], ['deal', 'agreement'],
  ['chief', 'head'], ['warned', 'cautioned'], ['rules', 'regulations'], ['quickly', 'rapidly'], ['many', 'numerous'],
  ['latest', 'most recent'], ['record', 'all-time'], ['strong', 'robust'], ['weak', 'sluggish'], ['move', 'step'],
  ['need', 'require'], ['try', 'attempt'], ['enough', 'sufficient'], ['main', 'principal'], ['problem', 'issue'],
  ['children', 'youngsters'], ['people', 'individuals'], ['film', 'movie'], ['match', 'game'], ['win', 'victory'],
  ['coach', 'manager'], ['players', 'squad members'], ['phone', 'handset'], ['users', 'customers'], ['launch', 'unveil'],
  ['firms', 'companies'], ['market', 'sector'], ['country', 'nation'], ['vote', 'ballot'], ['party', 'movement'],
  ['minister', 'secretary'], ['economy', 'economic output'], ['jobs', 'positions'], ['prices', 'costs'], ['rate', 'level'],
  ['group', 'organisation'], ['report', 'study'], ['figures', 'data'], ['claimed', 'alleged'], ['believe', 'think'],
  ['added', 'continued'], ['announced', 'unveiled'], ['increased', 'raised'], ['reduced', 'lowered'], ['agreed', 'accepted'],
];
const SYNONYMS = new Map<string, string>();
for (const [a, b] of SYNONYM_PAIRS) {
  SYNONYMS.set(a, b);
  if (!SYNONYMS.has(b)) SYNONYMS.set(b, a);
}
const WORD = /\b[A-Za-z]+\b/g;

export const CITIES = [
  'London', 'Washington', 'Paris', 'Tokyo', 'New York', 'Brussels', 'Beijing', 'Moscow', 'Berlin', 'Frankfurt',
  'Glasgow', 'Edinburgh', 'Manchester', 'Sydney', 'Toronto', 'Chicago', 'Hong Kong', 'Singapore', 'Madrid', 'Rome',
  'Dublin', 'Cardiff', 'Belfast', 'Geneva', 'Zurich', 'Amsterdam', 'Stockholm', 'Seoul', 'Mumbai', 'Johannesburg',
  'Sao Paulo', 'Mexico City', 'Buenos Aires', 'Cairo', 'Istanbul', 'Athens', 'Lisbon', 'Vienna', 'Warsaw', 'Oslo',
  'Copenhagen', 'Bangkok', 'Jakarta', 'Manila', 'Ottawa', 'Los Angeles', 'San Francisco', 'Boston', 'Houston', 'Milan',
];
export const COUNTRIES = [
  'Britain', 'France', 'Germany', 'Japan', 'China', 'India', 'Brazil', 'Canada', 'Australia', 'Italy', 'Spain', 'Russia',
  'Mexico', 'Argentina', 'South Africa', 'Nigeria', 'Kenya', 'Egypt', 'Turkey', 'Greece', 'Poland', 'Sweden', 'Norway',
  'Ireland', 'Scotland', 'Wales', 'Iraq', 'Iran', 'Israel', 'Indonesia', 'Malaysia', 'Thailand', 'Korea', 'Pakistan',
  'Saudi Arabia', 'Kuwait', 'Venezuela', 'Chile', 'Peru', 'Colombia', 'Portugal', 'Netherlands', 'Belgium', 'Switzerland',
];
const PLACE = new RegExp(`\\b(${[...CITIES, ...COUNTRIES].sort((a, b) => b.length - a.length).join('|')})\\b`, 'g');
const CITY_SET = new Set(CITIES);
const FULL_NAME = /\b([A-Z][a-z]{2,}) ([A-Z][a-z]{2,})\b/g;
/** Figures other than years: 12, 3.5, 1,200. */
const FIGURE = /\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b|\b\d+(?:\.\d+)?\b/g;
const YEAR = /^(19[5-9]\d|20[0-2]\d)$/;

/** The people, places and years of one story, kept the same in every article that covers it. */
export class Cast {
  readonly people = new Map<string, string>();
  readonly places = new Map<string, string>();

  constructor(
    private readonly random: Random,
    private readonly speakers: Set<string>,
    private readonly firstNames: string[],
    private readonly surnames: string[],
    readonly year: number,
  ) {}

  /** A new person for this story (not one of the real speakers' own names). */
  newPerson(): string {
    return `${this.random.pick(this.firstNames)} ${this.random.pick(this.surnames)}`;
  }

  personFor(realName: string): string {
    let name = this.people.get(realName);
    if (!name) {
      name = this.newPerson();
      this.people.set(realName, name);
    }
    return name;
  }

  placeFor(realPlace: string): string {
    let place = this.places.get(realPlace);
    if (!place) {
      place = this.random.chance(0.5) ? realPlace : this.random.pick(CITY_SET.has(realPlace) ? CITIES : COUNTRIES);
      this.places.set(realPlace, place);
    }
    return place;
  }

  /** Real text recast: its quoted people and (some of) its places replaced, its years moved to this story's. */
  recast(paragraphs: string[], corpusYear: number): string[] {
    const renamed = new Map<string, string>();
    const out = paragraphs.map((paragraph) =>
      paragraph
        .replace(FULL_NAME, (whole) => {
          if (!this.speakers.has(whole)) return whole;
          const name = this.personFor(whole);
          renamed.set(whole.split(' ')[1]!, name.split(' ')[1]!);
          return name;
        })
        .replace(PLACE, (place) => this.placeFor(place)),
    );
    const surname = renamed.size > 0 ? new RegExp(`\\b(${[...renamed.keys()].join('|')})\\b`, 'g') : null;
    return out.map((paragraph) => {
      const withSurnames = surname ? paragraph.replace(surname, (s) => renamed.get(s) ?? s) : paragraph;
      return withSurnames.replace(FIGURE, (figure) => (YEAR.test(figure) ? String(Number(figure) + this.year - corpusYear) : figure));
    });
  }
}

const MONTH_NEAR = /(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s*$|^\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/;

/** Figures (not years, not days of a month) scaled by 0.5-1.5, each with probability `share`, written in the same style. */
export function newFigures(text: string, random: Random, share = 1): string {
  return text.replace(FIGURE, (figure: string, offset: number) => {
    if (YEAR.test(figure) || !random.chance(share)) return figure;
    if (MONTH_NEAR.test(text.slice(Math.max(0, offset - 10), offset)) || MONTH_NEAR.test(text.slice(offset + figure.length, offset + figure.length + 10))) return figure;
    const value = Number(figure.replace(/,/g, '')) * (0.5 + random.next());
    const decimals = figure.includes('.') ? figure.length - figure.indexOf('.') - 1 : 0;
    const scaled = decimals > 0 ? value.toFixed(decimals) : String(Math.max(1, Math.round(value)));
    return figure.includes(',') ? Number(scaled).toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }) : scaled;
  });
}

/** Swaps words for their synonyms, each with probability `share`; keeps a capital first letter. */
export function swapSynonyms(text: string, random: Random, share: number): string {
  return text.replace(WORD, (match) => {
    const replacement = SYNONYMS.get(match.toLowerCase());
    if (!replacement || !random.chance(share)) return match;
    return match[0] === match[0]!.toUpperCase() ? replacement[0]!.toUpperCase() + replacement.slice(1) : replacement;
  });
}

export function sentencesOf(paragraph: string): string[] {
  return paragraph.split(/(?<=[.!?]["']?)\s+(?=["A-Z])/).filter((s) => s.length > 0);
}

/** A rewrite: synonyms swapped, sentences sometimes dropped or swapped with their neighbour. */
export function paraphrase(paragraphs: string[], random: Random, swapShare: number): string[] {
  return paragraphs.map((paragraph) => {
    const sentences = sentencesOf(paragraph).filter((_, i, all) => all.length < 2 || !random.chance(0.1) || i === 0);
    for (let i = 0; i + 1 < sentences.length; i++) {
      if (random.chance(0.2)) [sentences[i], sentences[i + 1]] = [sentences[i + 1]!, sentences[i]!];
    }
    return sentences.map((s) => swapSynonyms(s, random, swapShare)).join(' ');
  });
}

/** A sentence shortened at a clause boundary, as sub-editors trim copy (sometimes left whole). */
export function trimSentence(sentence: string, random: Random): string {
  const clause = firstClause(sentence);
  return clause === sentence || !random.chance(0.7) ? sentence : `${clause}.`;
}

/** The words before the first comma past a third of `text`, or `text` when there is none. */
export function firstClause(text: string): string {
  const comma = text.indexOf(', ', Math.floor(text.length / 3));
  return comma < 0 ? text : text.slice(0, comma);
}
