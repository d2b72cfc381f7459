// compile(snapshot, previous?, options?) → CompiledSnapshot. Pure. The network plugin's profile
// (detected from the snapshot, or named with --cni) is applied first: the policies compiled are the
// ones the plugin enforces (dataplane/apply.ts) and ipBlocks match only the addresses it lets them
// match; `{ upstream: true }` compiles the API's meaning instead. When `previous` has the same class layout
// (same partition and regions: a snapshot that differs by pods of existing classes or by policies
// that name no new label key, named port or CIDR), unchanged policies are reused and only changed
// ones are compiled; if the port atoms moved (a rule gained a bound), reused policies get their atom
// masks remapped.
import { NAMESPACE_NAME_LABEL, PROTOCOLS, type Namespace, type NetworkPolicy, type Protocol, type Snapshot } from '../model/types.ts';
import { addressText, canonicalAddress } from './addresses.ts';
import { type Bits, forEachBit, fullBits, newBits, setBit } from './bitset.ts';
import { type ClassLayout, type PodFactsCache, buildClasses } from './classes.ts';
import type { CompiledDataplane, CompiledPolicy, CompiledRule, CompiledSnapshot, EndpointClass } from './compiled.ts';
import { applyProfile } from './dataplane/apply.ts';
import { detectDataplane } from './dataplane/detect.ts';
import { upstreamDetection } from './dataplane/upstream-detection.ts';
import type { Profile } from './dataplane/types.ts';
import { AtomCuts, type PortAtoms, atomOf, buildAtoms, fullMask } from './port-atoms.ts';
import { type IpRegions, buildRegions } from './regions.ts';
import { type RuleContext, compilePolicy, reindexPolicy, remapPolicyAtoms } from './rules.ts';
import { endpointSources } from './workloads.ts';
import { addTierReferences, compileTiers } from './tiers/compile-tiers.ts';
import { tierPoliciesInForce } from './tiers/in-force.ts';
import { compileCilium, withCilium } from './cilium/compile-cilium.ts';
import { addCiliumReferences, ciliumPoliciesInForce, notEnforcedView } from './cilium/in-force.ts';
import { selectorKeys } from './selector.ts';

