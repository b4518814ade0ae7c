/**
 * The filter parameters every list shares, under the names the UI's URL and the export endpoints use:
 * `q`, `from`, `to`, `outlet`, `kind`, `minScore`, `speaker`, `sort`, `order`, `limit`, `offset`.
 * A bad value is a 400 naming the parameter, never a silently ignored filter.
 */
import type { SortOrder } from '../store/list-query.js';
import { badRequest } from './errors.js';
import { pageParams, type PageRules } from './params.js';

type Query = (name: string) => string | undefined;

/** Longest free-text value accepted. */
const MAX_TEXT = 500;

function text(query: Query, name: string): string | undefined {
  const value = query(name)?.trim();
  if (!value) return undefined;
  if (value.length > MAX_TEXT) badRequest(`${name} is longer than ${MAX_TEXT} characters`);
  return value;
}

function day(query: Query, name: string): string | undefined {
  const value = text(query, name);
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) badRequest(`${name} must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return value;
}

function score(query: Query, name: string): number | undefined {
  const value = text(query, name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d*\.?\d+$/.test(value) || n > 1) badRequest(`${name} must be a number from 0 to 1, got ${JSON.stringify(value)}`);
  return n;
}

function choice<S extends string>(query: Query, name: string, allowed: readonly S[]): S | undefined {
  const value = text(query, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) badRequest(`${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  return value as S;
}

export interface ListParams<S extends string> {
  q?: string;
  from?: string;
  to?: string;
  outlet?: string;
  kind?: string;
  minScore?: number;
  speaker?: string;
  entity?: string;
  sort?: S;
  order?: SortOrder;
  offset: number;
  limit: number;
}

/** Every shared parameter of one request, `sort` checked against the list's own sorts. */
export function listParams<S extends string>(query: Query, sorts: readonly S[], rules?: PageRules): ListParams<S> {
  const { offset, limit } = pageParams(query, rules);
  const params: ListParams<S> = {
    q: text(query, 'q'),
    from: day(query, 'from'),
    to: day(query, 'to'),
    outlet: text(query, 'outlet'),
    kind: text(query, 'kind'),
    minScore: score(query, 'minScore'),
    speaker: text(query, 'speaker'),
    entity: text(query, 'entity'),
    sort: choice(query, 'sort', sorts),
    order: choice(query, 'order', ['asc', 'desc'] as const),
    offset,
    limit,
  };
  if (params.from && params.to && params.from > params.to) badRequest(`from (${params.from}) is after to (${params.to})`);
  return params;
}
