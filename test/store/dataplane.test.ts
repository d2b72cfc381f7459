// Network plugin evidence in the store: Snapshot.dataplane / Snapshot.cni round-trip as objects,
// leave a snapshot without them hashing as before, show in diffs, stay out of the indexes; the
// snapshot record's dataplane summary (migration 0003) round-trips and survives dedupe sensibly.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { DataplaneSummary } from '../../src/engine/verdict.ts';
import type { ConfigMapEvidence, DataplaneEvidence } from '../../src/model/dataplane.ts';
import { emptySnapshot, type Snapshot } from '../../src/model/types.ts';
import { IndexWriter } from '../../src/store/indexes.ts';
import { loadMigrations, migrate, schemaVersion } from '../../src/store/migrate.ts';
import { flattenSnapshot, snapshotCounts, snapshotHash } from '../../src/store/objects.ts';
import { Store } from '../../src/store/store.ts';
import { richSnapshot, tempDir } from './fixture.ts';

const { dbPath } = tempDir();
const T0 = new Date('2024-05-01T10:00:00.000Z');
const T1 = new Date('2024-05-01T10:05:00.000Z');

const ciliumConfig = (data: Record<string, string>): ConfigMapEvidence => ({ namespace: 'kube-system', name: 'cilium-config', data });

const ciliumEvidence = (policy = 'default', crdGroups = ['cilium.io']): DataplaneEvidence => ({
  daemonSets: [
    {
      namespace: 'kube-system',
      name: 'cilium',
      containers: [
        {
          name: 'cilium-agent',
          image: 'quay.io/cilium/cilium:v1.15.0',
          args: ['cilium-agent', '--config-dir=/tmp/cilium/config-map'],
          env: { K8S_NODE_NAME: 'n1' },
        },
        { name: 'mount-cgroup', args: [], env: {} },
      ],
    },
  ],
  configMaps: [ciliumConfig({ 'enable-policy': policy, 'policy-audit-mode': 'false' })],
  crdGroups,
});

/** Deliberately not in the contract's sorted order: the store keeps whatever order it is given. */
const unsortedEvidence: DataplaneEvidence = {
  daemonSets: [
    { namespace: 'kube-system', name: 'kube-flannel-ds', containers: [{ name: 'kube-flannel', args: ['--ip-masq'], env: {} }] },
    { namespace: 'kube-flannel', name: 'canal', containers: [{ name: 'calico-node', args: [], env: { FELIX_IPINIPENABLED: 'false' } }] },
  ],
  configMaps: [
    {
      namespace: 'kube-system',
      name: 'kube-flannel-cfg',
      data: { 'net-conf.json': '{"Network":"10.244.0.0/16","Backend":{"Type":"host-gw"}}' },
    },
    { namespace: 'kube-system', name: 'canal-config', data: {} },
  ],
  crdGroups: ['crd.projectcalico.org', 'cilium.io'],
};

const summary: DataplaneSummary = { plugin: 'cilium', name: 'Cilium', enforcement: 'enforced', source: 'detected' };

// Content hashes of fixtures without evidence, as computed before evidence existed: existing
// databases dedupe against these, so they must never change.
const GOLDEN = {
  rich: 'f33ba8d7a28e91481194be4c9d744a80b344a6e981998df5543834757dafea74',
  emptyDemo: 'eb9c26baee47f19e4993a77bca936d0ff09e355a82d3db79bf154ebff1a80604',
};

