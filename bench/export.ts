/**
 * Exports of every table, CSV and JSON, streamed through GET /api/export/{table}.{format} from a
 * synthetic database (by default 40,000 articles, 20,000 relations, 10,000 events, 4,000 quote
 * groups): rows, bytes, time, and how far the heap grew above what it held before the export, which
 * stays flat when the export pages through the store instead of loading the table.
 * Run: npx tsc -p tsconfig.json && node --expose-gc dist/bench/export.js [--count 40000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/server/app.js';
import { EXPORT_TABLES } from '../src/pipeline/export.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { fillSyntheticStore } from './synthetic/store-fill.js';

const i = process.argv.indexOf('--count');
const count = i >= 0 ? Number(process.argv[i + 1]) : 40_000;
const dir = mkdtempSync(path.join(os.tmpdir(), 'wiretrace-bench-export-'));
const store = openSqliteStore(path.join(dir, 'bench.db'));
const t0 = performance.now();
await fillSyntheticStore(store, count);
console.log(`filled ${count} articles in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const gc = (globalThis as { gc?: () => void }).gc;
const app = createApp(store);
const results = [];
for (const table of EXPORT_TABLES) {
  for (const format of ['csv', 'json']) {
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let peak = heapBefore;
    const t = performance.now();
    const response = await app.request(`/api/export/${table}.${format}`);
    const reader = response.body!.getReader();
    let bytes = 0;
    let lines = 0;
    let chunks = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      for (const b of value) if (b === 10) lines++;
      if (++chunks % 500 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    const seconds = (performance.now() - t) / 1000;
    // CSV: a header line, then a line per row; JSON: a line per row, then the closing bracket's two.
    const rows = format === 'csv' ? lines - 1 : lines - 2;
    const row = { table, format, status: response.status, rows, mb: +(bytes / 1e6).toFixed(1), seconds: +seconds.toFixed(1), rowsPerSecond: Math.round(rows / seconds), heapGrowthMb: +((peak - heapBefore) / 1e6).toFixed(1) };
    results.push(row);
    console.log(`${table.padEnd(10)} ${format.padEnd(4)} ${String(rows).padStart(7)} rows ${row.mb.toFixed(1).padStart(6)} MB ${row.seconds.toFixed(1).padStart(6)} s  heap +${row.heapGrowthMb} MB`);
  }
}
console.log(JSON.stringify({ count, gc: gc !== undefined, results }));
await store.close();
rmSync(dir, { recursive: true, force: true });
