// The migration runner: applies migrations/NNNN_name.sql in version order, each in its own
// IMMEDIATE transaction together with its schema_migrations row, so a crash or a concurrent opener
// never leaves a half-applied version. A database whose recorded version is newer than the newest
// file we ship was written by a newer netreach: we refuse it rather than guess.
import { readdirSync, readFileSync } from 'node:fs';
import { packagePath } from '../package-root.ts';
import type Database from 'better-sqlite3';
import { rewriteCanonical } from './canonical-rows.ts';
import { StoreError } from './errors.ts';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS_DIR = packagePath('migrations');

/** Versions whose SQL is followed by a code step, in the same transaction. */
const CODE_STEPS: Readonly<Record<number, (db: Database.Database) => unknown>> = { 4: rewriteCanonical };

const FILE_NAME = /^(\d{4})_([A-Za-z0-9_-]+)\.sql$/;

/** The shipped migrations, sorted by version; other files in the directory are ignored. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations: Migration[] = [];
  for (const file of readdirSync(dir)) {
    const m = FILE_NAME.exec(file);
    if (!m) continue;
    migrations.push({ version: Number(m[1]), name: m[2], sql: readFileSync(`${dir}/${file}`, 'utf8') });
  }
  migrations.sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i].version === migrations[i - 1].version) {
      throw new Error(`two migrations share version ${migrations[i].version} in ${dir}`);
    }
  }
  return migrations;
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

function hasMigrationsTable(db: Database.Database): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get() !== undefined;
}

/** The highest applied version; 0 for an empty database (read-only: creates nothing). */
export function schemaVersion(db: Database.Database): number {
  if (!hasMigrationsTable(db)) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

export function assertNotNewer(version: number, migrations: readonly Migration[], path: string): void {
  const known = migrations.length === 0 ? 0 : migrations[migrations.length - 1].version;
  if (version > known) {
    throw new StoreError(
      'newer-schema',
      `database ${path} has schema version ${version}, newer than this netreach knows (${known}); ` +
        'upgrade netreach or use another database file',
    );
  }
}

/**
 * Bring `db` up to `upTo` (default: the newest migration). Returns the versions applied.
 * Throws StoreError 'newer-schema' when the database is ahead of the code.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = loadMigrations(),
  options: { readonly upTo?: number; readonly path?: string; readonly now?: () => Date } = {},
): number[] {
  const path = options.path ?? db.name;
  const now = options.now ?? (() => new Date());
  assertNotNewer(schemaVersion(db), migrations, path);
  const applied: number[] = [];
  for (const m of migrations) {
    if (options.upTo !== undefined && m.version > options.upTo) break;
    // An up-to-date database is opened without taking the write lock.
    if (schemaVersion(db) >= m.version) continue;
    const apply = db.transaction(() => {
      // Re-read inside the write lock: another process may have migrated meanwhile.
      db.exec(CREATE_TABLE);
      if (schemaVersion(db) >= m.version) return false;
      db.exec(m.sql);
      CODE_STEPS[m.version]?.(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, now().toISOString());
      return true;
    });
    if (apply.immediate()) applied.push(m.version);
  }
  return applied;
}
