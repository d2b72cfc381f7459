// Property: the incremental impact answer equals "allowed port sets after minus before" computed by
// full recomputation (fresh compilations, reachablePorts on every pair and towards outside
// addresses), and an incremental compile answers like a fresh one. A failure names the seed; rerun
// one with `IMPACT_SEED=17 node --import tsx --test test/engine/impact-property.test.ts`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Snapshot } from '../../src/model/types.ts';
import { type CompiledSnapshot, compile, reachablePorts } from '../../src/engine/index.ts';
import { parseAddress, parseCidr, containsAddress } from '../../src/engine/addresses.ts';
import { subtractRanges } from '../../src/engine/port-ranges.ts';
import type { EndpointQuery, PortRanges } from '../../src/engine/verdict.ts';
import { type ChangeSet, applyChangeSet, impactQuery, type ImpactFlow } from '../../src/query/impact.ts';
import {
  EXTERNAL_IPS_V4,
  EXTERNAL_IPS_V6,
  Rng,
  randomExtraPod,
  randomPodLabels,
  randomPolicy,
  randomSnapshot,
} from '../support/random-cluster.ts';

const SEEDS = process.env.IMPACT_SEED
  ? [Number(process.env.IMPACT_SEED)]
  : Array.from({ length: Number(process.env.IMPACT_SEEDS ?? 120) }, (_, i) => i + 1);

const pod = (key: string): EndpointQuery => ({ kind: 'endpoint', key });
const ip = (address: string): EndpointQuery => ({ kind: 'ip', ip: address });

/** A random change: replace, add or delete policies, relabel or add pods, relabel a namespace. */
function randomChange(rng: Rng, s: Snapshot): ChangeSet {
  const apply = [];
  const del: string[] = [];
  const kind = rng.int(0, 5);
  if (kind <= 1 && s.policies.length) {
    const old = rng.pick(s.policies);
    apply.push({ ...randomPolicy(rng, old.name, s.namespaces), namespace: old.namespace });
  }
  if (kind === 2 || rng.chance(0.3)) apply.push(randomPolicy(rng, `new-${rng.int(0, 99)}`, s.namespaces));
  if (kind === 3 && s.policies.length) del.push(`${rng.pick(s.policies).namespace}/${rng.pick(s.policies).name}`);
  const change: { apply: typeof apply; delete: string[]; pods?: ChangeSet['pods']; namespaces?: ChangeSet['namespaces'] } = {
    apply,
    delete: [...new Set(del)].filter((ref) => s.policies.some((p) => `${p.namespace}/${p.name}` === ref)),
  };
  if (kind === 4 && s.pods.length) {
    const target = rng.pick(s.pods);
    change.pods = { upsert: [{ ...target, labels: randomPodLabels(rng) }, ...(rng.chance(0.5) ? [randomExtraPod(rng, s)] : [])] };
  }
  if (kind === 5 && s.namespaces.length) {
    const target = rng.pick(s.namespaces);
    const labels = { ...target.labels, team: rng.pick(['a', 'b', 'c']) };
    change.namespaces = { upsert: [{ ...target, labels }] };
  }
  return change;
}

function flowKey(f: Pick<ImpactFlow, 'from' | 'to' | 'protocol' | 'ports'>): string {
  return `${f.from} -> ${f.to} ${f.protocol} ${JSON.stringify(f.ports)}`;
}

function expectedFlows(from: string, to: string, ranges: PortRanges): string[] {
  return Object.entries(ranges).map(([protocol, ports]) =>
    flowKey({ from, to, protocol: protocol as ImpactFlow['protocol'], ports: ports! }),
  );
}

/** Full recomputation between pods present in both snapshots. */
function podPairDiff(b: CompiledSnapshot, a: CompiledSnapshot): { lost: string[]; gained: string[] } {
  const keys = b.endpoints.map((e) => e.key).filter((k) => a.endpointIndex.has(k));
  const lost: string[] = [];
  const gained: string[] = [];
  for (const x of keys) {
    for (const y of keys) {
      if (x === y) continue;
      const was = reachablePorts(b, pod(x), pod(y));
      const now = reachablePorts(a, pod(x), pod(y));
      lost.push(...expectedFlows(x, y, subtractRanges(was, now)));
      gained.push(...expectedFlows(x, y, subtractRanges(now, was)));
    }
  }
  return { lost: lost.sort(), gained: gained.sort() };
}

