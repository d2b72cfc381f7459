// Policy compilation: selectors become class bitsets (evaluated only inside the namespaces in
// scope, cached by canonical selector text), rules become peer bitsets, ipBlock region maps and
// port-atom masks.
import type { LabelSelector, NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule, PolicyType } from '../model/types.ts';
import { type Bits, andInto, newBits, orInto, setBit } from './bitset.ts';
import type { EndpointClass } from './classes.ts';
import { type PortAtoms, addRangeToMask, atomRange, fullMask, newMask } from './port-atoms.ts';
import { type IpRegions, blockRegions } from './regions.ts';
import { isEmptySelector, matchesSelector, selectorKey } from './selector.ts';

export interface CompiledRule {
  readonly policy: number;
  readonly direction: PolicyType;
  readonly index: number;
  /** from/to omitted or empty: every peer, inside the cluster or not. */
  readonly allPeers: boolean;
  /** Classes matched by the rule's pod peers (null: none). */
  readonly podPeers: Bits | null;
  /** Classes matched by the rule's ipBlock peers through their addresses (null: none). */
  readonly ipPeers: Bits | null;
  /** Region membership of each ipBlock peer, for addresses outside the cluster. */
  readonly blocks: readonly Uint8Array[];
  /** Region membership of peers that name nodes as nodes (Cilium's cluster, host and remote-node
   * entities): they match a node's address even where ipBlocks do not (Peer.nodeRegions). */
  readonly nodeBlocks?: readonly Uint8Array[];
  /** Numeric ports (and whole protocols) as an atom mask; every atom when ports are omitted. */
  readonly atoms: Uint32Array;
  /** Named ports (`TCP/http`), resolved against the destination class. */
  readonly named: readonly string[];
}

export interface CompiledPolicy {
  /** `ns/name` */
  readonly ref: string;
  readonly policy: NetworkPolicy;
  readonly namespace: number;
  /** Classes the podSelector selects. */
  readonly selected: Bits;
  readonly ingress: readonly CompiledRule[];
  readonly egress: readonly CompiledRule[];
  readonly types: { readonly ingress: boolean; readonly egress: boolean };
}

export interface RuleContext {
  readonly classes: readonly EndpointClass[];
  readonly namespaceClasses: readonly (readonly [number, number])[];
  readonly namespaceLabels: readonly Readonly<Record<string, string>>[];
  readonly namespaceIndex: ReadonlyMap<string, number>;
  readonly regions: IpRegions;
  readonly atoms: PortAtoms;
  /** Caches shared by every policy of one compile. */
  readonly podSelections: Map<string, Bits>;
  readonly namespaceSelections: Map<string, number[]>;
  readonly blockSelections: Map<string, { member: Uint8Array; classes: Bits }>;
  /** Filled lazily by classesByRegion. */
  readonly regionClasses: number[][];
  /** Classes an ipBlock may match under the plugin in force (null: every class, the API's meaning). */
  readonly ipBlockClasses: Bits | null;
}

function selectedNamespaces(ctx: RuleContext, selector: LabelSelector): number[] {
  const key = selectorKey(selector);
  let hit = ctx.namespaceSelections.get(key);
  if (!hit) {
    hit = [];
    for (let ns = 0; ns < ctx.namespaceLabels.length; ns++) if (matchesSelector(selector, ctx.namespaceLabels[ns])) hit.push(ns);
    ctx.namespaceSelections.set(key, hit);
  }
  return hit;
}

/** Non-hostNetwork classes of the given namespaces whose labels match `pods`. */
function selectPods(ctx: RuleContext, scopeKey: string, namespaces: readonly number[], pods: LabelSelector): Bits {
  const key = `${scopeKey}#${selectorKey(pods)}`;
  let bits = ctx.podSelections.get(key);
  if (bits) return bits;
  bits = newBits(ctx.classes.length);
  const all = isEmptySelector(pods);
  for (const ns of namespaces) {
    const [from, to] = ctx.namespaceClasses[ns];
    for (let c = from; c < to; c++) {
      const cls = ctx.classes[c];
      if (!cls.hostNetwork && (all || matchesSelector(pods, cls.labels))) setBit(bits, c);
    }
  }
  ctx.podSelections.set(key, bits);
  return bits;
}

/** Classes per region (built once per compile, on first use). */
function classesByRegion(ctx: RuleContext): number[][] {
  if (ctx.regionClasses.length === 0 && ctx.regions.count > 0) {
    for (let r = 0; r < ctx.regions.count; r++) ctx.regionClasses.push([]);
    ctx.classes.forEach((cls, c) => {
      for (const r of cls.regions) ctx.regionClasses[r].push(c);
    });
  }
  return ctx.regionClasses;
}

function selectBlock(ctx: RuleContext, cidr: string, except: readonly string[]): { member: Uint8Array; classes: Bits } {
  const key = `${cidr}-${[...except].sort().join(',')}`;
  let hit = ctx.blockSelections.get(key);
  if (!hit) {
    const member = blockRegions(ctx.regions, cidr, except);
    const classes = newBits(ctx.classes.length);
    const byRegion = classesByRegion(ctx);
    for (let r = 0; r < member.length; r++) {
      if (member[r] !== 1) continue;
      const list = byRegion[r];
      for (let i = 0; i < list.length; i++) setBit(classes, list[i]);
    }
    hit = { member, classes };
    ctx.blockSelections.set(key, hit);
  }
  return hit;
}

