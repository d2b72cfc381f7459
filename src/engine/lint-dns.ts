// Egress to the cluster DNS is the most common outage after a default-deny: a pod isolated for egress
// whose rules forget port 53 cannot resolve any name. For each egress-isolated class, check its pods
// can reach some DNS backend on 53/UDP and on 53/TCP (the Service port, mapped to each backend's
// targetPort). DNS backends: the kube-system/kube-dns Service's, else the pods labelled
// k8s-app=kube-dns in kube-system, else a hypothetical CoreDNS pod added to a copy of the snapshot.
import type { Diagnostic } from '../model/diagnostics.ts';
import type { ObjectRef, Pod, Protocol, ServicePort } from '../model/types.ts';
import { check } from './check.ts';
import type { CompiledSnapshot } from './compiled.ts';
import { compile } from './compile.ts';
import { type ServiceBackend, backendQuery, findService, findServicePort, resolveTargetPort, serviceBackends } from './services.ts';
import { type DnsPods, dnsEgressFix } from './fix/lint-dns-fix.ts';

const DNS_NAMESPACE = 'kube-system';
const DNS_SERVICE = 'kube-dns';
const DNS_LABEL = 'k8s-app';
const DNS_PORT = 53;
const DNS_PROTOCOLS: readonly Protocol[] = ['UDP', 'TCP'];

export const HYPOTHETICAL_DNS_POD: Pod = {
  namespace: DNS_NAMESPACE,
  name: 'coredns-hypothetical',
  labels: { [DNS_LABEL]: DNS_SERVICE },
  ips: [],
  hostNetwork: false,
  phase: 'Running',
  containerPorts: [
    { name: 'dns', containerPort: DNS_PORT, protocol: 'UDP' },
    { name: 'dns-tcp', containerPort: DNS_PORT, protocol: 'TCP' },
  ],
  ownerReferences: [],
};

interface DnsTarget {
  readonly c: CompiledSnapshot;
  readonly backends: readonly ServiceBackend[];
  /** What the message calls the DNS. */
  readonly description: string;
  /** Per protocol: the ServicePort clients dial (absent: 53 straight to the pods). */
  readonly servicePorts: Partial<Record<Protocol, ServicePort>>;
  readonly hypothetical: boolean;
}

function labelledDnsPods(c: CompiledSnapshot): ServiceBackend[] {
  const out: ServiceBackend[] = [];
  c.endpoints.forEach((e, id) => {
    if (e.pod.namespace === DNS_NAMESPACE && e.pod.labels[DNS_LABEL] === DNS_SERVICE)
      out.push({ name: e.key, endpoint: id, slicePorts: [] });
  });
  return out;
}

function dnsTarget(c: CompiledSnapshot): DnsTarget {
  const svc = findService(c, DNS_NAMESPACE, DNS_SERVICE);
  const servicePorts: Partial<Record<Protocol, ServicePort>> = {};
  if (svc) {
    for (const p of DNS_PROTOCOLS) {
      const found = findServicePort(svc, DNS_PORT, p, false);
      if (found.kind === 'found') servicePorts[p] = found.port;
    }
    const backends = serviceBackends(c, svc).backends;
    if (backends.length > 0)
      return { c, backends, description: `the Service ${DNS_NAMESPACE}/${DNS_SERVICE}`, servicePorts, hypothetical: false };
  }
  const labelled = labelledDnsPods(c);
  if (labelled.length > 0)
    return {
      c,
      backends: labelled,
      description: `the ${DNS_LABEL}=${DNS_SERVICE} pods of ${DNS_NAMESPACE}`,
      servicePorts: {},
      hypothetical: false,
    };
  const copy = compile({ ...c.snapshot, pods: [...c.snapshot.pods, HYPOTHETICAL_DNS_POD] });
  return {
    c: copy,
    backends: labelledDnsPods(copy),
    description: `a hypothetical CoreDNS pod (${DNS_NAMESPACE}, ${DNS_LABEL}=${DNS_SERVICE}, 53/UDP and 53/TCP)`,
    servicePorts: {},
    hypothetical: true,
  };
}

/** Whether the endpoint reaches some DNS backend over `protocol`. */
function reachesDns(t: DnsTarget, key: string, protocol: Protocol): boolean {
  const sp = t.servicePorts[protocol];
  return t.backends.some((b) => {
    const target = sp ? resolveTargetPort(t.c, sp, b) : { kind: 'port' as const, port: DNS_PORT };
    if (target.kind === 'unresolved') return false;
    return check(t.c, { kind: 'endpoint', key }, backendQuery(b, t.c), target.port, protocol).allowed;
  });
}

function policyRef(ref: string): ObjectRef {
  const [namespace, name] = ref.split('/');
  return { kind: 'NetworkPolicy', namespace, name };
}

/** The DNS pods a fix admits, and the port each protocol reaches them on. */
function dnsPods(t: DnsTarget): DnsPods {
  const ids = t.hypothetical ? [] : t.backends.flatMap((b) => (b.endpoint !== undefined ? [b.endpoint] : []));
  const port = (p: 'UDP' | 'TCP') => {
    const sp = t.servicePorts[p];
    const b = t.backends.find((x) => x.endpoint !== undefined);
    const target = sp && b ? resolveTargetPort(t.c, sp, b) : null;
    return target?.kind === 'port' ? target.port : DNS_PORT;
  };
  return {
    ids,
    namespace: DNS_NAMESPACE,
    fallback: { matchLabels: { [DNS_LABEL]: DNS_SERVICE }, matchExpressions: [] },
    ports: { UDP: port('UDP'), TCP: port('TCP') },
  };
}

export function lintDns(c: CompiledSnapshot): Diagnostic[] {
  if (!c.egressPolicies.some((p) => p.length > 0)) return [];
  const t = dnsTarget(c);
  const pods = dnsPods(t);
  const out: Diagnostic[] = [];
  t.c.classes.forEach((cls, id) => {
    const policies = t.c.egressPolicies[id];
    const members = cls.members.map((m) => t.c.endpoints[m]).filter((e) => !(t.hypothetical && e.pod === HYPOTHETICAL_DNS_POD));
    if (policies.length === 0 || members.length === 0) return;
    const missing = DNS_PROTOCOLS.filter((p) => !reachesDns(t, members[0].key, p));
    if (missing.length === 0) return;
    const refs = policies.map((p) => t.c.policies[p].ref).sort();
    const more = members.length > 1 ? ` and ${members.length - 1} more like it` : '';
    const others = refs.length > 1 ? ` (with ${refs.slice(1).join(', ')})` : '';
    const hypothetical = t.hypothetical
      ? '; the input has no DNS pods, so this was evaluated against the hypothetical pod, ' +
        'without an address (ipBlock rules were not considered)'
      : '';
    out.push({
      severity: 'warning',
      code: 'egress-blocks-dns',
      ref: policyRef(refs[0]),
      path: 'spec.egress',
      message:
        `isolates ${members[0].key}${more} for egress${others}, and no rule lets it reach the cluster DNS ` +
        `(${t.description}) on ${missing.map((p) => `${DNS_PORT}/${p}`).join(' and ')}${hypothetical}`,
      fix: dnsEgressFix(c, refs[0], members[0].pod.namespace, pods),
    });
  });
  return out;
}
