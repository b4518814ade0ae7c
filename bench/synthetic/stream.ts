/**
 * The synthetic news stream: stories start one after another, and each story's other articles
 * (copies, excerpts, rewrites, updates, other outlets' coverage) arrive interleaved with later
 * stories over the following hours or days, dated over about two years in mostly increasing order.
 */
import { Random } from './random.js';
import type { SourcePool } from './source-pool.js';
import { followUp, newStory, type ArticleKind, type Story } from './stories.js';

export interface CorpusRecord {
  id: string;
  title: string;
  text: string;
  published?: string;
  source: string;
  /** Ground truth, ignored by ingest: the story (event) the article reports and how it was made from the story's original. */
  story?: number;
  kind?: ArticleKind;
}

export interface StreamStats {
  kinds: Record<ArticleKind, number>;
  stories: number;
  largestStory: number;
}

const START = Date.UTC(2006, 0, 2, 6, 0, 0);
const PERIOD_MS = 730 * 24 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;
/** How long after the original a story's other articles appear: a day and a half, two weeks for large stories. */
const STORY_SPAN_MS = 36 * HOUR_MS;
const LARGE_STORY_SPAN_MS = 14 * 24 * HOUR_MS;
/** The kinds of a story's later articles; with ~3.4 articles a story this gives ~10% near-verbatim copies overall. */
const FOLLOW_UP_WEIGHTS: Record<Exclude<ArticleKind, 'original'>, number> = {
  duplicate: 0.14,
  excerpt: 0.07,
  paraphrase: 0.14,
  update: 0.04,
  coverage: 0.61,
};

/** Articles in one story: most 1-5, a few dozens, a rare one hundreds. */
function storySize(random: Random): number {
  const roll = random.next();
  if (roll < 0.45) return 1;
  if (roll < 0.65) return 2;
  if (roll < 0.78) return 3;
  if (roll < 0.86) return 4;
  if (roll < 0.92) return 5;
  if (roll < 0.985) return random.between(6, 15);
  if (roll < 0.998) return random.between(16, 60);
  return random.between(100, 300);
}

/**
 * `count` synthetic articles named `${prefix}NNNNNN`, numbered from `firstNumber`, spread over the
 * stream's period as `stepCount` articles would be (default `count`): a stream of `stepCount` and its
 * continuation past that are one stream.
 */
export function* syntheticArticles(
  pool: SourcePool,
  options: { count: number; seed: number; prefix?: string; firstNumber?: number; stepCount?: number },
  stats: StreamStats = emptyStats(),
): Generator<CorpusRecord> {
  const random = new Random(options.seed);
  const pending = new Map<number, Array<{ story: Story; storyNumber: number; kind: ArticleKind }>>();
  const stepMs = PERIOD_MS / Math.max(1, options.stepCount ?? options.count);
  for (let slot = 0; slot < options.count; slot++) {
    const published = new Date(START + slot * stepMs + jitter(random));
    const due = pending.get(slot) ?? [];
    pending.delete(slot);
    let next = due.shift();
    if (due.length > 0) pending.set(slot + 1, [...due, ...(pending.get(slot + 1) ?? [])]);
    if (!next) {
      const story = newStory(pool, random, published);
      const storyNumber = stats.stories;
      const size = storySize(random);
      stats.stories++;
      stats.largestStory = Math.max(stats.largestStory, size);
      const spread = Math.max(1, Math.round((size > 15 ? LARGE_STORY_SPAN_MS : STORY_SPAN_MS) / stepMs));
      for (let i = 1; i < size; i++) {
        const at = slot + random.between(1, spread);
        const bucket = pending.get(at) ?? [];
        bucket.push({ story, storyNumber, kind: random.weighted(FOLLOW_UP_WEIGHTS) });
        pending.set(at, bucket);
      }
      next = { story, storyNumber, kind: 'original' };
    }
    const draft = followUp(next.story, next.kind, pool, random);
    stats.kinds[draft.kind]++;
    const number = (options.firstNumber ?? 0) + slot;
    yield {
      id: `${options.prefix ?? 'syn/'}${String(number).padStart(6, '0')}`,
      title: draft.title,
      text: draft.paragraphs.join('\n\n'),
      published: published.toISOString(),
      source: draft.source,
      story: next.storyNumber,
      kind: draft.kind,
    };
  }
}

/** Most articles a few minutes after their slot; some (late feeds) dated up to two days earlier. */
function jitter(random: Random): number {
  return random.chance(0.08) ? -random.next() * 48 * HOUR_MS : random.next() * HOUR_MS / 3;
}

export function emptyStats(): StreamStats {
  return { kinds: { original: 0, duplicate: 0, excerpt: 0, paraphrase: 0, update: 0, coverage: 0 }, stories: 0, largestStory: 0 };
}
