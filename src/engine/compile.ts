// compile(snapshot, previous?) → CompiledSnapshot. Pure. When `previous` has the same class layout
// (same partition, regions and atoms: a snapshot that differs by pods of existing classes or by
// policies that name no new label key, named port or CIDR), unchanged policies are reused as they
// are and only changed ones are compiled.
import { NAMESPACE_NAME_LABEL, type Namespace, type NetworkPolicy, type Snapshot } from '../model/types.ts';
import { addressText, canonicalAddress } from './addresses.ts';
import { forEachBit } from './bitset.ts';
import { buildClasses } from './classes.ts';
import type { CompiledPolicy, CompiledRule, CompiledSnapshot } from './compiled.ts';
import { AtomCuts, atomOf, buildAtoms, fullMask } from './port-atoms.ts';
import { buildRegions } from './regions.ts';
import { type RuleContext, compilePolicy, reindexPolicy } from './rules.ts';
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

interface References {
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

function policyContentKey(p: NetworkPolicy): string {
  return JSON.stringify(p);
}

export function compile(snapshot: Snapshot, previous?: CompiledSnapshot): CompiledSnapshot {
  const namespaces = allNamespaces(snapshot);
  const namespaceIndex = new Map(namespaces.map((ns, i) => [ns.name, i]));
  const refs = collectReferences(snapshot.policies);
  const regions = buildRegions(refs.cidrs);
  const layout = buildClasses(snapshot.pods, namespaceIndex, namespaces.length, refs.labelKeys, refs.named, regions);
  for (const cls of layout.classes) {
    for (const [key, port] of cls.namedPorts) refs.cuts.addRange(key.slice(0, key.indexOf('/')) as 'TCP', port, port);
  }
  const atoms = buildAtoms(refs.cuts);
  for (const cls of layout.classes) {
    for (const [key, port] of cls.namedPorts) cls.namedAtoms.set(key, atomOf(atoms, key.slice(0, key.indexOf('/')) as 'TCP', port));
  }
  const layoutKey = [
    namespaces.map((n) => `${n.name}{${Object.entries(n.labels).sort().join(';')}}`).join(','),
    layout.classKeys.join('\n'),
    regions.v4.join(','),
    regions.v6.join(','),
    JSON.stringify(atoms.starts),
  ].join('\n#\n');
  const reusable = previous && previous.reuse.layoutKey === layoutKey ? previous.reuse.policies : undefined;

  const ctx: RuleContext = {
    classes: layout.classes,
    namespaceClasses: layout.namespaceClasses,
    namespaceLabels: namespaces.map((n) => n.labels),
    namespaceIndex,
    regions,
    atoms,
    podSelections: new Map(),
    namespaceSelections: new Map(),
    blockSelections: new Map(),
  };
  const policyCache = new Map<string, CompiledPolicy>();
  const sortedPolicies = [...snapshot.policies].sort((a, b) => {
    const ka = `${a.namespace}/${a.name}`;
    const kb = `${b.namespace}/${b.name}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const policies = sortedPolicies.map((p, i) => {
    const key = policyContentKey(p);
    const old = reusable?.get(key);
    const compiled = old ? reindexPolicy(old, i) : compilePolicy(ctx, p, i);
    policyCache.set(key, compiled);
    return compiled;
  });

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

  const endpointIndex = new Map(layout.endpoints.map((e, i) => [e.key, i]));
  const endpointByIp = new Map<string, number>();
  layout.endpoints.forEach((e, i) => {
    if (!e.pod.hostNetwork) for (const a of e.addresses) endpointByIp.set(addressText(a), i);
  });
  const nodeByIp = new Map<string, string>();
  for (const node of snapshot.nodes) {
    for (const ip of node.internalIPs) {
      const canonical = canonicalAddress(ip);
      if (canonical) nodeByIp.set(canonical, node.name);
    }
  }

  return {
    snapshot,
    namespaces,
    namespaceIndex,
    namespaceClasses: layout.namespaceClasses,
    endpoints: layout.endpoints,
    endpointIndex,
    endpointByIp,
    nodeByIp,
    classes: layout.classes,
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
    reuse: { layoutKey, policies: policyCache },
  };
}
