import { ApiError } from './api.js';
import { clear, h, link, routes } from './dom.js';
import { currentHash } from './list-controls.js';
import { wireTheme } from './theme.js';
import { articlePage } from './view-article.js';
import { comparePage, diffPage } from './view-diff.js';
import { entityPage } from './view-entity.js';
import { eventPage } from './view-event.js';
import { eventsPage } from './view-events.js';
import { ingestPage, jobStatus, upload, watchJob } from './view-ingest.js';
import { articlesPage, searchPage } from './view-lists.js';
import { quotesPage } from './view-quotes.js';
import { relationsPage } from './view-relations.js';
import { storiesPage, storyPage } from './view-stories.js';

/** A page: renders into `main`, given the URL's query parameters and the route's captured parts. */
export type Page = (main: HTMLElement, params: URLSearchParams, ...args: string[]) => Promise<void>;

const ROUTES: Array<[RegExp, Page, string]> = [
  [/^#?\/?$/, storiesPage, 'stories'],
  [/^#\/storylines$/, storiesPage, 'stories'],
  [/^#\/story\/([^/]+)$/, storyPage, 'stories'],
  [/^#\/events$/, eventsPage, 'events'],
  [/^#\/event\/([^/]+)$/, eventPage, 'events'],
  [/^#\/article\/([^/]+)$/, articlePage, 'articles'],
  [/^#\/diff\/([^/]+)\/([^/]+)$/, diffPage, 'relations'],
  [/^#\/compare$/, comparePage, 'compare'],
  [/^#\/relations$/, relationsPage, 'relations'],
  [/^#\/entity\/([^/]+)$/, entityPage, 'articles'],
  [/^#\/quotes$/, quotesPage, 'quotes'],
  [/^#\/articles$/, articlesPage, 'articles'],
  [/^#\/search\/(.*)$/, searchPage, 'articles'],
  [/^#\/ingest$/, ingestPage, 'ingest'],
];

let generation = 0;

async function render(): Promise<void> {
  const main = document.getElementById('main')!;
  const hash = location.hash || '#/';
  const { path, params } = currentHash();
  const mine = ++generation;
  const match = ROUTES.map(([re, page, tab]) => ({ m: re.exec(path), page, tab })).find((r) => r.m);
  for (const a of document.querySelectorAll<HTMLAnchorElement>('.tabs a')) a.classList.toggle('active', a.dataset.tab === match?.tab);
  const view = h('div', { class: 'view' });
  clear(main);
  main.appendChild(h('p', { class: 'loading' }, 'Loading…'));
  try {
    if (!match) throw new ApiError(404, 'NOT_FOUND', `no page ${hash}`);
    await match.page(view, params, ...match.m!.slice(1).map((s) => decodeURIComponent(s)));
    if (mine !== generation) return;
    clear(main);
    main.appendChild(view);
    view.dispatchEvent(new Event('attached'));
    document.title = `${view.querySelector('h1')?.textContent ?? 'wiretrace'} — wiretrace`;
  } catch (error) {
    if (mine !== generation) return;
    clear(main);
    const message = error instanceof Error ? error.message : String(error);
    main.appendChild(h('section', { class: 'card error', 'data-testid': 'error' }, h('h1', {}, error instanceof ApiError && error.status === 404 ? 'Not found' : 'Something went wrong'), h('p', {}, message), link(routes.stories(), 'Back to storylines')));
  } finally {
    if (mine === generation) {
      document.body.dataset.ready = hash;
      performance.mark('wiretrace:rendered', { detail: hash });
    }
  }
}

function wireSearch(): void {
  const form = document.getElementById('search') as HTMLFormElement;
  const input = form.querySelector('input')!;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = input.value.trim();
    if (q) location.hash = routes.search(q);
  });
}

/** Files dropped anywhere outside the ingest drop zone are uploaded too; the page refreshes after. */
function wireGlobalDrop(): void {
  const banner = document.getElementById('drop-banner')!;
  window.addEventListener('dragover', (e) => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    if (banner.hidden) banner.textContent = 'Drop files to ingest them';
    banner.hidden = false;
  });
  window.addEventListener('dragleave', (e) => {
    if (e.relatedTarget === null) banner.hidden = true;
  });
  window.addEventListener('drop', (e) => {
    const files = Array.from(e.dataTransfer?.files ?? []);
    if (!files.length) return;
    e.preventDefault();
    banner.textContent = `Uploading ${files.length} file(s)… 0%`;
    upload(files, (f) => (banner.textContent = `Uploading ${files.length} file(s)… ${Math.round(f * 100)}%`))
      .then((job) => watchJob(job, (state) => (banner.textContent = jobStatus(state))))
      .then((s) => {
        banner.textContent = `Added ${s.added}, ${s.duplicates} already known, ${s.quarantined} quarantined`;
        setTimeout(() => (banner.hidden = true), 2500);
        void render();
      })
      .catch((error: unknown) => {
        banner.textContent = error instanceof Error ? error.message : String(error);
        setTimeout(() => (banner.hidden = true), 4000);
      });
  });
}

window.addEventListener('hashchange', () => void render());
wireTheme();
wireSearch();
wireGlobalDrop();
void render();
