/**
 * The real material synthetic articles are built from: the BBC and Reuters-21578 articles split
 * into paragraphs and grouped by section, the people quoted in them, and the quotes they gave.
 */
import { loadBbc, loadReuters, type BbcArticle, type ReutersArticle } from '../corpora.js';

export type Section = 'business' | 'markets' | 'politics' | 'sport' | 'entertainment' | 'tech';

export interface SourceArticle {
  /** The BBC section, or the Reuters story's first topic: stories borrow paragraphs from their own desk. */
  desk: string;
  title: string;
  paragraphs: string[];
  /** Years the text's own years are moved by to land in the generated period. */
  corpusYear: number;
}

export interface SourcePool {
  sections: Record<Section, SourceArticle[]>;
  desks: Map<string, SourceArticle[]>;
  /** Full names ("Tony Blair") of people quoted in the real articles. */
  speakers: Set<string>;
  firstNames: string[];
  surnames: string[];
  /** Quoted words as the real articles of each section give them, without the quote marks. */
  quotes: Record<Section, string[]>;
}

const BBC_YEAR = 2005;
const REUTERS_YEAR = 1987;
/** "...," said John Smith / John Smith said / said Mr John Smith */
const SPEAKER_AFTER_SAID = /\b(?:said|says|added|told)\s+(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?([A-Z][a-z]{2,} [A-Z][a-z]{2,})\b/g;
const SPEAKER_BEFORE_SAID = /\b([A-Z][a-z]{2,} [A-Z][a-z]{2,}),?\s+(?:said|says|added)\b/g;
const QUOTE = /"([A-Z][^"]{40,260}?)[,.]"\s+(?:said|says|added|he said|she said)/g;
/** Capitalised words that start a sentence or name an institution, never part of a person's name. */
const NOT_A_NAME =
  /^(The|This|That|But|And|When|Its|His|Her|Their|Prime|Chancellor|Chief|Shadow|Home|Foreign|Labour|Tory|Liberal|Mr|Mrs|Ms|Dr|Sir|Lord|Judge|President|Secretary|Minister|Director|Manager|United|New|North|South|East|West|General|National|Royal|British|American|European|Commission|Executive|Analyst|Spokesman|Officials|Reuters|Bank|Senior|Group|Department|Publications|Times|News|Programme|Business|Merchant|Warner|Telegraph|Wasserstein|Corp|Company|Association|Council|Office|Party|Ministry|Energy|Food|World|Arab|Financial|International|Capital|Securities|Partners|Research|Industries|Holdings|Systems|Motors|Airlines|Communications|Media|Street|House|Union|League|Club|United|City|Sports|Records|Pictures|Studios|Agency|Service|Services|Institute|University|College|Board|Fund|Exchange|Market|Markets|Trust|Foundation)$/;
/** A first name must start at least this many distinct speakers' names, so firm names drop out. */
const FIRST_NAME_MIN_PEOPLE = 2;

export function loadSourcePool(): SourcePool {
  const sections: Record<Section, SourceArticle[]> = { business: [], markets: [], politics: [], sport: [], entertainment: [], tech: [] };
  const quotes: Record<Section, string[]> = { business: [], markets: [], politics: [], sport: [], entertainment: [], tech: [] };
  const candidates = new Set<string>();
  const collect = (text: string, section: Section) => {
    for (const pattern of [SPEAKER_AFTER_SAID, SPEAKER_BEFORE_SAID]) {
      for (const m of text.matchAll(pattern)) if (isPersonName(m[1]!)) candidates.add(m[1]!);
    }
    for (const m of text.matchAll(QUOTE)) quotes[section].push(m[1]!);
  };
  for (const article of loadBbc()) {
    const section = article.section as Section;
    collect(article.text, section);
    const source = bbcSource(article);
    if (source) sections[section].push(source);
  }
  for (const article of loadReuters()) {
    collect(article.text, 'markets');
    const source = reutersSource(article);
    if (source) sections.markets.push(source);
  }
  const speakers = peopleAmong(candidates);
  const firstNames = [...new Set([...speakers].map((name) => name.split(' ')[0]!))].sort();
  const surnames = [...new Set([...speakers].map((name) => name.split(' ')[1]!))].sort();
  const desks = new Map<string, SourceArticle[]>();
  for (const article of Object.values(sections).flat()) {
    const desk = desks.get(article.desk);
    if (desk) desk.push(article);
    else desks.set(article.desk, [article]);
  }
  return { sections, desks, speakers, firstNames, surnames, quotes };
}

/** The candidate names whose first name starts several names: people, not firms ("Time Warner"). */
function peopleAmong(candidates: Set<string>): Set<string> {
  const uses = new Map<string, number>();
  for (const name of candidates) uses.set(name.split(' ')[0]!, (uses.get(name.split(' ')[0]!) ?? 0) + 1);
  return new Set([...candidates].filter((name) => (uses.get(name.split(' ')[0]!) ?? 0) >= FIRST_NAME_MIN_PEOPLE));
}

function isPersonName(name: string): boolean {
  const [first, last] = name.split(' ');
  return !NOT_A_NAME.test(first!) && !NOT_A_NAME.test(last!);
}

export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);
}

function bbcSource(article: BbcArticle): SourceArticle | null {
  const paragraphs = paragraphsOf(article.text);
  if (paragraphs.length < 3) return null;
  return { desk: article.section, title: article.title, paragraphs, corpusYear: BBC_YEAR };
}

/** Reuters stories with prose bodies; earnings tables ("Shr 10 cts vs 12 cts") are left out. */
function reutersSource(article: ReutersArticle): SourceArticle | null {
  if (article.text.length < 400) return null;
  const digits = article.text.replace(/[^0-9]/g, '').length;
  if (digits / article.text.length > 0.08 || /\bvs\b/.test(article.text)) return null;
  const paragraphs = paragraphsOf(article.text);
  if (paragraphs.length < 2) return null;
  return { desk: `markets/${article.topics[0] ?? 'general'}`, title: titleCase(article.title), paragraphs, corpusYear: REUTERS_YEAR };
}

/** Reuters 1987 headlines are upper case; news sites write them in title case. */
function titleCase(title: string): string {
  if (title !== title.toUpperCase()) return title;
  return title.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase());
}
