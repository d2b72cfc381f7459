// `npm run bench:history [-- --pods 10000 --snapshots 500]`: flow history over a long stored history
// and assertions on a new snapshot. Builds a real SQLite history of a synthetic cluster
// (bench/generate.ts) with realistic churn between snapshots — every snapshot a rollout of one
// Deployment (new ReplicaSet hash, new pod names and IPs), every 10th a pod relabelled, every 25th a
// policy edited (changeOnePolicy), every 50th a namespace relabelled — then prints one JSON object:
//   flowHistoryColdMs   one pod → pod flow history over every snapshot, on a fresh time line (reads
//                       every membership from SQLite, parses objects once, compiles what can matter)
//   flowHistoryWarmMs   another pod → pod flow on the same time line (as the service keeps it)
//   workloadHistoryMs   a deploy: → deploy: flow (every snapshot is compiled: a workload side can
//                       change with any pod), on the warm time line
//   compileNewMs        compile(new snapshot, previous): what the service does on every snapshot anyway
//   assertions200Ms     200 assertions (150 pod flows, 30 workload flows, 20 isolated: ns) on it
// One run, one machine: compare commits, not machines.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compile } from '../src/engine/index.ts';
import type { Pod, Snapshot } from '../src/model/types.ts';
import { evaluateAssertions } from '../src/query/assertions/evaluate.ts';
import type { Assertion } from '../src/query/assertions/parse.ts';
import { parseEndpointSpec } from '../src/query/endpoint-spec.ts';
import { flowHistory } from '../src/query/history/flow-history.ts';
import { workloadIdentity } from '../src/query/history/identity.ts';
import { Timeline } from '../src/query/history/timeline.ts';
import { Store } from '../src/store/store.ts';
import { changeOnePolicy, generateCluster, makeRng, podIP } from './generate.ts';

const args = parseArgs({
  options: {
    pods: { type: 'string', default: '10000' },
    snapshots: { type: 'string', default: '500' },
    seed: { type: 'string', default: '1' },
  },
}).values;
const PODS = Number(args.pods);
const SNAPSHOTS = Number(args.snapshots);
const rng = makeRng(Number(args.seed));
const log = (line: string) => process.stderr.isTTY && process.stderr.write(`${line}\n`);

function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { value, ms: Math.round(Number(process.hrtime.bigint() - start) / 1e4) / 100 };
}

const deploymentsOf = (s: Snapshot) =>
  [...new Set(s.pods.flatMap((p) => (p.ownerReferences[0]?.kind === 'ReplicaSet' ? [workloadIdentity(p)!] : [])))].sort();
let nextIp = PODS + 5000;
let hashSeq = 0;

/** Replaces every pod of one Deployment: new hash, names, IPs (what a rollout does). */
function rollout(s: Snapshot, deployment: string): Snapshot {
  const hash = `r${(hashSeq++).toString(36).padStart(8, '0')}`;
  const pods: Pod[] = s.pods.map((p) => {
    if (workloadIdentity(p) !== deployment) return p;
    const base = deployment.slice(deployment.indexOf('/') + 1);
    const index = p.name.slice(p.name.lastIndexOf('-') + 1);
    return {
      ...p,
      name: `${base}-${hash}-${index}`,
      labels: { ...p.labels, 'pod-template-hash': hash },
      ips: [podIP(nextIp++)],
      ownerReferences: [{ kind: 'ReplicaSet', name: `${base}-${hash}`, controller: true }],
    };
  });
  return { ...s, pods };
}

function relabelPod(s: Snapshot, i: number): Snapshot {
  const pods = s.pods.slice();
  const k = (i * 7919) % pods.length;
  pods[k] = { ...pods[k], labels: { ...pods[k].labels, 'bench/relabelled': String(i) } };
  return { ...s, pods };
}

function relabelNamespace(s: Snapshot, i: number): Snapshot {
  const namespaces = s.namespaces.slice();
  const k = (i * 31) % namespaces.length;
  namespaces[k] = { ...namespaces[k], labels: { ...namespaces[k].labels, 'bench/zone': String(i % 3) } };
  return { ...s, namespaces };
}

