import { statSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { walkFolder } from '../ingest/walk.js';
import type { IngestProgress } from '../pipeline/ingest.js';

export interface ProgressReporter {
  update(progress: IngestProgress): void;
  /** A step with no count of its own (e.g. the final counts); printed at once. */
  note(message: string): void;
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

/** Seconds between progress lines on a pipe. */
const PIPE_EVERY_MS = 2000;

/**
 * Reading counts records (a JSONL file or a feed holds many), out of no known total; analysing counts
 * articles out of those pending. On a terminal: a counter while reading, a bar with an ETA while
 * analysing. On a pipe: a line every two seconds and where each phase ends, so a long ingest is never silent.
 */
export function progressReporter(files: number, stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  return stream.isTTY ? terminalReporter(files, stream) : pipeReporter(files, stream);
}

function terminalReporter(files: number, stream: NodeJS.WriteStream): ProgressReporter {
  const formats: Record<IngestProgress['phase'], string> = {
    read: `read    {value} records of ${plural(files, 'file')} | {rate}/s | {name}`,
    analyze: 'analyse [{bar}] {value}/{total} articles | {rate}/s | ETA {eta_formatted} | {name}',
  };
  // One line per phase, updated in place as reading and analysing take turns batch by batch.
  let bars: cliProgress.MultiBar | null = null;
  const lines = new Map<IngestProgress['phase'], cliProgress.SingleBar>();
  const started = Date.now();
  const stop = () => {
    bars?.stop();
    bars = null;
    lines.clear();
  };
  return {
    update(p) {
      bars ??= new cliProgress.MultiBar({ stream, hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
      let bar = lines.get(p.phase);
      if (!bar) lines.set(p.phase, (bar = bars.create(Math.max(p.total, p.done, 1), p.done, { rate: '0', name: '' }, { format: formats[p.phase] })));
      if (Math.max(p.done, p.total) > bar.getTotal()) bar.setTotal(Math.max(p.done, p.total));
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      bar.update(p.done, { rate: (p.done / seconds).toFixed(0), name: p.name.slice(-40) });
    },
    note(message) {
      stop();
      stream.write(`${message}\n`);
    },
    stop,
  };
}

function pipeReporter(files: number, stream: NodeJS.WriteStream): ProgressReporter {
  let last = 0;
  // Reading and analysing take turns batch by batch: rates are counted from the start of the ingest.
  const started = Date.now();
  let phase: IngestProgress['phase'] | null = null;
  let latest: IngestProgress | null = null;
  let printed = false;
  const line = (p: IngestProgress, now: number): string => {
    const rate = p.done / Math.max((now - started) / 1000, 0.001);
    const count = p.phase === 'read' ? `read ${plural(p.done, 'record')} of ${plural(files, 'file')}` : `analysed ${p.done}/${plural(p.total, 'article')}`;
    return `${count}, ${rate.toFixed(0)}/s\n`;
  };
  return {
    update(p) {
      const now = Date.now();
      if (p.phase !== phase) {
        // Where the phase that ended got to, unless that line is out already.
        if (latest && !printed) stream.write(line(latest, now));
        phase = p.phase;
      }
      latest = p;
      printed = false;
      if (now - last < PIPE_EVERY_MS) return;
      last = now;
      printed = true;
      stream.write(line(p, now));
    },
    note(message) {
      if (latest && !printed) stream.write(line(latest, Date.now()));
      latest = null;
      stream.write(`${message}\n`);
    },
    stop: () => undefined,
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
