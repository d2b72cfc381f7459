// The reference evaluator for Cilium policies, written plainly from Cilium's documentation and apart
// from src/engine/cilium and src/model/decode: it reads the objects as written (raw manifests) and,
// for one direction at one pod, loops over every rule.
// - Subjects: a CiliumNetworkPolicy selects the pods of its namespace, a CCNP those of every
//   namespace, never hostNetwork pods; selectors see identity labels: the pod's labels without those
//   the default label filter drops (here: pod-template-hash), io.kubernetes.pod.namespace and each
//   namespace label as io.cilium.k8s.namespace.labels.<key> (docs: "Limiting Identity-Relevant Labels").
// - from/toEndpoints of a CNP look in its namespace unless they name io.kubernetes.pod.namespace; of a
//   CCNP everywhere (policy language "Endpoints based", namespace notes).
// - Entities: all = anything; world = an address that is no pod and no node; cluster = every pod
//   (hostNetwork too) and every node address. CIDR rules: only addresses that are no pod and no node.
// - A rule with no L3 part and toPorts admits every peer on those ports; `{}` admits nothing.
// - toPorts: protocol ANY (or omitted) = TCP, UDP and SCTP; endPort a range; a port name resolved on
//   the destination pod.
// - Verdict per direction: a matching deny rule denies; else a matching allow rule (Cilium's) allows;
//   else, if a selecting Cilium policy puts the pod in default deny (enableDefaultDeny, or by default
//   once the direction has a rule, allow or deny) or a NetworkPolicy isolates it, only the
//   NetworkPolicies' rules can still allow; else allowed ("Deny policies": deny over allow across
//   CNP, CCNP and NetworkPolicy; allows add up in one repository).
import type { Labels, Pod, Protocol, Snapshot } from '../../src/model/types.ts';
import { ipInCidr, refDirectionAllowed, selectorMatches, withRefMode, REF_UPSTREAM, type RefEndpoint } from './reference.ts';
import { nodeOfEndpoint, selectable, speaksAsNode } from './reference.ts';
import type { Raw } from './random-cilium.ts';

const CILIUM_MODE = { ...REF_UPSTREAM, ipBlockScope: 'external' as const };
const NS_KEY = 'io.kubernetes.pod.namespace';

function nsLabels(s: Snapshot, name: string): Labels {
  return s.namespaces.find((n) => n.name === name)?.labels ?? { 'kubernetes.io/metadata.name': name };
}

function identity(s: Snapshot, pod: Pod): Labels {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(pod.labels)) if (k !== 'pod-template-hash') out[k] = v;
  out[NS_KEY] = pod.namespace;
  for (const [k, v] of Object.entries(nsLabels(s, pod.namespace))) out[`io.cilium.k8s.namespace.labels.${k}`] = v;
  return out;
}

/** `k8s:app` → `app`. */
function labelsOf(sel: Raw): Labels {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((sel.matchLabels ?? {}) as Labels)) out[k.replace(/^(k8s|any):/, '')] = v;
  return out;
}

function selects(s: Snapshot, sel: Raw, pod: Pod): boolean {
  return !pod.hostNetwork && selectorMatches({ matchLabels: labelsOf(sel), matchExpressions: [] }, identity(s, pod));
}

function isNodeAddress(s: Snapshot, ip: string): boolean {
  return s.nodes.some((n) => n.internalIPs.includes(ip)) || s.pods.some((p) => p.hostIP === ip || (p.hostNetwork && p.ips.includes(ip)));
}

function isOutside(s: Snapshot, e: RefEndpoint): e is { ip: string } {
  return !('pod' in e) && !isNodeAddress(s, e.ip);
}

function peerMatches(s: Snapshot, policy: Raw, r: Raw, ingress: boolean, other: RefEndpoint): boolean {
  const dir = ingress ? 'from' : 'to';
  const endpoints = r[`${dir}Endpoints`] as Raw[] | undefined;
  const entities = r[`${dir}Entities`] as string[] | undefined;
  const cidrs = r[`${dir}CIDRSet`] as { cidr: string; except: string[] }[] | undefined;
  const namespace = (policy.metadata as Raw).namespace as string | undefined;
  if (endpoints)
    return endpoints.some((sel) => {
      if (!('pod' in other)) return false;
      const scoped = namespace !== undefined && !(NS_KEY in labelsOf(sel));
      return (!scoped || other.pod.namespace === namespace) && selects(s, sel, other.pod);
    });
  if (entities)
    return entities.some((e) => {
      if (e === 'all') return true;
      if (e === 'world') return isOutside(s, other);
      return 'pod' in other || isNodeAddress(s, other.ip); // cluster
    });
  if (cidrs) return isOutside(s, other) && cidrs.some((c) => ipInCidr(other.ip, c.cidr) && !c.except.some((x) => ipInCidr(other.ip, x)));
  return r.toPorts !== undefined; // no L3 part: every peer with ports, nothing without
}

