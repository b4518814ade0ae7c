/** Generating a synthetic corpus in a child process (so its memory is not counted), and reading one back line by line. */
import { spawnSync } from 'node:child_process';
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { walkFolder } from '../../src/ingest/walk.js';

/** Articles per generated file: ~25 MB, under ingest's 50 MiB per-file limit. */
export const ARTICLES_PER_FILE = 10000;

export function generateCorpus(out: string, count: number, options: { seed: number; real: boolean }): void {
  const script = fileURLToPath(new URL('../generate-corpus.js', import.meta.url));
  const args = [script, '--out', out, '--count', String(count), '--seed', String(options.seed), '--per-file', String(ARTICLES_PER_FILE)];
  if (options.real) args.push('--real');
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`generate-corpus exited with ${result.status ?? result.signal}`);
}

/** The JSONL files of a corpus: the file itself, or a folder's files in name order. */
export async function corpusFiles(path: string): Promise<string[]> {
  return statSync(path).isDirectory() ? [...walkFolder(path)].flatMap((e) => ('file' in e && e.file.endsWith('.jsonl') ? [e.file] : [])) : [path];
}

/** Every non-empty line of a corpus, in order, read as a stream. */
export async function* corpusLines(path: string): AsyncGenerator<string> {
  for (const file of await corpusFiles(path)) {
    for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) if (line.trim()) yield line;
  }
}

