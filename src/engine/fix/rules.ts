// The rule a careful engineer adds for one requested flow: the peer by its namespace's
// `kubernetes.io/metadata.name` (always set by the API server since 1.21, NamespaceDefaultLabelName)
// and the peer workload's distinguishing labels; the exact port, by the destination's container port
// name when it names one (a named port follows the pod if the number changes; the API reference:
// "a named port on a pod"). Same namespace: a podSelector alone (no namespaceSelector means the
// policy's own namespace).
import type { LabelSelector, PolicyPeer, PolicyPort, PolicyRule, Protocol } from '../../model/types.ts';
import { NAMESPACE_NAME_LABEL } from '../../model/types.ts';
import type { CompiledSnapshot } from '../compiled.ts';
import { selectorText } from '../selector.ts';

export function namespaceSelectorFor(namespace: string): LabelSelector {
  return { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace }, matchExpressions: [] };
}

export function podPeer(peerNamespace: string, policyNamespace: string, pods: LabelSelector): PolicyPeer {
  return peerNamespace === policyNamespace
    ? { kind: 'pods', namespaces: { kind: 'own' }, pods }
    : { kind: 'pods', namespaces: { kind: 'selector', selector: namespaceSelectorFor(peerNamespace) }, pods };
}

/** The container port name the destination gives `port`, if it names it. */
export function portNameOn(c: CompiledSnapshot, dst: number, protocol: Protocol, port: number): string | undefined {
  return c.endpoints[dst].pod.containerPorts.find((p) => p.containerPort === port && p.protocol === protocol)?.name;
}

export function exactPort(protocol: Protocol, port: number, name: string | undefined): PolicyPort {
  return name !== undefined ? { kind: 'named', protocol, name } : { kind: 'range', protocol, from: port, to: port };
}

export function portText(p: PolicyPort): string {
  switch (p.kind) {
    case 'named':
      return `${p.protocol}/${p.name}`;
    case 'range':
      return p.from === p.to ? `${p.protocol}/${p.from}` : `${p.protocol}/${p.from}-${p.to}`;
    case 'all':
      return `every ${p.protocol} port`;
    default: {
      const never: never = p;
      return never;
    }
  }
}

export function peerText(p: PolicyPeer): string {
  if (p.kind === 'ipBlock') return p.except.length ? `${p.cidr} except ${p.except.join(', ')}` : p.cidr;
  const ns = p.namespaces.kind === 'own' ? 'its own namespace' : `namespaces ${selectorText(p.namespaces.selector)}`;
  return `pods ${selectorText(p.pods)} in ${ns}`;
}

export function singleRule(peer: PolicyPeer, port: PolicyPort): PolicyRule {
  return { peers: [peer], ports: [port] };
}
