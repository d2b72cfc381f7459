// Azure Network Policy Manager: a NetworkPolicy enforcer (iptables + ipsets) beside Azure CNI or
// kubenet, which build the pod network.
import type { Profile } from '../types.ts';
import { makeProfile, type Settings } from './common.ts';

const SOURCES: readonly string[] = [
  // "azure-npm Network Policy plugin implements the Kubernetes Network Policy".
  'https://github.com/Azure/azure-container-networking/blob/master/docs/npm.md',
  'https://learn.microsoft.com/en-us/azure/aks/use-network-policies',
];

export function azureNpmProfile(_settings: Settings): Profile {
  return makeProfile({
    id: 'azure-npm',
    name: 'Azure NPM',
    enforcement: 'enforced',
    enforcementReason: 'Azure NPM enforces NetworkPolicy as the API defines it',
    // The network is Azure CNI's or kubenet's; nothing azure-npm shows says which.
    network: { kind: 'unknown', mode: 'unknown' },
    settings: {},
    sources: SOURCES,
  });
}