export function peerPods(ctx: RuleContext, policyNs: number, peer: Extract<PolicyPeer, { kind: 'pods' }>): Bits {
  if (peer.namespaces.kind === 'own') return selectPods(ctx, `ns:${policyNs}`, [policyNs], peer.pods);
  const selector = peer.namespaces.selector;
  return selectPods(ctx, `sel:${selectorKey(selector)}`, selectedNamespaces(ctx, selector), peer.pods);
}

function portMask(ctx: RuleContext, ports: readonly PolicyPort[] | null): { atoms: Uint32Array; named: string[] } {
  if (ports === null) return { atoms: fullMask(ctx.atoms), named: [] };
  const atoms = newMask(ctx.atoms);
  const named: string[] = [];
  for (const p of ports) {
    switch (p.kind) {
      case 'all':
        addRangeToMask(ctx.atoms, atoms, p.protocol, 1, 65535);
        break;
      case 'range':
        addRangeToMask(ctx.atoms, atoms, p.protocol, p.from, p.to);
        break;
      case 'named':
        named.push(`${p.protocol}/${p.name}`);
        break;
      default: {
        const never: never = p;
        throw new Error(`unreachable port ${JSON.stringify(never)}`);
      }
    }
  }
  return { atoms, named };
}

export function compileRule(
  ctx: RuleContext,
  policyIndex: number,
  policyNs: number,
  direction: PolicyType,
  rule: PolicyRule,
  index: number,
): CompiledRule {
  let podPeers: Bits | null = null;
  let ipPeers: Bits | null = null;
  const blocks: Uint8Array[] = [];
  for (const peer of rule.peers ?? []) {
    if (peer.kind === 'pods') {
      podPeers ??= newBits(ctx.classes.length);
      orInto(podPeers, peerPods(ctx, policyNs, peer));
    } else {
      const block = selectBlock(ctx, peer.cidr, peer.except);
      ipPeers ??= newBits(ctx.classes.length);
      orInto(ipPeers, block.classes);
      blocks.push(block.member);
    }
  }
  if (ipPeers !== null && ctx.ipBlockClasses !== null) andInto(ipPeers, ctx.ipBlockClasses);
  const { atoms, named } = portMask(ctx, rule.ports);
  return { policy: policyIndex, direction, index, allPeers: rule.peers === null, podPeers, ipPeers, blocks, atoms, named };
}

export function compilePolicy(ctx: RuleContext, policy: NetworkPolicy, policyIndex: number): CompiledPolicy {
  const ns = ctx.namespaceIndex.get(policy.namespace)!;
  const ingressOn = policy.policyTypes.includes('Ingress');
  const egressOn = policy.policyTypes.includes('Egress');
  return {
    ref: `${policy.namespace}/${policy.name}`,
    policy,
    namespace: ns,
    selected: selectPods(ctx, `ns:${ns}`, [ns], policy.podSelector),
    ingress: ingressOn ? policy.ingress.map((r, i) => compileRule(ctx, policyIndex, ns, 'Ingress', r, i)) : [],
    egress: egressOn ? policy.egress.map((r, i) => compileRule(ctx, policyIndex, ns, 'Egress', r, i)) : [],
    types: { ingress: ingressOn, egress: egressOn },
  };
}

/** A policy compiled under the same layout, renumbered for its new position. */
export function reindexPolicy(p: CompiledPolicy, policyIndex: number): CompiledPolicy {
  if (p.ingress.every((r) => r.policy === policyIndex) && p.egress.every((r) => r.policy === policyIndex)) return p;
  return {
    ...p,
    ingress: p.ingress.map((r) => ({ ...r, policy: policyIndex })),
    egress: p.egress.map((r) => ({ ...r, policy: policyIndex })),
  };
}

/** A rule's atom mask moved to other atoms. Sound because a rule's mask is a union of its own port
 * ranges, whose bounds are cut points of both atom sets. */
function remapMask(mask: Uint32Array, from: PortAtoms, to: PortAtoms): Uint32Array {
  const out = newMask(to);
  for (let atom = 0; atom < from.count; atom++) {
    if ((mask[atom >>> 5] & (1 << (atom & 31))) === 0) continue;
    const [protocol, lo, hi] = atomRange(from, atom);
    addRangeToMask(to, out, protocol, lo, hi);
  }
  return out;
}

/** A policy compiled under the same classes but other port atoms (a rule elsewhere gained a bound). */
export function remapPolicyAtoms(p: CompiledPolicy, from: PortAtoms, to: PortAtoms): CompiledPolicy {
  const remap = (r: CompiledRule): CompiledRule => ({ ...r, atoms: remapMask(r.atoms, from, to) });
  return { ...p, ingress: p.ingress.map(remap), egress: p.egress.map(remap) };
}
