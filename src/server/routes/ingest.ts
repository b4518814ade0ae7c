import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createError } from '../../core/errors.js';
import { badRequest, errorBody, notFound } from '../errors.js';
import type { IngestJobs, UploadedFile } from '../jobs.js';

/** Most files one upload may carry. */
export const MAX_UPLOAD_FILES = 10_000;

/**
 * POST /ingest: multipart upload of one or more files, answered at once with the job that ingests
 * them in the background (uploads run one at a time); GET /jobs/:id: how that job is doing.
 */
export function ingestRoutes(jobs: IngestJobs, maxUploadBytes: number): Hono {
  const app = new Hono();

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
      const form = await parseMultipart(c.req.raw);
      const files = await collectFiles(form);
      if (files.length === 0) badRequest('the upload holds no files');
      if (files.length > MAX_UPLOAD_FILES) badRequest(`at most ${MAX_UPLOAD_FILES} files per upload`);
      const job = jobs.submit(files, { source: outletField(form.source) });
      c.header('Location', `/api/jobs/${job.id}`);
      return c.json({ job: job.id }, 202);
    },
  );

  app.get('/jobs/:id', (c) => {
    const id = c.req.param('id');
    const job = jobs.get(id);
    if (!job) notFound('job', id);
    return c.json(job);
  });

  return app;
}

/** The form's fields; a body that does not parse as multipart is the client's error (400), not ours. */
async function parseMultipart(request: Request): Promise<Record<string, unknown>> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch (error) {
    if (error instanceof Error) badRequest(`malformed multipart/form-data body (${error.message.slice(0, 100)})`);
    throw error;
  }
  const fields: Record<string, unknown[]> = {};
  form.forEach((value, key) => (fields[key] ??= []).push(value));
  return fields;
}

async function collectFiles(form: Record<string, unknown>): Promise<UploadedFile[]> {
  const files: UploadedFile[] = [];
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

/** The optional `source` form field: the outlet of every uploaded article, as `ingest --source` sets it. */
function outletField(field: unknown): string | undefined {
  if (field === undefined) return undefined;
  // Every form field arrives as the list of its values.
  const value = Array.isArray(field) && field.length === 1 ? field[0] : field;
  if (typeof value !== 'string') badRequest('source must be one text field naming the outlet');
  const outlet = value.trim();
  if (outlet.length > 200) badRequest('source is longer than 200 characters');
  return outlet || undefined;
}

/** The file's own name, without any folder a browser or client put in front of it. */
function baseName(name: string): string {
  const parts = name.split(/[\\/]/);
  return parts[parts.length - 1] || 'upload';
}
