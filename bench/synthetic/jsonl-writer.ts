/** Writes records as JSONL, one file or a folder of files of `perFile` records, waiting for the disk to drain. */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';

export class JsonlWriter {
  private stream: WriteStream | null = null;
  private inFile = 0;
  private files = 0;
  written = 0;

  /** With `perFile` > 0, `out` is a folder of part-00001.jsonl, part-00002.jsonl, ... */
  constructor(
    private readonly out: string,
    private readonly perFile = 0,
  ) {
    mkdirSync(perFile > 0 ? out : dirname(out), { recursive: true });
  }

  async write(record: object): Promise<void> {
    if (!this.stream || (this.perFile > 0 && this.inFile >= this.perFile)) await this.nextFile();
    this.inFile++;
    this.written++;
    if (!this.stream!.write(`${JSON.stringify(record)}\n`)) await once(this.stream!, 'drain');
  }

  async close(): Promise<void> {
    if (!this.stream) await this.nextFile();
    await this.finish();
  }

  private async nextFile(): Promise<void> {
    await this.finish();
    this.files++;
    this.inFile = 0;
    this.stream = createWriteStream(this.perFile > 0 ? join(this.out, `part-${String(this.files).padStart(5, '0')}.jsonl`) : this.out);
  }

  private async finish(): Promise<void> {
    if (!this.stream) return;
    const stream = this.stream;
    this.stream = null;
    stream.end();
    await once(stream, 'finish');
  }
}
