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
   * Weight of the member-neighbour similarity (mean TF-IDF cosine of the article to the event's
   * `memberK` nearest members) blended with the centroid similarity: content =
   * (1 - memberWeight) * centroid + memberWeight * members. Helps headline-length texts, whose few
   * words cover little of a large event's centroid. 0 (the default) skips the member index.
   * @default 0
   */
  memberWeight?: number;
  /**
   * Nearest members averaged for the member-neighbour similarity.
   * @default 3
   */
  memberK?: number;
  /**
   * Heaviest terms of each article kept in the member index.
   * @default keyTerms
   */
  memberTerms?: number;
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
    memberWeight: options.memberWeight ?? 0,
    memberK: options.memberK ?? 3,
    memberTerms: options.memberTerms ?? options.keyTerms ?? 12,
  };
}

