// check: may `from` open a connection to `to` on port/protocol, and why. Touches only the policies
// that select the two endpoints.
import type { PolicyType, Protocol } from '../model/types.ts';
import { PROTOCOLS } from '../model/types.ts';
import { hasBit } from './bitset.ts';
import type { CompiledRule, CompiledSnapshot } from './compiled.ts';
import { type NodeLocal, type Resolved, describe, nodeLocalOf, overrideFor, resolveEndpoint } from './endpoint.ts';
import { EngineError } from './errors.ts';
import { withNearMisses } from './near-miss.ts';
import { notesFor } from './notes.ts';
import { labelFilterNote } from './cilium/label-filter-note.ts';
import { type RuleMatch, ruleAdmits, ruleHasAtom } from './pair.ts';
import { pluginFields, pluginNotes, unknownCauses, type Evaluated, type UnknownCause } from './plugin-verdict.ts';
import { atomOf } from './port-atoms.ts';
import { upstreamOf } from './upstream.ts';
import { pairUnknownReason, tieredDirection } from './tiers/check-tiers.ts';
import { notEnforcedTierFields } from './tiers/verdict-tiers.ts';
import type { DirectionVerdict, EndpointQuery, NoteCode, RuleRef, Verdict } from './verdict.ts';

function name(r: Resolved): string {
  return r.kind === 'endpoint' ? r.info.key : r.ip;
}

function notIsolated(direction: PolicyType, policed: boolean, reason: string): DirectionVerdict {
  return { direction, allowed: true, policed, isolated: false, isolatedBy: [], allowedBy: [], reason };
}

function unpolicedReason(r: Resolved, direction: PolicyType): string | null {
  if (r.kind === 'address') {
    return direction === 'Egress'
      ? `${r.ip} is outside the cluster's pods: nothing polices its egress`
      : `${r.ip} is outside the cluster's pods: nothing polices its ingress`;
  }
  if (r.info.pod.hostNetwork) return `${r.info.key} uses the host network: NetworkPolicy never selects it`;
  return null;
}

/** The sorted refs of a class's isolating policies, by its list of policy ids (one per class; an
 * incremental compile may share the list with its previous snapshot, hence the snapshot check). */
const ISOLATED_BY = new WeakMap<readonly number[], { readonly c: CompiledSnapshot; readonly refs: readonly string[] }>();
function isolatedByOf(c: CompiledSnapshot, policyIds: readonly number[]): readonly string[] {
  const known = ISOLATED_BY.get(policyIds);
  if (known !== undefined && known.c === c) return known.refs;
  const refs = Object.freeze(policyIds.map((p) => c.policies[p].ref).sort());
  ISOLATED_BY.set(policyIds, { c, refs });
  return refs;
}

/** One direction at an endpoint that policies can select: not isolated, or isolated and admitted by the
 * rules `admits` accepts. `side` names the other end in the reason (`to ns/b`, `from 10.0.0.1`). */
export function policedDirection(
  c: CompiledSnapshot,
  direction: PolicyType,
  ownerName: string,
  policyIds: readonly number[],
  admits: (rule: CompiledRule) => boolean,
  what: string,
  side: string,
): DirectionVerdict {
  if (policyIds.length === 0) {
    return notIsolated(direction, true, `no NetworkPolicy with ${direction} selects ${ownerName}`);
  }
  const allowedBy: RuleRef[] = [];
  for (const p of policyIds) {
    const policy = c.policies[p];
    for (const rule of direction === 'Egress' ? policy.egress : policy.ingress) {
      if (admits(rule)) allowedBy.push({ policy: policy.ref, direction, rule: rule.index });
    }
  }
  const isolatedBy = isolatedByOf(c, policyIds);
  const allowed = allowedBy.length > 0;
  const reason = allowed
    ? `${ownerName} is isolated for ${direction.toLowerCase()}; ${allowedBy.map((r) => `${r.policy} rule #${r.rule}`).join(', ')} admits ` +
      `${what} ${side}`
    : `${ownerName} is isolated for ${direction.toLowerCase()} by ${isolatedBy.join(', ')} and no rule admits ${what} ${side}`;
  return { direction, allowed, policed: true, isolated: true, isolatedBy, allowedBy, reason };
}

