/** Half-open `[begin, end)` character offsets into an article's clean `text`. */
export type Span = [begin: number, end: number];

export type InputFormat = 'text' | 'html' | 'jsonl' | 'warc' | 'feed';

/**
 * What a reader produces: one record, before cleaning. Readers fill what their
 * format carries; `clean` turns it into an `Article`.
 */
export interface RawDocument {
  /** The name the user knows it by: file name, JSONL id or url, WARC target URI. */
  name: string;
  format: InputFormat;
  /** Plain text body (text, jsonl `text`, feed item text). */
  text?: string;
  /** HTML page or fragment (html, warc, jsonl `html`, feed content). */
  html?: string;
  url?: string;
  title?: string;
  source?: string;
  byline?: string;
  /** ISO date (YYYY-MM-DD) or datetime given explicitly by the record. */
  published?: string;
  /** Where the record came from, for error messages: file path plus line or record number. */
  origin: string;
}

export interface Article {
  /** Content hash of `original` (16 hex chars of sha256): ingesting the same content again is a no-op. */
  id: string;
  /** As the user knows it: file name, JSONL id or url. */
  name: string;
  format: InputFormat;
  title: string | null;
  /** Outlet or publisher. */
  source: string | null;
  url: string | null;
  byline: string | null;
  /** e.g. "BRUSSELS (AP)". */
  dateline: string | null;
  /** YYYY-MM-DD, or null when unknown. Never the file's mtime. */
  published: string | null;
  /** Wire services credited: "AP", "Reuters", "AFP", ... */
  wire: string[];
  /** ISO 639-1 code, e.g. "en". */
  language: string | null;
  /** JSON-LD isBasedOn or similar declared origin, when the page states one. */
  basedOn: string | null;
  /** Clean body text; paragraphs separated by "\n\n". All spans point into this. */
  text: string;
  /** Paragraph spans in `text`. */
  paragraphs: Span[];
  /** Photo captions, held apart from the body. */
  captions: string[];
  /** "X contributed to this report" lines, held apart from the body. */
  contributors: string[];
  /** Word count of `text`. */
  words: number;
  /**
   * Piecewise map from `text` offsets back to the original input: each entry is
   * `[textOffset, originalOffset]`, valid until the next entry.
   */
  sourceMap: Array<[number, number]>;
}

export interface ArticleSummary {
  id: string;
  name: string;
  source: string | null;
  title: string | null;
  published: string | null;
  words: number;
}

export interface QuarantineRecord {
  /** File path (and for multi-record files the record, e.g. "feed.jsonl:17"). */
  origin: string;
  /** A code from the error catalog in core/errors.ts. */
  code: string;
  message: string;
  /** First bytes of the offending input, for inspection. */
  excerpt: string;
}

export type EditKind =
  | 'verbatim'
  | 'trimmed'
  | 'synonym-swapped'
  | 'paraphrased'
  | 'reordered'
  | 'inserted'
  | 'deleted';

export type RelationKind = 'duplicate' | 'excerpt' | 'update' | 'template' | 'paraphrase' | 'spin' | 'shared-passage';

/** One step of a word-level diff between two aligned sentences. */
export interface WordDiffOp {
  op: 'same' | 'swap' | 'insert' | 'delete';
  /** Words on side a (absent for insert). */
  a?: string;
  /** Words on side b (absent for delete). */
  b?: string;
  /** For swaps: true when the two wordings are synonyms (WordNet or spin table). */
  synonym?: boolean;
  /** For inserts and deletes: true when the other side has the same words elsewhere in the passage (moved, not added or dropped). */
  moved?: boolean;
}

/** A run of aligned sentences shared by two articles. */
export interface Passage {
  a: Span;
  b: Span;
  edit: EditKind;
  /** Similarity of the aligned text, 0..1. */
  score: number;
  /** Word-level diff of the passage, a vs b. */
  diff: WordDiffOp[];
}

export interface Relation {
  /** Article ids. */
  a: string;
  b: string;
  kind: RelationKind;
  /** 0..1, rising with how much of the two texts aligns and how closely (the strength of the link). */
  score: number;
  /** 0..1: how strongly the two cover the same story (events, people, places, dates, key terms, titles). */
  similarity: number;
  /** 0..1: the share of text one takes from the other (aligned text, boilerplate left out). */
  reuse: number;
  /** Article id of the original side, or null when the evidence is thin. */
  source: string | null;
  /** Human-readable reasons for the kind and the source verdict. */
  evidence: string[];
  passages: Passage[];
}

