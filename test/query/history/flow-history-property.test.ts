// Flow history against a brute force over random histories in a real SQLite file: every snapshot
// compiled whole (no scope, no skipping), and every change unit undone alone on the whole snapshot.
// The history must list exactly the verdict changes and, where a single unit restores the old
// verdict, exactly those units: scoping and skipping are exact, not approximations.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { compile } from '../../../src/engine/index.ts';
import type { Pod, Snapshot } from '../../../src/model/types.ts';
import { endpointSpecText, parseEndpointSpec } from '../../../src/query/endpoint-spec.ts';
import { assembleValues } from '../../../src/store/objects.ts';
import { type FlowQuery, flowState } from '../../../src/query/history/flow.ts';
import { flowHistory } from '../../../src/query/history/flow-history.ts';
import { Timeline } from '../../../src/query/history/timeline.ts';
import { changeUnits, undoUnits } from '../../../src/query/history/units.ts';
import { Store } from '../../../src/store/store.ts';
import { Rng, randomExtraPod, randomPodLabels, randomPolicy, randomSnapshot } from '../../support/random-cluster.ts';

const dir = mkdtempSync(join(tmpdir(), 'netreach-history-prop-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function mutate(rng: Rng, s: Snapshot, step: number): Snapshot {
  const pods = s.pods.slice();
  const policies = s.policies.slice();
  const namespaces = s.namespaces.slice();
  for (let k = rng.int(1, 3); k > 0; k--) {
    const what = rng.int(0, 5);
    if (what === 0 && pods.length > 2) pods.splice(rng.int(0, pods.length - 1), 1);
    else if (what === 1) pods.push(randomExtraPod(rng, { ...s, pods }) as Pod);
    else if (what === 2 && pods.length) {
      const i = rng.int(0, pods.length - 1);
      pods[i] = { ...pods[i], labels: randomPodLabels(rng) };
    } else if (what === 3) policies.push(randomPolicy(rng, `p-${step}-${k}`, namespaces));
    else if (what === 4 && policies.length) policies.splice(rng.int(0, policies.length - 1), 1);
    else if (namespaces.length) {
      const i = rng.int(0, namespaces.length - 1);
      namespaces[i] = { ...namespaces[i], labels: { ...namespaces[i].labels, zone: String(rng.int(0, 2)) } };
    }
  }
  return { ...s, pods, policies, namespaces };
}

let compared = 0;

describe('flow history equals the brute force', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`random history ${seed}`, () => {
      const rng = new Rng(seed * 977);
      const store = Store.open(join(dir, `h${seed}.db`));
      let s = randomSnapshot(seed);
      const all = new Set<string>();
      for (let i = 0; i < 10; i++) {
        if (i > 0) s = mutate(rng, s, i);
        for (const p of s.pods) all.add(`${p.namespace}/${p.name}`);
        store.save(s, new Date(Date.UTC(2026, 0, 1, 0, i)));
      }
      const t = new Timeline(store);
      const entries = t.entries();
      const names = [...all].sort();
      const nsNames = [...new Set(s.namespaces.map((n) => n.name))];
      for (let f = 0; f < 6; f++) {
        const from = parseEndpointSpec(f === 5 ? `ns:${rng.pick(nsNames)}` : rng.pick(names));
        const to = parseEndpointSpec(rng.pick(names));
        const flow: FlowQuery = { from, to, port: rng.pick([80, 443, 8080, 53]), protocol: 'TCP' };
        const got = flowHistory(t, flow);
        const expected: { snapshot: number; before: string | null; verdict: string; singles: string[] }[] = [];
        let prev: { id: number; verdict: string } | undefined;
        for (const e of entries) {
          const c = compile(store.get(e.id)!.snapshot);
          const v = flowState(c, { spec: from }, { spec: to }, flow.port, flow.protocol).verdict;
          if (!prev) expected.push({ snapshot: e.id, before: null, verdict: v, singles: [] });
          else if (v !== prev.verdict) {
            const values = t.values(t.memberIds(e.id));
            const singles = changeUnits(t.delta(prev.id, e.id))
              .filter(
                (u) =>
                  flowState(
                    compile(assembleValues('manifests', undoUnits(values, [u]))),
                    { spec: from },
                    { spec: to },
                    flow.port,
                    flow.protocol,
                  ).verdict === prev!.verdict,
              )
              .map((u) => u.key);
            expected.push({ snapshot: e.id, before: prev.verdict, verdict: v, singles });
          }
          prev = { id: e.id, verdict: v };
        }
        const what = `${endpointSpecText(from)} -> ${endpointSpecText(to)}:${flow.port}`;
        assert.deepEqual(
          got.changes.map((c) => [c.snapshot, c.before, c.verdict]),
          expected.map((c) => [c.snapshot, c.before, c.verdict]),
          what,
        );
        got.changes.forEach((c, i) => {
          if (expected[i].singles.length === 0) return; // joint causes: only the history's search finds them
          compared++;
          const keyOf = (x: { kind: string; namespace?: string; name: string }) => `${x.kind} ${x.namespace ?? ''}/${x.name}`;
          assert.deepEqual(
            c.causes.map(keyOf).sort(),
            expected[i].singles.map((k) => k.replace(/^workload /, '')).sort(),
            `${what} @${c.snapshot}`,
          );
        });
      }
      store.close();
    });
  }

  it('compared causes of real flips (the random histories are not trivial)', () =>
    assert.ok(compared >= 5, `only ${compared} flips compared`));
});

describe('workload and namespace flows per class pair', () => {
  it("give checkPaths' outcome on random snapshots", async () => {
    const { checkPaths } = await import('../../../src/query/paths/check-paths.ts');
    const { memberOutcome } = await import('../../../src/query/history/flow.ts');
    let checked = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const c = compile(randomSnapshot(seed));
      const rng = new Rng(seed);
      const specs = [...c.snapshot.namespaces.map((n) => `ns:${n.name}`), ...c.snapshot.pods.map((p) => `${p.namespace}/${p.name}`)];
      for (let i = 0; i < 6; i++) {
        const from = parseEndpointSpec(rng.pick(specs));
        const to = parseEndpointSpec(rng.pick(specs));
        const port = rng.pick([80, 443, 8080]);
        const expected = checkPaths(c, from, to, port, 'TCP');
        const unknown = expected.paths.some((p) => p.verdict?.verdict === 'unknown');
        assert.equal(
          memberOutcome(c, from, to, port, 'TCP').verdict,
          unknown ? 'unknown' : expected.outcome,
          `${endpointSpecText(from)} -> ${endpointSpecText(to)}:${port} (seed ${seed})`,
        );
        checked++;
      }
    }
    assert.ok(checked > 100);
  });
});
