import type { Page } from '../store/store.js';
import { badRequest } from './errors.js';

/** Page sizes the API hands out: `limit` defaults to `defaultLimit` and is clamped to `maxLimit`. */
export interface PageRules {
  /** @default 50 */
  defaultLimit: number;
  /** @default 200 */
  maxLimit: number;
}

export const DEFAULT_PAGE_RULES: PageRules = { defaultLimit: 50, maxLimit: 200 };

/** Offset past which a list stops paging (keeps a request from asking for a scan of the whole table). */
export const MAX_OFFSET = 10_000_000;

/** Parses a non-negative integer query parameter; absent → `fallback`; anything else → 400. */
export function intParam(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,10}$/.test(raw)) badRequest(`${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

/** A page as the API takes it: offset and limit always, `after` (the previous page's last key) when given. */
export type ApiPage = Required<Pick<Page, 'offset' | 'limit'>> & Pick<Page, 'after'>;

/** Longest `after` key accepted (article ids, `a|b` relation keys and storyline ids are far shorter). */
const MAX_KEY_LENGTH = 300;

/** `?offset=&limit=&after=` → a Page with the limit clamped to the rules' maximum; bad values → 400. */
export function pageParams(query: (name: string) => string | undefined, rules: PageRules = DEFAULT_PAGE_RULES): ApiPage {
  const offset = intParam('offset', query('offset'), 0);
  const limit = intParam('limit', query('limit'), rules.defaultLimit);
  if (limit < 1) badRequest('limit must be at least 1');
  if (offset > MAX_OFFSET) badRequest(`offset must be at most ${MAX_OFFSET}`);
  const page: ApiPage = { offset, limit: Math.min(limit, rules.maxLimit) };
  const after = query('after');
  if (after !== undefined && after !== '') {
    if (after.length > MAX_KEY_LENGTH) badRequest(`after is longer than ${MAX_KEY_LENGTH} characters`);
    page.after = after;
  }
  return page;
}

/** A required, non-empty string parameter; otherwise 400. */
export function requiredParam(name: string, raw: string | undefined): string {
  const value = raw?.trim();
  if (!value) badRequest(`missing query parameter ${name}`);
  if (value.length > 1000) badRequest(`${name} is longer than 1000 characters`);
  return value;
}
