// Store failures as values with a code the caller can act on: 'busy' and 'disk-full' mean "keep
// serving the in-memory snapshot and retry"; 'newer-schema' and 'corrupt-database' mean "refuse to
// start, tell the user"; 'not-found' is a snapshot id that is not (or no longer) stored;
// 'read-only' is a file or directory we may not write (keep serving, retry); 'locked' is a database
// another `netreach serve` holds (refuse to start); 'corrupt-snapshot' is a stored object whose
// content no longer matches its sha256 (the snapshot is never served as truth).

export type StoreErrorCode =
  'newer-schema' | 'corrupt-database' | 'corrupt-snapshot' | 'not-found' | 'busy' | 'locked' | 'disk-full' | 'read-only' | 'io';

/** The write failures a server keeps serving through (from memory) and retries. */
export const WRITE_FAILURES: ReadonlySet<StoreErrorCode> = new Set<StoreErrorCode>(['busy', 'disk-full', 'read-only', 'io']);

export class StoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}

/** SQLite result codes (better-sqlite3 reports the extended name, e.g. SQLITE_BUSY_SNAPSHOT). */
function codeFor(sqliteOrErrno: string): StoreErrorCode {
  if (sqliteOrErrno.startsWith('SQLITE_BUSY') || sqliteOrErrno.startsWith('SQLITE_LOCKED')) return 'busy';
  if (sqliteOrErrno === 'SQLITE_FULL' || sqliteOrErrno === 'ENOSPC') return 'disk-full';
  if (sqliteOrErrno.startsWith('SQLITE_CORRUPT') || sqliteOrErrno === 'SQLITE_NOTADB') return 'corrupt-database';
  if (sqliteOrErrno.startsWith('SQLITE_READONLY') || sqliteOrErrno === 'EROFS' || sqliteOrErrno === 'EACCES') return 'read-only';
  return 'io';
}

function describe(code: StoreErrorCode, path: string, detail: string): string {
  switch (code) {
    case 'busy':
      return `database ${path} is locked by another writer (${detail}); will retry`;
    case 'disk-full':
      return `database ${path}: disk full (${detail})`;
    case 'corrupt-database':
      return (
        `database ${path} is not a netreach SQLite database or is corrupt (${detail}); it was left untouched — move it aside or use ` +
        `another database file`
      );
    case 'read-only':
      return `database ${path} cannot be written (${detail}): check the permissions of the file and its directory`;
    case 'newer-schema':
    case 'corrupt-snapshot':
    case 'locked':
    case 'not-found':
    case 'io':
      return `database ${path}: ${detail}`;
    default: {
      const never: never = code;
      return never;
    }
  }
}

/** Classify anything thrown by better-sqlite3 or node:fs; StoreErrors pass through unchanged. */
export function toStoreError(err: unknown, path: string): StoreError {
  if (err instanceof StoreError) return err;
  const raw = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  const detail = err instanceof Error ? err.message : String(err);
  const code = codeFor(raw);
  return new StoreError(code, describe(code, path, detail), { cause: err });
}

/** Run `fn`, turning whatever it throws into a StoreError. */
export function guarded<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw toStoreError(err, path);
  }
}
