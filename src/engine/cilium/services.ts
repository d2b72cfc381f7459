// toServices as the agent reads it (docs.cilium.io policy language "Services based": "Services based
// rules will only take effect on Kubernetes services without a selector"; pkg/k8s/rule_translate.go):
// for each Service without a selector that the entry matches (by name, or its metadata labels by
// the selector; a namespace only when given), the addresses of its endpoints become generated
// toCIDRSet entries, one /32 or /128 each. They are CIDR rules like any other: never a
// Cilium-managed endpoint (an address of a pod admits nothing), only outside addresses (and node
// IPs as policy-cidr-match-mode allows). A Service with a selector adds nothing. When no Service of
// the snapshot matches, which addresses the entry names is not known: unknown for outside addresses.
import type { CiliumPeer } from '../../model/cilium-policy.ts';
import type { Service, Snapshot } from '../../model/types.ts';
import { hostCidr } from '../addresses.ts';
import { matchesSelector, selectorText } from '../selector.ts';

type ServicePeer = Extract<CiliumPeer, { kind: 'service' }>;

/** What a toServices entry resolves to: the backend blocks, or null when no Service in the snapshot matches. */
export interface ServiceBackends {
  readonly blocks: readonly string[] | null;
  /** `toServices shop/db` / `toServices selector (external=yes)`, for reasons. */
  readonly what: string;
}

function matches(peer: ServicePeer, svc: Service): boolean {
  if (peer.namespace !== undefined && peer.namespace !== svc.namespace) return false;
  return peer.selector ? matchesSelector(peer.selector, svc.labels) : svc.name === peer.name;
}

function describePeer(peer: ServicePeer): string {
  const ns = peer.namespace !== undefined ? `${peer.namespace}/` : '*/';
  return peer.selector ? `toServices ${ns}(${selectorText(peer.selector)})` : `toServices ${ns}${peer.name ?? ''}`;
}

/** The backends' blocks of every selector-less Service the entry matches. */
export function serviceBackends(snapshot: Snapshot, peer: ServicePeer): ServiceBackends {
  const what = describePeer(peer);
  const found = snapshot.services.filter((s) => matches(peer, s));
  if (found.length === 0) return { blocks: null, what };
  const blocks = new Set<string>();
  for (const svc of found) {
    if (svc.selector !== null) continue;
    for (const slice of snapshot.endpointSlices) {
      if (slice.namespace !== svc.namespace || slice.serviceName !== svc.name || slice.addressType === 'FQDN') continue;
      for (const ep of slice.endpoints) if (ep.ready !== false) for (const a of ep.addresses) blocks.add(hostCidr(a));
    }
  }
  return { blocks: [...blocks].sort(), what };
}
