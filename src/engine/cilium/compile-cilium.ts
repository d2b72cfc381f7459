// Cilium's policies compiled into the tier engine: one CompiledTierPolicy per Cilium rule (tier
// `Cilium`), swept before the admin tier (Cilium implements no AdminNetworkPolicy) in five groups per
// class and direction, which give the agent's verdict (docs.cilium.io "Deny policies": "deny policies
// take precedence over allow policies, regardless of whether they are a Cilium Network Policy, a
// Clusterwide Cilium Network Policy or even a Kubernetes Network Policy"; pkg/policy/api/rule_validation.go
// Rule.Sanitize: default deny per direction once a rule, allow or deny, selects the endpoint):
//  0 deny rules that match for sure → denied;   1 deny rules that may match → unknown;
//  2 allow rules, and the allow rules of the NetworkPolicies selecting the endpoint when Cilium puts it
//    in default deny (the agent merges both kinds into one policy repository) → allowed;
//  3 allow rules that may match or carry L7 rules (decided per request) → unknown;
//  4 default deny of the Cilium policies that select the endpoint with enableDefaultDeny → denied.
// What no group decides goes on to the tiers after it: NetworkPolicy, then the default allow.
import { ciliumPolicyName, type CiliumPolicy, type CiliumRule } from '../../model/cilium-policy.ts';
import type { NetworkPolicy, PolicyType, Snapshot } from '../../model/types.ts';
import type { TierAction, TierPolicy } from '../../model/tier-policy.ts';
import { andInto, forEachBit, newBits, orInto, setBit, type Bits } from '../bitset.ts';
import type { CompiledPolicy, CompiledRule } from '../compiled.ts';
import type { Profile } from '../dataplane/types.ts';
import { compileRule, type RuleContext } from '../rules.ts';
import type { CompiledTierPolicy, CompiledTierRule, CompiledTiers, TierGroup } from '../tiers/types.ts';
import { clusterNameOf } from './identity.ts';
import { clusterNodeBlocks, emptyPeerSet, rulePeers, selectIdentities, type PeerContext, type PeerSet } from './peers.ts';

const STAGES = 5;
type Staged = { readonly stage: number; readonly rule: CompiledTierRule };

export interface CompiledCilium {
  readonly policies: CompiledTierPolicy[];
  readonly ingress: TierGroup[][];
  readonly egress: TierGroup[][];
}

const ALL = { matchLabels: {}, matchExpressions: [] };

/** The TierPolicy-shaped view explanations, lint and impact read (`source`: the object, for impact's diff). */
function view(kind: TierPolicy['kind'], name: string, source: CiliumPolicy | NetworkPolicy): TierPolicy {
  return {
    kind,
    name,
    tier: 'Cilium',
    priority: 0,
    subject: { kind: 'namespaces', namespaces: ALL },
    ingress: [],
    egress: [],
    source,
  } as TierPolicy;
}

function peerContext(ctx: RuleContext, snapshot: Snapshot, profile: Profile, namespaces: PeerContext['namespaces']): PeerContext {
  const n = ctx.classes.length;
  const hostClasses = newBits(n);
  const podClasses = newBits(n);
  ctx.classes.forEach((c, i) => setBit(c.hostNetwork ? hostClasses : podClasses, i));
  const cluster = clusterNameOf(profile.settings);
  return {
    ctx,
    snapshot,
    namespaces,
    cluster,
    nodeBlocks: clusterNodeBlocks(snapshot),
    hostClasses,
    podClasses,
    selections: new Map(),
    identities: [],
  };
}

function toRule(ctx: RuleContext, cidrScope: Bits | null, id: number, direction: PolicyType, r: CiliumRule, set: PeerSet): CompiledRule {
  const base = compileRule(ctx, id, 0, direction, { peers: set.blocks, ports: r.ports }, r.index);
  // CIDR rules never match Cilium-managed endpoints, host-network pods only as the profile allows.
  let ipPeers: Bits | null = null;
  if (set.cidr && base.ipPeers && cidrScope) {
    ipPeers = newBits(ctx.classes.length);
    orInto(ipPeers, base.ipPeers);
    andInto(ipPeers, cidrScope);
  }
  const nodeBlocks =
    set.nodes.length > 0 ? compileRule(ctx, id, 0, direction, { peers: set.nodes, ports: null }, r.index).blocks : undefined;
  return { ...base, allPeers: set.all, podPeers: set.pods, ipPeers, ...(nodeBlocks ? { nodeBlocks } : {}) };
}

