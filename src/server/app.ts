import { Hono } from 'hono';
import { DEFAULT_OPTIONS } from '../core/config.js';
import type { Store } from '../store/store.js';
import { errorBody, errorResponse } from './errors.js';
import { openApiDocument } from './openapi.js';
import { articleRoutes } from './routes/articles.js';
import { IngestJobs } from './jobs.js';
import { ingestRoutes } from './routes/ingest.js';
import { listRoutes } from './routes/lists.js';
import { storyRoutes } from './routes/stories.js';
import { exportRoutes } from './routes/export.js';
import { reportRoutes } from './routes/report.js';
import { outletRoutes } from './routes/outlets.js';
import { security, type SecurityOptions } from './security.js';
import { defaultWebRoot, loadStaticAssets } from './static.js';

export interface AppOptions {
  /** Largest upload POST /api/ingest accepts, in bytes. @default 50 MiB (Options.maxBytes) */
  maxUploadBytes?: number;
  /** Folder holding index.html, style.css and dist/*.js, read once at startup. @default the package's web/ */
  webRoot?: string;
  /** The background ingest jobs uploads become. @default a table of its own on `store` */
  jobs?: IngestJobs;
  /** Who may call the API (see SecurityOptions): loopback names only, or any holder of the token. */
  security?: SecurityOptions;
}

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
};

/** The HTTP API under /api and the web UI at /. */
export function createApp(store: Store, options: AppOptions = {}): Hono {
  const app = new Hono();
  const assets = loadStaticAssets(options.webRoot ?? defaultWebRoot());
  const document = openApiDocument();

  app.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value);
  });
  app.use('*', security(options.security));

  app.route('/api', listRoutes(store));
  app.route('/api', articleRoutes(store));
  app.route('/api', storyRoutes(store));
  app.route('/api', outletRoutes(store));
  app.route('/api', exportRoutes(store));
  app.route('/api', ingestRoutes(options.jobs ?? new IngestJobs(store), options.maxUploadBytes ?? DEFAULT_OPTIONS.maxBytes));
  app.get('/api/openapi.json', (c) => c.json(document));
  app.all('/api/*', (c) => c.json(errorBody('NOT_FOUND', `not found: ${c.req.method} ${c.req.path}`), 404));
  app.route('/', reportRoutes(store));

  app.get('*', (c) => {
    const asset = assets.get(c.req.path);
    if (!asset) return c.json(errorBody('NOT_FOUND', `not found: ${c.req.path}`), 404);
    return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': asset.type, 'Cache-Control': 'no-cache' });
  });

  app.notFound((c) => c.json(errorBody('NOT_FOUND', `not found: ${c.req.method} ${c.req.path}`), 404));
  app.onError((error, c) => errorResponse(c, error));
  return app;
}
