/**
 * One synthetic story (an event) and the articles that report it: the original, near-verbatim
 * wire copies, excerpts, rewrites, updates with changed figures, and other outlets' own coverage
 * that shares its people, places and quote.
 */
import type { Random } from './random.js';
import type { Section, SourceArticle, SourcePool } from './source-pool.js';
import { Cast, CITIES, newFigures, paraphrase, firstClause, sentencesOf, swapSynonyms, trimSentence } from './rewrite.js';

export type ArticleKind = 'original' | 'duplicate' | 'excerpt' | 'paraphrase' | 'update' | 'coverage';

export interface DraftArticle {
  kind: ArticleKind;
  title: string;
  paragraphs: string[];
  source: string;
}

export interface Story {
  section: Section;
  /** The real articles this story's own paragraphs come from. */
  desk: SourceArticle[];
  cast: Cast;
  original: DraftArticle;
  /** The wire agency that put the story out, or null when an outlet broke it. */
  wire: string | null;
  quote: { words: string; speaker: string; role: string };
}

const WIRES = ['Reuters', 'Associated Press', 'AFP', 'Bloomberg'];
const OUTLETS = [
  'BBC News', 'The Guardian', 'The Times', 'Daily Telegraph', 'The Independent', 'Financial Times', 'Sky News',
  'The Scotsman', 'Evening Standard', 'Irish Times', 'Sydney Morning Herald', 'Toronto Star', 'The Hindu', 'CNN',
  'ABC News', 'Daily Mail', 'Belfast Telegraph', 'Wales Online', 'The Herald', 'Manchester Evening News',
];
const AGGREGATORS = ['Yahoo News', 'MSN News', 'Google News', 'NewsNow', 'Newser'];
const ROLES = [
  'the company\'s chief executive', 'a government spokesman', 'the finance minister', 'an analyst at a City bank',
  'the team\'s manager', 'a senior official', 'the union\'s general secretary', 'the opposition leader',
  'a spokeswoman for the firm', 'the festival\'s director', 'the head of research', 'the party chairman',
];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SECTION_WEIGHTS: Record<Section, number> = { business: 0.2, markets: 0.25, politics: 0.2, sport: 0.15, entertainment: 0.1, tech: 0.1 };

export function newStory(pool: SourcePool, random: Random, published: Date): Story {
  const section = random.weighted(SECTION_WEIGHTS);
  const template = random.pick(pool.sections[section]);
  const articles = deskOf(template, pool);
  const cast = new Cast(random, pool.speakers, pool.firstNames, pool.surnames, published.getUTCFullYear());
  const wire = random.chance(0.45) ? random.pick(WIRES) : null;
  const quote = { words: cast.recast([random.pick(pool.quotes[section])], 2005)[0]!, speaker: cast.newPerson(), role: random.pick(ROLES) };
  const own = cast.recast(template.paragraphs.slice(0, random.between(2, 5)), template.corpusYear);
  const borrowed = Array.from({ length: random.between(0, 3) }, () => bodyParagraph(random.pick(articles), cast, random));
  const paragraphs = [...own, ...borrowed].map((p) => newFigures(p, random, 0.7));
  paragraphs.splice(random.between(1, Math.min(3, paragraphs.length)), 0, quoteParagraph(quote, random, 'verbatim'));
  if (wire) {
    paragraphs[0] = `${dateline(random.pick(CITIES), published, wire)}${paragraphs[0]}`;
    if (random.chance(0.5)) paragraphs.push(`(Reporting by ${cast.newPerson()}; Editing by ${cast.newPerson()})`);
  }
  const title = cast.recast([template.title], template.corpusYear)[0]!;
  const original: DraftArticle = { kind: 'original', title, paragraphs, source: wire ?? random.pick(OUTLETS) };
  return { section, desk: articles, cast, original, wire, quote };
}

