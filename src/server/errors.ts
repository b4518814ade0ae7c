import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { createError, isWiretraceError, type ErrorCode } from '../core/errors.js';

/** The JSON body of every error the API returns. */
export interface ErrorBody {
  error: { code: string; message: string };
}

const STATUS: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  NOT_FOUND: 404,
  BAD_REQUEST: 400,
  BAD_USAGE: 400,
  AMBIGUOUS: 400,
  PAYLOAD_TOO_LARGE: 413,
  TOO_LARGE: 413,
  TOO_MANY_JOBS: 429,
  UNAUTHORIZED: 401,
};

/** HTTP status for an error code: 404, 400 (AMBIGUOUS too), 413, or 500 for anything unexpected. */
export function statusFor(code: string): ContentfulStatusCode {
  return STATUS[code as ErrorCode] ?? 500;
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

/** Turns anything thrown by a route into `{error: {code, message}}` with a fitting status. */
export function errorResponse(c: Context, error: unknown): Response {
  if (isWiretraceError(error)) {
    return c.json(errorBody(error.code, error.message), statusFor(error.code));
  }
  if (error instanceof HTTPException) {
    const code = error.status === 404 ? 'NOT_FOUND' : error.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
    return c.json(errorBody(code, error.message || `HTTP ${error.status}`), error.status as ContentfulStatusCode);
  }
  // The caller learns that it failed, never where: no message, stack or path of the server goes out.
  console.error(`wiretrace: ${c.req.method} ${c.req.path} failed:`, error);
  const wrapped = createError('INTERNAL', 'the server could not answer this request (the reason is in its log)');
  return c.json(errorBody(wrapped.code, wrapped.message), 500);
}

/** A 404 for a thing the caller named: `notFound('article', 'x.txt')`. */
export function notFound(kind: string, name: string): never {
  throw createError('NOT_FOUND', `${kind} ${JSON.stringify(name)}`);
}

export function badRequest(detail: string): never {
  throw createError('BAD_REQUEST', detail);
}
