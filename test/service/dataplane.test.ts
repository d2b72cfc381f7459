// The service and the network plugin: every snapshot is saved with its dataplane summary (also when
// the write is retried, and in the unsaved fallback), readiness carries it, `--cni` is set on every
// snapshot before compile and save (so history keeps it), and the plugin is logged once per change.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { compile } from '../../src/engine/index.ts';
import type { CniOverride } from '../../src/model/dataplane.ts';
import type { Snapshot } from '../../src/model/types.ts';
import { dataplaneSummary } from '../../src/query/dataplane.ts';
import { loadManifests } from '../../src/query/manifests.ts';
import { dataplaneLogLine, dataplaneLogger } from '../../src/service/dataplane-log.ts';
import { runServe } from '../../src/process/serve.ts';
import { SnapshotService } from '../../src/service/snapshots.ts';
import { Store } from '../../src/store/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'netreach-service-dataplane-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const DEMO = 'examples/demo-cluster.yaml';
const FLANNEL = 'examples/flannel-cluster.yaml';
const FLANNEL_CNI: CniOverride = { plugin: 'flannel', settings: {} };

async function load(path: string): Promise<Snapshot> {
  return (await loadManifests([path])).snapshot;
}

async function waitFor(what: string, fn: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function open(name: string, cni?: CniOverride, retryMs?: number): { store: Store; service: SnapshotService; close(): void } {
  const store = Store.open(join(dir, name), { busyTimeoutMs: 20 });
  const service = new SnapshotService({ store, sourceLabel: 'test', ...(cni ? { cni } : {}), ...(retryMs ? { retryMs } : {}) });
  return { store, service, close: () => (service.close(), store.close()) };
}

describe('SnapshotService and the network plugin', () => {
  it('saves the dataplane summary with the snapshot; readiness carries it', async () => {
    const { store, service, close } = open('summary.db');
    const served = service.accept(await load(FLANNEL), 'manifests');
    const want = dataplaneSummary(served.compiled);
    assert.deepEqual([want.plugin, want.source, want.enforcement], ['flannel', 'detected', 'not-enforced']);
    assert.deepEqual(served.meta.dataplane, want);
    assert.deepEqual(store.list()[0].dataplane, want);
    assert.deepEqual(service.readiness().dataplane, want);
    close();
  });

  it('readiness has no dataplane before the first snapshot', () => {
    const { service, close } = open('empty.db');
    assert.equal(service.readiness().dataplane, undefined);
    close();
  });

  it('--cni is set on every snapshot before compile and save, so history keeps it', async () => {
    const { store, service, close } = open('cni.db', FLANNEL_CNI);
    const demo = await load(DEMO);
    const served = service.accept(demo, 'manifests');
    assert.deepEqual(served.snapshot.cni, FLANNEL_CNI);
    assert.equal(demo.cni, undefined, 'the caller’s snapshot is not mutated');
    assert.deepEqual(
      [served.meta.dataplane?.plugin, served.meta.dataplane?.source, served.compiled.dataplane.enforced],
      ['flannel', 'override', false],
    );
    assert.deepEqual(store.get(served.meta.id)?.snapshot.cni, FLANNEL_CNI, 'stored with the snapshot');
    const upload = service.accept({ ...demo, policies: demo.policies.slice(1) }, 'upload');
    assert.deepEqual(upload.snapshot.cni, FLANNEL_CNI, 'uploads too');
    assert.equal(store.list().length, 2);
    close();
  });

  it('without --cni the snapshot is served as given', async () => {
    const { service, close } = open('plain.db');
    const demo = await load(DEMO);
    assert.equal(service.accept(demo, 'manifests').snapshot, demo);
    close();
  });

  it('a write retried after a lock keeps the summary: in the unsaved meta, then in the stored row', async () => {
    const path = 'locked.db';
    const { store, service, close } = open(path, FLANNEL_CNI, 30);
    const other = new Database(join(dir, path));
    other.exec('BEGIN IMMEDIATE');
    try {
      const served = service.accept(await load(DEMO), 'manifests');
      assert.equal(served.meta.id, 0);
      assert.equal(served.meta.dataplane?.source, 'override', 'the unsaved fallback meta has it');
      assert.equal(service.readiness().dataplane?.plugin, 'flannel');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    await waitFor('the retried write', () => store.list().length === 1);
    assert.equal(store.list()[0].dataplane?.source, 'override');
    assert.deepEqual(store.latest()?.snapshot.cni, FLANNEL_CNI);
    close();
  });

  it('resume applies a --cni given now; a row stored without a summary gets one when read', async () => {
    const name = 'resume.db';
    const first = open(name);
    const demo = await load(DEMO);
    first.store.save(demo, new Date(), { source: 'manifests' }); // as an older netreach wrote it: no summary
    first.close();

    const plain = open(name);
    const resumed = plain.service.resume('waiting');
    assert.equal(resumed?.meta.dataplane?.source, 'none', 'derived from the compile when the row has none');
    assert.equal(plain.service.get(1)?.meta.dataplane?.plugin, 'unknown');
    plain.close();

    const withCni = open(name, FLANNEL_CNI);
    const again = withCni.service.resume('waiting');
    assert.deepEqual([again?.meta.dataplane?.source, again?.compiled.dataplane.enforced], ['override', false]);
    assert.equal(withCni.service.readiness().dataplane?.plugin, 'flannel');
    withCni.close();
  });
});

describe('the network plugin log line', () => {
  const cases: [string, string, CniOverride | undefined, RegExp][] = [
    [
      'no plugin recognised',
      DEMO,
      undefined,
      /^network plugin: none recognised; answers follow the Kubernetes API's meaning and enforcement depends on the cluster's plugin/,
    ],
    [
      'detected from the DaemonSet',
      FLANNEL,
      undefined,
      /^network plugin: flannel \(detected from kube-flannel\/kube-flannel-ds DaemonSet\); NetworkPolicy NOT enforced/,
    ],
    ['named with --cni', DEMO, FLANNEL_CNI, /^network plugin: flannel \(named with --cni\); NetworkPolicy NOT enforced/],
  ];
  for (const [what, path, cni, want] of cases) {
    it(what, async () => {
      const snapshot = await load(path);
      assert.match(dataplaneLogLine(compile(cni ? { ...snapshot, cni } : snapshot)), want);
    });
  }

  it('is written once per change, not once per snapshot', async () => {
    const lines: string[] = [];
    const log = dataplaneLogger((l) => lines.push(l));
    const demo = compile(await load(DEMO));
    const flannel = compile(await load(FLANNEL));
    for (const c of [demo, demo, flannel, flannel, demo]) log(c);
    assert.equal(lines.length, 3);
    assert.ok(lines.every((l) => l.startsWith('netreach: network plugin: ')));
  });

  it('netreach serve --manifests with --cni logs it, and readiness and the snapshot record carry it', async () => {
    const lines: string[] = [];
    const s = await runServe({
      manifests: [DEMO],
      db: join(dir, 'serve.db'),
      listen: { host: '127.0.0.1', port: 0 },
      debounceMs: 20,
      keepSnapshots: 5,
      env: {},
      home: dir,
      log: (l) => lines.push(l),
      cni: FLANNEL_CNI,
    });
    try {
      const plugin = lines.filter((l) => l.includes('network plugin:'));
      assert.equal(plugin.length, 1, lines.join('\n'));
      assert.match(plugin[0], /^netreach: network plugin: flannel \(named with --cni\); NetworkPolicy NOT enforced/);
      const ready = await (await fetch(`${s.url}/readyz`)).json();
      assert.deepEqual([ready.dataplane.plugin, ready.dataplane.source], ['flannel', 'override']);
      const list = await (await fetch(`${s.url}/v1/snapshots`)).json();
      assert.equal(list.snapshots[0].dataplane.source, 'override');
    } finally {
      await s.close();
    }
  });
});
