/** Options of the online event clusterer ({@link EventClusterer} in events.ts). */
export interface ClusterOptions {
  /**
   * Score (content similarity times time closeness) at which an article joins an event.
   * @default 0.3
   */
  threshold?: number;
  /**
   * Days of gap between an article's date and an event's date range over which time closeness halves
   * (closeness = 2^-(gap/daySigma)^2). Unknown dates are neutral (closeness 1).
   * @default 3
   */
  daySigma?: number;
  /**
   * Weight of the title cosine (used when both the article and the event have titles).
   * @default 0.3
   */
  titleWeight?: number;
  /**
   * Weight of the entity cosine (used when both have entities; articles without entities use the
   * words of their capitalised names instead). The body cosine weighs 1.
   * @default 0.7
   */
  entityWeight?: number;
  /**
   * Days after an event's last dated article for which it stays a candidate for new articles.
   * @default 4 * daySigma
   */
  activeDays?: number;
  /**
   * Most events scored exactly per article (the best by the inverted-index lookup).
   * @default 16
   */
  maxCandidates?: number;
  /**
   * Most entries read from one term's posting list (newest first).
   * @default 100
   */
  postingScan?: number;
  /**
   * Most terms kept in an event's centroid.
   * @default 200
   */
  centroidTerms?: number;
  /**
   * Most terms kept in an article's body vector.
   * @default 150
   */
  docTerms?: number;
  /**
   * Top title and body terms an article is looked up and indexed by.
   * @default 12
   */
  keyTerms?: number;
  /**
   * Least score of a duplicate/excerpt/paraphrase/spin link that joins the linked article's event.
   * @default 0.2
   */
  relationMin?: number;
  /**
   * Centroid cosine (times time closeness) at which an event that an article also matched is merged
   * into the article's event (the older id is kept, the newer retired). 0 turns merging off.
   * @default 0.5
   */
  mergeThreshold?: number;
  /**
   * Longest date span (days) an event may reach by content: once its articles span this many days it
   * stops taking new articles (and merges), except rewrites of its own articles (duplicate/excerpt/
   * paraphrase/spin relations). Keeps recurring templated reports (earnings, weather) from chaining
   * into one endless event; the storyline links the successive events. 0 turns the cap off.
   * @default 7 * daySigma
   */
  maxSpanDays?: number;
  /**
   * Distinct content words (title and body) below which an article is a short text (a headline, a
   * headline with a snippet, a feed item). A short text shares few words with any event's centroid,
   * so it is held to `shortThreshold` and `shortMergeThreshold` instead.
   * @default 24
   */
  shortTerms?: number;
  /**
   * Join threshold for short texts (chosen on the tuning part of Google News: bench/gnews-tune.ts).
   * @default 0.15
   */
  shortThreshold?: number;
  /**
   * Merge threshold when the article that matched both events is a short text.
   * @default 0.2
   */
  shortMergeThreshold?: number;
}

export type ResolvedClusterOptions = Required<ClusterOptions>;

export function resolveClusterOptions(options: ClusterOptions = {}): ResolvedClusterOptions {
  const daySigma = options.daySigma ?? 3;
  return {
    threshold: options.threshold ?? 0.3,
    daySigma,
    titleWeight: options.titleWeight ?? 0.3,
    entityWeight: options.entityWeight ?? 0.7,
    activeDays: options.activeDays ?? 4 * daySigma,
    maxCandidates: options.maxCandidates ?? 16,
    postingScan: options.postingScan ?? 100,
    centroidTerms: options.centroidTerms ?? 200,
    docTerms: options.docTerms ?? 150,
    keyTerms: options.keyTerms ?? 12,
    relationMin: options.relationMin ?? 0.2,
    mergeThreshold: options.mergeThreshold ?? 0.5,
    maxSpanDays: options.maxSpanDays ?? 7 * daySigma,
    shortTerms: options.shortTerms ?? 24,
    shortThreshold: options.shortThreshold ?? 0.15,
    shortMergeThreshold: options.shortMergeThreshold ?? 0.2,
  };
}

