// What the network plugin makes of a verdict: allowed / denied / unknown, whether it is enforced at
// all, the upstream (API) answer when the plugin's differs, and the deviations that made it differ.
// The policy evaluation itself already ran under the plugin's profile (compile applied it); this adds
// the honesty around it.
import type { Protocol } from '../model/types.ts';
import type { CompiledSnapshot } from './compiled.ts';
import type { Deviation } from './dataplane/types.ts';
import type { DataplaneSummary, DirectionVerdict, Note, Verdict, VerdictWord } from './verdict.ts';

/** The fields of a Verdict a plugin decides. */
export type PluginFields = Pick<Verdict, 'allowed' | 'verdict' | 'enforced' | 'dataplane' | 'deviations' | 'upstream' | 'unknownReason'>;

const summaries = new WeakMap<CompiledSnapshot, DataplaneSummary>();

/** One summary value per compiled snapshot (check is a hot path: no allocation per answer). */
export function dataplaneSummary(c: CompiledSnapshot): DataplaneSummary {
  let summary = summaries.get(c);
  if (!summary) {
    const { profile, detection } = c.dataplane;
    summary = { plugin: profile.id, name: profile.name, enforcement: profile.enforcement, source: detection.source };
    summaries.set(c, summary);
  }
  return summary;
}

const NO_DEVIATIONS: readonly Deviation[] = [];

/** The isolation-and-rule evidence one evaluation used: which policies took part. */
export interface Evaluated {
  readonly allowed: boolean;
  readonly egress: DirectionVerdict;
  readonly ingress: DirectionVerdict;
  readonly overridden: boolean;
  /** What leaves the answer unknown, each with its source: a plugin rule outside the policies (a pod's
   * traffic to its host) or the tiers (equal priorities that disagree, domainNames, unmodelled kinds).
   * The one path by which an evaluation becomes `unknown` (pluginFields). */
  readonly unknown: readonly UnknownCause[];
}

export interface UnknownCause {
  readonly source: 'plugin' | 'tiers';
  readonly reason: string;
}

/** Every cause the answer is unknown for: the evaluation's own, and the plugin's undocumented case. */
export function unknownCauses(c: CompiledSnapshot, protocol: Protocol, mine: Evaluated): readonly UnknownCause[] {
  if (mine.unknown.some((u) => u.source === 'plugin') || c.dataplane.profile.undocumented.length === 0) return mine.unknown;
  const undocumented = undocumentedReason(c, protocol, mine);
  return undocumented === null ? mine.unknown : [{ source: 'plugin', reason: undocumented }, ...mine.unknown];
}

function policiesOf(e: Evaluated): Set<string> {
  const out = new Set<string>();
  for (const d of [e.egress, e.ingress]) {
    for (const p of d.isolatedBy) out.add(p);
    for (const r of d.allowedBy) out.add(r.policy);
  }
  return out;
}

/** The profile's deviations that touched a policy taking part in either answer. */
export function deviationsBetween(c: CompiledSnapshot, mine: Evaluated, upstream: Evaluated): Deviation[] {
  const involved = policiesOf(mine);
  for (const p of policiesOf(upstream)) involved.add(p);
  const codes = new Set(c.dataplane.applied.filter((a) => involved.has(a.policy)).map((a) => a.code));
  const found = c.dataplane.profile.deviations.filter((d) => codes.has(d.code));
  return found.length > 0 ? found : [...c.dataplane.profile.deviations];
}

/** Why a verdict is unknown on this plugin, or null. */
export function undocumentedReason(c: CompiledSnapshot, protocol: Protocol, mine: Evaluated): string | null {
  if (mine.overridden || !(mine.egress.isolated || mine.ingress.isolated)) return null;
  const u = c.dataplane.profile.undocumented.find((x) => x.protocol === protocol);
  return u ? u.reason : null;
}

export function pluginFields(
  c: CompiledSnapshot,
  causes: readonly UnknownCause[],
  mine: Evaluated,
  upstream: Evaluated | null,
): PluginFields {
  const enforced = c.dataplane.enforced;
  const dataplane = dataplaneSummary(c);
  if (causes.length > 0) {
    const unknownReason = causes.map((u) => u.reason).join('; ');
    return {
      allowed: false,
      verdict: 'unknown',
      enforced,
      dataplane,
      deviations: NO_DEVIATIONS,
      upstream: { allowed: upstream?.allowed ?? mine.allowed },
      unknownReason,
    };
  }
  const allowed = mine.allowed;
  const verdict: VerdictWord = allowed ? 'allowed' : 'denied';
  if (upstream === null || upstream.allowed === allowed) return { allowed, verdict, enforced, dataplane, deviations: NO_DEVIATIONS };
  const deviations = enforced === false ? NO_DEVIATIONS : deviationsBetween(c, mine, upstream);
  return { allowed, verdict, enforced, dataplane, deviations, upstream: { allowed: upstream.allowed } };
}

/** The caveat of a plugin that enforces nothing (null when it enforces, or is unknown). */
export function notEnforcedMessage(c: CompiledSnapshot): string | null {
  if (c.dataplane.enforced !== false) return null;
  const { profile } = c.dataplane;
  return c.snapshot.policies.length > 0
    ? `policies exist but ${profile.name} does not enforce them: this traffic is not restricted (${profile.enforcementReason})`
    : `${profile.name} does not enforce NetworkPolicy: this traffic is not restricted (${profile.enforcementReason})`;
}

/** The note naming the deviations that made the plugin's answer differ from the API's. */
export function deviationNote(c: CompiledSnapshot, upstreamAllowed: boolean, deviations: readonly Deviation[]): Note {
  const message =
    `on ${c.dataplane.profile.name} this differs from the Kubernetes API's meaning ` +
    `(${upstreamAllowed ? 'allowed' : 'denied'} there): ${deviations.map((d) => d.message).join('; ')}`;
  return { code: 'plugin-deviation', message };
}

/** Notes the plugin adds to an answer (the plugin's own unknown causes only: a tier's is in the reason). */
export function pluginNotes(c: CompiledSnapshot, fields: PluginFields, causes: readonly UnknownCause[]): Note[] {
  const { profile } = c.dataplane;
  const notes: Note[] = [];
  const plugin = causes.filter((u) => u.source === 'plugin');
  if (c.dataplane.enforced !== false && fields.deviations.length === 0 && plugin.length === 0) return notes;
  const caveat = notEnforcedMessage(c);
  if (caveat !== null) notes.push({ code: 'not-enforced', message: caveat });
  if (fields.deviations.length > 0) notes.push(deviationNote(c, fields.upstream?.allowed ?? false, fields.deviations));
  if (plugin.length > 0)
    notes.push({ code: 'plugin-undocumented', message: `unknown on ${profile.name}: ${plugin.map((u) => u.reason).join('; ')}` });
  return notes;
}
