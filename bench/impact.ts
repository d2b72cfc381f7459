// `npm run bench:impact`: a one-policy change on a synthetic cluster (default 10k pods), answered
// incrementally (compile(after, before) + impactQuery: only the joint classes the change touches)
// versus full recomputation (fresh compile of the result, the all-ports class matrix before and
// after, and their diff over every pair of joint classes). Prints one JSON line per seed.
//   npm run bench:impact -- --pods 10000 --seeds 2,3
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { allPortsMatrix, compile, type AllPortsMatrix, type CompiledSnapshot } from '../src/engine/index.ts';
import { impactQuery } from '../src/query/impact.ts';
import { changeOnePolicy, generateCluster } from './generate.ts';

function time<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: Math.round((performance.now() - t0) * 10) / 10 };
}

/** Pod pairs (distinct endpoints in both snapshots) whose allowed port set differs, by joint class. */
function fullDiff(before: CompiledSnapshot, after: CompiledSnapshot, mb: AllPortsMatrix, ma: AllPortsMatrix): number {
  const joints = new Map<number, { b: number; a: number; n: number }>();
  for (const e of after.endpoints) {
    const ib = before.endpointIndex.get(e.key);
    if (ib === undefined) continue;
    const b = before.endpoints[ib].classId;
    const key = b * after.classes.length + e.classId;
    const j = joints.get(key);
    if (j) j.n++;
    else joints.set(key, { b, a: e.classId, n: 1 });
  }
  const list = [...joints.values()];
  const same = new Map<number, boolean>();
  let changed = 0;
  for (const x of list) {
    for (const y of list) {
      const idb = mb.cells[x.b * mb.classes + y.b];
      const ida = ma.cells[x.a * ma.classes + y.a];
      const key = idb * 1_000_003 + ida;
      let eq = same.get(key);
      if (eq === undefined) same.set(key, (eq = JSON.stringify(mb.table.ranges(idb)) === JSON.stringify(ma.table.ranges(ida))));
      if (!eq) changed += x === y ? x.n * (x.n - 1) : x.n * y.n;
    }
  }
  return changed;
}

const { values } = parseArgs({ options: { pods: { type: 'string', default: '10000' }, seeds: { type: 'string', default: '2,3' } } });
const pods = Number(values.pods);
const snapshot = generateCluster({ pods, seed: 1 });
for (const seed of values.seeds!.split(',').map(Number)) {
  const changed = changeOnePolicy(snapshot, seed);
  const index = changed.policies.findIndex((p, i) => p !== snapshot.policies[i]);
  const policy = changed.policies[index];
  const base = compile(snapshot);

  const incremental = time(() => impactQuery(base, { apply: [policy], delete: [] }));
  const full = time(() => {
    const fresh = compile(changed);
    const before = allPortsMatrix(compile(snapshot));
    const after = allPortsMatrix(fresh);
    return fullDiff(base, fresh, before, after);
  });
  const podPairs = new Set(
    [...incremental.value.lost, ...incremental.value.gained]
      .filter((f) => !f.from.includes('.') && !f.to.includes('.'))
      .map((f) => `${f.from}>${f.to}`),
  );
  const line = {
    pods: snapshot.pods.length,
    classes: base.stats.classes,
    policies: base.stats.policies,
    seed,
    changedPolicy: `${policy.namespace}/${policy.name}`,
    incrementalMs: incremental.ms,
    fullMs: full.ms,
    speedup: Math.round((full.ms / incremental.ms) * 10) / 10,
    lostFlows: incremental.value.summary.lost,
    gainedFlows: incremental.value.summary.gained,
    changedPodPairsIncremental: podPairs.size,
    // Class level: also counts node-local pairs (a hostNetwork pod and a pod on its node), which
    // are allowed whatever the policies say and so never change; the incremental count excludes them.
    changedPodPairsFull: full.value,
  };
  console.log(JSON.stringify(line));
}
