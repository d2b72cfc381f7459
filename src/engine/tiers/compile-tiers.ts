// Compiles the tier policies in force into class bitsets and per-class rule groups, in the same shape
// NetworkPolicy rules compile to (rules.ts): a peer of `namespaces` is every pod of the selected
// namespaces, `pods` both selectors, `networks` CIDRs matched on every address (pod IPs included),
// `nodes` the selected nodes' status.addresses as /32 (/128) blocks, `domainNames` an "outside,
// undecidable" flag. Evaluation order is fixed here: by priority (lower first; apis/v1alpha2
// ClusterNetworkPolicySpec.Priority), rules in written order within a policy.
import { type LabelSelector, type Node, type PolicyPeer, type PolicyType, type Snapshot } from '../../model/types.ts';
import { tierPolicyRef, unmodelledRef, type TierPeer, type TierPolicy, type TierRule } from '../../model/tier-policy.ts';
import { canonicalAddress, hostCidr } from '../addresses.ts';
import { newBits, forEachBit, setRange } from '../bitset.ts';
import type { References } from '../references.ts';
import { compileRule, peerPods, type RuleContext } from '../rules.ts';
import { matchesSelector, selectorKeys } from '../selector.ts';
import type { CompiledTierPolicy, CompiledTierRule, CompiledTiers, TierGroup } from './types.ts';

const ALL: LabelSelector = { matchLabels: {}, matchExpressions: [] };

/** Every address of a node: status.addresses (Internal, External), and what pods on it show of it. */
function nodeIps(snapshot: Snapshot, node: Node): string[] {
  const out = new Set<string>([...node.internalIPs, ...node.externalIPs]);
  for (const pod of snapshot.pods) {
    if (pod.nodeName !== node.name) continue;
    if (pod.hostIP) out.add(pod.hostIP);
    if (pod.hostNetwork) for (const ip of pod.ips) out.add(ip);
  }
  return [...out]
    .map((ip) => canonicalAddress(ip))
    .filter((ip): ip is string => ip !== null)
    .sort();
}

/** The /32 (/128) blocks of the nodes `selector` selects (Node objects only: labels are on them). */
export function nodeBlocks(snapshot: Snapshot, selector: LabelSelector): string[] {
  const out: string[] = [];
  for (const node of snapshot.nodes) {
    if (!matchesSelector(selector, node.labels)) continue;
    for (const ip of nodeIps(snapshot, node)) out.push(hostCidr(ip));
  }
  return out;
}

function policyPeers(snapshot: Snapshot, peer: TierPeer): PolicyPeer[] {
  switch (peer.kind) {
    case 'namespaces':
      return [{ kind: 'pods', namespaces: { kind: 'selector', selector: peer.namespaces }, pods: ALL }];
    case 'pods':
      return [{ kind: 'pods', namespaces: { kind: 'selector', selector: peer.namespaces }, pods: peer.pods }];
    case 'networks':
      return peer.cidrs.map((cidr) => ({ kind: 'ipBlock', cidr, except: [] }));
    case 'nodes':
      return nodeBlocks(snapshot, peer.nodes).map((cidr) => ({ kind: 'ipBlock', cidr, except: [] }));
    case 'domainNames':
      return [];
    default: {
      const never: never = peer;
      throw new Error(`unknown tier peer ${JSON.stringify(never)}`);
    }
  }
}

/** Label keys, CIDRs, port bounds and named ports the tier policies reference (they shape classes). */
export function addTierReferences(refs: References, snapshot: Snapshot, policies: readonly TierPolicy[]): void {
  const keys = (s: LabelSelector) => {
    for (const k of selectorKeys(s)) refs.labelKeys.add(k);
  };
  for (const p of policies) {
    if (p.subject.kind === 'pods') keys(p.subject.pods);
    for (const rule of [...p.ingress, ...p.egress]) {
      for (const peer of rule.peers) {
        if (peer.kind === 'pods') keys(peer.pods);
        for (const pp of policyPeers(snapshot, peer)) if (pp.kind === 'ipBlock') refs.cidrs.add(pp.cidr);
      }
      for (const port of rule.ports ?? []) {
        if (port.kind === 'range') refs.cuts.addRange(port.protocol, port.from, port.to);
        else if (port.kind === 'named') refs.named.add(`${port.protocol}/${port.name}`);
      }
    }
  }
}

function compileTierRule(
  ctx: RuleContext,
  snapshot: Snapshot,
  policy: number,
  direction: PolicyType,
  rule: TierRule,
  index: number,
): CompiledTierRule {
  const peers = rule.peers.flatMap((p) => policyPeers(snapshot, p));
  const compiled = compileRule(ctx, policy, 0, direction, { peers, ports: rule.ports }, index);
  const maybeOutside = rule.peers.some((p) => p.kind === 'domainNames');
  return { policy, direction, index, name: rule.name, action: rule.action, rule: compiled, maybeOutside };
}

