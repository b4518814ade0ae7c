import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createError } from '../../core/errors.js';
import { ingestBuffers } from '../../pipeline/ingest.js';
import type { Store } from '../../store/store.js';
import { badRequest, errorBody } from '../errors.js';

/** Most files one upload may carry. */
export const MAX_UPLOAD_FILES = 10_000;

/** POST /ingest: multipart upload of one or more files, ingested one upload at a time. */
export function ingestRoutes(store: Store, maxUploadBytes: number): Hono {
  const app = new Hono();
  let queue: Promise<unknown> = Promise.resolve();

  app.post(
    '/ingest',
    bodyLimit({
      maxSize: maxUploadBytes,
      onError: (c) => {
        const error = createError('PAYLOAD_TOO_LARGE', maxUploadBytes);
        return c.json(errorBody(error.code, error.message), 413);
      },
    }),
    async (c) => {
      const type = c.req.header('content-type') ?? '';
      if (!type.toLowerCase().startsWith('multipart/form-data')) badRequest('expected a multipart/form-data upload');
      const form = await c.req.parseBody({ all: true });
      const files = await collectFiles(form);
      if (files.length === 0) badRequest('the upload holds no files');
      if (files.length > MAX_UPLOAD_FILES) badRequest(`at most ${MAX_UPLOAD_FILES} files per upload`);
      // One ingest at a time: the store is single-writer and ingestion is incremental.
      const run = queue.then(() => ingestBuffers(store, files));
      queue = run.catch(() => undefined);
      return c.json(await run);
    },
  );

  return app;
}

async function collectFiles(form: Record<string, unknown>): Promise<Array<{ name: string; bytes: Uint8Array }>> {
  const files: Array<{ name: string; bytes: Uint8Array }> = [];
  for (const value of Object.values(form)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'object' && item !== null && 'arrayBuffer' in item) {
        const file = item as File;
        files.push({ name: baseName(file.name || 'upload'), bytes: new Uint8Array(await file.arrayBuffer()) });
      }
    }
  }
  return files;
}

/** The file's own name, without any folder a browser or client put in front of it. */
function baseName(name: string): string {
  const parts = name.split(/[\\/]/);
  return parts[parts.length - 1] || 'upload';
}