export interface EntityMention {
  span: Span;
  /** Canonical name of the entity (its longest full form). */
  entity: string;
}

export interface Entity {
  /** Canonical name, e.g. "Jens Stoltenberg". */
  name: string;
  kind: 'person' | 'organization' | 'place';
  aliases: string[];
  /** Roles and titles, e.g. "NATO Secretary General". */
  roles: string[];
}

export interface Quote {
  /** `${articleId}:${span[0]}` */
  id: string;
  article: string;
  /** The quoted words, without the quote marks. */
  text: string;
  span: Span;
  /** Canonical speaker name, or null when unresolved. */
  speaker: string | null;
  speakerSpan: Span | null;
  /** Cue verb as written: "said", "told", "tweeted", "according to". */
  cue: string | null;
  indirect: boolean;
  /**
   * True for a quoted fragment inside the writer's own sentence ('called it "an instrument of
   * confrontation."', 'means that "Russia is ready ..."'), false or absent for a full direct quote.
   */
  partial?: boolean;
}

export interface QuoteVariant {
  article: string;
  quote: string;
  text: string;
  span: Span;
  speaker: string | null;
  /** Word diff against the group's first (earliest) variant. */
  drift: WordDiffOp[];
  /** Flags such as "strength-changed", "meaning-changed", "speaker-changed". */
  flags: string[];
}

/** What a relation says of its two articles, without the passages and evidence behind it. */
export type RelationEnds = Pick<Relation, 'a' | 'b' | 'kind' | 'score' | 'source'>;

export interface QuoteGroup {
  id: string;
  speaker: string | null;
  variants: QuoteVariant[];
  /** How many variants (articles) and distinct wordings the group has in all: in a listed page, `variants` holds only the first of each of its first wordings. */
  variantCount?: number;
  wordings?: number;
}

/** A variant as the store keeps it: its quote, and what orders it in its group (publication date, then article name, then position). */
export type QuoteVariantRecord = Omit<QuoteVariant, 'drift' | 'flags'> & { name: string; published: string | null };

/** A quote group's header as the store keeps it beside its variants. */
export interface QuoteGroupHeader {
  id: string;
  speaker: string | null;
}

/** Why an article joined (or started) an event: the scores behind the decision. */
export interface JoinReason {
  article: string;
  action: 'started' | 'joined' | 'merged' | 'split';
  /** Best similarity found, and its parts. */
  score: number;
  parts: Record<string, number>;
  note: string;
}

export interface EventCoverage {
  /** The outlet; null for the articles whose outlet is unknown. */
  source: string | null;
  /** Article ids that are wire copies or rewrites of another article in the event. */
  copies: string[];
  /** Article ids that are original reporting. */
  original: string[];
}

export interface StoryEvent {
  /** Stable id: "E" + sequence number, never reassigned. */
  id: string;
  title: string;
  /** YYYY-MM-DD span; null when no member is dated. */
  dateBegin: string | null;
  dateEnd: string | null;
  articles: string[];
  entities: string[];
  reasons: JoinReason[];
}

export interface Storyline {
  id: string;
  title: string;
  /** Event ids in timeline order. */
  events: string[];
  reasons: string[];
}

/** What is shown of an event apart from its members: id, title, dates, key entities. */
export type EventHeader = Omit<StoryEvent, 'articles' | 'reasons'>;

/**
 * One change to the storylines, as the storyline builder decides them and the store applies them in
 * order. `begin` (days since 1970, null when undated) and `seq` (the event's creation order) place
 * an event on its storyline's timeline.
 */
export type StorylineChange =
  | { kind: 'joined'; storyline: string; event: string; reason: string; begin: number | null; seq: number }
  | { kind: 'dated'; storyline: string; event: string; begin: number | null; seq: number }
  | { kind: 'left'; storyline: string; event: string }
  | { kind: 'ended'; storyline: string }
  | { kind: 'title'; storyline: string; title: string };
