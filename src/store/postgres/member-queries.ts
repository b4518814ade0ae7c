/**
 * Event and storyline membership, one member at a time (the PostgreSQL side of
 * ../sqlite/member-writes.ts): each write costs the same however large the event or storyline is.
 */
import type { EventHeader, JoinReason, StoryEvent, Storyline, StorylineChange } from '../../core/types.js';
import { withArticles, type Sql } from './sql.js';

type EventMembers = { articles: string[]; reasons: JoinReason[] };
type StorylineMembers = { events: string[]; reasons: string[] };

export class MemberQueries {
  constructor(private readonly sql: Sql) {}

  async putEventHeader(h: EventHeader): Promise<void> {
    await this.sql.rows(
      `INSERT INTO events (id, title, date_begin, date_end, entities, reasons) VALUES ($1, $2, $3, $4, $5, '[]')
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, date_begin = excluded.date_begin, date_end = excluded.date_end, entities = excluded.entities`,
      [h.id, h.title, h.dateBegin, h.dateEnd, JSON.stringify(h.entities)],
    );
  }

  async addEventMember(eventId: string, reason: JoinReason): Promise<void> {
    await withArticles(reason.article, () =>
      this.sql.rows(
        `INSERT INTO event_articles (event_id, article_id, position, reason)
         VALUES ($1, $2, (SELECT COALESCE(MAX(position), -1) + 1 FROM event_articles WHERE event_id = $1), $3)`,
        [eventId, reason.article, JSON.stringify(reason)],
      ),
    );
  }

  /** Replaces an event's members (a whole-event write). */
  async replaceEventMembers(event: StoryEvent): Promise<void> {
    await this.sql.rows('DELETE FROM event_articles WHERE event_id = $1', [event.id]);
    if (event.articles.length === 0) return;
    const reasonOf = new Map(event.reasons.map((r) => [r.article, r]));
    const reasons = event.articles.map((a) => (reasonOf.has(a) ? JSON.stringify(reasonOf.get(a)) : null));
    await withArticles(event.articles.join(', '), () =>
      this.sql.rows(
        `INSERT INTO event_articles (event_id, article_id, position, reason)
         SELECT $1, article, position - 1, reason FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS m(article, reason, position)`,
        [event.id, event.articles, reasons],
      ),
    );
  }

  /** Moves `from`'s members to the end of `into`, their reasons rewritten as SQLite's json_set does. */
  async mergeEvent(from: string, into: string, note: string, score: number): Promise<void> {
    await this.sql.rows(
      `WITH start AS (SELECT COALESCE(MAX(position), -1) + 1 AS at FROM event_articles WHERE event_id = $2)
       UPDATE event_articles SET event_id = $2, position = position + (SELECT at FROM start),
         reason = jsonb_set(jsonb_set(jsonb_set(reason::jsonb, '{action}', '"merged"'), '{parts,merge}', to_jsonb($3::float8)),
           '{note}', COALESCE(to_jsonb($4 || '; before: ' || (reason::jsonb ->> 'action') || ', ' || (reason::jsonb ->> 'note')), 'null'::jsonb))::text
       WHERE event_id = $1`,
      [from, into, score, note],
    );
    await this.sql.rows('DELETE FROM events WHERE id = $1', [from]);
  }

  /** Each event's members in the order they joined, with the reasons they joined. */
  async eventMembers(eventIds: readonly string[]): Promise<Map<string, EventMembers>> {
    const out = new Map<string, EventMembers>(eventIds.map((id) => [id, { articles: [], reasons: [] }]));
    if (eventIds.length === 0) return out;
    const rows = await this.sql.rows<{ event_id: string; article_id: string; reason: string | null }>(
      'SELECT event_id, article_id, reason FROM event_articles WHERE event_id = ANY($1::text[]) ORDER BY event_id, position',
      [eventIds],
    );
    for (const r of rows) {
      const members = out.get(r.event_id)!;
      members.articles.push(r.article_id);
      if (r.reason) members.reasons.push(JSON.parse(r.reason) as JoinReason);
    }
    return out;
  }

  async applyStorylineChanges(changes: readonly StorylineChange[]): Promise<void> {
    for (const c of changes) {
      switch (c.kind) {
        case 'joined':
          // The storyline is created (listed last) when new, in the same statement.
          await this.sql.rows(
            `WITH s AS (
               INSERT INTO storylines (id, title, position) VALUES ($2, '', (SELECT COALESCE(MAX(position), -1) + 1 FROM storylines))
               ON CONFLICT (id) DO NOTHING
             )
             INSERT INTO storyline_events (event_id, storyline_id, begin_day, seq, reason) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (event_id) DO UPDATE SET storyline_id = excluded.storyline_id, begin_day = excluded.begin_day, seq = excluded.seq, reason = excluded.reason`,
            [c.event, c.storyline, c.begin, c.seq, c.reason],
          );
          break;
        case 'dated':
          await this.sql.rows('UPDATE storyline_events SET begin_day = $1, seq = $2 WHERE event_id = $3 AND storyline_id = $4', [c.begin, c.seq, c.event, c.storyline]);
          break;
        case 'left':
          await this.sql.rows('DELETE FROM storyline_events WHERE event_id = $1 AND storyline_id = $2', [c.event, c.storyline]);
          break;
        case 'ended':
          await this.sql.rows('DELETE FROM storylines WHERE id = $1', [c.storyline]);
          break;
        case 'title':
          await this.sql.rows('UPDATE storylines SET title = $1 WHERE id = $2', [c.title, c.storyline]);
          break;
      }
    }
  }

  /** Replaces a storyline's members (a whole-storyline write): the events in order, each with its reason. */
  async replaceStorylineMembers(s: Storyline): Promise<void> {
    await this.sql.rows('DELETE FROM storyline_events WHERE storyline_id = $1', [s.id]);
    if (s.events.length === 0) return;
    await this.sql.rows(
      `INSERT INTO storyline_events (event_id, storyline_id, begin_day, seq, reason)
       SELECT event, $1, NULL, position - 1, COALESCE(($3::text[])[position], '') FROM unnest($2::text[]) WITH ORDINALITY AS m(event, position)
       ON CONFLICT (event_id) DO UPDATE SET storyline_id = excluded.storyline_id, begin_day = NULL, seq = excluded.seq, reason = excluded.reason`,
      [s.id, s.events, s.reasons],
    );
  }

  /** Each storyline's events in timeline order (date, then creation), with the reasons they joined. */
  async storylineMembers(ids: readonly string[]): Promise<Map<string, StorylineMembers>> {
    const out = new Map<string, StorylineMembers>(ids.map((id) => [id, { events: [], reasons: [] }]));
    if (ids.length === 0) return out;
    const rows = await this.sql.rows<{ storyline_id: string; event_id: string; reason: string }>(
      `SELECT storyline_id, event_id, reason FROM storyline_events WHERE storyline_id = ANY($1::text[])
       ORDER BY storyline_id, (begin_day IS NULL), begin_day, seq`,
      [ids],
    );
    for (const r of rows) {
      const members = out.get(r.storyline_id)!;
      members.events.push(r.event_id);
      if (r.reason !== '') members.reasons.push(r.reason);
    }
    return out;
  }
}
