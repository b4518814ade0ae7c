import { statSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { walkFolder } from '../ingest/walk.js';
import type { IngestProgress } from '../pipeline/ingest.js';

export interface ProgressReporter {
  update(progress: IngestProgress): void;
  stop(): void;
}

/** Counts the files under the inputs, for an ETA, as the readers' own walk finds them; URLs and stdin count as one. */
export function countFiles(inputs: string[]): number {
  let n = 0;
  for (const input of inputs) {
    if (input === '-' || /^https?:\/\//.test(input)) n++;
    else if (isFolder(input)) {
      for (const entry of walkFolder(input)) if ('file' in entry) n++;
    } else n++;
  }
  return n;
}

function isFolder(input: string): boolean {
  try {
    return statSync(input).isDirectory();
  } catch (error) {
    void error; // missing, or a link loop: the reader reports it
    return false;
  }
}

/** A bar (records/s, ETA) on a terminal; plain progress lines every few seconds on a pipe. */
export function progressReporter(total: number, stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: '{phase} [{bar}] {value}/{total} | {rate}/s | ETA {eta_formatted} | {name}', stream, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = Date.now();
    let phase: IngestProgress['phase'] = 'read';
    bar.start(Math.max(total, 1), 0, { rate: '0', name: '', phase: 'read' });
    return {
      update(p) {
        if (p.phase !== phase) {
          phase = p.phase;
          started = Date.now();
          bar.start(Math.max(p.total, 1), 0, { rate: '0', name: '', phase });
        }
        if (p.done > bar.getTotal()) bar.setTotal(p.done);
        const seconds = Math.max((Date.now() - started) / 1000, 0.001);
        bar.update(p.done, { rate: (p.done / seconds).toFixed(0), name: p.name.slice(-40), phase });
      },
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  let started = Date.now();
  let phase: IngestProgress['phase'] = 'read';
  return {
    update(p) {
      const now = Date.now();
      if (p.phase !== phase) {
        phase = p.phase;
        started = now;
      }
      if (now - last < 2000) return;
      last = now;
      const rate = p.done / Math.max((now - started) / 1000, 0.001);
      const of = phase === 'read' ? total : p.total;
      stream.write(`${phase}: ${p.done}${of ? `/${of}` : ''} articles, ${rate.toFixed(0)}/s\n`);
    },
    stop: () => undefined,
  };
}
