// OVN-Kubernetes: a Geneve overlay built on OVN; NetworkPolicy becomes OVN ACLs, where a named port
// stands for every port of its protocol.
import type { Profile } from '../types.ts';
import { makeProfile, type Settings } from './common.ts';
import { deviation } from './deviations.ts';

const SOURCES: readonly string[] = [
  // "Uses Geneve (Generic Network Virtualization Encapsulation) protocol rather than VXLAN to create an
  // overlay network between nodes"; "Implements Kubernetes network policy support".
  'https://docs.redhat.com/en/documentation/openshift_container_platform/4.11/html/networking/ovn-kubernetes-default-cni-network-provider',
  'https://github.com/ovn-kubernetes/ovn-kubernetes',
];

export function ovnKubernetesProfile(_settings: Settings): Profile {
  return makeProfile({
    id: 'ovn-kubernetes',
    name: 'OVN-Kubernetes',
    enforcement: 'enforced',
    enforcementReason: 'OVN-Kubernetes enforces NetworkPolicy as OVN ACLs, with its own named-port meaning',
    network: { kind: 'overlay', mode: 'geneve' },
    deviations: [deviation('named-port-any-port')],
    settings: {},
    sources: SOURCES,
  });
}
