import type { QuarantineRecord } from '../core/types.js';

/**
 * An absolute file path's folders (`/srv/news/`, `C:\data\`): the part of a path that says where
 * on the server a file lay. URLs (`https://host/path`) and relative paths do not match.
 */
const FOLDERS = /(?<![\w:/.\\-])(?:[A-Za-z]:)?[\\/](?:[^\\/\s:'"()[\]]+[\\/])+/g;

/** `text` with every absolute path cut to its file name: `/srv/news/a.jsonl:3` → `a.jsonl:3`. */
export function withoutServerPaths(text: string): string {
  return text.replace(FOLDERS, '');
}

/** A quarantine record as the API shows it: no absolute server paths in its origin or message. */
export function publicQuarantineRecord(record: QuarantineRecord): QuarantineRecord {
  return { ...record, origin: withoutServerPaths(record.origin), message: withoutServerPaths(record.message) };
}