/** The flows of `list` between `podKey` and the CIDR holding `address` (in that direction). */
function outsideFlows(list: readonly ImpactFlow[], podKey: string, address: string, egress: boolean): string[] {
  const addr = parseAddress(address)!;
  const inCidr = (side: string) => {
    const r = parseCidr(side);
    return r !== null && containsAddress(r, addr);
  };
  return list
    .filter((f) => (egress ? f.from === podKey && inCidr(f.to) : f.to === podKey && inCidr(f.from)))
    .map((f) => flowKey({ ...f, from: egress ? podKey : address, to: egress ? address : podKey }))
    .sort();
}

/** Outside addresses to probe: the fixed external ones not owned by a pod or node in either snapshot. */
function probeAddresses(b: CompiledSnapshot, a: CompiledSnapshot): string[] {
  const taken = (x: string) => [b, a].some((c) => c.endpointByIp.has(x) || c.nodeByIp.has(x));
  return [...EXTERNAL_IPS_V4, ...EXTERNAL_IPS_V6].filter((x) => !taken(x));
}

function outsideDiff(
  b: CompiledSnapshot,
  a: CompiledSnapshot,
  podKey: string,
  address: string,
  egress: boolean,
): { lost: string[]; gained: string[] } {
  const [from, to] = egress ? [pod(podKey), ip(address)] : [ip(address), pod(podKey)];
  const was = reachablePorts(b, from, to);
  const now = reachablePorts(a, from, to);
  const [f, t] = egress ? [podKey, address] : [address, podKey];
  return { lost: expectedFlows(f, t, subtractRanges(was, now)).sort(), gained: expectedFlows(f, t, subtractRanges(now, was)).sort() };
}

describe('impact equals full recomputation on random clusters', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}`, () => {
      const rng = new Rng(seed * 7919);
      const base = compile(randomSnapshot(seed));
      const change = randomChange(rng, base.snapshot);
      const answer = impactQuery(base, change);
      const afterSnapshot = applyChangeSet(base.snapshot, change);
      const fresh = compile(afterSnapshot);
      const freshBase = compile(base.snapshot);
      const context = `seed=${seed} change=${JSON.stringify(change)}`;

      const pods = podPairDiff(freshBase, fresh);
      const podFlows = (list: readonly ImpactFlow[]) =>
        list
          .filter((f) => fresh.endpointIndex.has(f.from) && fresh.endpointIndex.has(f.to))
          .map(flowKey)
          .sort();
      assert.deepEqual(podFlows(answer.lost), pods.lost, `lost, ${context}`);
      assert.deepEqual(podFlows(answer.gained), pods.gained, `gained, ${context}`);

      const common = freshBase.endpoints.filter((e) => fresh.endpointIndex.has(e.key) && !e.pod.hostNetwork).map((e) => e.key);
      for (const address of probeAddresses(freshBase, fresh)) {
        for (const key of common) {
          for (const egress of [true, false]) {
            const want = outsideDiff(freshBase, fresh, key, address, egress);
            assert.deepEqual(
              outsideFlows(answer.lost, key, address, egress),
              want.lost,
              `lost ${key} ${egress ? '->' : '<-'} ${address}, ${context}`,
            );
            assert.deepEqual(
              outsideFlows(answer.gained, key, address, egress),
              want.gained,
              `gained ${key} ${egress ? '->' : '<-'} ${address}, ${context}`,
            );
          }
        }
      }

      // The incremental compilation answers like a fresh one.
      const incremental = compile(afterSnapshot, base);
      const keys = fresh.endpoints.map((e) => e.key);
      for (const x of keys)
        for (const y of keys)
          assert.deepEqual(reachablePorts(incremental, pod(x), pod(y)), reachablePorts(fresh, pod(x), pod(y)), `${x} -> ${y}, ${context}`);
    });
  }
});

describe('impact of no change', () => {
  for (const seed of SEEDS.slice(0, 20)) {
    it(`seed ${seed}: an empty change set reports nothing`, () => {
      const base = compile(randomSnapshot(seed));
      const answer = impactQuery(base, { apply: [], delete: [] });
      assert.deepEqual([answer.lost.length, answer.gained.length, answer.summary.changedPolicies], [0, 0, []]);
    });
  }
});