function compileSection(
  pc: PeerContext,
  cidrScope: Bits | null,
  id: number,
  direction: PolicyType,
  section: string,
  rules: readonly CiliumRule[],
  action: TierAction,
): Staged[] {
  const out: Staged[] = [];
  const deny = action === 'Deny';
  for (const r of rules) {
    // No L3 part: with ports or icmps every peer; without, the rule admits nothing (`ingress: [{}]`).
    if (r.peers === null && !r.hasL4) continue;
    const { sure, undecided, why } =
      r.peers === null ? { sure: { ...emptyPeerSet(), all: true }, undecided: null, why: null } : rulePeers(pc, r.peers);
    const l7 = r.l7.length > 0 ? `${section} rule ${r.index} has L7 rules (${r.l7.join(', ')}), decided per request` : undefined;
    const mk = (set: PeerSet, reason: string | undefined, stage: number): Staged => ({
      stage,
      rule: {
        policy: id,
        direction,
        index: r.index,
        name: section,
        action,
        rule: toRule(pc.ctx, cidrScope, id, direction, r, set),
        maybeOutside: false,
        ...(reason ? { undecided: reason } : {}),
      },
    });
    out.push(mk(sure, l7, deny ? 0 : l7 ? 3 : 2));
    if (undecided && why) out.push(mk(undecided, l7 ? `${why}; ${l7}` : why, deny ? 1 : 3));
  }
  return out;
}

function catchAll(ctx: RuleContext, id: number, direction: PolicyType): Staged {
  const rule = compileRule(ctx, id, 0, direction, { peers: null, ports: null }, -1);
  return { stage: 4, rule: { policy: id, direction, index: -1, name: 'default deny', action: 'Deny', rule, maybeOutside: false } };
}

interface Entry {
  readonly compiled: CompiledTierPolicy;
  readonly staged: { readonly ingress: Staged[]; readonly egress: Staged[] };
  /** Classes whose groups it joins, per direction. */
  readonly ingressOn: Bits;
  readonly egressOn: Bits;
}

function ciliumEntry(pc: PeerContext, cidrScope: Bits | null, p: CiliumPolicy, id: number): Entry {
  const ctx = pc.ctx;
  const selected = selectIdentities(pc, p.subject);
  const ingress = [
    ...compileSection(pc, cidrScope, id, 'Ingress', 'ingressDeny', p.ingressDeny, 'Deny'),
    ...compileSection(pc, cidrScope, id, 'Ingress', 'ingress', p.ingress, 'Allow'),
  ];
  const egress = [
    ...compileSection(pc, cidrScope, id, 'Egress', 'egressDeny', p.egressDeny, 'Deny'),
    ...compileSection(pc, cidrScope, id, 'Egress', 'egress', p.egress, 'Allow'),
  ];
  if (p.defaultDeny.ingress) ingress.push(catchAll(ctx, id, 'Ingress'));
  if (p.defaultDeny.egress) egress.push(catchAll(ctx, id, 'Egress'));
  const name = ciliumPolicyName(p);
  const compiled: CompiledTierPolicy = {
    ref: `${p.kind}/${name}`,
    policy: view(p.kind, name, p),
    tier: 'Cilium',
    priority: 0,
    selected,
    ingress: ingress.map((s) => s.rule),
    egress: egress.map((s) => s.rule),
  };
  return { compiled, staged: { ingress, egress }, ingressOn: selected, egressOn: selected };
}

