// Findings about policies under the network plugin in force: policies that exist but are not
// enforced at all, and fields whose meaning the plugin changes (engine/dataplane profiles). Reads the
// policies as written (c.snapshot.policies), never c.policies: those are already rewritten by the
// plugin's profile, and the warning is about what the author wrote. Driven by the profile's deviation
// codes and undocumented protocols, never by plugin names, so any profile with the same deviation gets
// the same finding. The sources of each deviation live with the profiles (engine/dataplane/profiles).
import type { Diagnostic } from '../model/diagnostics.ts';
import type { NetworkPolicy, ObjectRef, PolicyPeer, PolicyPort, PolicyRule, Protocol, Snapshot } from '../model/types.ts';
import { type Address, addressText, containsAddress, parseAddress, parseCidr } from './addresses.ts';
import type { CompiledSnapshot } from './compiled.ts';
import type { DeviationCode, Profile } from './dataplane/types.ts';
import { filteredKeys } from './cilium/identity.ts';

/** Diagnostic codes, one per finding. */
export const DATAPLANE_LINT_CODES = {
  notEnforced: 'policies-not-enforced',
  namedPortAnyPort: 'dataplane-named-port-any-port',
  namedPortPolicyRejected: 'dataplane-named-port-policy-rejected',
  endPortIgnored: 'dataplane-endport-ignored',
  ipBlockMatchesCluster: 'dataplane-ipblock-matches-cluster',
  protocolUndocumented: 'dataplane-protocol-undocumented',
  /** The same code lint-cilium gives a Cilium policy's selector. */
  labelNotInIdentity: 'selector-label-not-in-identity',
} as const;

/** Every message text of this lint, in one place. */
export const DATAPLANE_LINT_MESSAGES = {
  notEnforced: (count: number, plugin: string, reason: string): string =>
    count === 1
      ? `1 NetworkPolicy exists but ${plugin} does not enforce it: ${reason}`
      : `${count} NetworkPolicies exist but ${plugin} does not enforce them: ${reason}`,
  namedPortAnyPort: (plugin: string, port: NamedPort): string =>
    `named port ${port.name} (${port.protocol}): ${plugin} admits every ${port.protocol} port for a named port, not only the port named ` +
    `${port.name}`,
  namedPortPolicyRejected: (plugin: string, port: NamedPort, others: number): string =>
    `named port ${port.name} (${port.protocol})${others > 0 ? ` and ${others} more` : ''}: ${plugin} rejects a policy that uses a named ` +
    `port, so none of this policy applies (it isolates no pod and admits nothing); use port numbers`,
  endPortIgnored: (plugin: string, from: number, to: number): string =>
    `endPort ${to}: ${plugin} ignores endPort, so this admits only port ${from}, not ${from}-${to}`,
  ipBlockMatchesCluster: (plugin: string, cidr: string, what: string, sample: string, more: number, pods: boolean): string =>
    `ipBlock ${cidr} contains ${what} of the cluster (${sample}${more > 0 ? ` and ${more} more` : ''}), as if meant to match ` +
    `them, but on ` +
    `${plugin} an ipBlock never matches ${what}; ` +
    `${pods ? 'select the pods with podSelector / namespaceSelector instead' : 'this peer admits no node'}`,
  labelNotInIdentity: (plugin: string, keys: readonly string[]): string =>
    `selects on ${keys.join(', ')}, which ${plugin} leaves out of every security identity (its default identity-relevant label ` +
    `filter): on ${plugin} this selector cannot match on it`,
  protocolUndocumented: (plugin: string, protocol: Protocol, reason: string): string =>
    `${protocol} port: ${plugin} does not document how it enforces ${protocol} (${reason}); answers for this traffic are unknown`,
} as const;

interface NamedPort {
  readonly name: string;
  readonly protocol: Protocol;
}

/** An address of the cluster an ipBlock could be meant for, with what owns it. */
interface ClusterAddress {
  readonly address: Address;
  /** `10.244.1.5 (shop/db)`, `192.168.1.10 (node node-a)` */
  readonly label: string;
  readonly kind: 'pod' | 'node';
}

function policyRef(p: NetworkPolicy): ObjectRef {
  return { kind: 'NetworkPolicy', namespace: p.namespace, name: p.name };
}

