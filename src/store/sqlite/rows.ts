/**
 * Row <-> record mapping for the SQLite tables. Lists and spans are stored as JSON
 * text; booleans as 0/1.
 */
import type {
  Article,
  ArticleSummary,
  Entity,
  InputFormat,
  Passage,
  QuarantineRecord,
  Quote,
  QuoteVariantRecord,
  Relation,
  RelationKind,
  Span,
  StoryEvent,
  Storyline,
} from '../../core/types.js';

export interface ArticleRow {
  id: string;
  name: string;
  format: string;
  title: string | null;
  source: string | null;
  url: string | null;
  byline: string | null;
  dateline: string | null;
  published: string | null;
  wire: string;
  language: string | null;
  based_on: string | null;
  text: string;
  paragraphs: string;
  captions: string;
  contributors: string;
  words: number;
  source_map: string;
  ingested_at: string;
}

export type SummaryRow = Pick<ArticleRow, 'id' | 'name' | 'source' | 'title' | 'published' | 'words'>;

export const SUMMARY_COLUMNS = 'id, name, source, title, published, words';

export function articleToRow(a: Article, ingestedAt: string): ArticleRow {
  return {
    id: a.id,
    name: a.name,
    format: a.format,
    title: a.title,
    source: a.source,
    url: a.url,
    byline: a.byline,
    dateline: a.dateline,
    published: a.published,
    wire: JSON.stringify(a.wire),
    language: a.language,
    based_on: a.basedOn,
    text: a.text,
    paragraphs: JSON.stringify(a.paragraphs),
    captions: JSON.stringify(a.captions),
    contributors: JSON.stringify(a.contributors),
    words: a.words,
    source_map: JSON.stringify(a.sourceMap),
    ingested_at: ingestedAt,
  };
}

export function rowToArticle(r: ArticleRow): Article {
  return {
    id: r.id,
    name: r.name,
    format: r.format as InputFormat,
    title: r.title,
    source: r.source,
    url: r.url,
    byline: r.byline,
    dateline: r.dateline,
    published: r.published,
    wire: JSON.parse(r.wire) as string[],
    language: r.language,
    basedOn: r.based_on,
    text: r.text,
    paragraphs: JSON.parse(r.paragraphs) as Span[],
    captions: JSON.parse(r.captions) as string[],
    contributors: JSON.parse(r.contributors) as string[],
    words: r.words,
    sourceMap: JSON.parse(r.source_map) as Array<[number, number]>,
  };
}

export function rowToSummary(r: SummaryRow): ArticleSummary {
  return { id: r.id, name: r.name, source: r.source, title: r.title, published: r.published, words: r.words };
}

export interface QuarantineRow extends QuarantineRecord {
  at: string;
}

export function rowToQuarantine(r: QuarantineRow): QuarantineRecord {
  return { origin: r.origin, code: r.code, message: r.message, excerpt: r.excerpt };
}

export interface RelationRow {
  a: string;
  b: string;
  kind: string;
  score: number;
  similarity: number;
  reuse: number;
  source: string | null;
  evidence: string;
  passages: string;
}

export function relationToRow(r: Relation): RelationRow {
  return {
    a: r.a,
    b: r.b,
    kind: r.kind,
    score: r.score,
    similarity: r.similarity,
    reuse: r.reuse,
    source: r.source,
    evidence: JSON.stringify(r.evidence),
    passages: passagesToJson(r.passages),
  };
}

/**
 * Words a passage's two sides share letter for letter are stored once (side b of an unchanged run
 * is side a again): a third less to write for a copy.
 */
function passagesToJson(passages: readonly Passage[]): string {
  return JSON.stringify(passages.map((p) => ({ ...p, diff: p.diff.map((d) => (d.op === 'same' && d.b === d.a ? { op: d.op, a: d.a } : d)) })));
}

function passagesFromJson(json: string): Passage[] {
  const passages = JSON.parse(json) as Passage[];
  for (const p of passages) for (const d of p.diff) if (d.op === 'same' && d.b === undefined) d.b = d.a;
  return passages;
}

