/**
 * Worker-thread entry of AlignThread: relates a new article to each of its candidates, as the
 * ordered step would, and posts the relations back. Articles are kept by id (the latest ones), so
 * an article aligned again reuses its analysis instead of tokenising it anew.
 */
import { parentPort } from 'node:worker_threads';
import type { Article } from '../core/types.js';
import { relate } from '../align/relate.js';
import { boilerplateOptions, type AlignJob, type AlignReply } from './align-thread.js';

if (!parentPort) throw new Error('align-worker.js runs as a worker thread of AlignThread');
const port = parentPort;

/** Articles whose analyses stay cached here: the latest candidates recur most (more only costs memory). */
const KEPT = 512;
const kept = new Map<string, Article>();

function known(article: Article): Article {
  const held = kept.get(article.id);
  const use = held && held.text === article.text ? held : article;
  kept.delete(article.id);
  kept.set(article.id, use);
  if (kept.size > KEPT) kept.delete(kept.keys().next().value!);
  return use;
}

port.on('message', (job: AlignJob) => {
  let reply: AlignReply;
  try {
    const article = known(job.article);
    const options = boilerplateOptions(job.repeated);
    reply = { id: job.id, relations: job.candidates.map((c) => relate(known(c), article, options)) };
  } catch (error) {
    reply = { id: job.id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  port.postMessage(reply);
});
