// Gathers decoded objects into a Snapshot: the later of two same-named objects wins (with a
// warning), namespaces used but not declared are implied, and every array is sorted by namespace
// then name so equal input gives an equal snapshot. Network-plugin evidence goes to `dataplane`.
import type { CiliumPolicy } from '../cilium-policy.ts';
import type { ConfigMapEvidence, DaemonSetEvidence, FelixConfigurationEvidence } from '../dataplane.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type {
  EndpointSlice,
  Namespace,
  NetworkPolicy,
  Node,
  NotAnalysable,
  ObjectRef,
  Pod,
  Service,
  Snapshot,
  SnapshotSource,
  Workload,
} from '../types.ts';
import type { TierPolicy, UnmodelledPolicy } from '../tier-policy.ts';
import { makeDiagnostic, type Origin } from './context.ts';
import { assembleEvidence } from './dataplane.ts';
import { implicitNamespace } from './namespace.ts';
import { notAnalysableReason } from './pod.ts';

export type Decoded =
  | { readonly kind: 'Namespace'; readonly value: Namespace }
  | { readonly kind: 'Node'; readonly value: Node }
  | { readonly kind: 'Pod'; readonly value: Pod }
  /** `daemonSet`: the plugin evidence of a DaemonSet that is a network plugin's. */
  | { readonly kind: 'Workload'; readonly value: Workload; readonly daemonSet?: DaemonSetEvidence }
  | { readonly kind: 'Service'; readonly value: Service }
  | { readonly kind: 'EndpointSlice'; readonly value: EndpointSlice }
  | { readonly kind: 'NetworkPolicy'; readonly value: NetworkPolicy }
  | { readonly kind: 'ConfigMap'; readonly value: ConfigMapEvidence }
  /** A CustomResourceDefinition: its spec.group. */
  | { readonly kind: 'CustomResourceDefinition'; readonly value: string }
  | { readonly kind: 'FelixConfiguration'; readonly value: FelixConfigurationEvidence }
  | { readonly kind: 'TierPolicy'; readonly value: TierPolicy }
  | { readonly kind: 'Unmodelled'; readonly value: UnmodelledPolicy }
  /** The rules of one CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy object. */
  | { readonly kind: 'CiliumPolicies'; readonly value: readonly CiliumPolicy[] };

interface Entry {
  readonly decoded: Decoded;
  readonly origin: Origin;
}

