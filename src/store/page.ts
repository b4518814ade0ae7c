import type { Page } from './store.js';

/** Rows per page when a caller gives no limit. */
export const DEFAULT_LIMIT = 100;
/** Most rows one page may hold, whatever the caller asks for. */
export const MAX_LIMIT = 1000;

export interface ResolvedPage {
  offset: number;
  limit: number;
}

/** Clamps a caller's page to whole numbers: offset >= 0, 1 <= limit <= MAX_LIMIT. */
export function resolvePage(page: Page = {}): ResolvedPage {
  const offset = wholeOr(page.offset, 0);
  const limit = wholeOr(page.limit, DEFAULT_LIMIT);
  return { offset: Math.max(0, offset), limit: Math.min(MAX_LIMIT, Math.max(0, limit)) };
}

function wholeOr(value: number | undefined, fallback: number): number {
  return value === undefined || !Number.isFinite(value) ? fallback : Math.floor(value);
}