/** Every namespace the snapshot declares, plus any a pod or policy lives in (with the name label only). */
function allNamespaces(s: Snapshot): Namespace[] {
  const out = new Map<string, Namespace>();
  for (const ns of s.namespaces) out.set(ns.name, ns);
  for (const o of [...s.pods, ...s.policies]) {
    if (!out.has(o.namespace)) out.set(o.namespace, { name: o.namespace, labels: { [NAMESPACE_NAME_LABEL]: o.namespace }, implicit: true });
  }
  return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export interface References {
  labelKeys: Set<string>;
  named: Set<string>;
  cidrs: Set<string>;
  cuts: AtomCuts;
}

function collectReferences(policies: readonly NetworkPolicy[]): References {
  const refs: References = { labelKeys: new Set(), named: new Set(), cidrs: new Set(), cuts: new AtomCuts() };
  for (const p of policies) {
    for (const k of selectorKeys(p.podSelector)) refs.labelKeys.add(k);
    for (const rule of [...p.ingress, ...p.egress]) {
      for (const peer of rule.peers ?? []) {
        if (peer.kind === 'pods') for (const k of selectorKeys(peer.pods)) refs.labelKeys.add(k);
        else for (const c of [peer.cidr, ...peer.except]) refs.cidrs.add(c);
      }
      for (const port of rule.ports ?? []) {
        if (port.kind === 'range') refs.cuts.addRange(port.protocol, port.from, port.to);
        else if (port.kind === 'named') refs.named.add(`${port.protocol}/${port.name}`);
      }
    }
  }
  return refs;
}

function refsKeyOf(refs: References): string {
  return [[...refs.labelKeys].sort().join(','), [...refs.named].sort().join(','), [...refs.cidrs].sort().join(',')].join('\n');
}

function protocolOf(namedKey: string): Protocol {
  return namedKey.slice(0, namedKey.indexOf('/')) as Protocol;
}

/** Everything derived from endpoints, namespaces and nodes (not from policy rules). */
export interface Layout {
  readonly layout: ClassLayout;
  /** Identity of namespaces, class partition and references (not of port atoms). */
  readonly layoutKey: string;
  readonly endpointIndex: ReadonlyMap<string, number>;
  readonly endpointByIp: ReadonlyMap<string, number>;
  readonly nodeByIp: ReadonlyMap<string, string>;
}

/** Node IPs: InternalIPs of Node objects, hostNetwork pods' IPs and pods' hostIP (by nodeName). */
function nodeAddresses(snapshot: Snapshot): Map<string, string> {
  const nodeByIp = new Map<string, string>();
  const add = (ip: string | undefined, node: string | undefined) => {
    const canonical = ip && node ? canonicalAddress(ip) : null;
    if (canonical && !nodeByIp.has(canonical)) nodeByIp.set(canonical, node!);
  };
  for (const node of snapshot.nodes) for (const ip of node.internalIPs) add(ip, node.name);
  for (const pod of snapshot.pods) {
    add(pod.hostIP, pod.nodeName);
    if (pod.hostNetwork) for (const ip of pod.ips) add(ip, pod.nodeName);
  }
  return nodeByIp;
}

function buildLayout(
  snapshot: Snapshot,
  namespaces: readonly Namespace[],
  namespaceIndex: ReadonlyMap<string, number>,
  refs: References,
  refsKey: string,
  regions: IpRegions,
  podFacts: PodFactsCache,
): Layout {
  const layout = buildClasses(endpointSources(snapshot), namespaceIndex, namespaces.length, refs.labelKeys, refs.named, regions, podFacts);
  const layoutKey = [
    namespaces.map((n) => `${n.name}{${Object.entries(n.labels).sort().join(';')}}`).join(','),
    layout.classKeys.join('\n'),
    refsKey,
  ].join('\n#\n');
  const endpointIndex = new Map(layout.endpoints.map((e, i) => [e.key, i]));
  const endpointByIp = new Map<string, number>();
  layout.endpoints.forEach((e, i) => {
    if (!e.pod.hostNetwork) for (const a of e.addresses) endpointByIp.set(addressText(a), i);
  });
  return { layout, layoutKey, endpointIndex, endpointByIp, nodeByIp: nodeAddresses(snapshot) };
}

/** Port atoms: every rule's port bounds and every named port the classes resolve. */
function atomsFor(cuts: AtomCuts, classes: ClassLayout['classes']): PortAtoms {
  for (const cls of classes) for (const [key, port] of cls.namedPorts) cuts.addRange(protocolOf(key), port, port);
  return buildAtoms(cuts);
}

function sameStarts(a: PortAtoms, b: PortAtoms): boolean {
  return PROTOCOLS.every((p) => a.starts[p].length === b.starts[p].length && a.starts[p].every((v, i) => v === b.starts[p][i]));
}

/** The layout's classes with named ports resolved to atoms (new objects: a previous compilation
 * may still be in use with its own atoms). */
function classesWithAtoms(classes: ClassLayout['classes'], atoms: PortAtoms): EndpointClass[] {
  return classes.map((cls) => {
    const namedAtoms = new Map<string, number>();
    for (const [key, port] of cls.namedPorts) namedAtoms.set(key, atomOf(atoms, protocolOf(key), port));
    return { ...cls, namedAtoms };
  });
}

/** Classes an ipBlock may match under the profile (null: all, the API's meaning). */
function ipBlockClasses(profile: Profile, classes: readonly { readonly hostNetwork: boolean }[]): Bits | null {
  if (profile.ipBlockScope === 'all') return null;
  const bits = newBits(classes.length);
  if (profile.ipBlockScope === 'nodes-and-external') classes.forEach((cls, i) => cls.hostNetwork && setBit(bits, i));
  return bits;
}

function enforcedOf(profile: Profile): boolean | null {
  return profile.enforcement === 'enforced' ? true : profile.enforcement === 'not-enforced' ? false : null;
}

export interface CompileOptions {
  /** Ignore the network plugin: compile the Kubernetes API's meaning (the "upstream" answer). */
  readonly upstream?: boolean;
}

export function compile(snapshot: Snapshot, previous?: CompiledSnapshot, options?: CompileOptions): CompiledSnapshot {
  const namespaces = allNamespaces(snapshot);
  const namespaceIndex = new Map(namespaces.map((ns, i) => [ns.name, i]));
  const detection = options?.upstream ? upstreamDetection() : detectDataplane(snapshot);
  const profile = detection.profile;
  const inForce = applyProfile(snapshot.policies, namespaces.map((n) => n.name), profile);
  const dataplane: CompiledDataplane = { detection, profile, enforced: enforcedOf(profile), applied: inForce.applied };
  const refs = collectReferences(inForce.policies);
  const tierSplit = tierPoliciesInForce(snapshot, profile);
  addTierReferences(refs, snapshot, tierSplit.inForce);
  const ciliumSplit = ciliumPoliciesInForce(snapshot, profile);
  addCiliumReferences(refs, snapshot, ciliumSplit.inForce);
  // The ipBlock scope changes what rules match: part of the key, so nothing compiled under another is reused.
  const refsKey = `${refsKeyOf(refs)}\nipBlock:${profile.ipBlockScope}`;
  const sameRefs = previous !== undefined && previous.reuse.refsKey === refsKey;
  const regions = sameRefs ? previous.regions : buildRegions(refs.cidrs);
  const podFacts = sameRefs ? previous.reuse.podFacts : new WeakMap();
  // Same references and the same endpoint objects: the layout (endpoints, classes) carries over.
  const sameEndpoints =
    sameRefs &&
    previous.snapshot.pods === snapshot.pods &&
    previous.snapshot.workloads === snapshot.workloads &&
    previous.snapshot.namespaces === snapshot.namespaces &&
    previous.snapshot.nodes === snapshot.nodes;
  const built = sameEndpoints ? previous.reuse.layout : buildLayout(snapshot, namespaces, namespaceIndex, refs, refsKey, regions, podFacts);
  const { layout, layoutKey } = built;
  const sameLayout = previous !== undefined && previous.reuse.layoutKey === layoutKey;
  // A new port bound changes the atoms but not the classes: reused policies get their masks remapped.
  const atoms = atomsFor(refs.cuts, layout.classes);
  const sameAtoms = sameLayout && sameStarts(previous.atoms, atoms);
  const classes = sameAtoms ? previous.classes : classesWithAtoms(layout.classes, atoms);

  const ctx: RuleContext = {
    classes,
    namespaceClasses: layout.namespaceClasses,
    namespaceLabels: namespaces.map((n) => n.labels),
    namespaceIndex,
    regions,
    atoms,
    podSelections: new Map(),
    namespaceSelections: new Map(),
    blockSelections: new Map(),
    regionClasses: [],
    ipBlockClasses: ipBlockClasses(profile, classes),
  };
  const policiesByObject = sameAtoms ? previous.reuse.policiesByObject : new WeakMap<NetworkPolicy, CompiledPolicy>();
  const reusable = (p: NetworkPolicy, content: string): CompiledPolicy | undefined => {
    if (!sameLayout) return undefined;
    const old = previous.reuse.policiesByObject.get(p) ?? previous.reuse.policiesByContent.get(content);
    return old && !sameAtoms ? remapPolicyAtoms(old, previous.atoms, atoms) : old;
  };
  const policiesByContent = new Map<string, CompiledPolicy>();
  const sortedPolicies = inForce.policies
    .map((p) => ({ p, key: `${p.namespace}/${p.name}` }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((x) => x.p);
  const contentKeys = previous?.reuse.contentKeys ?? new WeakMap<NetworkPolicy, string>();
  const policies = sortedPolicies.map((p, i) => {
    let content = contentKeys.get(p);
    if (content === undefined) contentKeys.set(p, (content = JSON.stringify(p)));
    const compiled = policiesByObject.get(p) ?? reusable(p, content) ?? compilePolicy(ctx, p, i);
    policiesByObject.set(p, compiled);
    policiesByContent.set(content, compiled);
    return reindexPolicy(compiled, i);
  });

  const hasCilium = (snapshot.ciliumPolicies?.length ?? 0) > 0;
  const hasTiers = (snapshot.tierPolicies?.length ?? 0) > 0 || (snapshot.unmodelled?.length ?? 0) > 0 || hasCilium;
  const plainTiers = hasTiers ? compileTiers(ctx, snapshot, tierSplit.inForce, tierSplit.notEnforced) : undefined;
  const tiers = plainTiers && hasCilium ? withCilium(plainTiers, ciliumCompiled(ctx, snapshot, profile, namespaces, ciliumSplit.inForce, policies, plainTiers.policies.length), ciliumSplit.notEnforced.map(notEnforcedView)) : plainTiers;
  const classCount = layout.classes.length;
  const ingressPolicies: number[][] = Array.from({ length: classCount }, () => []);
  const egressPolicies: number[][] = Array.from({ length: classCount }, () => []);
  const ingressRules: CompiledRule[][] = Array.from({ length: classCount }, () => []);
  const egressRules: CompiledRule[][] = Array.from({ length: classCount }, () => []);
  policies.forEach((p, i) => {
    forEachBit(p.selected, (c) => {
      if (p.types.ingress) {
        ingressPolicies[c].push(i);
        for (const r of p.ingress) ingressRules[c].push(r);
      }
      if (p.types.egress) {
        egressPolicies[c].push(i);
        for (const r of p.egress) egressRules[c].push(r);
      }
    });
  });

  return {
    snapshot,
    dataplane,
    namespaces,
    namespaceIndex,
    namespaceClasses: layout.namespaceClasses,
    endpoints: layout.endpoints,
    endpointIndex: built.endpointIndex,
    endpointByIp: built.endpointByIp,
    nodeByIp: built.nodeByIp,
    classes,
    regions,
    atoms,
    allAtoms: fullMask(atoms),
    policies,
    ingressPolicies,
    egressPolicies,
    ingressRules,
    egressRules,
    stats: {
      endpoints: layout.endpoints.length,
      classes: classCount,
      policies: policies.length,
      atoms: atoms.count,
      regions: regions.count,
    },
    ...(tiers ? { tiers } : {}),
    reuse: { refsKey, podFacts, layout: built, layoutKey, policiesByObject, policiesByContent, contentKeys },
  };
}

/** Cilium's rules in the tiers; CIDR rules match in-cluster addresses only as the Cilium profile allows. */
function ciliumCompiled(ctx: RuleContext, snapshot: Snapshot, profile: Profile, namespaces: readonly Namespace[], inForce: Parameters<typeof compileCilium>[4], nps: readonly CompiledPolicy[], base: number) {
  const cidrScope = profile.id === 'cilium' ? (ctx.ipBlockClasses ?? fullBits(ctx.classes.length)) : null;
  return compileCilium(ctx, snapshot, profile, namespaces, inForce, nps, base, cidrScope);
}
