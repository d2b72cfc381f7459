// Random tier policies for the tiers property test: AdminNetworkPolicy / ClusterNetworkPolicy Admin
// at a few priorities (so equal priorities happen), a BaselineAdminNetworkPolicy, a Baseline
// ClusterNetworkPolicy, every peer form (namespaces, pods, nodes, networks, domainNames), ports by
// number, range and name, Pass chains; sometimes an unmodelled object.
import type { LabelSelector, Node, PolicyPort, Protocol, Snapshot } from '../../src/model/types.ts';
import { NAMESPACE_NAME_LABEL, PROTOCOLS } from '../../src/model/types.ts';
import type { TierAction, TierPeer, TierPolicy, TierRule, UnmodelledPolicy } from '../../src/model/tier-policy.ts';
import { Rng, randomSelector, randomSnapshot } from './random-cluster.ts';

const POD_LABELS: Record<string, string[]> = { app: ['web', 'db', 'cache'], tier: ['front', 'back'], env: ['prod', 'dev'] };
const NS_LABELS: Record<string, string[]> = {
  team: ['red', 'blue'],
  env: ['prod', 'dev'],
  [NAMESPACE_NAME_LABEL]: ['alpha', 'beta', 'gamma', 'delta'],
};
const NETWORKS = ['10.0.1.0/24', '10.0.0.0/16', '0.0.0.0/0', '192.168.5.0/25', 'fd00::/64', '8.8.8.0/24', '172.16.0.0/30'];

function peer(rng: Rng, egress: boolean, allowDomains: boolean): TierPeer {
  const form = rng.int(0, egress ? 5 : 1);
  switch (form) {
    case 0:
      return { kind: 'namespaces', namespaces: randomSelector(rng, NS_LABELS) };
    case 1:
      return { kind: 'pods', namespaces: randomSelector(rng, NS_LABELS), pods: randomSelector(rng, POD_LABELS) };
    case 2:
      return { kind: 'nodes', nodes: randomSelector(rng, { zone: ['a', 'b'] }) };
    case 3:
    case 4:
      return { kind: 'networks', cidrs: rng.subset(NETWORKS, 1, 2) };
    default:
      return allowDomains ? { kind: 'domainNames', names: ['example.com'] } : { kind: 'networks', cidrs: ['8.8.8.0/24'] };
  }
}

function port(rng: Rng, namedOk: boolean): PolicyPort[] {
  const protocol: Protocol = rng.chance(0.7) ? 'TCP' : rng.pick(PROTOCOLS);
  const form = rng.int(0, namedOk ? 3 : 2);
  if (form === 0) {
    const p = rng.pick([53, 80, 443, 8080, 9090]);
    return [{ kind: 'range', protocol, from: p, to: p }];
  }
  if (form === 1) {
    const from = rng.pick([80, 1000, 8000]);
    return [{ kind: 'range', protocol, from, to: from + rng.int(1, 1200) }];
  }
  if (form === 2) return [{ kind: 'range', protocol, from: 1, to: 65535 }];
  const name = rng.pick(['http', 'metrics', 'dns']);
  return PROTOCOLS.map((pr) => ({ kind: 'named', protocol: pr, name }));
}

function rule(rng: Rng, i: number, egress: boolean, actions: readonly TierAction[]): TierRule {
  const action = rng.pick(actions);
  const peers = Array.from({ length: rng.int(1, 2) }, () => peer(rng, egress, action === 'Allow'));
  const external = peers.some((p) => p.kind !== 'namespaces' && p.kind !== 'pods');
  const ports = rng.chance(0.35) ? null : Array.from({ length: rng.int(1, 2) }, () => port(rng, !external)).flat();
  return { name: `r${i}`, action, peers, ports };
}

function policy(rng: Rng, kind: TierPolicy['kind'], name: string, tier: 'Admin' | 'Baseline', priority: number): TierPolicy {
  const actions: TierAction[] =
    tier === 'Admin' ? ['Allow', 'Deny', 'Pass'] : kind === 'BaselineAdminNetworkPolicy' ? ['Allow', 'Deny'] : ['Allow', 'Deny', 'Pass'];
  const subject: TierPolicy['subject'] = rng.chance(0.5)
    ? { kind: 'namespaces', namespaces: randomSelector(rng, NS_LABELS) }
    : { kind: 'pods', namespaces: randomSelector(rng, NS_LABELS), pods: randomSelector(rng, POD_LABELS) };
  const rules = (egress: boolean) => Array.from({ length: rng.pick([0, 1, 2, 3]) }, (_, i) => rule(rng, i, egress, actions));
  return { kind, name, tier, priority, subject, ingress: rules(false), egress: rules(true) };
}

const NODE_ZONES = ['a', 'b'];

export function randomTierSnapshot(seed: number): Snapshot {
  const base = randomSnapshot(seed);
  const rng = new Rng(seed * 7919 + 1);
  const nodes: Node[] = base.nodes.map((n, i) => ({ ...n, labels: { zone: NODE_ZONES[i % 2] } }));
  const tierPolicies: TierPolicy[] = [];
  const admins = rng.int(0, 4);
  for (let i = 0; i < admins; i++)
    tierPolicies.push(
      policy(rng, rng.chance(0.7) ? 'AdminNetworkPolicy' : 'ClusterNetworkPolicy', `admin-${i}`, 'Admin', rng.pick([1, 2, 2, 3, 5])),
    );
  if (rng.chance(0.6)) tierPolicies.push(policy(rng, 'BaselineAdminNetworkPolicy', 'default', 'Baseline', 0));
  if (rng.chance(0.3)) tierPolicies.push(policy(rng, 'ClusterNetworkPolicy', 'baseline-cnp', 'Baseline', rng.pick([0, 4])));
  const unmodelled: UnmodelledPolicy[] = [];
  if (rng.chance(0.15))
    unmodelled.push({ kind: 'CiliumNetworkPolicy', group: 'cilium.io', namespace: rng.pick(base.namespaces).name, name: 'cnp' });
  if (rng.chance(0.05)) unmodelled.push({ kind: 'GlobalNetworkPolicy', group: 'projectcalico.org', name: 'gnp' });
  return { ...base, nodes, tierPolicies, ...(unmodelled.length > 0 ? { unmodelled } : {}) };
}

export const EMPTY: LabelSelector = { matchLabels: {}, matchExpressions: [] };
