/**
 * The JetStream work queue the distributed mode runs on: one work-queue stream of input records,
 * one durable pull consumer shared by every `wiretrace worker`, and a stream of records that kept
 * failing (the dead letters `status` counts). Names and limits live here, nowhere else.
 */
import { createHash } from 'node:crypto';
import { AckPolicy, DeliverPolicy, jetstreamManager, RetentionPolicy, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { QuarantineRecord, RawDocument } from '../core/types.js';

export const STREAM = 'WIRETRACE_INPUT';
export const SUBJECT = 'wiretrace.input';
export const CONSUMER = 'wiretrace-workers';
export const FAILED_STREAM = 'WIRETRACE_FAILED';
export const FAILED_SUBJECT = 'wiretrace.failed';

export interface QueueLimits {
  /** Deliveries of one record before it is quarantined with its last error. @default 5 */
  maxDeliver: number;
  /** How long a worker may hold a record without acknowledging it before it is redelivered, in ms. @default 60000 */
  ackWaitMs: number;
  /** How long a re-published record (same content hash) is recognised as a duplicate, in ms. @default 24 h */
  duplicateWindowMs: number;
}

export const DEFAULT_LIMITS: QueueLimits = { maxDeliver: 5, ackWaitMs: 60_000, duplicateWindowMs: 24 * 3_600_000 };

/** One queued record: a document to prepare and store, or an input the producer could not read. */
export type QueueRecord = { doc: RawDocument } | { quarantine: QuarantineRecord };

export function encodeRecord(record: QueueRecord): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(record));
}

export function decodeRecord(bytes: Uint8Array): QueueRecord {
  return JSON.parse(new TextDecoder().decode(bytes)) as QueueRecord;
}

/** The message id JetStream deduplicates by: the record's content hash. */
export function recordId(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Connects to nats://host:port, reconnecting for ever once connected (a restarting server is waited
 * for, not an error); with `waitForServer` (workers) also when it is not up yet at start.
 */
export function connectQueue(url: string, waitForServer = false): Promise<NatsConnection> {
  return connect({ servers: url, maxReconnectAttempts: -1, reconnectTimeWait: 250, waitOnFirstConnect: waitForServer, name: 'wiretrace' });
}

const ns = (ms: number) => ms * 1_000_000;

/** Creates the streams and the consumer when missing (every producer and worker calls it; it is idempotent). */
export async function ensureQueue(nc: NatsConnection, limits: QueueLimits = DEFAULT_LIMITS): Promise<JetStreamManager> {
  const jsm = await jetstreamManager(nc);
  await addStream(jsm, STREAM, SUBJECT, RetentionPolicy.Workqueue, limits.duplicateWindowMs);
  await addStream(jsm, FAILED_STREAM, FAILED_SUBJECT, RetentionPolicy.Limits, 120_000);
  const consumer = {
    durable_name: CONSUMER,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    max_deliver: limits.maxDeliver,
    ack_wait: ns(limits.ackWaitMs),
    max_ack_pending: 10_000,
  };
  try {
    await jsm.consumers.info(STREAM, CONSUMER);
    await jsm.consumers.update(STREAM, CONSUMER, { max_deliver: limits.maxDeliver, ack_wait: consumer.ack_wait });
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await jsm.consumers.add(STREAM, consumer);
  }
  return jsm;
}

async function addStream(jsm: JetStreamManager, name: string, subject: string, retention: RetentionPolicy, duplicateWindowMs: number): Promise<void> {
  try {
    await jsm.streams.info(name);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await jsm.streams.add({ name, subjects: [subject], retention, storage: StorageType.File, duplicate_window: ns(duplicateWindowMs) });
  }
}

function isNotFound(error: unknown): boolean {
  return /not found/i.test(String((error as Error)?.message ?? error));
}

/** What `wiretrace status --queue` shows. */
export interface QueueStatus {
  /** Records waiting in the stream (delivered or not, not yet acknowledged). */
  depth: number;
  /** Delivered to a worker and not acknowledged yet. */
  inFlight: number;
  /** Not delivered to any worker yet. */
  waiting: number;
  /** Delivered more than once and still not acknowledged. */
  redelivered: number;
  /** Records that failed every delivery and were quarantined. */
  failed: number;
}

export async function queueStatus(nc: NatsConnection): Promise<QueueStatus> {
  const jsm = await ensureQueue(nc);
  const [stream, consumer, failed] = await Promise.all([jsm.streams.info(STREAM), jsm.consumers.info(STREAM, CONSUMER), jsm.streams.info(FAILED_STREAM)]);
  return {
    depth: stream.state.messages,
    inFlight: consumer.num_ack_pending,
    waiting: consumer.num_pending,
    redelivered: consumer.num_redelivered,
    failed: failed.state.messages,
  };
}
