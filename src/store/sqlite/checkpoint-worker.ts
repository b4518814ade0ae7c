/** Worker-thread entry of Checkpointer: PASSIVE checkpoints of one SQLite file, when asked, at most one every CHECKPOINT_EVERY_MS. */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { CheckpointerData, CheckpointerMessage } from './checkpointer.js';

if (!parentPort) throw new Error('checkpoint-worker.js runs as a worker thread of Checkpointer');
const port = parentPort;

/**
 * Shortest time between two checkpoints: each one syncs the WAL and the database file, so copying
 * a few uploads' pages at once (pages they share copied once) costs less than copying after each.
 */
const CHECKPOINT_EVERY_MS = 250;

const db = new Database((workerData as CheckpointerData).file, { fileMustExist: true });
let last = 0;
let timer: NodeJS.Timeout | null = null;

function checkpoint(): void {
  timer = null;
  last = Date.now();
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or gone: the writer's auto-checkpoint copies the frames instead.
  }
}

port.on('message', (message: CheckpointerMessage) => {
  if (message === 'close') {
    if (timer) clearTimeout(timer);
    db.close();
    port.close();
    return;
  }
  timer ??= setTimeout(checkpoint, Math.max(0, last + CHECKPOINT_EVERY_MS - Date.now()));
});