/** A NetworkPolicy's allow rules joining Cilium's on the classes Cilium puts in default deny. */
function bridgeEntry(np: CompiledPolicy, id: number, isolated: { ingress: Bits; egress: Bits }, n: number): Entry | null {
  const on = (d: 'ingress' | 'egress'): Bits => {
    const b = newBits(n);
    if (np.types[d]) {
      orInto(b, np.selected);
      andInto(b, isolated[d]);
    }
    return b;
  };
  const ingressOn = on('ingress');
  const egressOn = on('egress');
  if (ingressOn.every((w) => w === 0) && egressOn.every((w) => w === 0)) return null;
  const stage = (rules: readonly CompiledRule[], direction: PolicyType): Staged[] =>
    rules.map((rule) => ({
      stage: 2,
      rule: { policy: id, direction, index: rule.index, name: direction.toLowerCase(), action: 'Allow', rule, maybeOutside: false },
    }));
  const ingress = stage(np.ingress, 'Ingress');
  const egress = stage(np.egress, 'Egress');
  const selected = newBits(n);
  orInto(selected, ingressOn);
  orInto(selected, egressOn);
  const compiled: CompiledTierPolicy = {
    ref: `NetworkPolicy/${np.ref}`,
    policy: view('NetworkPolicy', np.ref, np.policy),
    tier: 'Cilium',
    priority: 0,
    selected,
    ingress: ingress.map((s) => s.rule),
    egress: egress.map((s) => s.rule),
  };
  return { compiled, staged: { ingress, egress }, ingressOn, egressOn };
}

function groups(entries: readonly Entry[], base: number, classCount: number, direction: 'ingress' | 'egress'): TierGroup[][] {
  const per: { policies: number[]; rules: CompiledTierRule[][] }[][] = Array.from({ length: classCount }, () => []);
  entries.forEach((e, i) => {
    const staged = e.staged[direction];
    if (staged.length === 0) return;
    const byStage: CompiledTierRule[][] = Array.from({ length: STAGES }, () => []);
    for (const s of staged) byStage[s.stage].push(s.rule);
    forEachBit(direction === 'ingress' ? e.ingressOn : e.egressOn, (cls) => {
      const stages = (per[cls] = per[cls].length > 0 ? per[cls] : Array.from({ length: STAGES }, () => ({ policies: [], rules: [] })));
      byStage.forEach((rules, s) => {
        if (rules.length === 0) return;
        stages[s].policies.push(base + i);
        stages[s].rules.push(rules);
      });
    });
  });
  return per.map((stages) =>
    stages.flatMap((g, s) => (g.policies.length > 0 ? [{ priority: s, policies: g.policies, rules: g.rules }] : [])),
  );
}

export function compileCilium(
  ctx: RuleContext,
  snapshot: Snapshot,
  profile: Profile,
  namespaces: PeerContext['namespaces'],
  inForce: readonly CiliumPolicy[],
  nps: readonly CompiledPolicy[],
  base: number,
  cidrScope: Bits | null,
): CompiledCilium {
  const pc = peerContext(ctx, snapshot, profile, namespaces);
  const entries = inForce.map((p, i) => ciliumEntry(pc, cidrScope, p, base + i));
  const n = ctx.classes.length;
  const isolated = { ingress: newBits(n), egress: newBits(n) };
  inForce.forEach((p, i) => {
    if (p.defaultDeny.ingress) orInto(isolated.ingress, entries[i].compiled.selected);
    if (p.defaultDeny.egress) orInto(isolated.egress, entries[i].compiled.selected);
  });
  for (const np of nps) {
    const e = bridgeEntry(np, base + entries.length, isolated, n);
    if (e) entries.push(e);
  }
  return {
    policies: entries.map((e) => e.compiled),
    ingress: groups(entries, base, n, 'ingress'),
    egress: groups(entries, base, n, 'egress'),
  };
}

/** The tiers with Cilium's groups first (before the admin tier) and its unenforced policies reported. */
export function withCilium(t: CompiledTiers, c: CompiledCilium, notEnforced: readonly TierPolicy[]): CompiledTiers {
  const before = (mine: TierGroup[][], theirs: readonly (readonly TierGroup[])[]) =>
    theirs.map((g, cls) => (mine[cls].length > 0 ? [...mine[cls], ...g] : g));
  const any = t.any || c.ingress.some((g) => g.length > 0) || c.egress.some((g) => g.length > 0);
  return {
    ...t,
    policies: [...t.policies, ...c.policies],
    adminIngress: before(c.ingress, t.adminIngress),
    adminEgress: before(c.egress, t.adminEgress),
    notEnforced: [...t.notEnforced, ...notEnforced],
    any,
  };
}
