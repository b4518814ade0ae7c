import { api, type IngestJob, type IngestSummary } from './api.js';
import { clear, h, link, moreButton, plural, routes } from './dom.js';

/** How often a running job is asked how it is doing, in ms. */
const POLL_MS = 300;

/** Uploads files to POST /api/ingest, reporting upload progress (0..1); resolves to the id of the job ingesting them. */
export function upload(files: File[], onProgress: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const file of files) form.append('files', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/ingest');
    xhr.responseType = 'json';
    xhr.upload.addEventListener('progress', (e) => e.lengthComputable && onProgress(e.loaded / e.total));
    xhr.addEventListener('load', () => {
      const body = xhr.response as { error?: { message: string } } | { job: string } | null;
      if (xhr.status === 202 && body && 'job' in body) resolve(body.job);
      else reject(new Error((body as { error?: { message: string } } | null)?.error?.message ?? `upload failed (HTTP ${xhr.status})`));
    });
    xhr.addEventListener('error', () => reject(new Error('upload failed: network error')));
    xhr.send(form);
  });
}

/** Polls the job until it is done (resolving to its summary) or failed (rejecting with its error), reporting each state seen. */
export async function watchJob(id: string, onUpdate: (job: IngestJob) => void): Promise<IngestSummary> {
  for (;;) {
    const job = await api.job(id);
    onUpdate(job);
    if (job.state === 'done' && job.summary) return job.summary;
    if (job.state === 'failed') throw new Error(job.error?.message ?? 'the ingest failed');
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** What a job is doing, in words: waiting, reading files, analysing articles. */
export function jobStatus(job: IngestJob): string {
  if (job.state === 'queued') return 'Waiting for earlier uploads to finish…';
  const { phase, done, total } = job.progress;
  const of = total > 0 ? ` of ${total}` : '';
  return phase === 'read' ? `Reading ${done}${of} files…` : `Analysing ${done}${of} articles: linking, clustering, quotes…`;
}

/** A drop zone with a file picker, a progress bar (upload, then the ingest job) and the summary of what was ingested. */
export function ingestPanel(onDone: (summary: IngestSummary) => void): HTMLElement {
  const input = h('input', { type: 'file', multiple: true, id: 'file-input', 'data-testid': 'file-input', class: 'visually-hidden' });
  const bar = h('div', { class: 'bar' });
  const progress = h('div', { class: 'progress', hidden: true, 'data-testid': 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100 }, bar);
  const status = h('div', { class: 'status', 'data-testid': 'ingest-status', 'aria-live': 'polite' });
  const zone = h(
    'label',
    { class: 'drop-zone', for: 'file-input', 'data-testid': 'drop-zone' },
    h('strong', {}, 'Drop files here'),
    h('span', {}, ' or click to choose — text, HTML, JSONL, WARC, RSS/Atom'),
  );
  const start = (files: File[]): void => {
    if (!files.length) return;
    progress.hidden = false;
    bar.style.width = '0%';
    clear(status);
    status.textContent = `Uploading ${plural(files.length, 'file')}…`;
    const show = (fraction: number): void => {
      bar.style.width = `${Math.round(fraction * 100)}%`;
      progress.setAttribute('aria-valuenow', String(Math.round(fraction * 100)));
    };
    upload(files, (f) => {
      show(f);
      if (f >= 1) status.textContent = `Ingesting ${plural(files.length, 'file')}…`;
    })
      .then((job) =>
        watchJob(job, (state) => {
          status.textContent = jobStatus(state);
          // The bar restarts for the ingest: reading is its first half, analysis its second.
          const { phase, done, total } = state.progress;
          const within = total > 0 ? Math.min(1, done / total) : 0;
          show(state.state === 'queued' ? 0 : phase === 'read' ? within / 2 : 0.5 + within / 2);
        }),
      )
      .then((summary) => {
        bar.style.width = '100%';
        clear(status);
        status.appendChild(summaryView(summary));
        onDone(summary);
      })
      .catch((error: unknown) => {
        progress.hidden = true;
        status.textContent = error instanceof Error ? error.message : String(error);
        status.classList.add('error');
      });
  };
  input.addEventListener('change', () => start(Array.from(input.files ?? [])));
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    e.stopPropagation();
    zone.classList.remove('over');
    start(Array.from(e.dataTransfer?.files ?? []));
  });
  return h('div', { class: 'ingest-panel' }, input, zone, progress, status);
}

function summaryView(s: IngestSummary): HTMLElement {
  return h(
    'div',
    { class: 'summary' },
    h('p', {}, `Read ${s.read}, added ${s.added}, ${s.duplicates} already known, ${s.quarantined} quarantined. `, link(routes.stories(), 'See storylines →')),
    s.errors.length ? h('ul', { class: 'errors' }, ...s.errors.map((e) => h('li', {}, h('code', {}, e.code), ' ', e.message))) : null,
  );
}

/** #/ingest : upload, then the quarantine of inputs that could not be read. */
export async function ingestPage(main: HTMLElement): Promise<void> {
  const quarantine = h('ul', { class: 'plain quarantine' });
  const section = h('section', { class: 'card' }, h('h2', {}, 'Quarantine'), h('p', { class: 'hint' }, 'Inputs that could not be read, with the reason. Nothing is dropped silently.'), quarantine);
  let offset = 0;
  const load = async (): Promise<boolean> => {
    const page = await api.quarantine(offset);
    offset += page.items.length;
    for (const q of page.items) quarantine.appendChild(h('li', {}, h('code', {}, q.code), ' ', h('strong', {}, q.origin), h('div', { class: 'meta' }, q.message)));
    if (offset === 0) quarantine.appendChild(h('li', { class: 'none' }, 'Empty.'));
    return page.more;
  };
  const reload = (): void => {
    clear(quarantine);
    offset = 0;
    void load();
  };
  main.append(h('header', { class: 'page-head' }, h('h1', {}, 'Ingest'), h('p', { class: 'lede' }, 'Add articles: each is cleaned, linked to its copies and rewrites, and placed in an event.')), h('section', { class: 'card' }, ingestPanel(reload)), section);
  if (await load()) section.appendChild(moreButton(load));
}
