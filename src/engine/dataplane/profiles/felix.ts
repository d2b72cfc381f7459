// Felix (Calico's agent, also Canal's policy engine): what happens to a pod's traffic to its own host.
// "DefaultEndpointToHostAction: This parameter controls what happens to traffic that goes from a
// workload endpoint to the host itself (after the traffic hits the endpoint egress policy). By default
// Calico blocks traffic from workload endpoints to the host itself with an iptables 'DROP' action. ...
// Use 'RETURN' if you have your own rules in the iptables 'INPUT' chain; Calico will insert its rules
// at the top of that chain, then 'RETURN' packets to the 'INPUT' chain once it has completed processing
// workload endpoint egress policy. Use 'ACCEPT' to unconditionally accept packets from workloads after
// processing workload endpoint egress policy. [Default: Drop]"
// (https://docs.tigera.io/calico/latest/reference/felix/configuration). Read from, first wins: the
// calico-node container's FELIX_DEFAULTENDPOINTTOHOSTACTION, the config file, FelixConfiguration
// `node.<name>`, FelixConfiguration `default` (same page). The calico.yaml manifest and the operator
// set ACCEPT ("ACCEPT is what is set by our manifests and operator by default", projectcalico/calico
// felix/fv tests), so Drop is what a bare Felix does, not what most installs run.
import type { PodToOwnNode } from '../types.ts';
import type { SettingSpec } from './common.ts';

export const FELIX_CONFIG_SOURCE = 'https://docs.tigera.io/calico/latest/reference/felix/configuration';

export const ENDPOINT_TO_HOST_SETTING: SettingSpec = {
  values: ['Drop', 'Accept', 'Return'],
  doc: 'Felix DefaultEndpointToHostAction (FELIX_DEFAULTENDPOINTTOHOSTACTION / FelixConfiguration spec.defaultEndpointToHostAction)',
};

/** `DROP`, `drop`, `Drop` → `Drop` (Felix parses the value case-insensitively); anything else as given. */
export function endpointToHostValue(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const v = raw.trim();
  if (v === '') return undefined;
  const known = ENDPOINT_TO_HOST_SETTING.values as readonly string[];
  return known.find((k) => k.toLowerCase() === v.toLowerCase()) ?? v;
}

/** A pod's connection to its own host under Felix, from the effective setting (undefined: not seen). */
export function felixPodToOwnNode(name: string, action: string | undefined): PodToOwnNode {
  switch (action) {
    case 'Accept':
      return {
        action: 'policy',
        reason: `${name}'s DefaultEndpointToHostAction is Accept: a pod reaches its own host wherever its egress policy admits it`,
      };
    case 'Drop':
      return {
        action: 'drop',
        reason:
          `${name}'s DefaultEndpointToHostAction is Drop: Felix drops a pod's traffic to its own host after ` +
          `the egress policy, whatever it admits`,
      };
    case 'Return':
      return {
        action: 'unknown',
        reason:
          `${name}'s DefaultEndpointToHostAction is Return: ` +
          `after the pod's egress policy the host's own iptables INPUT rules decide, ` +
          `which netreach does not see`,
      };
    case undefined:
      return {
        action: 'unknown',
        reason:
          `${name}'s DefaultEndpointToHostAction is not known ` +
          `(neither FELIX_DEFAULTENDPOINTTOHOSTACTION on calico-node nor spec.defaultEndpointToHostAction in ` +
          `FelixConfiguration default was seen; set it with --cni ` +
          `${name.toLowerCase()},endpoint-to-host-action=Accept|Drop|Return): ` +
          `Felix's own default drops a pod's traffic to its host, the manifests and the operator set Accept`,
      };
    default:
      return {
        action: 'unknown',
        reason: `${name}'s DefaultEndpointToHostAction "${action}" is not a value Felix documents (Drop, Accept, Return)`,
      };
  }
}
