/**
 * Real services for tests, started on loopback by the test file that needs them and torn down after:
 * a throwaway PostgreSQL 15 cluster, and (see nats-service.ts) a nats-server with JetStream.
 * When a binary is missing the tests that need it are skipped, except under CI (env CI set), where
 * a missing service is a failure. Not a test file itself.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const PG_BIN = process.env.WIRETRACE_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** Why a service cannot run here (a skip reason), or undefined when it can; under CI, throws instead. */
export function missing(binaries: string[], service: string): string | undefined {
  const absent = binaries.filter((file) => !fs.existsSync(file));
  if (absent.length === 0) return undefined;
  const reason = `${service} is not installed (${absent.join(', ')} missing)`;
  if (process.env.CI) throw new Error(`${reason}; CI must install it (.ci/run)`);
  return reason;
}

export function pgMissing(): string | undefined {
  return missing([path.join(PG_BIN, 'initdb'), path.join(PG_BIN, 'postgres')], 'PostgreSQL 15');
}

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a command as the `postgres` user when we are root (PostgreSQL refuses to run as root). */
function asPostgres(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/**
 * A service that stops (SIGINT) when told to or when this test process is gone, even after a
 * kill -9 of the test: a shell watches for the parent every second.
 */
export function tiedToThisProcess(command: string, args: string[]): [string, string[]] {
  const watch = 'p=$1; shift; "$@" & c=$!; trap \'kill -INT $c\' INT TERM; while [ -d /proc/$p ] && kill -0 $c 2>/dev/null; do sleep 1; done; kill -INT $c 2>/dev/null; wait $c';
  return ['sh', ['-c', watch, 'sh', String(process.pid), command, ...args]];
}

export interface PostgresServer {
  port: number;
  /** A URL for the database `name` (created by `createDatabase`). */
  url(name: string): string;
  /** Creates an empty database (a copy of `template` when given) and returns its URL. */
  createDatabase(prefix?: string, template?: string): Promise<string>;
  /** Runs SQL as the superuser on the maintenance database. */
  admin(sql: string, params?: unknown[]): Promise<pg.QueryResult>;
  stop(): Promise<void>;
}

let databases = 0;

/** initdb into a temp dir owned by `postgres`, then a postmaster on a random loopback port, socket in the temp dir. */
export async function startPostgres(): Promise<PostgresServer> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wiretrace-pg-'));
  const data = path.join(root, 'data');
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', root]);
  const [initdb, initArgs] = asPostgres(path.join(PG_BIN, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  execFileSync(initdb, initArgs, { stdio: 'pipe' });
  const port = await freePort();
  const settings = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'];
  const [postgres, args] = asPostgres(...tiedToThisProcess(path.join(PG_BIN, 'postgres'), ['-D', data, '-h', '127.0.0.1', '-p', String(port), '-k', root, ...settings]));
  const child: ChildProcess = spawn(postgres, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const url = (name: string) => `postgres://postgres@127.0.0.1:${port}/${name}`;
  await waitUntil(async () => {
    if (child.exitCode !== null) throw new Error(`postgres exited (${child.exitCode}): ${log}`);
    const client = new pg.Client({ connectionString: url('postgres') });
    try {
      await client.connect();
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }, 30_000);
  const admin = async (sql: string, params: unknown[] = []) => {
    const client = new pg.Client({ connectionString: url('postgres') });
    await client.connect();
    try {
      return await client.query(sql, params);
    } finally {
      await client.end();
    }
  };
  return {
    port,
    url,
    admin,
    async createDatabase(prefix = 'wt', template?: string) {
      const name = `${prefix}_${process.pid}_${++databases}`;
      await admin(template ? `CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY FILE_COPY` : `CREATE DATABASE ${name}`);
      return url(name);
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        // runuser passes no signal on: stop the postmaster itself (fast shutdown); its watcher then exits.
        process.kill(postmasterPid(data), 'SIGINT');
        await exited;
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

function postmasterPid(data: string): number {
  return Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

/** Polls `ready` every 50 ms until it resolves true; fails after `timeoutMs`. */
export async function waitUntil(ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`not ready after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
