// The mechanical fix for a default-deny that forgets DNS (lint `egress-blocks-dns`): a policy that
// gives the pods the isolating policy selects egress to the cluster DNS pods — by namespace
// (`kubernetes.io/metadata.name`) and the DNS pods' distinguishing labels, never to 0.0.0.0/0 — on
// UDP and TCP 53 (the backends' targetPort: DNS falls back to TCP for large answers, RFC 7766 §5 "all
// general-purpose DNS implementations MUST support both UDP and TCP transport").
import type { DiagnosticFix } from '../../model/diagnostics.ts';
import type { LabelSelector, NetworkPolicy, PolicyPort, Protocol } from '../../model/types.ts';
import type { CompiledSnapshot } from '../compiled.ts';
import { policyManifest } from './manifest.ts';
import { freshName } from './naming.ts';
import { podPeer } from './rules.ts';
import { targetSelector } from './target-selector.ts';

export interface DnsPods {
  /** Endpoint ids of the DNS backends in `c` (empty: the input has none; the usual labels are used). */
  readonly ids: readonly number[];
  readonly namespace: string;
  /** The usual DNS pod labels, when no backend is known. */
  readonly fallback: LabelSelector;
  /** Per protocol, the port the DNS pods receive it on. */
  readonly ports: Readonly<Record<'UDP' | 'TCP', number>>;
}

export function dnsEgressFix(c: CompiledSnapshot, policyRef: string, podNamespace: string, dns: DnsPods): DiagnosticFix {
  const written = c.snapshot.policies.find((p) => `${p.namespace}/${p.name}` === policyRef);
  const namespace = written?.namespace ?? podNamespace;
  const pods = dns.ids.length > 0 ? targetSelector(c, dns.namespace, dns.ids).selector : dns.fallback;
  const ports: PolicyPort[] = (['UDP', 'TCP'] as Protocol[]).map((protocol) => ({
    kind: 'range',
    protocol,
    from: dns.ports[protocol as 'UDP' | 'TCP'],
    to: dns.ports[protocol as 'UDP' | 'TCP'],
  }));
  const base = written ? `${written.name}-allow-dns` : 'allow-dns-egress';
  const policy: NetworkPolicy = {
    namespace,
    name: freshName(c, namespace, base, new Set()),
    podSelector: written?.podSelector ?? { matchLabels: {}, matchExpressions: [] },
    policyTypes: ['Egress'],
    policyTypesExplicit: true,
    ingress: [],
    egress: [{ peers: [podPeer(dns.namespace, namespace, pods)], ports }],
  };
  return {
    summary: `create ${namespace}/${policy.name}: egress to the cluster DNS pods on UDP and TCP ${dns.ports.UDP}`,
    objects: [policyManifest(policy)],
  };
}