/** Evaluates one direction at the endpoint that owns it (source for Egress, destination for Ingress). */
export function evaluateDirection(
  c: CompiledSnapshot,
  direction: PolicyType,
  src: Resolved,
  dst: Resolved,
  atom: number,
  what: string,
  matches: RuleMatch[],
): DirectionVerdict {
  const owner = direction === 'Egress' ? src : dst;
  const other = direction === 'Egress' ? dst : src;
  const unpoliced = unpolicedReason(owner, direction);
  if (unpoliced !== null) return notIsolated(direction, false, unpoliced);
  const cls = (owner as Extract<Resolved, { kind: 'endpoint' }>).info.classId;
  const policyIds = direction === 'Egress' ? c.egressPolicies[cls] : c.ingressPolicies[cls];
  const admits = (rule: CompiledRule): boolean => {
    if (!ruleAdmits(rule, other.peer) || !ruleHasAtom(c, rule, dst.peer, atom)) return false;
    const onPod = typeof other.peer === 'number' && !rule.allPeers && !(rule.podPeers && hasBit(rule.podPeers, other.peer));
    matches.push({ rule, viaIpBlockOnPod: onPod });
    return true;
  };
  const side = direction === 'Egress' ? `to ${name(other)}` : `from ${name(other)}`;
  return policedDirection(c, direction, name(owner), policyIds, admits, what, side);
}

export function validatePort(port: number, protocol: Protocol): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new EngineError('invalid-port', `port ${port} is not in 1..65535`);
  if (!PROTOCOLS.includes(protocol)) throw new EngineError('invalid-protocol', `protocol ${protocol} is not TCP, UDP or SCTP`);
}

/** On a plugin that enforces nothing, a side the policies would isolate says so, not just "no policy". */
function notEnforcedReason(c: CompiledSnapshot, mine: DirectionVerdict, upstream: DirectionVerdict | undefined): DirectionVerdict {
  if (c.dataplane.enforced !== false || !upstream?.isolated) return mine;
  const name = c.dataplane.profile.name;
  return {
    ...mine,
    reason:
      `${upstream.isolatedBy.join(', ')} select${upstream.isolatedBy.length === 1 ? 's' : ''} it for ` +
      `${mine.direction.toLowerCase()}, but ${name} enforces no NetworkPolicy: not isolated`,
  };
}

/** The API's ingress exemption for a pod's own node (NODE_LOCAL_SOURCE): an isolated destination says
 * so in its reason, and the direction is allowed — decided, so a tier's `unknown` no longer stands. */
export function ingressFromNode(ingress: DirectionVerdict, dst: Resolved): DirectionVerdict {
  const exemption =
    `connections into ${name(dst)} from its own node are allowed whatever its ingress policies say (the Kubernetes API ` +
    `exempts the pod's node from ingress isolation)`;
  const { unknown: _unknown, unknownReason: _reason, ...decided } = ingress;
  const and = ingress.allowed;
  return { ...decided, allowed: true, reason: and ? `${ingress.reason}; and ${exemption}` : `${ingress.reason}, but ${exemption}` };
}

/** A pod's connection to its own node, once its egress policy admitted it: the plugin's rule decides
 * (Profile.podToOwnNode: the API adds nothing; Felix Drop drops it; unknown where the rule is not known). */
function egressToNode(c: CompiledSnapshot, egress: DirectionVerdict, unknown: UnknownCause[]): DirectionVerdict {
  const rule = c.dataplane.profile.podToOwnNode;
  if (!egress.allowed || rule.action === 'policy') return egress;
  if (rule.action === 'drop') return { ...egress, allowed: false, reason: `${egress.reason}; then ${rule.reason}` };
  unknown.push({ source: 'plugin', reason: rule.reason });
  return egress;
}