function count(path: string, sql: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('store: snapshots with plugin evidence round-trip', () => {
  const cases: [string, Snapshot][] = [
    ['no evidence, no override: both stay absent', richSnapshot()],
    ['evidence: DaemonSets, ConfigMaps and CRD groups', richSnapshot({ dataplane: ciliumEvidence() })],
    [
      'evidence with three empty lists stays present (not the same as none)',
      richSnapshot({ dataplane: { daemonSets: [], configMaps: [], crdGroups: [] } }),
    ],
    ['evidence arrays keep their order, sorted or not', richSnapshot({ dataplane: unsortedEvidence })],
    ['a --cni override alone', richSnapshot({ cni: { plugin: 'flannel', settings: { backend: 'vxlan' } } })],
    [
      'evidence with FelixConfigurations',
      richSnapshot({
        dataplane: {
          ...ciliumEvidence(),
          felixConfigurations: [{ name: 'default', defaultEndpointToHostAction: 'Drop' }, { name: 'node.n1' }],
        },
      }),
    ],
    ['evidence and a --cni override', richSnapshot({ dataplane: ciliumEvidence('never'), cni: { plugin: 'cilium', settings: {} } })],
    ['an otherwise empty snapshot with evidence', { ...emptySnapshot('manifests'), dataplane: ciliumEvidence() }],
  ];
  for (const [title, s] of cases) {
    it(title, () => {
      const path = dbPath();
      const store = Store.open(path);
      const { meta } = store.save(s, T0);
      assert.deepEqual(store.get(meta.id), { meta, snapshot: s });
      store.close();
      const again = Store.open(path);
      const back = again.latest()!.snapshot;
      assert.deepEqual(back, s);
      assert.equal('dataplane' in back, 'dataplane' in s);
      assert.equal('cni' in back, 'cni' in s);
      assert.deepEqual(again.latest()!.meta.counts, snapshotCounts(s)); // evidence is not counted
      again.close();
    });
  }
});

describe('store: a snapshot without evidence hashes and stores as before', () => {
  it('golden hashes of the fixtures without evidence are unchanged', () => {
    const store = Store.open(dbPath());
    assert.equal(store.save(richSnapshot(), T0).meta.hash, GOLDEN.rich);
    assert.equal(store.save(emptySnapshot('demo'), T0).meta.hash, GOLDEN.emptyDemo);
    store.close();
  });

  it('no plugin kinds are written without evidence', () => {
    const path = dbPath();
    const store = Store.open(path);
    store.save(richSnapshot(), T0);
    store.close();
    assert.equal(
      count(path, `SELECT COUNT(*) AS n FROM objects WHERE kind IN ('PluginDaemonSet', 'PluginConfigMap', 'CrdGroups', 'CniOverride')`),
      0,
    );
  });

  const distinct: [string, Snapshot][] = [
    ['no evidence', richSnapshot()],
    ['empty evidence', richSnapshot({ dataplane: { daemonSets: [], configMaps: [], crdGroups: [] } })],
    ['cilium evidence', richSnapshot({ dataplane: ciliumEvidence() })],
    ['cilium evidence, enable-policy never', richSnapshot({ dataplane: ciliumEvidence('never') })],
    ['cni override', richSnapshot({ cni: { plugin: 'flannel', settings: {} } })],
    ['cni override with a setting', richSnapshot({ cni: { plugin: 'flannel', settings: { backend: 'vxlan' } } })],
  ];
  it('evidence and overrides are content: each variant hashes differently', () => {
    const hashes = distinct.map(([, s]) => snapshotHash(s.source, flattenSnapshot(s)));
    assert.equal(new Set(hashes).size, distinct.length);
  });

  it('saving the same evidence again dedupes: no snapshot, no object rows', () => {
    const path = dbPath();
    const store = Store.open(path);
    const first = store.save(richSnapshot({ dataplane: ciliumEvidence() }), T0);
    const objects = count(path, 'SELECT COUNT(*) AS n FROM objects');
    const second = store.save(richSnapshot({ dataplane: ciliumEvidence() }), T1);
    assert.equal(second.created, false);
    assert.deepEqual(second.meta, first.meta);
    assert.equal(count(path, 'SELECT COUNT(*) AS n FROM objects'), objects);
    store.close();
  });
});

describe('store: indexes ignore plugin evidence', () => {
  it('no label, selector, CIDR or IP index row belongs to a plugin object', () => {
    const path = dbPath();
    const store = Store.open(path);
    store.save(
      richSnapshot({ dataplane: ciliumEvidence(), cni: { plugin: 'cilium', settings: { 'policy-cidr-match-mode': 'nodes' } } }),
      T0,
    );
    store.close();
    for (const table of ['object_labels', 'policy_selector_labels', 'policy_cidrs', 'pod_ips']) {
      const sql =
        `SELECT COUNT(*) AS n FROM ${table} t JOIN objects o ON o.id = t.object_id WHERE o.kind IN ` +
        `('PluginDaemonSet', 'PluginConfigMap', 'CrdGroups', 'CniOverride')`;
      assert.equal(count(path, sql), 0, table);
    }
  });
});

describe('store: diff shows plugin evidence as objects', () => {
  const base = richSnapshot({ dataplane: ciliumEvidence('default') });
  const cases: [string, Snapshot, unknown[]][] = [
    [
      'a changed cilium-config is a changed PluginConfigMap, nothing else',
      richSnapshot({ dataplane: ciliumEvidence('never') }),
      [{ kind: 'PluginConfigMap', namespace: 'kube-system', name: 'cilium-config', change: 'changed' }],
    ],
    [
      'a new CRD group changes the one CrdGroups object; an override is added',
      richSnapshot({
        dataplane: ciliumEvidence('default', ['cilium.io', 'crd.projectcalico.org']),
        cni: { plugin: 'calico', settings: {} },
      }),
      [
        { kind: 'CniOverride', name: 'cni', change: 'added' },
        { kind: 'CrdGroups', name: 'crd-groups', change: 'changed' },
      ],
    ],
    [
      'evidence gone: every evidence object is removed',
      richSnapshot(),
      [
        { kind: 'CrdGroups', name: 'crd-groups', change: 'removed' },
        { kind: 'PluginConfigMap', namespace: 'kube-system', name: 'cilium-config', change: 'removed' },
        { kind: 'PluginDaemonSet', namespace: 'kube-system', name: 'cilium', change: 'removed' },
      ],
    ],
  ];
  for (const [title, next, want] of cases) {
    it(title, () => {
      const store = Store.open(dbPath());
      const a = store.save(base, T0).meta.id;
      const b = store.save(next, T1).meta.id;
      assert.deepEqual(store.diff(a, b), want);
      store.close();
    });
  }
});

describe('store: the snapshot record carries the dataplane summary', () => {
  it('round-trips through save, list, get and latest, and after reopening', () => {
    const path = dbPath();
    const store = Store.open(path);
    const { meta } = store.save(richSnapshot({ dataplane: ciliumEvidence() }), T0, { resourceVersion: '7' }, summary);
    assert.deepEqual(meta.dataplane, summary);
    assert.deepEqual(meta.detail, { resourceVersion: '7' });
    assert.deepEqual(store.list(), [meta]);
    assert.deepEqual(store.get(meta.id)?.meta, meta);
    store.close();
    const again = Store.open(path, { readonly: true });
    assert.deepEqual(again.latest()?.meta, meta);
    again.close();
  });

  it('absent when saved without one', () => {
    const store = Store.open(dbPath());
    const { meta } = store.save(richSnapshot(), T0);
    assert.equal('dataplane' in meta, false);
    assert.equal('dataplane' in store.list()[0], false);
    store.close();
  });

  const flannel: DataplaneSummary = { plugin: 'flannel', name: 'flannel', enforcement: 'not-enforced', source: 'detected' };
  const dedupe: [string, DataplaneSummary | undefined, DataplaneSummary | undefined, DataplaneSummary | undefined][] = [
    ['same summary: nothing changes', summary, summary, summary],
    ['no summary given: the stored one is kept', summary, undefined, summary],
    ['a different summary replaces the stored one (derived from the content; newest reading wins)', summary, flannel, flannel],
    ['a summary fills in a row saved without one', undefined, summary, summary],
    ['neither: stays absent', undefined, undefined, undefined],
  ];
  for (const [title, first, second, want] of dedupe) {
    it(`dedupe: ${title}; takenAt and detail stay the first save's`, () => {
      const path = dbPath();
      const store = Store.open(path);
      const a = store.save(richSnapshot(), T0, { n: 1 }, first).meta;
      const b = store.save(richSnapshot(), T1, { n: 2 }, second);
      assert.equal(b.created, false);
      assert.deepEqual(b.meta, {
        id: a.id,
        takenAt: a.takenAt,
        source: a.source,
        hash: a.hash,
        counts: a.counts,
        detail: { n: 1 },
        ...(want ? { dataplane: want } : {}),
      });
      assert.deepEqual(store.latest()?.meta, b.meta);
      store.close();
      assert.equal(count(path, 'SELECT COUNT(*) AS n FROM snapshots'), 1);
    });
  }
});

describe('store: a schema-2 database migrates to 3 and keeps its snapshots', () => {
  /** What the schema-2 store wrote for a save: the snapshot row (no dataplane column), objects, members, indexes. */
  function saveAtSchema2(db: Database.Database, s: Snapshot, takenAt: Date): void {
    const objects = flattenSnapshot(s);
    const id = Number(
      db
        .prepare('INSERT INTO snapshots (taken_at, source, hash, counts, detail) VALUES (?, ?, ?, ?, NULL)')
        .run(takenAt.toISOString(), s.source, snapshotHash(s.source, objects), JSON.stringify(snapshotCounts(s))).lastInsertRowid,
    );
    const indexes = new IndexWriter(db);
    objects.forEach((o, seq) => {
      const objectId = db
        .prepare('INSERT INTO objects (hash, kind, namespace, name, body) VALUES (?, ?, ?, ?, ?)')
        .run(o.hash, o.object.kind, o.namespace, o.name, o.body).lastInsertRowid;
      indexes.write(objectId, o.object);
      db.prepare('INSERT INTO snapshot_objects (snapshot_id, seq, object_id) VALUES (?, ?, ?)').run(id, seq, objectId);
    });
  }

  it('opening migrates 2 → 3; the old snapshot reads back, has no summary, and dedupes against its unchanged hash', () => {
    const path = dbPath();
    mkdirSync(dirname(path), { recursive: true });
    const raw = new Database(path);
    migrate(raw, loadMigrations(), { upTo: 2 });
    assert.equal(schemaVersion(raw), 2);
    saveAtSchema2(raw, richSnapshot(), T0);
    raw.close();

    assert.throws(() => Store.open(path, { readonly: true }), /open it read-write/);
    const store = Store.open(path);
    const old = store.get(1)!;
    assert.deepEqual(old.snapshot, richSnapshot());
    assert.equal('dataplane' in old.meta, false);
    assert.equal(old.meta.hash, GOLDEN.rich);
    assert.deepEqual(store.list(), [old.meta]);
    // The first save after the upgrade: same content, so no new snapshot; the summary is filled in.
    const again = store.save(richSnapshot(), T1, undefined, summary);
    assert.deepEqual([again.created, again.meta.id, again.meta.dataplane], [false, 1, summary]);
    const next = store.save(richSnapshot({ dataplane: ciliumEvidence() }), T1, undefined, summary);
    assert.equal(next.created, true);
    assert.deepEqual(store.get(next.meta.id)?.snapshot, richSnapshot({ dataplane: ciliumEvidence() }));
    store.close();
    const check = new Database(path, { readonly: true });
    // Then on to the newest schema: 0004 (canonical rows) leaves these already-canonical rows and
    // their golden hash as they were; 0005 adds the delta table.
    assert.equal(schemaVersion(check), 5);
    check.close();
  });
});
