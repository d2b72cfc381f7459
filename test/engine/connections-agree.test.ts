// `connections` is computed on classes and expanded; `reachablePorts` answers one pair at a time.
// They must agree on every pair of endpoints (grouped by pod), on every group pair as the union of
// its member pairs (grouped by workload, `differs` exactly when member pairs disagree), and on the
// outside: each outside entry's ports hold for its addresses, and no pod IP is an outside address.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, reachablePorts, type CompiledSnapshot, type PortRanges } from '../../src/engine/index.ts';
import { parseCidr, addressText } from '../../src/engine/addresses.ts';
import { connections } from '../../src/engine/connections.ts';
import { ALL_PORTS, equalRanges, unionRanges } from '../../src/engine/port-ranges.ts';
import { loadManifests } from '../../src/query/manifests.ts';
import { randomSnapshot } from '../support/random-cluster.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLES = [join(ROOT, 'examples/shop'), join(ROOT, 'examples/demo-cluster.yaml')];

const endpointQuery = (key: string) => ({ kind: 'endpoint' as const, key });

function byPair(c: CompiledSnapshot, groupBy: 'pod' | 'workload'): Map<string, { ports: PortRanges; differs: boolean }> {
  const r = connections(c, groupBy);
  const out = new Map<string, { ports: PortRanges; differs: boolean }>();
  for (const conn of r.connections) {
    if (conn.from.kind !== 'group' || conn.to.kind !== 'group') continue;
    out.set(`${r.groups[conn.from.group].id} ${r.groups[conn.to.group].id}`, { ports: conn.ports, differs: conn.differs });
  }
  return out;
}

function assertPodPairsAgree(c: CompiledSnapshot, label: string): void {
  const pairs = byPair(c, 'pod');
  for (const a of c.endpoints) {
    for (const b of c.endpoints) {
      if (a === b) continue;
      const expected = reachablePorts(c, endpointQuery(a.key), endpointQuery(b.key));
      const got = pairs.get(`${a.key} ${b.key}`)?.ports ?? {};
      assert.ok(
        equalRanges(got, expected),
        `${label}: ${a.key} => ${b.key}: connections ${JSON.stringify(got)}, ports ${JSON.stringify(expected)}`,
      );
    }
  }
}

function assertWorkloadPairsAgree(c: CompiledSnapshot, label: string): void {
  const pairs = byPair(c, 'workload');
  const members = new Map<string, string[]>();
  for (const e of c.endpoints) members.set(e.group, [...(members.get(e.group) ?? []), e.key]);
  for (const [g, gm] of members) {
    for (const [h, hm] of members) {
      if (g === h) continue;
      const each = gm.flatMap((a) => hm.map((b) => reachablePorts(c, endpointQuery(a), endpointQuery(b))));
      const union = each.reduce((acc, p) => unionRanges(acc, p), {});
      const differs = each.some((p) => !equalRanges(p, each[0]));
      const got = pairs.get(`${g} ${h}`) ?? { ports: {}, differs: false };
      assert.ok(equalRanges(got.ports, union), `${label}: ${g} => ${h}`);
      assert.equal(got.differs, differs, `${label}: ${g} => ${h} differs`);
    }
  }
}

function firstAndLast(cidr: string): string[] {
  const r = parseCidr(cidr)!;
  return r.family === 4
    ? [addressText({ family: 4, n: r.lo }), addressText({ family: 4, n: r.hi })]
    : [addressText({ family: 6, n: r.lo }), addressText({ family: 6, n: r.hi })];
}

function assertOutsideAgrees(c: CompiledSnapshot, label: string): void {
  const r = connections(c, 'pod');
  const podIps = new Set(c.endpointByIp.keys());
  for (const conn of r.connections) {
    const outside = conn.from.kind === 'outside' ? conn.from : conn.to.kind === 'outside' ? conn.to : null;
    const group = conn.from.kind === 'group' ? conn.from : conn.to.kind === 'group' ? conn.to : null;
    if (!outside || !group) continue;
    const key = r.groups[group.group].id;
    for (const cidr of outside.cidrs) {
      for (const ip of firstAndLast(cidr)) {
        assert.ok(!podIps.has(ip), `${label}: pod IP ${ip} listed as outside`);
        // A node IP also reaches the pods on its node (node-local); the outside list gives the ipBlock view.
        if (c.nodeByIp.has(ip)) continue;
        const expected =
          conn.from.kind === 'outside'
            ? reachablePorts(c, { kind: 'ip', ip }, endpointQuery(key))
            : reachablePorts(c, endpointQuery(key), { kind: 'ip', ip });
        assert.ok(
          equalRanges(conn.ports, expected),
          `${label}: ${ip} and ${key}: connections ${JSON.stringify(conn.ports)}, ports ${JSON.stringify(expected)}`,
        );
      }
    }
  }
}

describe('connections agrees with ports (reachablePorts) on the examples', () => {
  for (const path of EXAMPLES) {
    const name = path.slice(ROOT.length);
    it(`${name}: every pair of endpoints`, async () => assertPodPairsAgree((await loadManifests([path])).compiled, name));
    it(`${name}: every pair of workloads is the union of its member pairs`, async () =>
      assertWorkloadPairsAgree((await loadManifests([path])).compiled, name));
    it(`${name}: outside entries hold for their addresses`, async () => assertOutsideAgrees((await loadManifests([path])).compiled, name));
  }
  it('examples/shop: at least one allowed and one denied pair (the check is not vacuous)', async () => {
    const c = (await loadManifests([EXAMPLES[0]])).compiled;
    const all = c.endpoints.flatMap((a) =>
      c.endpoints.filter((b) => b !== a).map((b) => reachablePorts(c, endpointQuery(a.key), endpointQuery(b.key))),
    );
    assert.ok(all.some((p) => Object.keys(p).length === 0));
    assert.ok(all.some((p) => Object.keys(p).length > 0 && !equalRanges(p, ALL_PORTS)));
  });
});

describe('connections agrees with ports on random clusters', () => {
  for (let seed = 1; seed <= 25; seed++) {
    it(`seed ${seed}`, () => {
      const c = compile(randomSnapshot(seed));
      assertPodPairsAgree(c, `seed ${seed}`);
      assertWorkloadPairsAgree(c, `seed ${seed}`);
      assertOutsideAgrees(c, `seed ${seed}`);
    });
  }
});