export function rowToRelation(r: RelationRow): Relation {
  return {
    a: r.a,
    b: r.b,
    kind: r.kind as RelationKind,
    score: r.score,
    similarity: r.similarity,
    reuse: r.reuse,
    source: r.source,
    evidence: JSON.parse(r.evidence) as string[],
    passages: passagesFromJson(r.passages),
  };
}

export interface EventRow {
  id: string;
  title: string;
  date_begin: string | null;
  date_end: string | null;
  entities: string;
  reasons: string;
}

export function rowToEvent(r: EventRow, members: { articles: string[]; reasons: StoryEvent['reasons'] }): StoryEvent {
  return {
    id: r.id,
    title: r.title,
    dateBegin: r.date_begin,
    dateEnd: r.date_end,
    articles: members.articles,
    entities: JSON.parse(r.entities) as string[],
    reasons: members.reasons,
  };
}

export interface StorylineRow {
  id: string;
  title: string;
  events: string;
  reasons: string;
  position: number;
}

export function rowToStoryline(r: StorylineRow, members: { events: string[]; reasons: string[] }): Storyline {
  return { id: r.id, title: r.title, events: members.events, reasons: members.reasons };
}

export interface QuoteRow {
  id: string;
  article: string;
  text: string;
  span_begin: number;
  span_end: number;
  speaker: string | null;
  speaker_span: string | null;
  cue: string | null;
  indirect: number;
}

export function quoteToRow(q: Quote): QuoteRow {
  return {
    id: q.id,
    article: q.article,
    text: q.text,
    span_begin: q.span[0],
    span_end: q.span[1],
    speaker: q.speaker,
    speaker_span: q.speakerSpan === null ? null : JSON.stringify(q.speakerSpan),
    cue: q.cue,
    indirect: q.indirect ? 1 : 0,
  };
}

export function rowToQuote(r: QuoteRow): Quote {
  return {
    id: r.id,
    article: r.article,
    text: r.text,
    span: [r.span_begin, r.span_end],
    speaker: r.speaker,
    speakerSpan: r.speaker_span === null ? null : (JSON.parse(r.speaker_span) as Span),
    cue: r.cue,
    indirect: r.indirect !== 0,
  };
}

export interface QuoteGroupRow {
  id: string;
  speaker: string | null;
  variant_count: number;
  /** Distinct wordings among the variants. */
  wordings: number;
  position: number;
}

export interface QuoteVariantRow {
  group_id: string;
  article: string;
  quote: string;
  text: string;
  span_begin: number;
  span_end: number;
  speaker: string | null;
  published: string | null;
  name: string;
}

export function quoteVariantToRow(group: string, v: QuoteVariantRecord): QuoteVariantRow {
  return { group_id: group, article: v.article, quote: v.quote, text: v.text, span_begin: v.span[0], span_end: v.span[1], speaker: v.speaker, published: v.published, name: v.name };
}

export function rowToQuoteVariant(r: QuoteVariantRow): QuoteVariantRecord {
  return { article: r.article, quote: r.quote, text: r.text, span: [r.span_begin, r.span_end], speaker: r.speaker, published: r.published, name: r.name };
}

export interface EntityRow {
  article: string;
  position: number;
  name: string;
  kind: string;
  aliases: string;
  roles: string;
}

export function entityToRow(article: string, e: Entity, position: number): EntityRow {
  return { article, position, name: e.name, kind: e.kind, aliases: JSON.stringify(e.aliases), roles: JSON.stringify(e.roles) };
}

export function rowToEntity(r: EntityRow): Entity {
  return {
    name: r.name,
    kind: r.kind as Entity['kind'],
    aliases: JSON.parse(r.aliases) as string[],
    roles: JSON.parse(r.roles) as string[],
  };
}

/** `found` in the order of `ids` (each once, as often as asked), missing ones left out. */
export function inOrderAsked<T extends { id: string }>(ids: readonly string[], found: readonly T[]): T[] {
  const byId = new Map(found.map((x) => [x.id, x]));
  return ids.flatMap((id) => {
    const x = byId.get(id);
    return x ? [x] : [];
  });
}
