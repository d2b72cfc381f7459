// One writer per database (issue 26.6): `<db>.lock` names its holder; a second locked open is
// refused with that name; a lock whose pid is gone (kill -9) is taken over; a lock from another
// host is never taken over silently.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { describe, it } from 'node:test';
import { StoreError } from '../../src/store/errors.ts';
import { lockPath } from '../../src/store/lock.ts';
import { Store } from '../../src/store/store.ts';
import { tempDir } from './fixture.ts';

const { dbPath } = tempDir();
const locked = (pattern: RegExp) => (e: unknown) => e instanceof StoreError && e.code === 'locked' && pattern.test(e.message);

function writeLock(db: string, holder: object): void {
  mkdirSync(dirname(db), { recursive: true });
  writeFileSync(lockPath(db), JSON.stringify(holder));
}

describe('store lock', () => {
  it('a second locked open of the same database is refused naming the holder; close releases it', () => {
    const db = dbPath();
    const first = Store.open(db, { lock: true });
    assert.equal(JSON.parse(readFileSync(lockPath(db), 'utf8')).pid, process.pid);
    assert.throws(
      () => Store.open(db, { lock: true }),
      locked(new RegExp(`in use by another netreach serve \\(pid ${process.pid}, since `)),
    );
    Store.open(db, { readonly: true }).close(); // readers take no lock
    first.close();
    assert.equal(existsSync(lockPath(db)), false);
    Store.open(db, { lock: true }).close();
  });

  it('a lock left by a process that is gone (kill -9) is taken over', () => {
    const db = dbPath();
    writeLock(db, { pid: 2 ** 22 + 12345, host: hostname(), since: '2024-01-01T00:00:00.000Z' }); // above pid_max's default
    const store = Store.open(db, { lock: true });
    assert.equal(JSON.parse(readFileSync(lockPath(db), 'utf8')).pid, process.pid);
    store.close();
  });

  it('a half-written lock file (the writer died between create and write) is stale', () => {
    const db = dbPath();
    mkdirSync(dirname(db), { recursive: true });
    writeFileSync(lockPath(db), '');
    Store.open(db, { lock: true }).close();
  });

  it('a lock held on another host is refused with how to clear it', () => {
    const db = dbPath();
    writeLock(db, { pid: 1, host: 'elsewhere.example', since: '2024-01-01T00:00:00.000Z' });
    assert.throws(
      () => Store.open(db, { lock: true }),
      locked(/pid 1 on host elsewhere\.example.*if that host no longer runs it, delete /),
    );
    assert.equal(existsSync(lockPath(db)), true, 'left in place');
  });
});
