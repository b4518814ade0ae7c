/**
 * Worker-thread entry of AlignThread: relates a new article to each of its candidates, as the
 * ordered step would, and posts the relations back. Articles are kept by id (the latest ones), so
 * an article aligned again reuses its analysis instead of tokenising it anew, and the main thread
 * sends only the id of one kept here.
 */
import { parentPort } from 'node:worker_threads';
import type { Article } from '../core/types.js';
import { relate } from '../align/relate.js';
import { RecentMap } from '../core/recent-map.js';
import { boilerplateOptions, KEPT_ARTICLES, type AlignJob, type AlignReply, type SentArticle } from './align-thread.js';

if (!parentPort) throw new Error('align-worker.js runs as a worker thread of AlignThread');
const port = parentPort;

const kept = new RecentMap<string, Article>(KEPT_ARTICLES);

function known(sent: SentArticle): Article {
  const article = typeof sent === 'string' ? kept.get(sent) : sent;
  if (!article) throw new Error(`article ${String(sent)} was sent as an id but is not held here`);
  // A whole article with the text held is the same article: its cached analysis is reused.
  const held = kept.get(article.id);
  const use = held && held.text === article.text ? held : article;
  kept.use(use.id, use);
  return use;
}

port.on('message', (job: AlignJob) => {
  let reply: AlignReply;
  try {
    // Every article is recorded before any is aligned, as the main thread recorded them: a failure cannot leave the two apart.
    const article = known(job.article);
    const candidates = job.candidates.map(known);
    const options = boilerplateOptions(job.repeated);
    reply = { id: job.id, relations: candidates.map((c) => relate(c, article, options)) };
  } catch (error) {
    reply = { id: job.id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  port.postMessage(reply);
});
