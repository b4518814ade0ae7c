/**
 * A stand-in for prepare-worker.js with documents that kill the thread preparing them, by name:
 * `oom` exhausts the heap, `throw` throws outside prepareArticle, `hang` never answers, `exit` exits.
 * Any other document is prepared as the real worker does.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RawDocument } from '../src/core/types.js';
import { prepareArticle, type PrepareOptions } from '../src/pipeline/prepare.js';
import { forTransfer, READY } from '../src/pipeline/prepare-transfer.js';

const port = parentPort!;
port.on('message', (raw: RawDocument) => {
  hazard(raw.name);
  const { message, transfer } = forTransfer(prepareArticle(raw, workerData as PrepareOptions));
  port.postMessage(message, transfer);
});
port.postMessage(READY);

function hazard(name: string): void {
  if (name === 'oom') {
    const hog: string[][] = [];
    for (;;) hog.push(new Array<string>(100_000).fill(name));
  }
  if (name === 'throw') throw new Error('worker blew up');
  if (name === 'exit') process.exit(3);
  if (name === 'hang') for (;;);
}
