/**
 * Event and storyline membership, one member at a time: each write costs the same however large
 * the event or storyline is (indexed appends, moves and deletes; nothing read whole).
 */
import type { EventHeader, JoinReason, StoryEvent, Storyline, StorylineChange } from '../../core/types.js';
import { withArticles, type Statements } from './statements.js';

/** The member tables, added with the derived-state rows (schema v4). */
export const MEMBER_TABLES = `
  ALTER TABLE event_articles ADD COLUMN reason TEXT;
  CREATE TABLE storyline_events (
    event_id TEXT PRIMARY KEY,
    storyline_id TEXT NOT NULL REFERENCES storylines(id) ON DELETE CASCADE,
    begin_day INTEGER,
    seq INTEGER NOT NULL,
    reason TEXT NOT NULL
  );
  CREATE INDEX storyline_events_line ON storyline_events(storyline_id, begin_day IS NULL, begin_day, seq);
`;

export class MemberTables {
  constructor(private readonly st: Statements) {}

  putEventHeader(h: EventHeader): void {
    this.st.get(
      `INSERT INTO events (id, title, date_begin, date_end, entities, reasons) VALUES (?, ?, ?, ?, ?, '[]')
       ON CONFLICT(id) DO UPDATE SET title = excluded.title, date_begin = excluded.date_begin,
         date_end = excluded.date_end, entities = excluded.entities`,
    ).run(h.id, h.title, h.dateBegin, h.dateEnd, JSON.stringify(h.entities));
  }

  addEventMember(eventId: string, reason: JoinReason): void {
    withArticles(reason.article, () =>
      this.st.get('INSERT INTO event_articles (event_id, article_id, position, reason) VALUES (?, ?, ?, ?)').run(
        eventId,
        reason.article,
        this.nextPosition(eventId),
        JSON.stringify(reason),
      ),
    );
  }

  /** Replaces an event's members (a whole-event write). */
  replaceEventMembers(event: StoryEvent): void {
    this.st.get('DELETE FROM event_articles WHERE event_id = ?').run(event.id);
    const insert = this.st.get('INSERT INTO event_articles (event_id, article_id, position, reason) VALUES (?, ?, ?, ?)');
    const reasonOf = new Map(event.reasons.map((r) => [r.article, r]));
    withArticles(event.articles.join(', '), () => {
      event.articles.forEach((article, position) => {
        const reason = reasonOf.get(article);
        insert.run(event.id, article, position, reason ? JSON.stringify(reason) : null);
      });
    });
  }

  mergeEvent(from: string, into: string, note: string, score: number): void {
    this.st.atomically(() => {
      const offset = this.nextPosition(into);
      this.st.get(
        `UPDATE event_articles SET event_id = @into, position = position + @offset,
           reason = json_set(reason, '$.action', 'merged', '$.parts.merge', @score,
             '$.note', @note || '; before: ' || json_extract(reason, '$.action') || ', ' || json_extract(reason, '$.note'))
         WHERE event_id = @from`,
      ).run({ into, from, offset, score, note });
      this.st.get('DELETE FROM events WHERE id = ?').run(from);
    });
  }

  /** An event's members in the order they joined, with the reasons they joined. */
  eventMembers(eventId: string): { articles: string[]; reasons: JoinReason[] } {
    const rows = this.st.get('SELECT article_id, reason FROM event_articles WHERE event_id = ? ORDER BY position').all(eventId) as Array<{
      article_id: string;
      reason: string | null;
    }>;
    return {
      articles: rows.map((r) => r.article_id),
      reasons: rows.flatMap((r) => (r.reason ? [JSON.parse(r.reason) as JoinReason] : [])),
    };
  }

  applyStorylineChanges(changes: readonly StorylineChange[]): void {
    this.st.atomically(() => {
      for (const c of changes) {
        switch (c.kind) {
          case 'joined':
            this.ensureStoryline(c.storyline);
            this.st.get(
              `INSERT INTO storyline_events (event_id, storyline_id, begin_day, seq, reason) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT(event_id) DO UPDATE SET storyline_id = excluded.storyline_id, begin_day = excluded.begin_day,
                 seq = excluded.seq, reason = excluded.reason`,
            ).run(c.event, c.storyline, c.begin, c.seq, c.reason);
            break;
          case 'dated':
            this.st.get('UPDATE storyline_events SET begin_day = ?, seq = ? WHERE event_id = ? AND storyline_id = ?').run(c.begin, c.seq, c.event, c.storyline);
            break;
          case 'left':
            this.st.get('DELETE FROM storyline_events WHERE event_id = ? AND storyline_id = ?').run(c.event, c.storyline);
            break;
          case 'ended':
            this.st.get('DELETE FROM storylines WHERE id = ?').run(c.storyline);
            break;
          case 'title':
            this.st.get('UPDATE storylines SET title = ? WHERE id = ?').run(c.title, c.storyline);
            break;
        }
      }
    });
  }

  /** Replaces a storyline's members (a whole-storyline write): the events in order, each with its reason. */
  replaceStorylineMembers(s: Storyline): void {
    this.st.get('DELETE FROM storyline_events WHERE storyline_id = ?').run(s.id);
    const insert = this.st.get(
      `INSERT INTO storyline_events (event_id, storyline_id, begin_day, seq, reason) VALUES (?, ?, NULL, ?, ?)
       ON CONFLICT(event_id) DO UPDATE SET storyline_id = excluded.storyline_id, begin_day = NULL, seq = excluded.seq, reason = excluded.reason`,
    );
    s.events.forEach((event, i) => insert.run(event, s.id, i, s.reasons[i] ?? ''));
  }

  /** A storyline's events in timeline order (date, then creation), with the reasons they joined. */
  storylineMembers(storylineId: string): { events: string[]; reasons: string[] } {
    const rows = this.st
      .get('SELECT event_id, reason FROM storyline_events WHERE storyline_id = ? ORDER BY begin_day IS NULL, begin_day, seq')
      .all(storylineId) as Array<{ event_id: string; reason: string }>;
    return { events: rows.map((r) => r.event_id), reasons: rows.map((r) => r.reason).filter((r) => r !== '') };
  }

  private ensureStoryline(id: string): void {
    this.st.get(
      `INSERT INTO storylines (id, title, events, reasons, position)
       VALUES (?, '', '[]', '[]', (SELECT COALESCE(MAX(position), -1) + 1 FROM storylines))
       ON CONFLICT(id) DO NOTHING`,
    ).run(id);
  }

  private nextPosition(eventId: string): number {
    return this.st.get('SELECT COALESCE(MAX(position), -1) + 1 FROM event_articles WHERE event_id = ?').pluck().get(eventId) as number;
  }
}
