import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { StoreError } from '../../src/store/errors.ts';
import { loadMigrations, migrate, MIGRATIONS_DIR, schemaVersion } from '../../src/store/migrate.ts';
import { canonicalJson, objectHash } from '../../src/store/objects.ts';
import { Store } from '../../src/store/store.ts';
import { richSnapshot, tempDir } from './fixture.ts';

const { dbPath } = tempDir();
const migrations = loadMigrations();
const latest = migrations.at(-1)!.version;

function rawDb(path: string): Database.Database {
  mkdirSync(dirname(path), { recursive: true });
  return new Database(path);
}

function versions(path: string): number[] {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
  } finally {
    db.close();
  }
}

function indexNames(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as {
        name: string;
      }[]
    ).map((r) => r.name);
  } finally {
    db.close();
  }
}

describe('migrations', () => {
  it('ships numbered migrations, in order, ending at schema 5 (snapshot deltas)', () => {
    // Pinned: a new migration must be added here deliberately (and the from-version cases below grow with it).
    assert.deepEqual(
      migrations.map((m) => `${m.version} ${m.name}`),
      ['1 init', '2 indexes', '3 dataplane', '4 canonical_objects', '5 snapshot_deltas'],
    );
  });

  it(
    '0004 rewrites stored objects canonically: sorted keys, recomputed hashes, equal rows merged, ' +
      'snapshot hashes recomputed; diffs then list only real changes',
    () => {
      const path = dbPath();
      const store = Store.open(path);
      const first = store.save(richSnapshot(), new Date('2024-01-01T00:00:00Z')).meta;
      store.close();
      // Back to schema 3 with the rows an older writer might have left: same content, other key order.
      const db = rawDb(path);
      const rows = db.prepare('SELECT id, kind, body FROM objects').all() as { id: number; kind: string; body: string }[];
      const reorder = (v: unknown): unknown =>
        Array.isArray(v)
          ? v.map(reorder)
          : v && typeof v === 'object'
            ? Object.fromEntries(
                Object.entries(v)
                  .reverse()
                  .map(([k, x]) => [k, reorder(x)]),
              )
            : v;
      for (const r of rows)
        db.prepare('UPDATE objects SET body = ?, hash = ? WHERE id = ?').run(
          JSON.stringify(reorder(JSON.parse(r.body))),
          `old-${r.id}`,
          r.id,
        );
      // A second snapshot whose first member is a duplicate row of the same content (it must be merged).
      const dup = rows[0];
      const dupId = Number(
        db
          .prepare('INSERT INTO objects (hash, kind, namespace, name, body) SELECT ?, kind, namespace, name, ? FROM objects WHERE id = ?')
          .run('old-dup', JSON.stringify(reorder(JSON.parse(dup.body))), dup.id).lastInsertRowid,
      );
      const second = Number(
        db
          .prepare(
            `INSERT INTO snapshots (taken_at, source, hash, counts) SELECT '2024-01-02T00:00:00.000Z', source, ` +
              `'old', counts FROM snapshots WHERE id = ?`,
          )
          .run(first.id).lastInsertRowid,
      );
      db.prepare(
        'INSERT INTO snapshot_objects (snapshot_id, seq, object_id) SELECT ?, seq, ' +
          'CASE WHEN object_id = ? THEN ? ELSE object_id END FROM snapshot_objects WHERE snapshot_id = ?',
      ).run(second, dup.id, dupId, first.id);
      // Undo 0005 too (versions above 3 go), so the runner applies 0004 and then 0005 again.
      db.exec('DROP TABLE snapshot_deltas; ALTER TABLE snapshots DROP COLUMN delta_base');
      db.prepare('DELETE FROM schema_migrations WHERE version >= 4').run();
      db.close();

      const migrated = Store.open(path);
      assert.deepEqual(
        versions(path),
        migrations.map((m) => m.version),
      );
      const check = new Database(path, { readonly: true });
      const after = check.prepare('SELECT id, kind, body, hash FROM objects ORDER BY id').all() as {
        id: number;
        kind: string;
        body: string;
        hash: string;
      }[];
      check.close();
      assert.equal(after.length, rows.length, 'the duplicate row was merged into its twin');
      for (const r of after) {
        assert.equal(r.body, canonicalJson(JSON.parse(r.body)), `object ${r.id} is canonical`);
        assert.equal(r.hash, objectHash(r.kind, r.body));
      }
      assert.deepEqual(migrated.get(first.id)?.snapshot, richSnapshot());
      assert.equal(migrated.get(first.id)?.meta.hash, first.hash, 'the snapshot hash is the one a fresh save computes');
      assert.equal(migrated.get(second)?.meta.hash, first.hash);
      assert.deepEqual(migrated.diff(first.id, second), [], 'equal content: no change listed');
      assert.equal(
        migrated.save(richSnapshot(), new Date('2024-01-03T00:00:00Z')).created,
        false,
        'a new save of the same content is deduplicated',
      );
      migrated.close();
    },
  );

  it('from empty: opening a new file applies every migration and records each version', () => {
    const path = dbPath();
    Store.open(path).close();
    assert.deepEqual(
      versions(path),
      migrations.map((m) => m.version),
    );
    assert.ok(indexNames(path).includes('policy_cidrs_by_range'));
  });

  for (let from = 1; from < latest; from++) {
    it(`from version ${from}: opening migrates to ${latest} and keeps existing rows`, () => {
      const path = dbPath();
      const db = rawDb(path);
      migrate(db, migrations, { upTo: from });
      assert.equal(schemaVersion(db), from);
      db.prepare(
        `INSERT INTO snapshots (taken_at, source, hash, counts) VALUES ('2024-01-01T00:00:00.000Z', 'demo', 'h', '{"pods":0}')`,
      ).run();
      db.close();
      const store = Store.open(path);
      assert.deepEqual(
        versions(path),
        migrations.map((m) => m.version),
      );
      assert.deepEqual(
        store.list().map((m) => [m.id, m.source, m.counts]),
        [[1, 'demo', { pods: 0 }]],
      );
      const saved = store.save(richSnapshot(), new Date('2024-01-02T00:00:00Z')).meta;
      assert.deepEqual(store.get(saved.id)?.snapshot, richSnapshot());
      store.close();
    });
  }

  it('from 0001 applied by hand (plain SQL, no runner) to the latest', () => {
    const path = dbPath();
    const db = rawDb(path);
    db.exec(readFileSync(join(MIGRATIONS_DIR, '0001_init.sql'), 'utf8'));
    db.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
             INSERT INTO schema_migrations VALUES (1, 'init', '2024-01-01T00:00:00.000Z');`);
    db.close();
    Store.open(path).close();
    assert.deepEqual(
      versions(path),
      migrations.map((m) => m.version),
    );
  });

  it('refuses a database whose schema is newer than the code, with a clear message, and leaves it alone', () => {
    const path = dbPath();
    Store.open(path).close();
    const db = new Database(path);
    db.prepare(`INSERT INTO schema_migrations VALUES (?, 'future', '2030-01-01T00:00:00.000Z')`).run(latest + 7);
    db.close();
    assert.throws(
      () => Store.open(path),
      (e: unknown) =>
        e instanceof StoreError &&
        e.code === 'newer-schema' &&
        e.message.includes(`schema version ${latest + 7}`) &&
        e.message.includes(`(${latest})`),
    );
    assert.throws(
      () => Store.open(path, { readonly: true }),
      (e: unknown) => e instanceof StoreError && e.code === 'newer-schema',
    );
    assert.equal(versions(path).at(-1), latest + 7);
  });

  it('a failing migration rolls back entirely and is not recorded', () => {
    const db = rawDb(dbPath());
    const broken = [migrations[0], { version: 2, name: 'broken', sql: 'CREATE TABLE half (a INTEGER); THIS IS NOT SQL;' }];
    assert.throws(() => migrate(db, broken));
    assert.equal(schemaVersion(db), 1);
    assert.equal(db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'half'`).get(), undefined);
    db.close();
  });

  it('opening an up-to-date database applies nothing', () => {
    const path = dbPath();
    Store.open(path).close();
    const db = new Database(path);
    assert.deepEqual(migrate(db, migrations), []);
    db.close();
  });
});

describe('read-only open', () => {
  it('a missing file is not-found and is not created', () => {
    const path = dbPath();
    assert.throws(
      () => Store.open(path, { readonly: true }),
      (e: unknown) => e instanceof StoreError && e.code === 'not-found',
    );
  });

  it('reads a migrated database and refuses writes', () => {
    const path = dbPath();
    const writer = Store.open(path);
    const { meta } = writer.save(richSnapshot(), new Date('2024-01-01T00:00:00Z'));
    writer.close();
    const reader = Store.open(path, { readonly: true });
    assert.deepEqual(reader.latest(), { meta, snapshot: richSnapshot() });
    assert.throws(
      () => reader.save(richSnapshot({ source: 'demo' }), new Date()),
      (e: unknown) => e instanceof StoreError && e.code === 'io',
    );
    reader.close();
  });

  it('an older schema cannot be migrated read-only', () => {
    const path = dbPath();
    const db = rawDb(path);
    migrate(db, migrations, { upTo: 1 });
    db.close();
    assert.throws(
      () => Store.open(path, { readonly: true }),
      (e: unknown) => e instanceof StoreError && /open it read-write/.test(e.message),
    );
  });
});