function byRef(a: NetworkPolicy, b: NetworkPolicy): number {
  const x = `${a.namespace}/${a.name}`;
  const y = `${b.namespace}/${b.name}`;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Every rule of a policy with its field path (`spec.ingress[0]`) and its peers' (`spec.ingress[0].from`). */
function rulesOf(p: NetworkPolicy): { rule: PolicyRule; path: string; peersPath: string }[] {
  return [
    ...p.ingress.map((rule, i) => ({ rule, path: `spec.ingress[${i}]`, peersPath: `spec.ingress[${i}].from` })),
    ...p.egress.map((rule, i) => ({ rule, path: `spec.egress[${i}]`, peersPath: `spec.egress[${i}].to` })),
  ];
}

/** Every port entry with its path (`spec.ingress[0].ports[1]`). Decoding keeps list indexes: a policy
 * with a bad entry is not decoded at all. */
function portsOf(p: NetworkPolicy): { port: PolicyPort; path: string }[] {
  return rulesOf(p).flatMap(({ rule, path }) => (rule.ports ?? []).map((port, j) => ({ port, path: `${path}.ports[${j}]` })));
}

function warn(p: NetworkPolicy, code: string, path: string, message: string): Diagnostic {
  return { severity: 'warning', code, ref: policyRef(p), path, message };
}

function namedPortFindings(p: NetworkPolicy, profile: Profile, codes: ReadonlySet<DeviationCode>): Diagnostic[] {
  const named = portsOf(p).flatMap(({ port, path }) =>
    port.kind === 'named' ? [{ port: { name: port.name, protocol: port.protocol }, path: `${path}.port` }] : [],
  );
  if (named.length === 0) return [];
  const out: Diagnostic[] = [];
  // Rejection makes the per-port meaning moot: one finding for the policy, at its first named port.
  if (codes.has('named-port-policy-rejected')) {
    out.push(
      warn(
        p,
        DATAPLANE_LINT_CODES.namedPortPolicyRejected,
        named[0].path,
        DATAPLANE_LINT_MESSAGES.namedPortPolicyRejected(profile.name, named[0].port, named.length - 1),
      ),
    );
  } else if (codes.has('named-port-any-port')) {
    for (const n of named)
      out.push(warn(p, DATAPLANE_LINT_CODES.namedPortAnyPort, n.path, DATAPLANE_LINT_MESSAGES.namedPortAnyPort(profile.name, n.port)));
  }
  return out;
}

function endPortFindings(p: NetworkPolicy, profile: Profile): Diagnostic[] {
  return portsOf(p).flatMap(({ port, path }) =>
    port.kind === 'range' && port.to > port.from
      ? [
          warn(
            p,
            DATAPLANE_LINT_CODES.endPortIgnored,
            `${path}.endPort`,
            DATAPLANE_LINT_MESSAGES.endPortIgnored(profile.name, port.from, port.to),
          ),
        ]
      : [],
  );
}

/** Pod selectors on labels the plugin's identities leave out (identity-label-filter). */
function labelFindings(p: NetworkPolicy, profile: Profile): Diagnostic[] {
  const selectors = [{ path: 'spec.podSelector', selector: p.podSelector }];
  for (const { rule, peersPath } of rulesOf(p))
    (rule.peers ?? []).forEach((peer, j) => {
      if (peer.kind === 'pods') selectors.push({ path: `${peersPath}[${j}].podSelector`, selector: peer.pods });
    });
  return selectors.flatMap(({ path, selector }) => {
    const keys = filteredKeys(selector);
    return keys.length > 0
      ? [warn(p, DATAPLANE_LINT_CODES.labelNotInIdentity, path, DATAPLANE_LINT_MESSAGES.labelNotInIdentity(profile.name, keys))]
      : [];
  });
}

/** One finding per rule and undocumented protocol, at the rule's first port of that protocol. */
function protocolFindings(p: NetworkPolicy, profile: Profile): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { rule, path } of rulesOf(p)) {
    for (const u of profile.undocumented) {
      const j = (rule.ports ?? []).findIndex((port) => port.protocol === u.protocol);
      if (j >= 0)
        out.push(
          warn(
            p,
            DATAPLANE_LINT_CODES.protocolUndocumented,
            `${path}.ports[${j}].protocol`,
            DATAPLANE_LINT_MESSAGES.protocolUndocumented(profile.name, u.protocol, u.reason),
          ),
        );
    }
  }
  return out;
}

