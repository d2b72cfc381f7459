// Egress to a node-local DNS cache (NodeLocal DNSCache: a hostNetwork DaemonSet, node-local-dns in
// kube-system, answering on 53 on its node and on a link-local address, 169.254.20.10 in the upstream
// manifest: https://kubernetes.io/docs/tasks/administer-cluster/nodelocaldns/). A pod's DNS then goes
// to its own node, which the API does not exempt from egress isolation (NODE_LOCAL_SOURCE, endpoint.ts
// nodeLocalOf): an egress default-deny that admits only the CoreDNS pods leaves the cache unreachable,
// which lint-dns.ts (the cluster DNS) cannot see. For each egress-isolated class whose pods run on a
// node with a cache, warn when neither the cache on the pod's node nor the link-local address answers
// on 53/UDP (or 53/TCP) under the plugin in force.
import type { Diagnostic } from '../model/diagnostics.ts';
import type { ObjectRef, Pod, Protocol } from '../model/types.ts';
import { check } from './check.ts';
import type { CompiledSnapshot } from './compiled.ts';

const DNS_PORT = 53;
const DNS_PROTOCOLS: readonly Protocol[] = ['UDP', 'TCP'];
/** The upstream nodelocaldns.yaml's __PILLAR__LOCAL__DNS__ example value. */
export const LINK_LOCAL_DNS = '169.254.20.10';

/** A node-local DNS cache: a hostNetwork pod serving port 53, or kube-system's k8s-app=node-local-dns. */
export function isNodeLocalDns(pod: Pod): boolean {
  if (!pod.hostNetwork || pod.nodeName === undefined) return false;
  const labelled = pod.namespace === 'kube-system' && pod.labels['k8s-app'] === 'node-local-dns';
  return labelled || pod.containerPorts.some((p) => p.containerPort === DNS_PORT);
}

function policyRef(ref: string): ObjectRef {
  const [namespace, name] = ref.split('/');
  return { kind: 'NetworkPolicy', namespace, name };
}

type Reach = 'allowed' | 'unknown' | 'denied';

/** The best answer from `key` towards the cache on its node or the link-local address. */
function reachCache(c: CompiledSnapshot, key: string, cache: string, protocol: Protocol): { reach: Reach; why?: string } {
  const from = { kind: 'endpoint' as const, key };
  let unknown: string | undefined;
  for (const to of [
    { kind: 'endpoint' as const, key: cache },
    { kind: 'ip' as const, ip: LINK_LOCAL_DNS },
  ]) {
    const v = check(c, from, to, DNS_PORT, protocol);
    if (v.verdict === 'allowed') return { reach: 'allowed' };
    if (v.verdict === 'unknown') unknown = v.unknownReason;
  }
  return unknown !== undefined ? { reach: 'unknown', why: unknown } : { reach: 'denied' };
}

export function lintNodeLocalDns(c: CompiledSnapshot): Diagnostic[] {
  const cacheOnNode = new Map<string, string>();
  for (const e of c.endpoints) if (isNodeLocalDns(e.pod) && !cacheOnNode.has(e.pod.nodeName!)) cacheOnNode.set(e.pod.nodeName!, e.key);
  if (cacheOnNode.size === 0) return [];
  const out: Diagnostic[] = [];
  c.classes.forEach((cls, id) => {
    const policies = c.egressPolicies[id];
    if (policies.length === 0) return;
    const members = cls.members
      .map((m) => c.endpoints[m])
      .filter((e) => !e.pod.hostNetwork && e.pod.nodeName !== undefined && cacheOnNode.has(e.pod.nodeName));
    if (members.length === 0) return;
    const first = members[0];
    const cache = cacheOnNode.get(first.pod.nodeName!)!;
    const answers = DNS_PROTOCOLS.map((p) => ({ protocol: p, ...reachCache(c, first.key, cache, p) }));
    const missing = answers.filter((a) => a.reach !== 'allowed');
    if (missing.length === 0) return;
    const refs = policies.map((p) => c.policies[p].ref).sort();
    const more = members.length > 1 ? ` and ${members.length - 1} more like it` : '';
    const others = refs.length > 1 ? ` (with ${refs.slice(1).join(', ')})` : '';
    const ports = missing.map((a) => `${DNS_PORT}/${a.protocol}`).join(' and ');
    const unknown = missing.find((a) => a.reach === 'unknown');
    const verb = unknown ? 'may not reach' : 'cannot reach';
    out.push({
      severity: 'warning',
      code: 'egress-blocks-node-local-dns',
      ref: policyRef(refs[0]),
      path: 'spec.egress',
      message:
        `isolates ${first.key}${more} for egress${others}, ` +
        `and it ${verb} the node-local DNS cache on its node (${cache}, or ${LINK_LOCAL_DNS}) on ${ports}: ` +
        `the API exempts only ingress from a pod's node, so admit the node's address or ${LINK_LOCAL_DNS}/32 on 53 with an ipBlock` +
        (unknown?.why ? ` (${unknown.why})` : ''),
    });
  });
  return out;
}
