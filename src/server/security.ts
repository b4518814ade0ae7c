import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { createError } from '../core/errors.js';
import { errorBody } from './errors.js';

export interface SecurityOptions {
  /**
   * When set, every /api request must carry it (`Authorization: Bearer T`, or the cookie that
   * opening `/?token=T` sets), and the Host header may be any name. When unset, the server answers
   * only requests addressed to a loopback name (localhost, 127.0.0.1, [::1]).
   */
  token?: string;
}

/** The cookie that opening the UI as `/?token=T` sets, so the browser's API calls carry the token. */
export const TOKEN_COOKIE = 'wiretrace_token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True for the names and addresses of this machine's loopback interface. */
export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  return name === '::1' || name === '::ffff:127.0.0.1';
}

/** The host name of a Host header or an Origin's authority, without its port. */
function hostName(authority: string): string {
  const bracketed = /^\[([^\]]*)\]/.exec(authority);
  if (bracketed) return bracketed[1]!;
  return authority.replace(/:\d*$/, '');
}

/**
 * Checks every request before any route runs. Without a token: the Host header must name loopback
 * (a DNS-rebinding page reaches the server under its own name and is refused), and a state-changing
 * request (POST, PUT, PATCH, DELETE) sent by a browser must come from the server's own origin (a page
 * on another origin cannot make it ingest). With a token: /api needs the token, and a state-changing
 * request authorised by the cookie must also come from the server's own origin.
 */
export function security(options: SecurityOptions = {}): MiddlewareHandler {
  const expected = options.token ? digest(options.token) : null;
  return async (c, next) => {
    // Node's server builds the URL from the Host header; a request made in-process (app.request) has only the URL.
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    const api = c.req.path === '/api' || c.req.path.startsWith('/api/');
    if (expected) {
      const offered = c.req.query('token');
      if (!api && offered !== undefined && c.req.method === 'GET') {
        if (!matches(offered, expected)) return refuse(c, 401, 'the token in the address is wrong');
        setCookie(c, TOKEN_COOKIE, offered, { httpOnly: true, sameSite: 'Strict', path: '/' });
        return c.redirect(c.req.path, 303);
      }
      const bearer = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
      const cookie = getCookie(c, TOKEN_COOKIE);
      const byHeader = bearer !== undefined && matches(bearer, expected);
      const byCookie = !byHeader && cookie !== undefined && matches(cookie, expected);
      if (api && !byHeader && !byCookie) return refuse(c, 401, 'this server needs its token (Authorization: Bearer T, or open /?token=T)');
      if (byCookie && !SAFE_METHODS.has(c.req.method) && !sameOrigin(c, host)) {
        return refuse(c, 403, 'a state-changing request from another origin');
      }
      return next();
    }
    if (!isLoopbackHost(hostName(host))) {
      return refuse(c, 403, `Host ${JSON.stringify(host.slice(0, 100))} is not this server's loopback name; start it with --token to serve other names`);
    }
    if (!SAFE_METHODS.has(c.req.method) && !sameOrigin(c, host)) {
      return refuse(c, 403, 'a state-changing request from another origin');
    }
    return next();
  };
}

/**
 * A browser names the page that sent a request in Origin (and Sec-Fetch-Site); tools like curl send
 * neither and are trusted, being able to reach the port already.
 */
function sameOrigin(c: Context, host: string): boolean {
  const origin = c.req.header('origin');
  if (origin !== undefined) {
    if (origin === 'null') return false;
    try {
      const url = new URL(origin);
      return url.host.toLowerCase() === host.toLowerCase();
    } catch (error) {
      void error; // an unparsable Origin is no origin of ours
      return false;
    }
  }
  const site = c.req.header('sec-fetch-site');
  return site === undefined || site === 'same-origin' || site === 'none';
}

function refuse(c: Context, status: 401 | 403, detail: string): Response {
  const error = createError('UNAUTHORIZED', detail);
  return c.json(errorBody(error.code, error.message), status);
}

/** Tokens are compared as digests, in constant time whatever their lengths. */
function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

function matches(offered: string, expected: Buffer): boolean {
  return timingSafeEqual(digest(offered), expected);
}
