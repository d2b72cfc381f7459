// History reads (flow history, diff, `at`) check each object's sha256 as the store's own snapshot reads
// do (issue 26: "corrupted object content is served as truth"): an edited or damaged row is refused
// with 'corrupt-snapshot', never answered from.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Store } from '../../src/store/store.ts';
import { StoreError } from '../../src/store/errors.ts';
import { Timeline } from '../../src/query/history/timeline.ts';
import { richSnapshot, tempDir } from './fixture.ts';

const { dir, dbPath } = tempDir();
after(() => rmSync(dir, { recursive: true, force: true }));

describe('store: history reads verify sha256', () => {
  it('intact rows read back; a tampered row is corrupt-snapshot for objectRows, latestObjectNamed and the time line', () => {
    const path = dbPath();
    const store = Store.open(path);
    const { meta } = store.save(richSnapshot(), new Date('2026-01-01T00:00:00Z'));
    const policy = richSnapshot().policies[0]!;
    const intact = store.latestObjectNamed('NetworkPolicy', policy.namespace, policy.name);
    assert.ok(intact, 'the policy is stored');
    assert.equal(store.objectRows([intact.id]).length, 1);
    assert.deepEqual(new Timeline(store).snapshot(meta.id), richSnapshot());
    store.close();

    const raw = new Database(path);
    raw.prepare('UPDATE objects SET body = ? WHERE id = ?').run(intact.body.replace(policy.name, `${policy.name}-edited`), intact.id);
    raw.close();

    const reopened = Store.open(path);
    const corrupt = (e: unknown) => e instanceof StoreError && e.code === 'corrupt-snapshot' && /does not match its sha256/.test(e.message);
    assert.throws(() => reopened.objectRows([intact.id]), corrupt);
    assert.throws(() => reopened.latestObjectNamed('NetworkPolicy', policy.namespace, policy.name), corrupt);
    assert.throws(() => new Timeline(reopened).snapshot(meta.id), corrupt);
    reopened.close();
  });
});
