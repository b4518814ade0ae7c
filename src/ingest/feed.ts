import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { QuarantineRecord, RawDocument } from '../core/types.js';
import { wordCount } from '../text/tokenize.js';
import { fetchText } from './fetch.js';
import { quarantine } from './quarantine.js';

export type FeedItem = { doc: RawDocument } | { quarantine: QuarantineRecord };

export interface FeedOptions {
  fetch?: typeof fetch;
  maxBytes: number;
  /** Items whose content has fewer words than this, and a link, are read from the linked page. @default 80 */
  minItemWords?: number;
  /** Per-request timeout in milliseconds. @default 15000 */
  timeoutMs?: number;
  /** Read short items from their link (http(s) only, never private addresses unless allowed). @default false */
  followLinks?: boolean;
  /** Let followed links reach loopback, link-local and private addresses. @default false */
  allowPrivateLinks?: boolean;
}

/** Deepest element nesting read; RSS and Atom need a handful of levels, inline XHTML content a few dozen. */
export const MAX_XML_DEPTH = 200;

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link' || name === 'author',
});

/** Items of an RSS 2.0 / RSS 1.0 / Atom feed, each an article; short summary-only items are fetched from their link. */
export async function* readFeed(fileName: string, xml: string, origin: string, options: FeedOptions): AsyncGenerator<FeedItem> {
  const parsed = parseFeed(xml);
  if (typeof parsed === 'string') {
    yield { quarantine: quarantine('BAD_FEED', xml, origin, parsed) };
    return;
  }
  const root = parsed;
  const rss = root.rss as Node | undefined;
  const rdf = root['rdf:RDF'] as Node | undefined;
  const atom = root.feed as Node | undefined;
  const channel = (rss?.channel ?? rdf?.channel ?? atom) as Node | undefined;
  const items = ((rss?.channel as Node | undefined)?.item ?? rdf?.item ?? atom?.entry) as Node[] | undefined;
  if (!channel && !items) {
    yield { quarantine: quarantine('BAD_FEED', xml, origin, 'no <rss>, <rdf:RDF> or <feed> element') };
    return;
  }
  if (!items?.length) {
    yield { quarantine: quarantine('EMPTY_FEED', xml, origin) };
    return;
  }
  const source = text(channel?.title);
  let n = 0;
  for (const item of items ?? []) {
    n++;
    const where = `${origin}:item ${n}`;
    const link = linkOf(item.link) ?? (isUrl(text(item.guid)) ? text(item.guid) : null);
    const content = markup(item['content:encoded']) ?? markup(item.content);
    const summary = markup(item.description) ?? markup(item.summary);
    const body = content ?? summary ?? '';
    const meta: Partial<RawDocument> = {};
    const title = text(item.title);
    const published = text(item.pubDate) ?? text(item.published) ?? text(item['dc:date']) ?? text(item.updated);
    const byline = text(item['dc:creator']) ?? authorOf(item.author);
    if (title) meta.title = title;
    if (published) meta.published = published;
    if (byline) meta.byline = byline;
    if (source) meta.source = source;
    const name = link ?? text(item.guid) ?? text(item.id) ?? `${fileName}#${n}`;
    if (options.followLinks && link && wordCount(body.replace(/<[^<>]*>/g, ' ')) < (options.minItemWords ?? 80)) {
      const page = await fetchText(link, where, { ...options, guard: { allowPrivate: !!options.allowPrivateLinks } });
      if ('quarantine' in page) yield page;
      else yield { doc: { ...meta, name: link, format: 'feed', html: page.text, url: link, origin: where } };
      continue;
    }
    if (!body.trim()) {
      const field = link ? 'content or description (its link is followed only with --follow-links)' : 'content, description or link';
      yield { quarantine: quarantine('MISSING_FIELD', title ?? link ?? '', where, field) };
      continue;
    }
    const doc: RawDocument = { ...meta, name, format: 'feed', html: body, origin: where };
    if (link) doc.url = link;
    yield { doc };
  }
}