function portMatches(r: Raw, dst: RefEndpoint, port: number, protocol: Protocol): boolean {
  const toPorts = r.toPorts as { ports: Raw[] }[] | undefined;
  if (!toPorts) return true;
  return toPorts.some((tp) =>
    tp.ports.some((p) => {
      const proto = (p.protocol as string | undefined) ?? 'ANY';
      if (proto !== 'ANY' && proto !== protocol) return false;
      const text = p.port as string;
      if (/^\d+$/.test(text)) {
        const from = Number(text);
        const to = (p.endPort as number | undefined) ?? from;
        return from <= port && port <= to;
      }
      return 'pod' in dst && dst.pod.containerPorts.some((cp) => cp.name === text && cp.protocol === protocol && cp.containerPort === port);
    }),
  );
}

function policySelects(s: Snapshot, policy: Raw, pod: Pod): boolean {
  const namespace = (policy.metadata as Raw).namespace as string | undefined;
  if (namespace !== undefined && pod.namespace !== namespace) return false;
  return selects(s, (policy.spec as Raw).endpointSelector as Raw, pod);
}

function defaultDeny(spec: Raw, ingress: boolean): boolean {
  const d = ingress ? 'ingress' : 'egress';
  const set = (spec.enableDefaultDeny as Raw | undefined)?.[d];
  if (typeof set === 'boolean') return set;
  return ((spec[d] as Raw[] | undefined)?.length ?? 0) + ((spec[`${d}Deny`] as Raw[] | undefined)?.length ?? 0) > 0;
}

function refCiliumDirection(
  s: Snapshot,
  objects: readonly Raw[],
  ingress: boolean,
  self: RefEndpoint,
  other: RefEndpoint,
  port: number,
  protocol: Protocol,
): boolean {
  if (!('pod' in self)) return true;
  const pod = self.pod;
  const dst = ingress ? self : other;
  const mine = objects.filter((o) => policySelects(s, o, pod));
  const d = ingress ? 'ingress' : 'egress';
  const rules = (o: Raw, section: string) => ((o.spec as Raw)[section] as Raw[] | undefined) ?? [];
  const hits = (o: Raw, r: Raw) => peerMatches(s, o, r, ingress, other) && portMatches(r, dst, port, protocol);
  if (mine.some((o) => rules(o, `${d}Deny`).some((r) => hits(o, r)))) return false;
  if (mine.some((o) => rules(o, d).some((r) => hits(o, r)))) return true;
  const direction = ingress ? 'Ingress' : 'Egress';
  const npIsolated =
    !pod.hostNetwork &&
    s.policies.some(
      (p) => p.namespace === pod.namespace && p.policyTypes.includes(direction) && selectorMatches(p.podSelector, pod.labels),
    );
  const ciliumIsolated = mine.some((o) => defaultDeny(o.spec as Raw, ingress));
  if (!npIsolated && !ciliumIsolated) return true;
  return npIsolated && withRefMode(CILIUM_MODE, () => refDirectionAllowed(s, direction, self, other, port, protocol));
}

/** The pair on Cilium: self traffic, the node to its pods, then egress AND ingress. */
export function refCiliumVerdict(
  s: Snapshot,
  objects: readonly Raw[],
  from: RefEndpoint,
  to: RefEndpoint,
  port: number,
  protocol: Protocol,
): 'allowed' | 'denied' {
  if ('pod' in from && 'pod' in to && from.pod.namespace === to.pod.namespace && from.pod.name === to.pod.name) return 'allowed';
  const node = nodeOfEndpoint(s, from);
  if (node !== undefined && node === nodeOfEndpoint(s, to) && selectable(to) && speaksAsNode(s, from)) return 'allowed';
  const ok =
    refCiliumDirection(s, objects, false, from, to, port, protocol) && refCiliumDirection(s, objects, true, to, from, port, protocol);
  return ok ? 'allowed' : 'denied';
}