/** Another article on `story`, of the given kind. */
export function followUp(story: Story, kind: ArticleKind, pool: SourcePool, random: Random): DraftArticle {
  const { original } = story;
  const republisher = story.wire ? random.pick(OUTLETS) : random.pick(AGGREGATORS);
  switch (kind) {
    case 'original':
      return original;
    case 'duplicate': {
      const paragraphs = original.paragraphs.slice(0, random.chance(0.5) ? -1 : undefined);
      const edited = random.between(0, paragraphs.length - 1);
      paragraphs[edited] = sentencesOf(paragraphs[edited]!).map((s) => trimSentence(s, random)).join(' ');
      // Byte-identical copies are deduplicated by content hash before linking; keep about one in five.
      if (paragraphs.join() === original.paragraphs.join() && random.chance(0.8)) paragraphs[edited] = swapSynonyms(paragraphs[edited]!, random, 0.3);
      return { kind, title: random.chance(0.7) ? original.title : swapSynonyms(original.title, random, 0.5), paragraphs, source: republisher };
    }
    case 'excerpt': {
      const taken = original.paragraphs.slice(0, random.between(1, 3));
      const intro = random.chance(0.5) ? [bodyParagraph(random.pick(story.desk), story.cast, random)] : [];
      return { kind, title: original.title, paragraphs: [...intro, ...taken], source: random.pick(OUTLETS) };
    }
    case 'paraphrase':
      return { kind, title: swapSynonyms(original.title, random, 0.8), paragraphs: paraphrase(original.paragraphs, random, 0.5), source: random.pick(OUTLETS) };
    case 'update': {
      const fresh = bodyParagraph(random.pick(story.desk), story.cast, random);
      const paragraphs = original.paragraphs.map((p) => newFigures(p, random, 0.4));
      paragraphs.splice(1, 0, fresh);
      return { kind, title: story.wire ? `UPDATE 1-${original.title}` : original.title, paragraphs, source: original.source };
    }
    case 'coverage':
      return coverage(story, pool, random);
  }
}

/** An outlet's own report: its own words, the story's people, places and (drifted) quote. */
function coverage(story: Story, pool: SourcePool, random: Random): DraftArticle {
  const articles = story.desk;
  const lead = swapSynonyms(sentencesOf(story.original.paragraphs[0]!.replace(/^.*? - /, ''))[0]!, random, 0.8);
  const body = Array.from({ length: random.between(2, 5) }, () => bodyParagraph(random.pick(articles), story.cast, random));
  if (random.chance(0.3)) body.push(random.pick(story.original.paragraphs.slice(1)));
  const drift = random.weighted({ verbatim: 0.6, trimmed: 0.25, reworded: 0.15 });
  body.splice(random.between(0, Math.min(2, body.length)), 0, quoteParagraph(story.quote, random, drift));
  const other = random.pick(articles);
  const title = random.chance(0.75) ? swapSynonyms(story.original.title, random, 0.9) : story.cast.recast([other.title], other.corpusYear)[0]!;
  return { kind: 'coverage', title, paragraphs: [lead, ...body], source: random.pick(OUTLETS) };
}

/** The template's desk when it has enough articles to borrow from, else its whole section. */
function deskOf(template: SourceArticle, pool: SourcePool): SourceArticle[] {
  const desk = pool.desks.get(template.desk) ?? [];
  return desk.length >= 20 ? desk : pool.sections[template.desk.startsWith('markets') ? 'markets' : (template.desk as Section)];
}

function bodyParagraph(article: SourceArticle, cast: Cast, random: Random): string {
  const paragraph = article.paragraphs[random.between(1, article.paragraphs.length - 1)]!;
  return newFigures(cast.recast([paragraph], article.corpusYear)[0]!, random, 0.7);
}

function quoteParagraph(quote: Story['quote'], random: Random, drift: 'verbatim' | 'trimmed' | 'reworded'): string {
  const words =
    drift === 'trimmed' ? firstClause(quote.words) :
    drift === 'reworded' ? swapSynonyms(quote.words, random, 0.7) :
    quote.words;
  const surname = quote.speaker.split(' ')[1]!;
  switch (random.between(0, 2)) {
    case 0:
      return `"${words}," said ${quote.speaker}, ${quote.role}.`;
    case 1:
      return `${quote.speaker}, ${quote.role}, said: "${words}."`;
    default:
      return `"${words}," ${surname} told reporters.`;
  }
}

/** "LONDON, March 3 (Reuters) - " */
function dateline(city: string, published: Date, wire: string): string {
  return `${city.toUpperCase()}, ${MONTHS[published.getUTCMonth()]} ${published.getUTCDate()} (${wire}) - `;
}
