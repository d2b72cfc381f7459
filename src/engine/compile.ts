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
import type { CompiledDataplane, CompiledPolicy, CompiledRule, CompiledSnapshot, EndpointClass, Layout } from './compiled.ts';
import { applyProfile } from './dataplane/apply.ts';
import { detectDataplane } from './dataplane/detect.ts';
import { upstreamDetection } from './dataplane/upstream-detection.ts';
import type { Profile } from './dataplane/types.ts';
import { AtomCuts, type PortAtoms, atomOf, buildAtoms, fullMask } from './port-atoms.ts';
import type { References } from './references.ts';
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

/** 1. References: namespaces, the plugin's profile and the policies it enforces, and what they name. */
function references(snapshot: Snapshot, options: CompileOptions | undefined) {
  const namespaces = allNamespaces(snapshot);
  const namespaceIndex = new Map(namespaces.map((ns, i) => [ns.name, i]));
  const detection = options?.upstream ? upstreamDetection() : detectDataplane(snapshot);
  const profile = detection.profile;
  const inForce = applyProfile(
    snapshot.policies,
    namespaces.map((n) => n.name),
    profile,
  );
  const dataplane: CompiledDataplane = { detection, profile, enforced: enforcedOf(profile), applied: inForce.applied };
  const refs = collectReferences(inForce.policies);
  const tierSplit = tierPoliciesInForce(snapshot, profile);
  addTierReferences(refs, snapshot, tierSplit.inForce);
  const ciliumSplit = ciliumPoliciesInForce(snapshot, profile);
  addCiliumReferences(refs, snapshot, ciliumSplit.inForce);
  // The ipBlock scope changes what rules match: part of the key, so nothing compiled under another is reused.
  const refsKey = `${refsKeyOf(refs)}\nipBlock:${profile.ipBlockScope}`;
  return { namespaces, namespaceIndex, profile, inForce, dataplane, refs, tierSplit, ciliumSplit, refsKey };
}

type Refs = ReturnType<typeof references>;

/** 2. Layout: regions, endpoints and classes, carried over from `previous` when nothing they derive from changed. */
function layoutOf(snapshot: Snapshot, r: Refs, previous: CompiledSnapshot | undefined) {
  const sameRefs = previous !== undefined && previous.reuse.refsKey === r.refsKey;
  const regions = sameRefs ? previous.regions : buildRegions(r.refs.cidrs);
  const podFacts: PodFactsCache = sameRefs ? previous.reuse.podFacts : new WeakMap();
  // Same references and the same endpoint objects: the layout (endpoints, classes) carries over.
  const sameEndpoints =
    sameRefs &&
    previous.snapshot.pods === snapshot.pods &&
    previous.snapshot.workloads === snapshot.workloads &&
    previous.snapshot.namespaces === snapshot.namespaces &&
    previous.snapshot.nodes === snapshot.nodes;
  const built = sameEndpoints
    ? previous.reuse.layout
    : buildLayout(snapshot, r.namespaces, r.namespaceIndex, r.refs, r.refsKey, regions, podFacts);
  const sameLayout = previous !== undefined && previous.reuse.layoutKey === built.layoutKey;
  return { regions, podFacts, built, sameLayout };
}

/** 3. Atoms: a new port bound changes the atoms but not the classes (reused policies get their masks remapped). */
function atomsOf(r: Refs, layout: ClassLayout, sameLayout: boolean, previous: CompiledSnapshot | undefined) {
  const atoms = atomsFor(r.refs.cuts, layout.classes);
  const sameAtoms = sameLayout && previous !== undefined && sameStarts(previous.atoms, atoms);
  const classes = sameAtoms ? previous!.classes : classesWithAtoms(layout.classes, atoms);
  return { atoms, sameAtoms, classes };
}