function isUrl(value: string | null): value is string {
  return !!value && /^https?:\/\//i.test(value);
}

/**
 * The feed's element tree, or why it cannot be read. Entity declarations are refused (no external
 * entity is ever read, no entity expands), and so is nesting deeper than MAX_XML_DEPTH, before the
 * parser sees the text; anything the parser still throws becomes a reason, never an exception.
 */
function parseFeed(xml: string): Node | string {
  if (/<!ENTITY/i.test(xml)) return 'entity declarations (<!ENTITY>) are not read';
  const depth = elementDepth(xml);
  if (depth > MAX_XML_DEPTH) return `elements nested ${depth} deep, over the limit of ${MAX_XML_DEPTH}`;
  try {
    const valid = XMLValidator.validate(xml);
    if (valid !== true) return `line ${valid.err.line}: ${valid.err.msg}`;
    return parser.parse(xml) as Node;
  } catch (error) {
    if (error instanceof Error) return error.message;
    throw error;
  }
}

/**
 * Deepest element nesting in `xml`, in one linear pass (comments, CDATA, declarations and processing
 * instructions skipped). A scan, not a regular expression: a text of a million `<` and no `>` must not
 * cost a million scans to its end.
 */
export function elementDepth(xml: string): number {
  let depth = 0;
  let max = 0;
  let at = xml.indexOf('<');
  while (at >= 0) {
    const skipTo = xml.startsWith('<!--', at) ? '-->' : xml.startsWith('<![CDATA[', at) ? ']]>' : '>';
    const end = xml.indexOf(skipTo, at + 1);
    if (end < 0) break;
    const kind = xml.charCodeAt(at + 1);
    if (kind === 0x2f) depth--; // </tag>
    else if (kind !== 0x21 && kind !== 0x3f && xml.charCodeAt(end - 1) !== 0x2f) max = Math.max(max, ++depth); // not <!..>, <?..?> or <tag/>
    at = xml.indexOf('<', end + skipTo.length);
  }
  return max;
}

/** Plain string of an element (its text, or '#text' when it has attributes). */
function text(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number') {
    const t = String(value).trim();
    return t ? t : null;
  }
  if (Array.isArray(value)) return text(value[0]);
  if (typeof value === 'object') return text((value as Node)['#text']);
  return null;
}

/** HTML of a content element: escaped HTML or CDATA arrive as a string; inline XHTML is flattened to its text. */
function markup(value: unknown): string | null {
  const direct = text(value);
  if (direct) return direct;
  if (value && typeof value === 'object') {
    const parts: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === 'string' || typeof v === 'number') parts.push(String(v));
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') for (const [k, child] of Object.entries(v)) if (!k.startsWith('@_')) walk(child);
    };
    walk(value);
    const joined = parts.map((p) => `<p>${escapeHtml(p)}</p>`).join('');
    return parts.length ? joined : null;
  }
  return null;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** RSS <link>text</link>, or Atom <link href rel="alternate"/>. */
function linkOf(value: unknown): string | null {
  const links = ([] as unknown[]).concat(value ?? []);
  let fallback: string | null = null;
  for (const link of links) {
    if (typeof link === 'string') return isUrl(link.trim()) ? link.trim() : null;
    if (!link || typeof link !== 'object') continue;
    const node = link as Node;
    const href = text(node['@_href']) ?? text(node['#text']);
    if (!isUrl(href)) continue;
    const rel = text(node['@_rel']);
    if (!rel || rel === 'alternate') return href;
    fallback ??= rel === 'self' || rel === 'enclosure' ? null : href;
  }
  return fallback;
}

function authorOf(value: unknown): string | null {
  const authors = ([] as unknown[]).concat(value ?? []);
  const names = authors.map((a) => (a && typeof a === 'object' ? text((a as Node).name) : text(a))).filter((a): a is string => !!a);
  return names.length ? names.join(', ') : null;
}