function compileTierPolicy(ctx: RuleContext, snapshot: Snapshot, p: TierPolicy, id: number): CompiledTierPolicy {
  const s = p.subject;
  const selected = peerPods(ctx, 0, {
    kind: 'pods',
    namespaces: { kind: 'selector', selector: s.namespaces },
    pods: s.kind === 'pods' ? s.pods : ALL,
  });
  return {
    ref: tierPolicyRef(p),
    policy: p,
    tier: p.tier,
    priority: p.priority,
    selected,
    ingress: p.ingress.map((r, i) => compileTierRule(ctx, snapshot, id, 'Ingress', r, i)),
    egress: p.egress.map((r, i) => compileTierRule(ctx, snapshot, id, 'Egress', r, i)),
  };
}

/** Per class: groups of the policies (already sorted by tier, priority, ref) that select it. */
function groupsPerClass(
  policies: readonly CompiledTierPolicy[],
  classCount: number,
  tier: 'Admin' | 'Baseline',
  direction: 'ingress' | 'egress',
): TierGroup[][] {
  const out: TierGroup[][] = Array.from({ length: classCount }, () => []);
  policies.forEach((p, id) => {
    if (p.tier !== tier || p[direction].length === 0) return;
    forEachBit(p.selected, (cls) => {
      const groups = out[cls];
      const last = groups[groups.length - 1] as
        { priority: number; policies: number[]; rules: (readonly CompiledTierRule[])[] } | undefined;
      if (last && last.priority === p.priority) {
        last.policies.push(id);
        last.rules.push(p[direction]);
      } else groups.push({ priority: p.priority, policies: [id], rules: [p[direction]] });
    });
  });
  return out;
}

function floorPerClass(ctx: RuleContext, snapshot: Snapshot): { floor: string[][]; scope: ('none' | 'namespace' | 'cluster')[] } {
  const out: string[][] = Array.from({ length: ctx.classes.length }, () => []);
  const scope: ('none' | 'namespace' | 'cluster')[] = Array.from({ length: ctx.classes.length }, () => 'none');
  for (const u of snapshot.unmodelled ?? []) {
    const ref = unmodelledRef(u);
    const bits = newBits(ctx.classes.length);
    if (u.namespace === undefined) setRange(bits, 0, ctx.classes.length);
    else {
      const ns = ctx.namespaceIndex.get(u.namespace);
      if (ns !== undefined) setRange(bits, ctx.namespaceClasses[ns][0], ctx.namespaceClasses[ns][1]);
    }
    forEachBit(bits, (c) => {
      out[c].push(ref);
      if (scope[c] !== 'cluster') scope[c] = u.namespace === undefined ? 'cluster' : 'namespace';
    });
  }
  return { floor: out, scope };
}

export function compileTiers(
  ctx: RuleContext,
  snapshot: Snapshot,
  inForce: readonly TierPolicy[],
  notEnforced: readonly TierPolicy[],
): CompiledTiers {
  const order = (p: TierPolicy) => `${p.tier === 'Admin' ? 0 : 1}:${String(p.priority).padStart(4, '0')}:${tierPolicyRef(p)}`;
  const sorted = [...inForce].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  const policies = sorted.map((p, i) => compileTierPolicy(ctx, snapshot, p, i));
  const n = ctx.classes.length;
  const { floor, scope: floorScope } = floorPerClass(ctx, snapshot);
  const tiers: CompiledTiers = {
    policies,
    adminIngress: groupsPerClass(policies, n, 'Admin', 'ingress'),
    adminEgress: groupsPerClass(policies, n, 'Admin', 'egress'),
    baselineIngress: groupsPerClass(policies, n, 'Baseline', 'ingress'),
    baselineEgress: groupsPerClass(policies, n, 'Baseline', 'egress'),
    floor,
    floorScope,
    notEnforced,
    any: false,
  };
  const any = floor.some((f) => f.length > 0) || policies.some((p) => p.ingress.length + p.egress.length > 0);
  return { ...tiers, any };
}

/** Whether tiers take part in the given direction at a class (false: NetworkPolicy alone decides). */
export function tiersApply(t: CompiledTiers | null | undefined, cls: number, direction: PolicyType): boolean {
  if (!t || !t.any) return false;
  if (t.floor[cls].length > 0) return true;
  return direction === 'Ingress'
    ? t.adminIngress[cls].length > 0 || t.baselineIngress[cls].length > 0
    : t.adminEgress[cls].length > 0 || t.baselineEgress[cls].length > 0;
}
