import { createRequire } from 'node:module';
import type { Readability } from '@mozilla/readability';
import { createError } from '../core/errors.js';
import type { RawDocument } from '../core/types.js';

/** What an HTML page (or fragment) yields before text cleaning. */
export interface HtmlArticle {
  title: string | null;
  byline: string | null;
  /** As the page states it (ISO or free form); clean turns it into YYYY-MM-DD. */
  published: string | null;
  /** Publisher or site name. */
  source: string | null;
  /** Canonical URL when the page declares one. */
  url: string | null;
  /** JSON-LD isBasedOn: the declared origin of the text. */
  basedOn: string | null;
  language: string | null;
  /** Article blocks (paragraphs, headings, list items, quotes) as plain text. */
  blocks: string[];
  /** figcaption texts found in the article. */
  captions: string[];
}

/** A page with fewer words than this in its extracted article has no article. */
export const MIN_PAGE_WORDS = 30;

/**
 * What a page may hold before Readability reads it. Its scoring walks every element's ancestors, so
 * its time grows with depth times elements (1,000 nested divs took a minute): real pages nest a few
 * dozen levels and hold a few thousand elements.
 */
export const HTML_BUDGET = { depth: 128, elements: 30_000 };

/**
 * linkedom and Readability, loaded on the first page read: JSONL and text ingests never need them,
 * and loading them took about a tenth of a second of every `wiretrace` call's start-up.
 */
let libraries: { parseHTML: typeof import('linkedom').parseHTML; Readability: typeof Readability } | null = null;

function htmlLibraries(): NonNullable<typeof libraries> {
  if (!libraries) {
    const load = createRequire(import.meta.url);
    const { parseHTML } = load('linkedom') as typeof import('linkedom');
    libraries = { parseHTML, Readability: (load('@mozilla/readability') as typeof import('@mozilla/readability')).Readability };
  }
  return libraries;
}

function parseHTML(markup: string): ReturnType<typeof import('linkedom').parseHTML> {
  return htmlLibraries().parseHTML(markup);
}

export function readHtml(name: string, html: string, origin: string, url?: string): RawDocument {
  const doc: RawDocument = { name, format: 'html', html, origin };
  if (url) doc.url = url;
  return doc;
}

/** True when `html` is a whole page rather than a fragment (feed item content, JSONL html field). */
export function isFullPage(html: string): boolean {
  return /<(html|body)[\s>]/i.test(html.slice(0, 65536));
}

type Json = Record<string, unknown>;

/**
 * Metadata (JSON-LD NewsArticle, og:/article: meta, canonical) and article blocks via Readability.
 * @throws WiretraceError HTML_TOO_COMPLEX when the page is over HTML_BUDGET.
 */
export function extractHtml(html: string, origin = 'HTML'): HtmlArticle {
  let fullPage = isFullPage(html);
  let { document } = parseHTML(fullPage ? html : asPage(html));
  if (!document.documentElement) {
    // A page so mangled the parser finds no root element (`<html lang="...` never closed): read as a fragment.
    fullPage = false;
    document = parseHTML(asPage(html)).document;
  }
  const shape = measure(document.documentElement as unknown as Node | null);
  if (shape.depth > HTML_BUDGET.depth) {
    throw createError('HTML_TOO_COMPLEX', origin, `elements nested ${shape.depth} deep, over the limit of ${HTML_BUDGET.depth}`);
  }
  if (shape.elements > HTML_BUDGET.elements) {
    throw createError('HTML_TOO_COMPLEX', origin, `${shape.elements} elements, over the limit of ${HTML_BUDGET.elements}`);
  }
  const ld = fullPage ? jsonLdArticle(document) : null;
  const meta = (selector: string): string | null => clean(document.querySelector(selector)?.getAttribute('content'));
  const out: HtmlArticle = {
    title: str(ld?.headline) ?? meta('meta[property="og:title"]') ?? meta('meta[name="twitter:title"]'),
    byline: names(ld?.author) ?? meta('meta[name="author"]') ?? meta('meta[property="article:author"]'),
    published:
      str(ld?.datePublished) ??
      str(ld?.dateCreated) ??
      meta('meta[property="article:published_time"]') ??
      meta('meta[itemprop="datePublished"]') ??
      meta('meta[name="pubdate"]') ??
      meta('meta[name="publish-date"]') ??
      meta('meta[name="parsely-pub-date"]') ??
      meta('meta[name="date"]') ??
      meta('meta[name="dc.date"]') ??
      meta('meta[name="DC.date.issued"]') ??
      clean(document.querySelector('time[datetime]')?.getAttribute('datetime')),
    source: names(ld?.publisher) ?? meta('meta[property="og:site_name"]') ?? meta('meta[name="application-name"]'),
    url:
      clean(document.querySelector('link[rel="canonical"]')?.getAttribute('href')) ??
      meta('meta[property="og:url"]') ??
      urlOf(ld?.url) ??
      urlOf(ld?.mainEntityOfPage),
    basedOn: urlOf(ld?.isBasedOn) ?? names(ld?.isBasedOn),
    language: languageTag(document.documentElement?.getAttribute('lang') ?? str(ld?.inLanguage) ?? meta('meta[http-equiv="content-language"]')),
    blocks: [],
    captions: [],
  };
  let root: Element | null = document.body ?? null;
  if (fullPage) {
    const docTitle = clean(document.querySelector('title')?.textContent);
    const parsed = readable(document as unknown as Document);
    root = parsed === undefined ? (parseHTML(html).document.body as unknown as Element | null) : (parsed?.content ?? null);
    out.title ??= clean(parsed?.title) ?? docTitle;
    out.byline ??= clean(parsed?.byline);
    out.source ??= clean(parsed?.siteName);
  }
  if (root) collectBlocks(root, out.blocks, out.captions);
  return out;
}

