/**
 * Event and storyline membership, one member at a time: each write costs the same however large
 * the event or storyline is (indexed appends, moves and deletes; nothing read whole).
 */
import type Database from 'better-sqlite3';
import type { EventHeader, JoinReason, StorylineChange } from '../../core/types.js';

type Db = Database.Database;
type Prepare = (sql: string) => Database.Statement;

export function putEventHeader(stmt: Prepare, h: EventHeader): void {
  stmt(
    `INSERT INTO events (id, title, date_begin, date_end, entities, reasons) VALUES (?, ?, ?, ?, ?, '[]')
     ON CONFLICT(id) DO UPDATE SET title = excluded.title, date_begin = excluded.date_begin,
       date_end = excluded.date_end, entities = excluded.entities`,
  ).run(h.id, h.title, h.dateBegin, h.dateEnd, JSON.stringify(h.entities));
}

function nextPosition(stmt: Prepare, eventId: string): number {
  return (stmt('SELECT COALESCE(MAX(position), -1) + 1 AS n FROM event_articles WHERE event_id = ?').get(eventId) as { n: number }).n;
}

export function addEventMember(stmt: Prepare, eventId: string, reason: JoinReason): void {
  stmt('INSERT INTO event_articles (event_id, article_id, position, reason) VALUES (?, ?, ?, ?)').run(
    eventId,
    reason.article,
    nextPosition(stmt, eventId),
    JSON.stringify(reason),
  );
}

export function mergeEvent(db: Db, stmt: Prepare, from: string, into: string, note: string, score: number): void {
  db.transaction(() => {
    const offset = nextPosition(stmt, into);
    stmt(
      `UPDATE event_articles SET event_id = @into, position = position + @offset,
         reason = json_set(reason, '$.action', 'merged', '$.parts.merge', @score,
           '$.note', @note || '; before: ' || json_extract(reason, '$.action') || ', ' || json_extract(reason, '$.note'))
       WHERE event_id = @from`,
    ).run({ into, from, offset, score, note });
    stmt('DELETE FROM events WHERE id = ?').run(from);
  })();
}

export function applyStorylineChanges(db: Db, stmt: Prepare, changes: readonly StorylineChange[]): void {
  db.transaction(() => {
    for (const c of changes) {
      switch (c.kind) {
        case 'joined':
          stmt(
            `INSERT INTO storylines (id, title, events, reasons, position)
             VALUES (?, '', '[]', '[]', (SELECT COALESCE(MAX(position), -1) + 1 FROM storylines))
             ON CONFLICT(id) DO NOTHING`,
          ).run(c.storyline);
          stmt(
            `INSERT INTO storyline_events (event_id, storyline_id, begin_day, seq, reason) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT(event_id) DO UPDATE SET storyline_id = excluded.storyline_id, begin_day = excluded.begin_day,
               seq = excluded.seq, reason = excluded.reason`,
          ).run(c.event, c.storyline, c.begin, c.seq, c.reason);
          break;
        case 'dated':
          stmt('UPDATE storyline_events SET begin_day = ?, seq = ? WHERE event_id = ? AND storyline_id = ?').run(c.begin, c.seq, c.event, c.storyline);
          break;
        case 'left':
          stmt('DELETE FROM storyline_events WHERE event_id = ? AND storyline_id = ?').run(c.event, c.storyline);
          break;
        case 'ended':
          stmt('DELETE FROM storylines WHERE id = ?').run(c.storyline);
          break;
        case 'title':
          stmt('UPDATE storylines SET title = ? WHERE id = ?').run(c.title, c.storyline);
          break;
      }
    }
  })();
}

/** A storyline's events in timeline order (date, then creation), with the reasons they joined. */
export function storylineMembers(stmt: Prepare, storylineId: string): { events: string[]; reasons: string[] } {
  const rows = stmt(
    'SELECT event_id, reason FROM storyline_events WHERE storyline_id = ? ORDER BY begin_day IS NULL, begin_day, seq',
  ).all(storylineId) as Array<{ event_id: string; reason: string }>;
  return { events: rows.map((r) => r.event_id), reasons: rows.map((r) => r.reason).filter((r) => r !== '') };
}

/** An event's members in the order they joined, with their reasons. */
export function eventMembers(stmt: Prepare, eventId: string): { articles: string[]; reasons: JoinReason[] } {
  const rows = stmt('SELECT article_id, reason FROM event_articles WHERE event_id = ? ORDER BY position').all(eventId) as Array<{
    article_id: string;
    reason: string | null;
  }>;
  return {
    articles: rows.map((r) => r.article_id),
    reasons: rows.flatMap((r) => (r.reason ? [JSON.parse(r.reason) as JoinReason] : [])),
  };
}

export const MEMBERS_MIGRATION = `
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
