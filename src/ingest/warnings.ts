import { createError, type ErrorCode } from '../core/errors.js';
import { escapeControls } from './sanitize.js';

/** Something a folder walk (or a reader) left out or repaired on purpose, and why; counted as a warning. */
export interface ReadWarning {
  origin: string;
  code: ErrorCode;
  message: string;
}

type WarningCode = 'SKIPPED_SPECIAL' | 'SKIPPED_LOOP' | 'SKIPPED_CORPUS_FILE' | 'LOSSY_UTF8';

/** A warning with the catalog's message; the origin is escaped, safe to print. */
export function warning(code: WarningCode, origin: string, detail?: string | number): ReadWarning {
  const shown = escapeControls(origin);
  const format = createError as (c: ErrorCode, ...a: unknown[]) => Error;
  return { origin: shown, code, message: format(code, shown, detail).message };
}
