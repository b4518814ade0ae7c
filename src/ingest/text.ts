import type { RawDocument } from '../core/types.js';

/**
 * A plain-text article. Conventions inside the text (a leading ` date YYYY-MM-DD` marker, a title
 * line, AP-style datelines, source lines) are left in place for clean to read, so that offsets
 * into the original stay exact.
 */
export function readText(name: string, text: string, origin: string): RawDocument {
  return { name, format: 'text', text, origin };
}
