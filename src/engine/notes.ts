// Notes for implementation-defined behaviour an answer relied on. Message texts live here.
import type { CompiledSnapshot } from './compiled.ts';
import type { NodeLocal, Resolved } from './endpoint.ts';
import type { RuleMatch } from './pair.ts';
import type { DirectionVerdict, Note, NoteCode } from './verdict.ts';

const TEXT: Record<NoteCode, string> = {
  'self-traffic': 'a pod may always reach itself (and its containers reach each other over localhost): NetworkPolicy does not police it',
  // The from-node wording; a pod's egress to its node gets TO_NODE (same code, the other direction).
  'node-local':
    "a pod's own node (its IP, or a hostNetwork pod on it) may always open connections to the pod: " +
    "the Kubernetes API exempts the pod's node from ingress isolation " +
    '("the only allowed connections into the pod are those from the pod\'s node and those ' +
    'allowed by the ingress list")',
  'host-network':
    'a hostNetwork pod is never selected by NetworkPolicy, neither as a target nor as a pod peer; ' +
    "it speaks with its node's IP, which only ipBlock rules can match",
  'ipblock-matches-pod-ip':
    'an ipBlock matched a pod IP: the common plugin behaviour (Calico, kube-router, Antrea, ...); ' +
    'some plugins (Cilium) never match pod IPs with ipBlock',
  'no-ip': 'an endpoint without an IP (a workload template or an unscheduled pod) is never matched by an ipBlock',
  'external-not-policed': "an address outside the cluster's pods is not subject to NetworkPolicy: only the pod side is checked",
  'named-port-unresolved': "a named port is resolved against the destination pod's container ports; it did not resolve here",
  'enforcement-depends-on-plugin':
    "no network plugin profile is in force: this is the Kubernetes API's meaning; " +
    "whether it is enforced depends on the cluster's network plugin",
  // The three below carry the plugin's name and reasons: plugin-verdict.ts writes their messages.
  'not-enforced': 'the network plugin does not enforce NetworkPolicy: this traffic is not restricted',
  'plugin-deviation': "the network plugin's meaning of a rule differs from the Kubernetes API's, and it changed this answer",
  'plugin-undocumented': 'the network plugin does not document what it does here: the verdict is unknown',
};

const TO_NODE =
  "a pod's connection to its own node (its IP, or a hostNetwork pod on it) is not exempt: " +
  "the Kubernetes API exempts only ingress from the node, so the pod's egress policy decides";

export function note(code: NoteCode): Note {
  return { code, message: TEXT[code] };
}

function hasNoIp(r: Resolved): boolean {
  return r.kind === 'endpoint' && r.info.pod.ips.length === 0;
}

export function notesFor(
  c: CompiledSnapshot,
  src: Resolved,
  dst: Resolved,
  override: NoteCode | null,
  nodeLocal: NodeLocal,
  matches: readonly RuleMatch[],
  directions: readonly DirectionVerdict[],
): Note[] {
  const codes = new Set<NoteCode>();
  if (override) codes.add(override);
  if (nodeLocal === 'from-node') codes.add('node-local');
  if ([src, dst].some((r) => r.kind === 'endpoint' && r.info.pod.hostNetwork)) codes.add('host-network');
  if ([src, dst].some((r) => r.kind === 'address')) codes.add('external-not-policed');
  if (matches.some((m) => m.viaIpBlockOnPod)) codes.add('ipblock-matches-pod-ip');
  const policedNoIp = directions.some((d) => d.policed) && [src, dst].some(hasNoIp);
  if (policedNoIp && c.policies.some((p) => p.ingress.concat(p.egress).some((r) => r.blocks.length > 0))) codes.add('no-ip');
  if (c.policies.length > 0 && c.dataplane.enforced === null) codes.add('enforcement-depends-on-plugin');
  const notes = [...codes].map(note);
  if (nodeLocal === 'to-node') notes.unshift({ code: 'node-local', message: toNodeMessage(c) });
  return notes;
}

/** The to-node note: the API's rule, then the plugin's when it adds one (Profile.podToOwnNode). */
function toNodeMessage(c: CompiledSnapshot): string {
  const rule = c.dataplane.profile.podToOwnNode;
  return rule.action === 'policy' && c.dataplane.profile.id === 'unknown'
    ? TO_NODE
    : `${TO_NODE}; on ${c.dataplane.profile.name}: ${rule.reason}`;
}