/** The policy evaluation alone, under the snapshot's compiled meaning. */
function evaluate(c: CompiledSnapshot, from: EndpointQuery, to: EndpointQuery, port: number, protocol: Protocol) {
  const src = resolveEndpoint(c, from);
  const dst = resolveEndpoint(c, to);
  const atom = atomOf(c.atoms, protocol, port);
  const what = `${protocol}/${port}`;
  const matches: RuleMatch[] = [];
  // The tiers (admin → NetworkPolicy → baseline) wrap NetworkPolicy's answer per direction (tiers/).
  let egress = tieredDirection(c, 'Egress', src, dst, atom, evaluateDirection(c, 'Egress', src, dst, atom, what, matches));
  let ingress = tieredDirection(c, 'Ingress', src, dst, atom, evaluateDirection(c, 'Ingress', src, dst, atom, what, matches));
  const override = overrideFor(src, dst);
  const nodeLocal: NodeLocal = override === 'self-traffic' ? null : nodeLocalOf(src, dst);
  // Every unknown cause, plugin's and tiers', goes into one list (pluginFields makes the verdict of it).
  const unknown: UnknownCause[] = [];
  if (nodeLocal === 'from-node') ingress = ingressFromNode(ingress, dst);
  else if (nodeLocal === 'to-node') egress = egressToNode(c, egress, unknown);
  const allowed = override !== null || (egress.allowed && ingress.allowed);
  const tierReason = override === null && c.tiers ? pairUnknownReason(egress, ingress) : null;
  if (tierReason !== null) unknown.push({ source: 'tiers', reason: tierReason });
  return { src, dst, matches, egress, ingress, override, nodeLocal, allowed, overridden: override !== null, unknown };
}

/** A denied direction with its near misses; not under an override, nor where an admin or baseline rule decided. */
function near(
  c: CompiledSnapshot,
  override: NoteCode | null,
  d: DirectionVerdict,
  src: Resolved,
  dst: Resolved,
  protocol: Protocol,
  port: number,
): DirectionVerdict {
  return override === null && d.decidedBy === undefined ? withNearMisses(c, d, src, dst, protocol, port) : d;
}

export function check(c: CompiledSnapshot, from: EndpointQuery, to: EndpointQuery, port: number, protocol: Protocol): Verdict {
  validatePort(port, protocol);
  const mine = evaluate(c, from, to, port, protocol);
  const u = upstreamOf(c);
  const upstream: Evaluated | null = u === c ? null : evaluate(u, from, to, port, protocol);
  const causes = unknownCauses(c, protocol, mine);
  const tiered = notEnforcedTierFields(c, pluginFields(c, causes, mine, upstream), upstream);
  const fields = tiered.fields;
  const { src, dst, override, nodeLocal } = mine;
  // Denied directions only (not under an override): the rules that almost admit (near-miss.ts).
  // Not where an admin or baseline rule decided: NetworkPolicy rules did not decide there.
  const egress = near(c, override, notEnforcedReason(c, mine.egress, upstream?.egress), src, dst, protocol, port);
  const ingress = near(c, override, notEnforcedReason(c, mine.ingress, upstream?.ingress), src, dst, protocol, port);
  const pluginNoteList = pluginNotes(c, fields, causes);
  const notes = notesFor(c, src, dst, override, nodeLocal, mine.matches, [egress, ingress]);
  for (const n of pluginNoteList) notes.push(n);
  if (tiered.note) notes.push(tiered.note);
  const filtered = labelFilterNote(c, src, dst);
  if (filtered) notes.push(filtered);
  return {
    allowed: fields.allowed,
    verdict: fields.verdict,
    enforced: fields.enforced,
    dataplane: fields.dataplane,
    deviations: fields.deviations,
    ...(fields.upstream !== undefined ? { upstream: fields.upstream } : {}),
    ...(fields.unknownReason !== undefined ? { unknownReason: fields.unknownReason } : {}),
    from: describe(src),
    to: describe(dst),
    port,
    protocol,
    egress,
    ingress,
    ...(override !== null ? { override } : {}),
    notes,
  };
}
