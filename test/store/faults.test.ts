import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { generateCluster } from '../../bench/generate.ts';
import { StoreError, type StoreErrorCode } from '../../src/store/errors.ts';
import { Store } from '../../src/store/store.ts';
import { richSnapshot, tempDir } from './fixture.ts';

const { dbPath } = tempDir();
const t = new Date('2024-05-01T10:00:00Z');

const isStoreError = (code: StoreErrorCode) => (e: unknown) => e instanceof StoreError && e.code === code;

function writeFile(path: string, bytes: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
}

/** Deterministic garbage (no Math.random in tests). */
function garbage(length: number, seed = 7): Buffer {
  const b = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

describe('faults: busy database', () => {
  it('a write while another connection holds the write lock fails with busy, leaves no trace, and succeeds later', () => {
    const path = dbPath();
    const store = Store.open(path, { busyTimeoutMs: 20 });
    const first = store.save(richSnapshot(), t).meta;
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      assert.throws(() => store.save(richSnapshot({ source: 'demo' }), t), isStoreError('busy'));
      assert.throws(() => store.retain({ keepLast: 1, now: t }), isStoreError('busy'));
      // WAL: readers are not blocked by the writer.
      assert.deepEqual(store.list(), [first]);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    const retry = store.save(richSnapshot({ source: 'demo' }), t);
    assert.equal(retry.created, true);
    assert.deepEqual(store.get(retry.meta.id)?.snapshot, richSnapshot({ source: 'demo' }));
    store.close();
  });
});

describe('faults: disk full', () => {
  it('a save that runs out of space fails with disk-full and rolls back completely', () => {
    const path = dbPath();
    const setup = Store.open(path);
    const first = setup.save(richSnapshot(), t).meta;
    setup.close();
    const pages = (() => {
      const db = new Database(path, { readonly: true });
      const n = db.pragma('page_count', { simple: true }) as number;
      db.close();
      return n;
    })();
    const big = generateCluster({ pods: 2000 });
    const full = Store.open(path, { maxPageCount: pages + 2 });
    assert.throws(() => full.save(big, t), isStoreError('disk-full'));
    assert.deepEqual(full.list(), [first]);
    full.close();
    const roomy = Store.open(path);
    const saved = roomy.save(big, t);
    assert.equal(saved.created, true);
    assert.deepEqual(roomy.latest()?.snapshot, big);
    roomy.close();
  });
});

describe('faults: corrupt or foreign files', () => {
  const cases: [string, Buffer][] = [
    ['garbage bytes', garbage(8192)],
    ['a text file', Buffer.from('hello, this is not a database\n')],
    ['a SQLite header and nothing else', Buffer.from('SQLite format 3\0', 'latin1')],
  ];
  for (const [title, bytes] of cases) {
    it(`${title}: refused with corrupt-database, file bytes unchanged, nothing created beside it`, () => {
      const path = dbPath();
      writeFile(path, bytes);
      assert.throws(() => Store.open(path), isStoreError('corrupt-database'));
      assert.throws(() => Store.open(path, { readonly: true }), isStoreError('corrupt-database'));
      assert.deepEqual(readFileSync(path), bytes);
      assert.equal(existsSync(`${path}-wal`), false);
    });
  }

  it('a real database with damaged pages: refused, file bytes unchanged', () => {
    const path = dbPath();
    const store = Store.open(path);
    store.save(generateCluster({ pods: 300 }), t);
    store.close(); // checkpoints the WAL into the main file
    const original = readFileSync(path);
    const pageSize = original.readUInt16BE(16);
    const damaged = Buffer.concat([original.subarray(0, pageSize), garbage(original.length - pageSize, 3)]);
    writeFileSync(path, damaged);
    assert.throws(
      () => Store.open(path),
      (e: unknown) => isStoreError('corrupt-database')(e) && /left untouched/.test((e as Error).message),
    );
    assert.deepEqual(readFileSync(path), damaged);
    assert.equal(statSync(path).size, original.length);
  });

  it('an empty file is an empty database', () => {
    const path = dbPath();
    writeFile(path, Buffer.alloc(0));
    const store = Store.open(path);
    assert.deepEqual(store.list(), []);
    store.close();
  });
});

describe('faults: closed store', () => {
  it('calls after close fail with io, close stays idempotent', () => {
    const store = Store.open(dbPath());
    store.close();
    assert.throws(() => store.list(), isStoreError('io'));
    store.close();
  });
});