function churn(s: Snapshot, i: number, deployments: readonly string[]): Snapshot {
  let next = rollout(s, deployments[Math.floor(rng() * deployments.length)]);
  if (i % 10 === 0) next = relabelPod(next, i);
  if (i % 25 === 0) next = changeOnePolicy(next, i);
  if (i % 50 === 0) next = relabelNamespace(next, i);
  return next;
}

const pick = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)];
const podSpec = (p: Pod) => parseEndpointSpec(`${p.namespace}/${p.name}`);

function assertionsFor(s: Snapshot): Assertion[] {
  const out: Assertion[] = [];
  const deployments = deploymentsOf(s);
  for (let i = 0; i < 150; i++)
    out.push({
      kind: 'flow',
      name: `pod-${i}`,
      from: podSpec(pick(s.pods)),
      to: podSpec(pick(s.pods)),
      port: pick([8080, 9090, 5432, 443]),
      protocol: 'TCP',
      expect: 'allowed',
    });
  for (let i = 0; i < 30; i++)
    out.push({
      kind: 'flow',
      name: `workload-${i}`,
      from: parseEndpointSpec(pick(deployments)),
      to: parseEndpointSpec(pick(deployments)),
      port: 8080,
      protocol: 'TCP',
      expect: 'denied',
    });
  for (let i = 0; i < 20; i++)
    out.push({ kind: 'isolated', name: `isolated-${i}`, target: parseEndpointSpec(`ns:${pick(s.namespaces).name}`), direction: 'ingress' });
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'netreach-bench-history-'));
try {
  const store = Store.open(join(dir, 'history.db'));
  let snapshot = generateCluster({ pods: PODS, seed: Number(args.seed) });
  const deployments = deploymentsOf(snapshot);
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  const build = timed(() => {
    for (let i = 0; i < SNAPSHOTS; i++) {
      if (i > 0) snapshot = churn(snapshot, i, deployments);
      store.save(snapshot, new Date(t0 + i * 60_000));
      if (i % 50 === 0) log(`stored ${i + 1}/${SNAPSHOTS}`);
    }
  });
  // A flow whose source is rolled out along the way (its first pod's name is gone by the end).
  const first = store.get(store.historyEntries()[0].id)!.snapshot;
  const from = first.pods.find((p) => p.ownerReferences[0]?.kind === 'ReplicaSet')!;
  const to = first.pods.find((p) => p.labels.tier === 'db') ?? first.pods[1];
  const flow = { from: podSpec(from), to: podSpec(to), port: 5432, protocol: 'TCP' as const };
  const timeline = new Timeline(store);
  const cold = timed(() => flowHistory(timeline, flow));
  const other = { from: podSpec(first.pods[10]), to: podSpec(first.pods[20]), port: 8080, protocol: 'TCP' as const };
  const warm = timed(() => flowHistory(timeline, other));
  const workloadFlow = {
    from: parseEndpointSpec(workloadIdentity(from)!),
    to: parseEndpointSpec(workloadIdentity(to) ?? `${to.namespace}/${to.name}`),
    port: 5432,
    protocol: 'TCP' as const,
  };
  const workload = timed(() => flowHistory(timeline, workloadFlow));
  const previous = compile(snapshot);
  const fresh = churn(snapshot, SNAPSHOTS, deployments);
  const compiled = timed(() => compile(fresh, previous));
  const assertions = assertionsFor(fresh);
  evaluateAssertions(compiled.value, assertions.slice(0, 5)); // warm the code paths once
  const evaluated = timed(() => evaluateAssertions(compiled.value, assertions));
  store.close();
  console.log(
    JSON.stringify({
      pods: PODS,
      snapshots: SNAPSHOTS,
      buildHistoryMs: Math.round(build.ms),
      flowHistoryColdMs: cold.ms,
      flowHistoryColdCompiled: cold.value.snapshots.compiled,
      flowHistoryChanges: cold.value.changes.length,
      flowHistoryWarmMs: warm.ms,
      flowHistoryWarmCompiled: warm.value.snapshots.compiled,
      workloadHistoryMs: workload.ms,
      workloadHistoryChanges: workload.value.changes.length,
      compileNewMs: compiled.ms,
      assertions200Ms: evaluated.ms,
      assertionsFailing: evaluated.value.filter((r) => !r.ok).length,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
