import type { JsMsg } from '@nats-io/jetstream';

/**
 * Records a worker has taken and prepared, held until every record published before them is
 * stored, so articles are stored — and the ordered step analyses them — in the order they were
 * published, however many workers prepared them and whatever was redelivered: the same order the
 * embedded pipeline reads the same inputs in. A work-queue stream drops what is acknowledged, so its
 * first sequence is the oldest record not stored yet; a worker stores the run of records it holds
 * from exactly there.
 */
export class InOrder<T> {
  private readonly held = new Map<number, { m: JsMsg; item: T }>();
  private lastKeptAlive = performance.now();

  get size(): number {
    return this.held.size;
  }

  /** Holds a record; a redelivery of one already held replaces it (only the newest delivery can be acknowledged). */
  add(m: JsMsg, item: T): void {
    this.held.set(m.seq, { m, item });
  }

  /** Takes out the records numbered `first`, `first + 1`, ... while this worker holds them. */
  takeRun(first: number): Array<{ m: JsMsg; item: T }> {
    const run: Array<{ m: JsMsg; item: T }> = [];
    for (let seq = first; this.held.has(seq); seq++) {
      run.push(this.held.get(seq)!);
      this.held.delete(seq);
    }
    return run;
  }

  /** Tells the server the held records are still being worked on (every `everyMs`), so they are not redelivered while they wait their turn. */
  keepAlive(everyMs: number): void {
    if (performance.now() - this.lastKeptAlive < everyMs) return;
    this.lastKeptAlive = performance.now();
    for (const { m } of this.held.values()) m.working();
  }
}
