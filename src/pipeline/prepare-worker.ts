/**
 * Worker-thread entry of PreparePool: says READY once loaded, then prepares each document posted
 * to it and posts the result back, one at a time. workerData holds the PrepareOptions.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RawDocument } from '../core/types.js';
import { prepareArticle, type PrepareOptions } from './prepare.js';
import { forTransfer, READY } from './prepare-transfer.js';

if (!parentPort) throw new Error('prepare-worker.js runs as a worker thread of PreparePool');
const port = parentPort;
const options = workerData as PrepareOptions;

port.on('message', (raw: RawDocument) => {
  const { message, transfer } = forTransfer(prepareArticle(raw, options));
  port.postMessage(message, transfer);
});
port.postMessage(READY);
