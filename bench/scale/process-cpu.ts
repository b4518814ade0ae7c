/**
 * CPU time of processes from /proc (Linux), for benchmarks that run services next to the work they
 * time: the share each process took is what tells a busy machine from a slow program.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ, 100 on Linux). */
const TICKS = 100;

interface ProcStat {
  parent: number;
  /** User + system seconds of the process itself (all its threads). */
  own: number;
  /** User + system seconds of its children that ended and were waited for. */
  children: number;
}

/** The fields of a /proc stat file after the command name (which may hold spaces), from the state on. */
function statFields(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/** User + system seconds from those fields (utime, stime). */
function ownSeconds(fields: string[]): number {
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

function procStat(pid: number): ProcStat | null {
  try {
    const fields = statFields(`/proc/${pid}/stat`);
    return { parent: Number(fields[1]), own: ownSeconds(fields), children: (Number(fields[13]) + Number(fields[14])) / TICKS };
  } catch {
    return null;
  }
}

/** User + system seconds of this process's main thread alone (its task id is the process id). */
export function mainThreadCpuSeconds(): number {
  return ownSeconds(statFields(`/proc/self/task/${process.pid}/stat`));
}

/** User + system seconds of each of this process's threads, by task id (the main thread's is the process id). */
export function threadCpuSeconds(): Map<number, number> {
  const seconds = new Map<number, number>();
  for (const name of readdirSync('/proc/self/task')) {
    try {
      seconds.set(Number(name), ownSeconds(statFields(`/proc/self/task/${name}/stat`)));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return seconds;
}

function processIds(): number[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
}

/** The first process whose command line matches `pattern` (arguments joined by spaces). */
export function findProcess(pattern: RegExp): number | undefined {
  return processIds().find((pid) => {
    try {
      return pattern.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '));
    } catch {
      return false;
    }
  });
}

/** Seconds of CPU a server has used: its own, its ended children's, and its live children's (PostgreSQL runs a process per connection). */
export function serverCpu(pid: number): number {
  const root = procStat(pid);
  if (!root) return 0;
  let total = root.own + root.children;
  for (const other of processIds()) {
    const stat = procStat(other);
    if (stat?.parent === pid) total += stat.own;
  }
  return total;
}

/** Seconds of CPU this process's children used, those that ended and were waited for (a child's share once it has exited). */
export function endedChildrenCpu(): number {
  return procStat(process.pid)?.children ?? 0;
}

/** The 1-minute load average. */
export function loadAverage(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}

/** Bytes this process caused to be written to storage so far (Linux's /proc/self/io `write_bytes`). */
export function bytesWritten(): number {
  const match = /^write_bytes: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'));
  return match ? Number(match[1]) : 0;
}
