import type { QuarantineRecord } from '../core/types.js';
import { createError, type ErrorCode, type ERRORS } from '../core/errors.js';
import { escapeControls } from './sanitize.js';

const EXCERPT_CHARS = 200;

/** First ~200 characters of `input`, with control characters shown as '.', safe to print. */
export function printableExcerpt(input: string | Uint8Array): string {
  let text: string;
  if (typeof input === 'string') text = input.slice(0, EXCERPT_CHARS);
  else {
    const head = input.subarray(0, EXCERPT_CHARS);
    text = '';
    for (let i = 0; i < head.length; i++) {
      const b = head[i]!;
      text += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : b === 0x0a || b === 0x09 ? ' ' : '.';
    }
  }
  return text.replace(/[\r\n\t]+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '.');
}

/** A quarantine record whose message comes from the error catalog. */
export function quarantine<C extends ErrorCode>(
  code: C,
  excerpt: string | Uint8Array,
  ...args: Parameters<(typeof ERRORS)[C]>
): QuarantineRecord {
  const error = createError(code, ...args);
  return { origin: escapeControls(String(args[0])), code, message: escapeControls(error.message), excerpt: printableExcerpt(excerpt) };
}

/**
 * The start of a parsed JSON value as text, for an excerpt: written without recursion and stopping
 * after `limit` characters, so a value nested a million levels deep costs no more than a flat one.
 */
export function jsonExcerpt(value: unknown, limit = 200): string {
  let out = '';
  const stack: unknown[] = [value];
  while (stack.length && out.length < limit) {
    const next = stack.pop();
    if (typeof next === 'symbol') out += next.description ?? '';
    else if (Array.isArray(next)) {
      out += '[';
      stack.push(Symbol(']'));
      for (let i = Math.min(next.length, limit) - 1; i >= 0; i--) stack.push(next[i], ...(i > 0 ? [Symbol(',')] : []));
    } else if (next && typeof next === 'object') {
      out += '{';
      stack.push(Symbol('}'));
      const entries = Object.entries(next).slice(0, limit);
      for (let i = entries.length - 1; i >= 0; i--) {
        stack.push(entries[i]![1], Symbol(`${JSON.stringify(entries[i]![0])}:`), ...(i > 0 ? [Symbol(',')] : []));
      }
    } else out += JSON.stringify(next) ?? 'null';
  }
  return out.slice(0, limit);
}
