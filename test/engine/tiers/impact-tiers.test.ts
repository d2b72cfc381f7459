// Impact under the tiers: adding, changing or deleting a tier policy (or an unmodelled object) reports
// exactly the pod pairs whose allowed ports change — checked against check() before and after on every
// pair at every probe port (check itself is checked against the reference in tiers-property.test.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PROTOCOLS, type Snapshot } from '../../../src/model/types.ts';
import { check, compile, impact } from '../../../src/engine/index.ts';
import { applyChangeSet } from '../../../src/query/change-set.ts';
import { tierPolicyRef } from '../../../src/model/tier-policy.ts';
import { podKey, sortedPods } from '../../support/reference.ts';
import { probePorts } from '../../support/probe.ts';
import { randomTierSnapshot } from '../../support/random-tiers.ts';

function changes(s: Snapshot): { name: string; after: Snapshot }[] {
  const tiers = s.tierPolicies ?? [];
  const out: { name: string; after: Snapshot }[] = [];
  if (tiers.length > 0) {
    const first = tiers[0];
    out.push({ name: `delete ${tierPolicyRef(first)}`, after: applyChangeSet(s, { apply: [], delete: [tierPolicyRef(first)] }) });
    const flipped = {
      ...first,
      ingress: first.ingress.map((r) => ({ ...r, action: r.action === 'Deny' ? ('Allow' as const) : ('Deny' as const) })),
    };
    out.push({ name: `change ${tierPolicyRef(first)}`, after: applyChangeSet(s, { apply: [], delete: [], tierPolicies: [flipped] }) });
  }
  const added = {
    kind: 'AdminNetworkPolicy' as const,
    name: 'added',
    tier: 'Admin' as const,
    priority: 0,
    subject: { kind: 'namespaces' as const, namespaces: { matchLabels: {}, matchExpressions: [] } },
    ingress: [
      {
        name: 'deny',
        action: 'Deny' as const,
        peers: [{ kind: 'namespaces' as const, namespaces: { matchLabels: { team: 'red' }, matchExpressions: [] } }],
        ports: null,
      },
    ],
    egress: [],
  };
  out.push({ name: 'add AdminNetworkPolicy/added', after: applyChangeSet(s, { apply: [], delete: [], tierPolicies: [added] }) });
  return out;
}

describe('impact of tier policy changes = the pairs check() sees change', () => {
  for (let seed = 1; seed <= 25; seed++) {
    const s = randomTierSnapshot(seed);
    for (const { name, after } of changes(s)) {
      it(`seed ${seed}: ${name}`, () => {
        const cb = compile(s);
        const ca = compile(after, cb);
        const result = impact(cb, ca);
        const pods = sortedPods(after);
        for (const protocol of PROTOCOLS) {
          for (const port of probePorts(after, protocol).filter((_, i) => i % 3 === 0)) {
            for (const a of pods) {
              for (const b of pods) {
                if (a === b) continue;
                const q = (p: typeof a) => ({ kind: 'endpoint' as const, key: podKey(p) });
                const was = check(cb, q(a), q(b), port, protocol).verdict === 'allowed';
                const now = check(ca, q(a), q(b), port, protocol).verdict === 'allowed';
                const inGroup = (key: 'lost' | 'gained') =>
                  result.groups.some(
                    (g) =>
                      g.from.includes(podKey(a)) &&
                      g.to.includes(podKey(b)) &&
                      (g[key][protocol] ?? []).some(([lo, hi]) => lo <= port && port <= hi),
                  );
                if (was && !now) assert.ok(inGroup('lost'), `${podKey(a)} -> ${podKey(b)} ${protocol}/${port} lost but not reported`);
                if (!was && now) assert.ok(inGroup('gained'), `${podKey(a)} -> ${podKey(b)} ${protocol}/${port} gained but not reported`);
                if (was === now)
                  assert.ok(
                    !inGroup('lost') && !inGroup('gained'),
                    `${podKey(a)} -> ${podKey(b)} ${protocol}/${port} reported but unchanged`,
                  );
              }
            }
          }
        }
      });
    }
  }
});