export class SnapshotCollector {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly source: SnapshotSource,
    private readonly diagnostics: Diagnostic[],
  ) {}

  add(decoded: Decoded, ref: ObjectRef, origin: Origin): void {
    const key = `${ref.kind}\u0000${ref.namespace ?? ''}\u0000${ref.name}`;
    const earlier = this.entries.get(key);
    if (earlier) {
      const where = earlier.origin.file ? `first at ${earlier.origin.file}${earlier.origin.line ? `:${earlier.origin.line}` : ''}` : '';
      this.diagnostics.push(makeDiagnostic('warning', 'duplicate-object', where, { ref, ...origin }));
      this.entries.delete(key); // re-insert so the later definition also takes the later position
    }
    this.entries.set(key, { decoded, origin });
  }

  finish(): Snapshot {
    const s = {
      namespaces: [] as Namespace[],
      nodes: [] as Node[],
      pods: [] as Pod[],
      workloads: [] as Workload[],
      services: [] as Service[],
      endpointSlices: [] as EndpointSlice[],
      policies: [] as NetworkPolicy[],
      notAnalysable: [] as NotAnalysable[],
    };
    const evidence: Evidence = {
      daemonSets: [],
      configMaps: [],
      crdGroups: new Set(),
      felixConfigurations: [],
      tierPolicies: [],
      unmodelled: [],
      ciliumPolicies: [],
    };
    for (const { decoded } of this.entries.values()) this.place(decoded, s, evidence);
    this.addImplicitNamespaces(s);
    const dataplane = assembleEvidence(evidence.daemonSets, evidence.configMaps, evidence.crdGroups, evidence.felixConfigurations);
    return {
      source: this.source,
      namespaces: s.namespaces.sort(byName),
      pods: s.pods.sort(byNamespaceName),
      workloads: s.workloads.sort((a, b) => byNamespaceName(a, b) || compare(a.kind, b.kind)),
      services: s.services.sort(byNamespaceName),
      endpointSlices: s.endpointSlices.sort(byNamespaceName),
      nodes: s.nodes.sort(byName),
      policies: s.policies.sort(byNamespaceName),
      notAnalysable: s.notAnalysable.sort(
        (a, b) => byNamespaceName(a.ref, b.ref) || compare(a.ref.kind, b.ref.kind) || compare(a.reason, b.reason),
      ),
      // Present only when non-empty, so snapshots without them keep their content hash.
      ...(evidence.tierPolicies.length > 0
        ? { tierPolicies: evidence.tierPolicies.sort((a, b) => compare(a.kind, b.kind) || compare(a.name, b.name)) }
        : {}),
      ...(evidence.ciliumPolicies.length > 0 ? { ciliumPolicies: evidence.ciliumPolicies.sort(byCiliumPolicy) } : {}),
      ...(evidence.unmodelled.length > 0
        ? { unmodelled: evidence.unmodelled.sort((a, b) => byNamespaceName(a, b) || compare(a.kind, b.kind) || compare(a.group, b.group)) }
        : {}),
      ...(dataplane ? { dataplane } : {}),
    };
  }

  private place(decoded: Decoded, s: MutableSnapshot, evidence: Evidence): void {
    switch (decoded.kind) {
      case 'Namespace':
        return void s.namespaces.push(decoded.value);
      case 'Node':
        return void s.nodes.push(decoded.value);
      case 'Pod': {
        const pod = decoded.value;
        const reason = notAnalysableReason(pod, this.source);
        if (reason) s.notAnalysable.push({ ref: { kind: 'Pod', namespace: pod.namespace, name: pod.name }, reason });
        else s.pods.push(pod);
        return;
      }
      case 'Workload':
        if (decoded.daemonSet) evidence.daemonSets.push(decoded.daemonSet);
        // A live cluster's workloads are not read: its pods stand for them, and a template endpoint would
        // bring back as analysable what a live pod that is not running leaves out. The watcher lists
        // DaemonSets for their plugin evidence only.
        if (this.source !== 'cluster') s.workloads.push(decoded.value);
        return;
      case 'Service':
        return void s.services.push(decoded.value);
      case 'EndpointSlice':
        return void s.endpointSlices.push(decoded.value);
      case 'NetworkPolicy':
        return void s.policies.push(decoded.value);
      case 'ConfigMap':
        return void evidence.configMaps.push(decoded.value);
      case 'CustomResourceDefinition':
        return void evidence.crdGroups.add(decoded.value);
      case 'FelixConfiguration':
        return void evidence.felixConfigurations.push(decoded.value);
      case 'TierPolicy':
        return void evidence.tierPolicies.push(decoded.value);
      case 'Unmodelled':
        return void evidence.unmodelled.push(decoded.value);
      case 'CiliumPolicies':
        return void evidence.ciliumPolicies.push(...decoded.value);
      default: {
        const unreachable: never = decoded;
        throw new Error(`unplaced object ${JSON.stringify(unreachable)}`);
      }
    }
  }

  private addImplicitNamespaces(s: MutableSnapshot): void {
    const declared = new Set(s.namespaces.map((n) => n.name));
    const used = [
      ...s.pods,
      ...s.workloads,
      ...s.services,
      ...s.endpointSlices,
      ...s.policies,
      ...s.notAnalysable.map((n) => ({ namespace: n.ref.namespace ?? '' })),
    ].map((o) => o.namespace);
    for (const name of [...new Set(used)].filter((n) => n && !declared.has(n)).sort(compare)) {
      s.namespaces.push(implicitNamespace(name));
      this.diagnostics.push(makeDiagnostic('info', 'implicit-namespace', '', { ref: { kind: 'Namespace', name } }));
    }
  }
}

interface Evidence {
  readonly daemonSets: DaemonSetEvidence[];
  readonly configMaps: ConfigMapEvidence[];
  readonly crdGroups: Set<string>;
  readonly felixConfigurations: FelixConfigurationEvidence[];
  readonly tierPolicies: TierPolicy[];
  readonly unmodelled: UnmodelledPolicy[];
  readonly ciliumPolicies: CiliumPolicy[];
}

type MutableSnapshot = {
  -readonly [K in keyof Omit<Snapshot, 'source' | 'dataplane' | 'cni' | 'tierPolicies' | 'unmodelled' | 'ciliumPolicies'>]: Array<
    Snapshot[K][number]
  >;
};

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byName(a: { name: string }, b: { name: string }): number {
  return compare(a.name, b.name);
}

function byNamespaceName(a: { namespace?: string; name: string }, b: { namespace?: string; name: string }): number {
  return compare(a.namespace ?? '', b.namespace ?? '') || compare(a.name, b.name);
}

function byCiliumPolicy(a: CiliumPolicy, b: CiliumPolicy): number {
  return compare(a.kind, b.kind) || byNamespaceName(a, b) || compare(a.path, b.path);
}
