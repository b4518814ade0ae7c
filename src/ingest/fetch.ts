import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { QuarantineRecord } from '../core/types.js';
import { decodeBytes } from './decode.js';
import { quarantine } from './quarantine.js';

export interface FetchOptions {
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Largest response body read; a longer one is cut off and the fetch fails. */
  maxBytes: number;
  /** For the whole request, body included, in milliseconds. @default 15000 */
  timeoutMs?: number;
  /**
   * Set for links found inside an input (feed items): only http(s), and no loopback, link-local,
   * private or otherwise non-public address unless `allowPrivate`. Checked again at every redirect.
   * Unset for a URL the user typed.
   */
  guard?: { allowPrivate: boolean };
}

/** Redirects followed before giving up. */
const MAX_REDIRECTS = 5;

/** Addresses a followed link may not reach: this host, its networks, and addresses that are not public. */
const NOT_PUBLIC = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) NOT_PUBLIC.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) {
  NOT_PUBLIC.addSubnet(net, bits, 'ipv6');
}

/** True for loopback, link-local, private, shared, multicast and reserved IPv4 and IPv6 addresses. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return NOT_PUBLIC.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Why `url` may not be fetched under the guard, or null when it may. */
export async function refusal(url: URL, allowPrivate: boolean): Promise<string | null> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `only http and https links are followed, not ${url.protocol}`;
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch (error) {
    return `cannot resolve ${host}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`;
  }
  const blocked = addresses.find(isPrivateAddress);
  return blocked ? `${host} is a loopback, link-local or private address (${blocked})` : null;
}

/**
 * GETs `url` as text with bounded time and size; failures (a refused address, network, HTTP status,
 * size, encoding) become FETCH_FAILED or LINK_REFUSED quarantines naming `where` and the url.
 */
export async function fetchText(
  url: string,
  where: string,
  options: FetchOptions,
): Promise<{ text: string; contentType: string } | { quarantine: QuarantineRecord }> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const fail = (detail: string) => ({ quarantine: quarantine('FETCH_FAILED', url, `${where} (${url})`, detail) });
  const signal = AbortSignal.timeout(options.timeoutMs ?? 15000);
  let target = url;
  let response: Response | null = null;
  try {
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if (options.guard) {
        const refused = await refusal(new URL(target), options.guard.allowPrivate);
        if (refused) return { quarantine: quarantine('LINK_REFUSED', target, `${where} (${target})`, refused) };
      }
      response = await doFetch(target, { signal, redirect: options.guard ? 'manual' : 'follow' });
      const location = response.headers.get('location');
      if (!options.guard || response.status < 300 || response.status >= 400 || !location) break;
      await response.body?.cancel();
      target = new URL(location, target).href;
      response = null;
    }
    if (!response) return fail(`more than ${MAX_REDIRECTS} redirects`);
    if (!response.ok) {
      await response.body?.cancel();
      return fail(`HTTP ${response.status}`);
    }
    const bytes = await readCapped(response, options.maxBytes);
    if (!bytes) return fail(`the response is over the limit of ${options.maxBytes} bytes`);
    const contentType = response.headers.get('content-type') ?? '';
    const decoded = decodeBytes(bytes, /charset=["']?([\w-]+)/i.exec(contentType)?.[1]);
    if (!decoded) return fail('response is not text');
    return { text: decoded.text, contentType };
  } catch (error) {
    return fail(error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error));
  }
}

/** The body, read chunk by chunk; null as soon as it passes `maxBytes` (the rest is never read). */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  if (!response.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
