// Tier policies for the benchmark's `+tiers` sizes: 50 AdminNetworkPolicies and one
// BaselineAdminNetworkPolicy over the generated cluster (bench/generate.ts), shaped like what
// platform teams write: per-team isolation with a Pass for same-team traffic, monitoring delegated
// with Pass, deny of an env's ingress from another env on port ranges, egress allow to DNS and deny
// to an external network, and a baseline default-deny across namespaces. Deterministic for a seed.
import type { Snapshot } from '../src/model/types.ts';
import type { TierPolicy, TierRule } from '../src/model/tier-policy.ts';
import { makeRng, randomInt } from './generate.ts';

const ns = (labels: Record<string, string>) => ({ matchLabels: labels, matchExpressions: [] });
const ALL = ns({});

export function generateTierPolicies(s: Snapshot, admins: number, seed: number): TierPolicy[] {
  const rng = makeRng(seed ^ 0xad1);
  const teams = [...new Set(s.namespaces.map((n) => n.labels.team).filter((t): t is string => t !== undefined && t !== 'platform'))].sort();
  const out: TierPolicy[] = [];
  for (let i = 0; i < admins; i++) {
    const team = teams[i % Math.max(1, teams.length)] ?? 'team-0';
    const env = i % 2 === 0 ? 'prod' : 'dev';
    const from = randomInt(rng, 1000, 9000);
    const ingress: TierRule[] = [
      {
        name: 'pass-monitoring',
        action: 'Pass',
        peers: [{ kind: 'namespaces', namespaces: ns({ team: 'platform' }) }],
        ports: [{ kind: 'named', protocol: 'TCP', name: 'metrics' }],
      },
      { name: 'pass-same-team', action: 'Pass', peers: [{ kind: 'namespaces', namespaces: ns({ team }) }], ports: null },
      {
        name: 'deny-other-env',
        action: 'Deny',
        peers: [{ kind: 'namespaces', namespaces: ns({ env: env === 'prod' ? 'dev' : 'prod' }) }],
        ports: [{ kind: 'range', protocol: 'TCP', from, to: from + randomInt(rng, 10, 500) }],
      },
    ];
    const egress: TierRule[] = [
      {
        name: 'allow-dns',
        action: 'Allow',
        peers: [{ kind: 'namespaces', namespaces: ns({ 'kubernetes.io/metadata.name': 'kube-system' }) }],
        ports: [{ kind: 'range', protocol: 'UDP', from: 53, to: 53 }],
      },
      { name: 'deny-external', action: 'Deny', peers: [{ kind: 'networks', cidrs: [`203.0.${i % 250}.0/24`] }], ports: null },
    ];
    const subject: TierPolicy['subject'] =
      i % 3 === 0
        ? { kind: 'pods', namespaces: ns({ team }), pods: ns({ tier: 'backend' }) }
        : { kind: 'namespaces', namespaces: ns({ team, env }) };
    out.push({
      kind: 'AdminNetworkPolicy',
      name: `admin-${String(i).padStart(2, '0')}`,
      tier: 'Admin',
      priority: 10 + i,
      subject,
      ingress,
      egress,
    });
  }
  out.push({
    kind: 'BaselineAdminNetworkPolicy',
    name: 'default',
    tier: 'Baseline',
    priority: 0,
    subject: { kind: 'namespaces', namespaces: ALL },
    ingress: [
      { name: 'allow-monitoring', action: 'Allow', peers: [{ kind: 'namespaces', namespaces: ns({ team: 'platform' }) }], ports: null },
      { name: 'default-deny', action: 'Deny', peers: [{ kind: 'namespaces', namespaces: ALL }], ports: null },
    ],
    egress: [],
  });
  return out;
}
