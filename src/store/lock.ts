// One writer per database: `netreach serve` holds `<db>.lock`, a file created exclusively (O_EXCL)
// that names its holder (pid, host, start time). Two servers on one --db would interleave ids, each
// see a different "latest" and each one's retention would delete the other's history, so a second
// server is refused at start with the holder's name. A lock left by a killed process (kill -9, a
// node crash) is stale when its pid no longer runs on this host, or is our own pid (a container
// restarted as pid 1 again) without this process holding it; it is then taken over.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { StoreError } from './errors.ts';

export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

/** Lock files this process holds (a second open in the same process is refused too). */
const held = new Set<string>();

export function lockPath(dbPath: string): string {
  return `${dbPath}.lock`;
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by another user
  }
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string') return undefined;
    return { pid: value.pid, host: value.host, since: String(value.since ?? '?') };
  } catch {
    return undefined; // unreadable or half-written: the writer died between create and write
  }
}

function isStale(path: string, holder: LockHolder | undefined): boolean {
  if (holder === undefined) return true;
  if (holder.host !== hostname()) return false; // cannot tell from here: refuse, say how to clear it
  if (holder.pid === process.pid) return !held.has(path);
  return !running(holder.pid);
}

function refuse(dbPath: string, path: string, holder: LockHolder): StoreError {
  const where = holder.host === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on host ${holder.host}`;
  const clear = holder.host === hostname() ? 'stop it or use another database file' : `if that host no longer runs it, delete ${path}`;
  return new StoreError(
    'locked',
    `database ${dbPath} is in use by another netreach serve (${where}, since ${holder.since}; lock file ${path}): ${clear}`,
  );
}

/** Takes the lock or throws StoreError 'locked' naming the holder; returns the release function. */
export function acquireLock(dbPath: string): () => void {
  const path = lockPath(dbPath);
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readHolder(path);
      if (!isStale(path, holder)) throw refuse(dbPath, path, holder!);
      unlinkSync(path);
      continue;
    }
    try {
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
    } finally {
      closeSync(fd);
    }
    held.add(path);
    return () => {
      if (!held.delete(path)) return;
      try {
        unlinkSync(path);
      } catch {
        // already gone: nothing to release
      }
    };
  }
  throw new StoreError('locked', `database ${dbPath}: could not take the lock file ${path} (another process keeps creating it)`);
}
