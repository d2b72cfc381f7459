// `npm run bench:store [-- --pods N]`: time and size to store a synthetic snapshot in a fresh SQLite
// file, then to store the next snapshot after 100 pod changes (relabelled, added, removed; new Pod
// objects, as a watcher would produce). Prints one JSON object. Sizes are measured with the WAL
// checkpointed into the main file (close, then stat), so they are what stays on disk.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Pod, Snapshot } from '../src/model/types.ts';
import { Store } from '../src/store/store.ts';
import { generateCluster, podIP } from './generate.ts';

const RELABELLED = 40;
const ADDED = 30;
const REMOVED = 30;

/** 100 pod changes: relabel 40 pods, add 30 new ones, remove 30, spread over the pod list. */
function changePods(s: Snapshot): Snapshot {
  const stride = Math.floor(s.pods.length / (RELABELLED + REMOVED + 1));
  const relabel = new Set<number>();
  const remove = new Set<number>();
  for (let i = 1; i <= RELABELLED + REMOVED; i++) (i <= RELABELLED ? relabel : remove).add(i * stride);
  const pods: Pod[] = [];
  s.pods.forEach((p, i) => {
    if (remove.has(i)) return;
    pods.push(relabel.has(i) ? { ...p, labels: { ...p.labels, 'bench/changed': 'yes' } } : p);
  });
  const template = s.pods[s.pods.length - 1];
  for (let i = 0; i < ADDED; i++) {
    pods.push({ ...template, name: `bench-added-${i}`, ips: [podIP(s.pods.length + 1000 + i)] });
  }
  return { ...s, pods };
}

function fileSize(path: string): number {
  return statSync(path).size;
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

function main(): void {
  const { values } = parseArgs({ options: { pods: { type: 'string', default: '10000' } } });
  const pods = Number(values.pods);
  const dir = mkdtempSync(join(tmpdir(), 'netreach-bench-store-'));
  const path = join(dir, 'netreach.db');
  try {
    const first = generateCluster({ pods });
    const second = changePods(first);

    let store = Store.open(path);
    const save1 = timed(() => store.save(first, new Date('2024-01-01T00:00:00Z')));
    store.close();
    const size1 = fileSize(path);

    store = Store.open(path);
    const save2 = timed(() => store.save(second, new Date('2024-01-01T00:00:05Z')));
    const unchanged = timed(() => store.save(second, new Date('2024-01-01T00:00:10Z')));
    store.close();
    const size2 = fileSize(path);

    const reopen = timed(() => Store.open(path)); // includes the integrity check of every page
    store = reopen.value;
    const latest = timed(() => store.latest());
    const byLabel = timed(() => store.podsByLabel(save2.value.meta.id, 'bench/changed', 'yes'));
    const byAddress = timed(() => store.policiesByAddress(save2.value.meta.id, '10.0.1.2'));
    const diff = timed(() => store.diff(save1.value.meta.id, save2.value.meta.id));
    store.close();

    console.log(
      JSON.stringify(
        {
          pods: first.pods.length,
          policies: first.policies.length,
          objects: save1.value.meta.counts,
          first: { saveMs: round(save1.ms), dbBytes: size1 },
          next: {
            podChanges: { relabelled: RELABELLED, added: ADDED, removed: REMOVED },
            saveMs: round(save2.ms),
            growthBytes: size2 - size1,
            dbBytes: size2,
            diffEntries: diff.value.length,
          },
          unchangedSaveMs: round(unchanged.ms),
          unchangedCreated: unchanged.value.created,
          reads: {
            openMs: round(reopen.ms),
            latestMs: round(latest.ms),
            podsByLabelMs: round(byLabel.ms),
            podsByLabelHits: byLabel.value.length,
            policiesByAddressMs: round(byAddress.ms),
            diffMs: round(diff.ms),
          },
        },
        null,
        2,
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