/**
 * Readability's article, or null when it found none; undefined when it failed on a mangled page (it
 * expects the article under <body>, and a page without one throws): such a page is read whole.
 */
function readable(document: Document): ReturnType<Readability<Element>['parse']> | undefined {
  try {
    const { Readability: Reader } = htmlLibraries();
    return new Reader<Element>(document, { serializer: (node) => node as Element }).parse();
  } catch (error) {
    if (error instanceof TypeError) return undefined;
    throw error;
  }
}

function asPage(fragment: string): string {
  return `<!doctype html><html><body>${fragment}</body></html>`;
}

/** Deepest element nesting and element count under `root`, walked without recursion. */
function measure(root: Node | null): { depth: number; elements: number } {
  let depth = 0;
  let elements = 0;
  let level = 0;
  let node: Node | null = root;
  while (node) {
    if (node.nodeType === 1) {
      elements++;
      if (level + 1 > depth) depth = level + 1;
    }
    if (node.firstChild && node.nodeType === 1) {
      node = node.firstChild;
      level++;
      continue;
    }
    while (node && !node.nextSibling && node !== root) {
      node = node.parentNode;
      level--;
    }
    node = node && node !== root ? node.nextSibling : null;
  }
  return { depth, elements };
}

const BLOCK = new Set(
  'p h1 h2 h3 h4 h5 h6 li blockquote pre div section article header footer main ul ol dl dt dd table tr td th figure aside address hr'.split(' '),
);
const SKIP = new Set('script style noscript template button nav form input select textarea svg iframe object video audio canvas'.split(' '));

/** Walks the article element, turning block elements into text blocks and figcaptions into captions. */
function collectBlocks(root: Element, blocks: string[], captions: string[]): void {
  let buffer = '';
  const flush = () => {
    for (const part of buffer.split(/\n\s*\n/)) {
      const text = part.replace(/\s+/g, ' ').trim();
      if (text) blocks.push(text);
    }
    buffer = '';
  };
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        buffer += child.textContent ?? '';
        continue;
      }
      if (child.nodeType !== 1) continue;
      const tag = (child as Element).tagName.toLowerCase();
      if (SKIP.has(tag)) continue;
      if (tag === 'figcaption') {
        const caption = (child.textContent ?? '').replace(/\s+/g, ' ').trim();
        if (caption) captions.push(caption);
        continue;
      }
      if (tag === 'br') {
        buffer += '\n';
        continue;
      }
      if (BLOCK.has(tag)) {
        flush();
        walk(child);
        flush();
      } else walk(child);
    }
  };
  walk(root);
  flush();
}

const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|OpinionNewsArticle|BackgroundNewsArticle|LiveBlogPosting|WebPage|Report)$/;

/** The page's JSON-LD object describing the article (a NewsArticle-like @type), if any. */
function jsonLdArticle(document: { querySelectorAll(s: string): ArrayLike<Element> }): Json | null {
  const scripts = document.querySelectorAll('script[type="application/ld+json"]');
  let fallback: Json | null = null;
  for (let i = 0; i < scripts.length; i++) {
    const parsed = parseJson(scripts[i]!.textContent ?? '');
    for (const item of flattenLd(parsed)) {
      const types = ([] as unknown[]).concat(item['@type'] ?? []).map(String);
      if (types.some((t) => ARTICLE_TYPES.test(t) && t !== 'WebPage')) return item;
      if (types.includes('WebPage') && !fallback && item.datePublished) fallback = item;
    }
  }
  return fallback;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return null; // a broken JSON-LD block is ignored, the page still reads
    throw error;
  }
}

/** JSON-LD objects in document order, `@graph` members after their holder; iterative, however deep the nesting. */
function flattenLd(value: unknown): Json[] {
  const out: Json[] = [];
  const stack: unknown[] = [value];
  while (stack.length) {
    const next = stack.pop();
    if (Array.isArray(next)) {
      for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]);
    } else if (next && typeof next === 'object') {
      out.push(next as Json);
      stack.push((next as Json)['@graph']);
    }
  }
  return out;
}

function clean(value: string | null | undefined): string | null {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text ? text : null;
}

function str(value: unknown): string | null {
  if (typeof value === 'string') return clean(value);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return str(value[0]);
  return null;
}

/** Person or organisation names from JSON-LD: a string, {name}, or an array of them. */
function names(value: unknown): string | null {
  const list = ([] as unknown[]).concat(value ?? []);
  const out = list
    .map((v) => (typeof v === 'string' ? clean(v) : v && typeof v === 'object' ? str((v as Json).name) : null))
    .filter((v): v is string => !!v && !/^https?:/.test(v));
  return out.length ? [...new Set(out)].join(', ') : null;
}

function urlOf(value: unknown): string | null {
  if (typeof value === 'string') return /^https?:\/\//.test(value) ? value : null;
  if (Array.isArray(value)) return urlOf(value[0]);
  if (value && typeof value === 'object') return urlOf((value as Json).url) ?? urlOf((value as Json)['@id']);
  return null;
}

function languageTag(value: string | null): string | null {
  const m = value ? /^([a-z]{2,3})\b/i.exec(value.trim()) : null;
  return m ? m[1]!.toLowerCase() : null;
}
