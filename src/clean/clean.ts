import * as crypto from 'node:crypto';
import { createError } from '../core/errors.js';
import type { Article, RawDocument } from '../core/types.js';
import { extractHtml, isFullPage, MIN_PAGE_WORDS, type HtmlArticle } from '../ingest/html.js';
import { paragraphs } from '../text/segment.js';
import { wordCount } from '../text/tokenize.js';
import { classifyLines, type LineFacts } from './classify.js';
import { splitLines, type Line } from './lines.js';
import { parseByline, standaloneWire } from './credits.js';
import { domainOutlet, knownOutlet } from './outlet.js';
import { dateInText, dateMarker, detectLanguage, isTitleLike, splitTitle, toIsoDate } from './metadata.js';

/** Content hash: first 16 hex characters of the sha256 of the original text or HTML. */
export function contentId(content: string): string {
  return oneShotHash ? oneShotHash('sha256', content, 'hex').slice(0, 16) : crypto.createHash('sha256').update(content).digest('hex').slice(0, 16);
}

/** crypto.hash (Node >= 20.12) skips the Hash object; older Nodes use createHash. */
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/**
 * Longest article text analysed, in characters (about 170,000 words; the longest news features run to
 * a fifth of that). Every stage's time and memory grow with the text: a 20 MB "article" would take
 * minutes and a gigabyte, and slow every later comparison with it.
 */
export const MAX_ARTICLE_CHARS = 1_000_000;

/**
 * Turns a reader's record into an article: boilerplate lines out, captions and contributor
 * lines held apart, metadata (title, outlet, byline, dateline, wire credit, date, language) read.
 * `text` is built from slices of the original (for HTML: of the article blocks Readability found,
 * joined by blank lines) and `sourceMap` maps its offsets back there.
 * @throws WiretraceError NO_ARTICLE when nothing article-like remains; ARTICLE_TOO_LONG over MAX_ARTICLE_CHARS.
 */
export function cleanDocument(doc: RawDocument): Article {
  const content = doc.text ?? doc.html ?? '';
  let page: HtmlArticle | null = null;
  let original = doc.text ?? '';
  let minWords = 1;
  if (doc.text === undefined && doc.html !== undefined) {
    page = extractHtml(doc.html, doc.origin);
    original = page.blocks.join('\n\n');
    if (isFullPage(doc.html)) minWords = MIN_PAGE_WORDS;
  }
  if (original.length > MAX_ARTICLE_CHARS) throw createError('ARTICLE_TOO_LONG', doc.origin, original.length, MAX_ARTICLE_CHARS);
  const body = cleanText(original, doc.title ?? page?.title ?? null);
  const words = wordCount(body.text);
  if (words < minWords) throw createError('NO_ARTICLE', doc.origin, page ? 'HTML page' : 'text (only boilerplate lines)');

  const titled = pickTitle(doc.title ?? page?.title ?? body.titleLine);
  const url = doc.url ?? page?.url ?? null;
  // A record's own name is a URL for JSONL records keyed by url and for WARC records.
  const address = url ?? (/^https?:\/\//i.test(doc.name) ? doc.name : null);
  const captions = [...new Set([...(page?.captions ?? []), ...body.facts.captions])];
  return {
    id: contentId(content),
    name: doc.name,
    format: doc.format,
    title: titled.title,
    source: doc.source?.trim() || page?.source || knownOutlet(address) || titled.outlet || body.facts.outlet || domainOutlet(address),
    url,
    byline: doc.byline?.trim() || page?.byline || body.facts.byline,
    dateline: body.facts.dateline,
    published: toIsoDate(doc.published) ?? toIsoDate(page?.published) ?? body.markerDate ?? body.facts.date,
    wire: body.facts.wires,
    language: page?.language ?? detectLanguage(body.text),
    basedOn: page?.basedOn ?? null,
    text: body.text,
    paragraphs: paragraphs(body.text),
    captions,
    contributors: body.facts.contributors,
    words,
    sourceMap: body.sourceMap,
  };
}

function pickTitle(raw: string | null | undefined): { title: string | null; outlet: string | null } {
  if (!raw?.trim()) return { title: null, outlet: null };
  return splitTitle(raw);
}

export interface CleanText {
  text: string;
  sourceMap: Array<[number, number]>;
  facts: LineFacts;
  /** A title line the text opened with, if any. */
  titleLine: string | null;
  /** Date from a leading ` date YYYY-MM-DD` marker. */
  markerDate: string | null;
}

/** Cleans plain text; `knownTitle` (from the record) is dropped when the text repeats it as its first line. */
export function cleanText(original: string, knownTitle: string | null): CleanText {
  const split = splitLines(original);
  const lines = split.lines;
  let markerDate: string | null = null;
  if (lines.length) {
    const marker = dateMarker(original.slice(lines[0]!.begin, lines[0]!.end));
    if (marker) {
      markerDate = marker.date;
      lines[0]!.begin += marker.length;
      while (lines[0]!.begin < lines[0]!.end && /\s/.test(original[lines[0]!.begin]!)) lines[0]!.begin++;
      if (lines[0]!.begin >= lines[0]!.end) lines.shift();
    }
  }
  const titleLine = takeTitleLine(original, lines, split.blankLines, knownTitle);
  const facts = classifyLines(original, lines);
  let text = '';
  const sourceMap: Array<[number, number]> = [];
  let prevBlock = -1;
  for (let i = 0; i < lines.length; i++) {
    if (facts.kinds[i] !== 'body') continue;
    const line = lines[i]!;
    if (text) text += split.blankLines && line.block === prevBlock ? ' ' : '\n\n';
    sourceMap.push([text.length, line.begin]);
    text += original.slice(line.begin, line.end);
    prevBlock = line.block;
  }
  return { text, sourceMap, facts, titleLine, markerDate };
}

/** Removes and returns a leading headline: the record's own title repeated, or a short line followed by a blank line. */
function takeTitleLine(original: string, lines: Line[], blankLines: boolean, knownTitle: string | null): string | null {
  if (lines.length < 2) return null;
  const first = original.slice(lines[0]!.begin, lines[0]!.end);
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  if (knownTitle) {
    const known = squash(splitTitle(knownTitle).title);
    const head = squash(splitTitle(first).title);
    if (head && known && (head === known || ((head.includes(known) || known.includes(head)) && isTitleLike(first)))) {
      lines.shift();
      return first;
    }
    return null;
  }
  if (!blankLines || lines[1]!.block === lines[0]!.block || !isTitleLike(first)) return null;
  if (parseByline(first) || dateInText(first) || standaloneWire(first)) return null;
  lines.shift();
  return first;
}
