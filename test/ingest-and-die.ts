/**
 * Not a test: a child process for the checkpoint tests. Ingests a file into a database and kills
 * itself with SIGKILL (as kill -9 would) right after the given number of articles were analysed,
 * in the middle of a checkpoint. Usage: node ingest-and-die.js DB FILE AFTER
 */
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ingestPaths } from '../src/pipeline/ingest.js';

const [db, file, after] = process.argv.slice(2) as [string, string, string];
const store = openSqliteStore(db);
await ingestPaths(store, [file], {
  workers: 0,
  checkpointMs: 0,
  onProgress: (p) => {
    if (p.phase === 'analyze' && p.done >= Number(after)) process.kill(process.pid, 'SIGKILL');
  },
});
