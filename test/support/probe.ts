// Probe ports for property tests: every port where an answer can change.
import type { Protocol, Snapshot } from '../../src/model/types.ts';

/** Every port where an answer can change (rule edges ±1, container ports ±1) plus 1 and 65535. */
export function probePorts(s: Snapshot, protocol: Protocol): number[] {
  const ports = new Set<number>([1, 65535]);
  const around = (p: number) => [p - 1, p, p + 1].forEach((x) => ports.add(x));
  for (const policy of s.policies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const port of rule.ports ?? []) {
        if (port.protocol !== protocol || port.kind !== 'range') continue;
        around(port.from);
        around(port.to);
      }
    }
  }
  for (const pod of s.pods) for (const cp of pod.containerPorts) around(cp.containerPort);
  return [...ports].filter((p) => p >= 1 && p <= 65535).sort((a, b) => a - b);
}