/** 4. Policies, sorted by namespace/name: each reused by object or content from `previous`, or compiled. */
function compilePolicies(
  ctx: RuleContext,
  inForce: readonly NetworkPolicy[],
  sameLayout: boolean,
  sameAtoms: boolean,
  previous?: CompiledSnapshot,
) {
  const policiesByObject = sameAtoms ? previous!.reuse.policiesByObject : new WeakMap<NetworkPolicy, CompiledPolicy>();
  const reusable = (p: NetworkPolicy, content: string): CompiledPolicy | undefined => {
    if (!sameLayout || previous === undefined) return undefined;
    const old = previous.reuse.policiesByObject.get(p) ?? previous.reuse.policiesByContent.get(content);
    return old && !sameAtoms ? remapPolicyAtoms(old, previous.atoms, ctx.atoms) : old;
  };
  const policiesByContent = new Map<string, CompiledPolicy>();
  const sortedPolicies = inForce
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
  return { policies, policiesByObject, policiesByContent, contentKeys };
}

/** 5. Per class: the policies selecting it and their rules, per direction. */
function indexBySelectedClass(policies: readonly CompiledPolicy[], classCount: number) {
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
  return { ingressPolicies, egressPolicies, ingressRules, egressRules };
}

export function compile(snapshot: Snapshot, previous?: CompiledSnapshot, options?: CompileOptions): CompiledSnapshot {
  const r = references(snapshot, options);
  const { regions, podFacts, built, sameLayout } = layoutOf(snapshot, r, previous);
  const { layout, layoutKey } = built;
  const { atoms, sameAtoms, classes } = atomsOf(r, layout, sameLayout, previous);
  const ctx: RuleContext = {
    classes,
    namespaceClasses: layout.namespaceClasses,
    namespaceLabels: r.namespaces.map((n) => n.labels),
    namespaceIndex: r.namespaceIndex,
    regions,
    atoms,
    podSelections: new Map(),
    namespaceSelections: new Map(),
    blockSelections: new Map(),
    regionClasses: [],
    ipBlockClasses: ipBlockClasses(r.profile, classes),
  };
  const { policies, policiesByObject, policiesByContent, contentKeys } = compilePolicies(
    ctx,
    r.inForce.policies,
    sameLayout,
    sameAtoms,
    previous,
  );
  const tiers = tiersOf(ctx, snapshot, r, policies);
  const classCount = layout.classes.length;
  return {
    snapshot,
    dataplane: r.dataplane,
    namespaces: r.namespaces,
    namespaceIndex: r.namespaceIndex,
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
    ...indexBySelectedClass(policies, classCount),
    stats: {
      endpoints: layout.endpoints.length,
      classes: classCount,
      policies: policies.length,
      atoms: atoms.count,
      regions: regions.count,
    },
    ...(tiers ? { tiers } : {}),
    reuse: { refsKey: r.refsKey, podFacts, layout: built, layoutKey, policiesByObject, policiesByContent, contentKeys },
  };
}

/** 4b. The policy tiers (admin, baseline, Cilium's kinds, the unmodelled floor), when the snapshot has any. */
function tiersOf(ctx: RuleContext, snapshot: Snapshot, r: Refs, policies: readonly CompiledPolicy[]) {
  const hasCilium = (snapshot.ciliumPolicies?.length ?? 0) > 0;
  const hasTiers = (snapshot.tierPolicies?.length ?? 0) > 0 || (snapshot.unmodelled?.length ?? 0) > 0 || hasCilium;
  if (!hasTiers) return undefined;
  const plain = compileTiers(ctx, snapshot, r.tierSplit.inForce, r.tierSplit.notEnforced);
  if (!hasCilium) return plain;
  const cilium = ciliumCompiled(ctx, snapshot, r.profile, r.namespaces, r.ciliumSplit.inForce, policies, plain.policies.length);
  return withCilium(plain, cilium, r.ciliumSplit.notEnforced.map(notEnforcedView));
}

/** Cilium's rules in the tiers; CIDR rules match in-cluster addresses only as the Cilium profile allows. */
function ciliumCompiled(
  ctx: RuleContext,
  snapshot: Snapshot,
  profile: Profile,
  namespaces: readonly Namespace[],
  inForce: Parameters<typeof compileCilium>[4],
  nps: readonly CompiledPolicy[],
  base: number,
) {
  const cidrScope = profile.id === 'cilium' ? (ctx.ipBlockClasses ?? fullBits(ctx.classes.length)) : null;
  return compileCilium(ctx, snapshot, profile, namespaces, inForce, nps, base, cidrScope);
}
