// Amazon VPC CNI: pods get VPC addresses from the node's ENIs (no overlay). It enforces NetworkPolicy
// only with its network policy controller switched on, and then checks egress before Service DNAT.
import type { Profile } from '../types.ts';
import { effective, makeProfile, undocumentedValue, type SettingSpecs, type Settings } from './common.ts';
import { deviation } from './deviations.ts';

export const AWS_VPC_CNI_SETTINGS: SettingSpecs = {
  // ConfigMap kube-system/amazon-vpc-cni: `enable-network-policy-controller: "true"` turns the
  // controller on; "Until this exists, NetworkPolicy ... objects are accepted but not enforced"
  // (https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy.html, auto-net-pol.html).
  'enable-network-policy-controller': { default: 'false', values: 'bool', doc: 'the network policy controller (ConfigMap amazon-vpc-cni)' },
};

const SOURCES: readonly string[] = [
  'https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy.html',
  'https://docs.aws.amazon.com/eks/latest/userguide/auto-net-pol.html',
  // The controller resolves policies into PolicyEndpoints (networking.k8s.aws) for the node agent.
  'https://github.com/aws/amazon-network-policy-controller-k8s',
  'https://github.com/aws/amazon-vpc-cni-k8s',
];

export function awsVpcCniProfile(settings: Settings): Profile {
  const s = effective(AWS_VPC_CNI_SETTINGS, settings);
  const on = s['enable-network-policy-controller'];
  const decided =
    on === 'true'
      ? {
          enforcement: 'enforced' as const,
          enforcementReason: 'the AWS VPC CNI enforces NetworkPolicy (enable-network-policy-controller: "true")',
        }
      : on === 'false'
        ? {
            enforcement: 'not-enforced' as const,
            enforcementReason:
              'the AWS VPC CNI enforces no NetworkPolicy without enable-network-policy-controller: "true" in ConfigMap amazon-vpc-cni',
          }
        : {
            enforcement: 'unknown' as const,
            enforcementReason: undocumentedValue('enable-network-policy-controller', on, 'the AWS VPC CNI'),
          };
  return makeProfile({
    id: 'aws-vpc-cni',
    name: 'AWS VPC CNI',
    ...decided,
    network: { kind: 'underlay', mode: 'eni' },
    deviations: [deviation('egress-before-service-dnat')],
    settings: s,
    sources: SOURCES,
  });
}
