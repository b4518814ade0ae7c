import type { QuarantineRecord, RawDocument } from '../core/types.js';
import { jsonExcerpt, quarantine } from './quarantine.js';

export type JsonlItem = { doc: RawDocument } | { quarantine: QuarantineRecord };

/** Our field names; `map` renames them to the names a file uses ({text: 'body'}). */
const FIELDS = ['id', 'url', 'title', 'text', 'html', 'published', 'source', 'byline'] as const;
type Field = (typeof FIELDS)[number];

/** Fallback names tried when a record lacks our own field name. */
const ALIASES: Partial<Record<Field, string[]>> = {
  text: ['body', 'content', 'article', 'maintext', 'textCleaned'],
  published: ['date', 'date_publish', 'datePublished', 'pubDate', 'publish_date'],
  source: ['outlet', 'publisher', 'site', 'source_domain'],
  byline: ['author', 'authors'],
  id: ['Id', 'ID', 'guid'],
  url: ['link', 'uri'],
  title: ['headline'],
};

/**
 * One article per line. Malformed lines are quarantined as `file:line` and reading goes on;
 * a record without text or html is quarantined as MISSING_FIELD. A whole-file JSON array or
 * object (a `.json` file) is read as its records, named `file[i]`.
 */
export function* readJsonl(fileName: string, text: string, origin: string, map: Record<string, string> = {}): Generator<JsonlItem> {
  const whole = wholeDocument(text);
  if (whole) {
    for (let i = 0; i < whole.length; i++) {
      const where = whole.length > 1 ? `${origin}[${i}]` : origin;
      const record = whole[i];
      if (!record || typeof record !== 'object' || Array.isArray(record)) {
        yield { quarantine: quarantine('MALFORMED_JSONL', jsonExcerpt(record), where, 'not a JSON object') };
      } else yield toItem(record as Record<string, unknown>, jsonExcerpt(record), where, `${fileName}:${i + 1}`, map);
    }
    return;
  }
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (!line) continue;
    const where = `${origin}:${lineNo}`;
    const record = parseLine(line);
    if (typeof record === 'string') yield { quarantine: quarantine('MALFORMED_JSONL', line, where, record) };
    else yield toItem(record, line, where, `${fileName}:${lineNo}`, map);
  }
}

/** The records of a file that is one JSON document (an array, or an object spread over several lines), else null. */
function wholeDocument(text: string): unknown[] | null {
  const trimmed = text.trim();
  const firstLine = trimmed.slice(0, (trimmed.indexOf('\n') + 1 || trimmed.length + 1) - 1);
  if (!trimmed.startsWith('[') && !(trimmed.startsWith('{') && typeof parseLine(firstLine) === 'string')) return null;
  const value = parseJson(trimmed);
  if (value === undefined) return null;
  return Array.isArray(value) ? value : [value];
}

function toItem(record: Record<string, unknown>, raw: string, where: string, fallbackName: string, map: Record<string, string>): JsonlItem {
  const get = (field: Field): string | undefined => fieldValue(record, field, map);
  const body = get('text');
  const html = body === undefined ? get('html') : undefined;
  if (body === undefined && html === undefined) {
    return { quarantine: quarantine('MISSING_FIELD', raw, where, map.text ? `text (${map.text})` : 'text or html') };
  }
  const doc: RawDocument = { name: get('id') ?? get('url') ?? fallbackName, format: 'jsonl', origin: where };
  if (body !== undefined) doc.text = body;
  if (html !== undefined) doc.html = html;
  for (const field of ['url', 'title', 'published', 'source', 'byline'] as const) {
    const value = get(field);
    if (value !== undefined) doc[field] = value;
  }
  return { doc };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** The parsed object, or a string saying why the line is not one. */
function parseLine(line: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    if (error instanceof SyntaxError) return error.message;
    throw error;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'not a JSON object';
  return value as Record<string, unknown>;
}

function fieldValue(record: Record<string, unknown>, field: Field, map: Record<string, string>): string | undefined {
  const names = map[field] ? [map[field]!] : [field, ...(ALIASES[field] ?? [])];
  for (const name of names) {
    const value = dig(record, name);
    const text = asString(value);
    if (text !== undefined) return text;
  }
  return undefined;
}

/** `a.b` reaches into nested objects. */
function dig(record: Record<string, unknown>, path: string): unknown {
  if (path in record) return record[path];
  let value: unknown = record;
  for (const key of path.split('.')) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
  if (value && typeof value === 'object' && typeof (value as { name?: unknown }).name === 'string') {
    return (value as { name: string }).name;
  }
  return undefined;
}
