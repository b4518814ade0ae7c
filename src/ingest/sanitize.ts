import type { RawDocument } from '../core/types.js';

/** C0 controls other than tab, LF and CR; DEL; C1 controls. NUL included. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const CONTROL_TEST = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * Text as the later stages may see it: control characters (NUL, escape, C1...) removed, and a lone
 * CR (old Mac line ends) turned into LF, which keeps every offset where it was.
 */
export function cleanControls(text: string): string {
  const stripped = CONTROL_TEST.test(text) ? text.replace(CONTROL, '') : text;
  return stripped.includes('\r') ? stripped.replace(/\r(?!\n)/g, '\n') : stripped;
}

/**
 * A name (file name, URL, record id) safe to print on a terminal and to store: control characters,
 * escape sequences among them, are written as `\xNN` instead of reaching the terminal raw.
 */
export function escapeControls(name: string): string {
  return /[\u0000-\u001f\u007f-\u009f]/.test(name)
    ? name.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    : name;
}

const TEXT_FIELDS = ['text', 'html', 'title', 'source', 'byline', 'published', 'url'] as const;

/** Every field of a document cleaned of control characters; names and origins escaped. */
export function sanitizeDocument(doc: RawDocument): RawDocument {
  const out: RawDocument = { ...doc, name: escapeControls(doc.name), origin: escapeControls(doc.origin) };
  for (const field of TEXT_FIELDS) {
    const value = out[field];
    if (typeof value === 'string') out[field] = cleanControls(value);
  }
  return out;
}
