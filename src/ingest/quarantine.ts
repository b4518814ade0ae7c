import type { QuarantineRecord } from '../core/types.js';
import { createError, type ErrorCode, type ERRORS } from '../core/errors.js';

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
  return { origin: String(args[0]), code, message: error.message, excerpt: printableExcerpt(excerpt) };
}
