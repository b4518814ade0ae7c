import type { InputFormat } from '../core/types.js';

const BY_EXTENSION: Record<string, InputFormat> = {
  txt: 'text', text: 'text', md: 'text',
  html: 'html', htm: 'html', xhtml: 'html',
  jsonl: 'jsonl', ndjson: 'jsonl', json: 'jsonl',
  warc: 'warc', arc: 'warc',
  rss: 'feed', atom: 'feed',
};

/** File name without a trailing `.gz`, lower-cased extension. */
export function extensionOf(name: string): string {
  const base = name.toLowerCase().replace(/\.gz$/, '').replace(/[?#].*$/, '');
  const slash = base.lastIndexOf('/');
  const dot = base.lastIndexOf('.');
  return dot > slash ? base.slice(dot + 1) : '';
}

/** Format from the content's first bytes, or null when nothing is recognisable. */
export function sniffFormat(head: string): InputFormat | null {
  const start = head.replace(/^\ufeff/, '').trimStart();
  if (start.startsWith('WARC/')) return 'warc';
  const lower = start.slice(0, 2048).toLowerCase();
  if (lower.startsWith('<?xml') || lower.startsWith('<rss') || lower.startsWith('<feed') || lower.startsWith('<rdf')) {
    if (/<(rss|feed|rdf:rdf)[\s>]/.test(lower)) return 'feed';
    if (/<html[\s>]/.test(lower)) return 'html';
  }
  if (lower.startsWith('<!doctype') || lower.startsWith('<html') || /^<(head|body|meta|article|div)[\s>]/.test(lower)) {
    return 'html';
  }
  if (/^\{\s*("|\})/.test(start)) return 'jsonl';
  return null;
}

/**
 * Decides a file's format: a forced format wins; then content sniffing (a WARC/ header,
 * `<rss`/`<feed`, `<html`/`<!doctype`, a JSON object on the first line); then the extension;
 * then plain text.
 */
export function detectFormat(name: string, head: string, forced?: InputFormat | 'auto'): InputFormat {
  if (forced && forced !== 'auto') return forced;
  const sniffed = sniffFormat(head);
  if (sniffed) return sniffed;
  const ext = extensionOf(name);
  if (ext === 'xml') return /<(rss|feed)[\s>]/i.test(head) ? 'feed' : 'text';
  return BY_EXTENSION[ext] ?? 'text';
}
