import { jetstream } from '@nats-io/jetstream';
import { readInputs, type ReadOptions } from '../ingest/read.js';
import { connectQueue, encodeRecord, ensureQueue, recordId, SUBJECT, type QueueRecord } from './queue.js';

export interface PublishSummary {
  /** Records read from the inputs. */
  read: number;
  /** Records the stream took. */
  published: number;
  /** Records the stream already held (same content hash within its duplicate window). */
  duplicates: number;
  /** Inputs that could not be read: published too, so a worker files them in the store's quarantine. */
  quarantined: number;
}

/** Most publishes awaiting the stream's acknowledgement at once. */
const IN_FLIGHT = 256;

/**
 * `wiretrace ingest <paths...> --queue nats://...`: reads the inputs and publishes one record per
 * document (or per unreadable input) to the work queue, each with its content hash as message id,
 * so publishing the same inputs again adds nothing.
 */
export async function publishPaths(queue: string, inputs: string[], options: ReadOptions = {}): Promise<PublishSummary> {
  const nc = await connectQueue(queue);
  const summary: PublishSummary = { read: 0, published: 0, duplicates: 0, quarantined: 0 };
  try {
    await ensureQueue(nc);
    const js = jetstream(nc);
    const pending: Array<Promise<void>> = [];
    const publish = async (record: QueueRecord) => {
      const bytes = encodeRecord(record);
      const ack = await js.publish(SUBJECT, bytes, { msgID: recordId(bytes) });
      if (ack.duplicate) summary.duplicates++;
      else summary.published++;
    };
    for await (const item of readInputs(inputs, options)) {
      // A warning (a repaired or skipped input) is said by the reader; nothing to queue.
      if ('warning' in item) continue;
      summary.read++;
      if ('quarantine' in item) summary.quarantined++;
      pending.push(publish('doc' in item ? { doc: item.doc } : { quarantine: item.quarantine }));
      if (pending.length >= IN_FLIGHT) await Promise.all(pending.splice(0));
    }
    await Promise.all(pending);
  } finally {
    await nc.drain();
  }
  return summary;
}