/** Pod IPs (hostNetwork pods speak with their node's IP) and, when the plugin's ipBlocks cannot match
 * nodes either, node IPs; sorted by owner so the sample in a message is stable. */
function clusterAddresses(s: Snapshot, profile: Profile): ClusterAddress[] {
  const out: ClusterAddress[] = [];
  const pods = [...s.pods].sort((a, b) => (`${a.namespace}/${a.name}` < `${b.namespace}/${b.name}` ? -1 : 1));
  for (const pod of pods) {
    if (pod.hostNetwork) continue;
    for (const ip of pod.ips) {
      const address = parseAddress(ip);
      if (address) out.push({ address, label: `${addressText(address)} (${pod.namespace}/${pod.name})`, kind: 'pod' });
    }
  }
  if (profile.ipBlockScope === 'external') {
    const nodes = [...s.nodes].sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const node of nodes) {
      for (const ip of [...node.internalIPs, ...node.externalIPs]) {
        const address = parseAddress(ip);
        if (address) out.push({ address, label: `${addressText(address)} (node ${node.name})`, kind: 'node' });
      }
    }
  }
  return out;
}

function inBlock(peer: Extract<PolicyPeer, { kind: 'ipBlock' }>, address: Address): boolean {
  const cidr = parseCidr(peer.cidr);
  if (!cidr || !containsAddress(cidr, address)) return false;
  return !peer.except.some((text) => {
    const e = parseCidr(text);
    return e !== null && containsAddress(e, address);
  });
}

function ipBlockFindings(p: NetworkPolicy, profile: Profile, addresses: readonly ClusterAddress[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { rule, peersPath } of rulesOf(p)) {
    (rule.peers ?? []).forEach((peer, k) => {
      if (peer.kind !== 'ipBlock') return;
      const hits = addresses.filter((a) => inBlock(peer, a.address));
      if (hits.length === 0) return;
      const kinds = new Set(hits.map((h) => h.kind));
      const what = kinds.size === 2 ? 'pod and node IPs' : kinds.has('pod') ? 'pod IPs' : 'node IPs';
      const message = DATAPLANE_LINT_MESSAGES.ipBlockMatchesCluster(
        profile.name,
        peer.cidr,
        what,
        hits[0].label,
        hits.length - 1,
        kinds.has('pod'),
      );
      out.push(warn(p, DATAPLANE_LINT_CODES.ipBlockMatchesCluster, `${peersPath}[${k}].ipBlock.cidr`, message));
    });
  }
  return out;
}

export function lintDataplane(c: CompiledSnapshot): Diagnostic[] {
  const profile = c.dataplane.profile;
  const policies = [...c.snapshot.policies].sort(byRef);
  if (policies.length === 0) return [];
  // Nothing is enforced: how the plugin would read each field does not matter, one finding says it all.
  if (profile.enforcement === 'not-enforced') {
    return [
      {
        severity: 'warning',
        code: DATAPLANE_LINT_CODES.notEnforced,
        message: DATAPLANE_LINT_MESSAGES.notEnforced(policies.length, profile.name, profile.enforcementReason),
      },
    ];
  }
  const codes = new Set(profile.deviations.map((d) => d.code));
  const addresses = codes.has('ipblock-ignores-cluster') ? clusterAddresses(c.snapshot, profile) : [];
  const out: Diagnostic[] = [];
  for (const p of policies) {
    const named = namedPortFindings(p, profile, codes);
    out.push(...named);
    // A rejected policy applies nothing: its other fields mean nothing on this plugin either.
    if (named.some((d) => d.code === DATAPLANE_LINT_CODES.namedPortPolicyRejected)) continue;
    if (codes.has('endport-ignored')) out.push(...endPortFindings(p, profile));
    if (codes.has('identity-label-filter')) out.push(...labelFindings(p, profile));
    if (addresses.length > 0) out.push(...ipBlockFindings(p, profile, addresses));
    if (profile.undocumented.length > 0) out.push(...protocolFindings(p, profile));
  }
  return out;
}
