/** A throwaway nats-server with JetStream on loopback, for the distributed-mode tests. Not a test file itself. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort, missing, tiedToThisProcess, waitUntil } from './services.js';

const NATS_BIN = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'].find((f) => fs.existsSync(f)) ?? '/usr/sbin/nats-server';

export function natsMissing(): string | undefined {
  return missing([NATS_BIN], 'nats-server');
}

export interface NatsServer {
  url: string;
  /** Stops the server and starts it again on the same port and store directory (streams survive). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startNats(): Promise<NatsServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiretrace-nats-'));
  const port = await freePort();
  let child: ChildProcess;
  const start = async () => {
    const [command, args] = tiedToThisProcess(NATS_BIN, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', dir]);
    child = spawn(command, args, { stdio: 'ignore' });
    await waitUntil(() => accepts(port), 15_000);
  };
  const halt = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
  };
  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    async restart() {
      await halt();
      await start();
    },
    async stop() {
      await halt();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
