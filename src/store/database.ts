// Opening the SQLite file safely. A file that is not a SQLite database, or one whose pages are
// damaged, is refused before anything writes to it (no WAL switch, no migration), so a user's file
// is never overwritten by our attempt to open it.
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { guarded, StoreError, toStoreError } from './errors.ts';

export interface OpenOptions {
  /** Open without writing: no directory or file is created and no migration runs. */
  readonly readonly?: boolean;
  /** How long a write waits for another connection's lock before failing with 'busy' (default 5000). */
  readonly busyTimeoutMs?: number;
  /** Caps the file at this many pages; tests use it to provoke 'disk-full'. */
  readonly maxPageCount?: number;
  /** Hold `<path>.lock` while open: one writer per database (`netreach serve`); see lock.ts. */
  readonly lock?: boolean;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_SIZE = 100;

/** Reject a non-empty file that does not start with the SQLite header, reading it only. */
function checkHeader(path: string): void {
  const size = statSync(path).size;
  if (size === 0) return; // an empty file is an empty database
  const header = Buffer.alloc(SQLITE_MAGIC.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (size < HEADER_SIZE || !header.equals(SQLITE_MAGIC)) {
    throw new StoreError(
      'corrupt-database',
      `database ${path} is not a SQLite database (bad header); it was left untouched — move it aside or use another database file`,
    );
  }
}

/** quick_check reads every page: catches damaged pages, not just a damaged header. */
function checkPages(db: Database.Database, path: string): void {
  const result = db.pragma('quick_check(1)', { simple: true });
  if (result !== 'ok') {
    throw new StoreError(
      'corrupt-database',
      `database ${path} is corrupt (${String(result)}); it was left untouched — move it aside or use another database file`,
    );
  }
}

export function openDatabase(path: string, options: OpenOptions = {}): Database.Database {
  const readonly = options.readonly ?? false;
  const exists = guarded(path, () => existsSync(path));
  if (readonly && !exists) throw new StoreError('not-found', `database ${path} does not exist`);
  if (!readonly) guarded(path, () => mkdirSync(dirname(path), { recursive: true }));
  if (exists) guarded(path, () => checkHeader(path));
  const db = guarded(path, () => new Database(path, { readonly, timeout: options.busyTimeoutMs ?? 5000 }));
  try {
    checkPages(db, path);
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL'); // safe in WAL: a crash may lose the last commit, never corrupt
    }
    db.pragma('foreign_keys = ON');
    if (options.maxPageCount !== undefined) db.pragma(`max_page_count = ${Math.floor(options.maxPageCount)}`);
    return db;
  } catch (err) {
    db.close();
    throw toStoreError(err, path);
  }
}
