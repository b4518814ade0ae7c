/**
 * Alignment on a worker thread, so the ordered step's main thread can link the next articles while
 * this one's candidates are aligned. `relate` is a pure function of the two articles and the
 * paragraphs each outlet repeats (taken on the main thread, in order), so the relations are the
 * ones the main thread would find. A thread that dies rejects its jobs with AlignThreadGone; the
 * caller aligns those itself.
 */
import { Worker } from 'node:worker_threads';
import type { Article, Relation } from '../core/types.js';
import type { RelateOptions } from '../align/relate.js';
import { RecentMap } from '../core/recent-map.js';

/** An article the thread holds, sent as its id; any other goes whole. */
export type SentArticle = Article | string;

export interface AlignJob {
  id: number;
  article: SentArticle;
  candidates: SentArticle[];
  /** Paragraph indexes that are outlet boilerplate, by article id. */
  repeated: Array<[string, number[]]>;
}

/** `relate`'s options from the paragraphs each article's outlet repeats, as taken on the main thread. */
export function boilerplateOptions(repeated: Array<[string, number[]]>): RelateOptions {
  const byId = new Map(repeated.map(([id, paragraphs]) => [id, new Set(paragraphs)]));
  return { boilerplate: (x: Article) => byId.get(x.id) ?? new Set<number>() };
}

/**
 * Articles the thread keeps (their analyses cached): the latest candidates recur most (more only
 * costs memory). Both sides keep the same ones in the same order: jobs arrive in the order they are
 * posted and each side records a job's articles in the same order, so the main thread knows which it
 * can send as an id (a copy's candidates are mostly its story's earlier articles, sent again and
 * again: cloning their texts cost ~6% of the main thread).
 */
export const KEPT_ARTICLES = 512;

export type AlignReply = { id: number; relations: Array<Relation | null> } | { id: number; error: string };

export class AlignThreadGone extends Error {
  constructor(reason: string) {
    super(`the alignment thread stopped: ${reason}`);
    this.name = 'AlignThreadGone';
  }
}

/** A failure of `relate` itself on one of the article's candidates (the article's own fault). */
export class AlignFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AlignFailure';
  }
}

/**
 * The thread's old-generation heap limit. What it holds (its latest 512 articles' analyses and its
 * vocabulary) is ~90 MB at 66,000 generated articles, but left to itself V8 let the heap grow to
 * ~380 MB of mostly garbage; with a limit it collects sooner. Past the limit the thread dies and the
 * main thread aligns instead (same results).
 */
const ALIGN_HEAP_MB = 256;

interface Waiting {
  resolve: (relations: Array<Relation | null>) => void;
  reject: (error: Error) => void;
}

export class AlignThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiting>();
  private next = 0;
  private gone: Error | null = null;
  /** Texts of the articles the thread holds, by id. */
  private readonly sent = new RecentMap<string, string>(KEPT_ARTICLES);

  /** Jobs posted to the thread so far. */
  get jobs(): number {
    return this.next;
  }

  /** Articles sent as their id so far (the thread held them). */
  idsSent = 0;

  constructor(url: URL = new URL('./align-worker.js', import.meta.url)) {
    this.worker = new Worker(url, { resourceLimits: { maxOldGenerationSizeMb: ALIGN_HEAP_MB } });
    this.worker.on('message', (reply: AlignReply) => this.received(reply));
    this.worker.on('error', (error: Error) => this.stop(new AlignThreadGone(error.message)));
    this.worker.on('exit', (code: number) => this.stop(new AlignThreadGone(`exit code ${code}`)));
    this.worker.unref();
  }

  /** Relations of `article` to each candidate (null where there is none), in the candidates' order. */
  relateAll(article: Article, candidates: Article[], repeated: Array<[string, number[]]>): Promise<Array<Relation | null>> {
    if (this.gone) return Promise.reject(this.gone);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ id, article: this.send(article), candidates: candidates.map((c) => this.send(c)), repeated } satisfies AlignJob);
    });
  }

  /** The article's id when the thread holds this text for it, else the article. */
  private send(article: Article): SentArticle {
    const held = this.sent.get(article.id) === article.text;
    this.sent.use(article.id, article.text);
    if (!held) return article;
    this.idsSent++;
    return article.id;
  }

  async close(): Promise<void> {
    this.stop(new AlignThreadGone('closed'));
    await this.worker.terminate();
  }

  private received(reply: AlignReply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker.unref();
    if ('error' in reply) waiting.reject(new AlignFailure(reply.error));
    else waiting.resolve(reply.relations);
  }

  private stop(reason: Error): void {
    this.gone ??= reason;
    for (const waiting of this.waiting.values()) waiting.reject(this.gone);
    this.waiting.clear();
  }
}
