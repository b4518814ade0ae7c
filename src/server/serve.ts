import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createError } from '../core/errors.js';
import type { Store } from '../store/store.js';
import { createApp, type AppOptions } from './app.js';
import { IngestJobs } from './jobs.js';
import { isLoopbackHost } from './security.js';

export interface ServeOptions extends AppOptions {
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
}

export interface RunningServer {
  /** e.g. "http://127.0.0.1:43123" */
  url: string;
  /** Stops listening, then waits for the uploads already accepted to finish ingesting. */
  close(): Promise<void>;
}

/** Serves the API and the UI; resolves once listening. Prints nothing (the CLI does). */
export async function startServer(store: Store, options: ServeOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !options.security?.token) {
    throw createError('BAD_USAGE', `--host ${host} listens beyond this machine: give a token (--token or WIRETRACE_TOKEN) that every API request must carry`);
  }
  const jobs = options.jobs ?? new IngestJobs(store);
  const app = createApp(store, { ...options, jobs });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: host }, (info: AddressInfo) => {
      const shown = info.family === 'IPv6' || host.includes(':') ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shown}:${info.port}`,
        close: async () => {
          await new Promise<void>((done, fail) => {
            server.close((error?: Error) => (error ? fail(error) : done()));
            if ('closeAllConnections' in server) server.closeAllConnections();
          });
          await jobs.close();
        },
      });
    });
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(createError('PORT_IN_USE', host, options.port ?? 0));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'EACCES') reject(createError('CANNOT_LISTEN', host, options.port ?? 0, error.code));
      else reject(error);
    });
  });
}
