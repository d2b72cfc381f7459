// Store failures as values with a code the caller can act on: 'busy' and 'disk-full' mean "keep
// serving the in-memory snapshot and retry"; 'newer-schema' and 'corrupt-database' mean "refuse to
// start, tell the user"; 'not-found' is a snapshot id that is not (or no longer) stored.

export type StoreErrorCode = 'newer-schema' | 'corrupt-database' | 'not-found' | 'busy' | 'disk-full' | 'io';

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
  return 'io';
}

function describe(code: StoreErrorCode, path: string, detail: string): string {
  switch (code) {
    case 'busy':
      return `database ${path} is locked by another writer (${detail}); will retry`;
    case 'disk-full':
      return `database ${path}: disk full (${detail})`;
    case 'corrupt-database':
      return `database ${path} is not a netreach SQLite database or is corrupt (${detail}); it was left untouched — move it aside or pass another --db`;
    case 'newer-schema':
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
