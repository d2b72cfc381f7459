// Plain-text rendering of a Verdict, short enough for a ChatOps bot to post as is.
// The first line is the answer (ALLOWED, DENIED, or UNKNOWN where the network plugin does not
// document the case); under a plugin profile the plugin lines follow (plugin-text.ts: the plugin,
// the not-enforced caveat, the upstream answer and deviations when they differ, the unknown reason);
// then one block per direction (egress at the source, ingress at the destination), then one `note:`
// line per note not already shown. No trailing newline: the caller adds it.
import type { DirectionVerdict, RuleRef, Verdict, VerdictWord } from '../engine/verdict.ts';
import { nearMissLines } from './near-miss-text.ts';
import { PLUGIN_NOTE_CODES, verdictPluginLines } from './plugin-text.ts';

export const VERDICT_WORD: Record<VerdictWord, string> = { allowed: 'ALLOWED', denied: 'DENIED', unknown: 'UNKNOWN' };

/** `default/test-network-policy ingress rule #0` (rule index as in the spec, 0-based). */
export function ruleRefText(r: RuleRef): string {
  return `${r.policy} ${r.direction.toLowerCase()} rule #${r.rule}`;
}

/** The far side of a direction check: egress is checked toward the destination and vice versa. */
export function peerPhrase(v: Verdict, d: DirectionVerdict): string {
  return d.direction === 'Egress' ? `to ${v.to.name}` : `from ${v.from.name}`;
}

/** The endpoint a direction check is about, as `from X` / `to Y`. */
export function sidePhrase(v: Verdict, d: DirectionVerdict): string {
  return d.direction === 'Egress' ? `from ${v.from.name}` : `to ${v.to.name}`;
}

export function connectionText(v: Verdict): string {
  return `${v.protocol}/${v.port}`;
}

/** A reason sentence used as the tail of a summary line: lower-case start, no final period. */
function asClause(reason: string): string {
  const text = reason.trim().replace(/\.$/u, '');
  return /^[A-Z][a-z]/u.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}

/**
 * Structured one-line summary of a direction: isolation, then what allowed or denied it. Where the
 * structure says little (not policed, not isolated) the engine's reason is the clause.
 */
export function directionSummary(v: Verdict, d: DirectionVerdict): string {
  // Decided by the tiers (admin, baseline, an unknown): the engine's reason names the deciding rule.
  if ((d.tier !== undefined && d.tier !== 'NetworkPolicy') || d.unknown) {
    const word = d.unknown ? 'unknown' : d.allowed ? 'allowed' : 'denied';
    const clause = asClause(d.reason);
    return clause.startsWith(word) ? clause : `${word} — ${clause}`;
  }
  const denied = d.allowed ? '' : '; denied';
  if (!d.policed) {
    return `not policed — ${d.reason.trim() ? asClause(d.reason) : 'no NetworkPolicy applies here'}${denied}`;
  }
  if (!d.isolated) {
    const clause = d.reason.trim() ? asClause(d.reason) : `no NetworkPolicy with ${d.direction} selects it`;
    return `not isolated — ${clause}${denied}`;
  }
  const isolated = `isolated by ${d.isolatedBy.join(', ')}`;
  if (d.allowed) {
    const rules = d.allowedBy.map(ruleRefText).join(', ');
    return rules ? `${isolated}; allowed by ${rules}` : `${isolated}; allowed`;
  }
  const policies = d.isolatedBy.join(', ');
  return `${isolated}; denied: no rule of ${policies} admits ${connectionText(v)} ${peerPhrase(v, d)}`;
}

/** The engine's reason, unless the summary already says it. */
export function extraReason(summary: string, reason: string): string | undefined {
  const r = asClause(reason).toLowerCase();
  if (r === '' || summary.toLowerCase().includes(r)) return undefined;
  return reason.trim();
}

/** A direction's line, the engine's reason when the summary does not say it, and its near misses. */
export function directionBlock(v: Verdict, d: DirectionVerdict): string[] {
  const label = d.direction.toLowerCase().padEnd('ingress'.length);
  const summary = directionSummary(v, d);
  const lines = [`${label} (${sidePhrase(v, d)}): ${summary}`];
  const reason = extraReason(summary, d.reason);
  if (reason !== undefined) lines.push(`        ${reason}`);
  lines.push(...nearMissLines(d, '        '));
  return lines;
}

export function renderVerdictText(v: Verdict): string {
  const override = v.override ? `  (decided by ${v.override})` : '';
  const lines = [`${VERDICT_WORD[v.verdict]}  ${v.from.name} -> ${v.to.name}  ${connectionText(v)}${override}`];
  lines.push(...verdictPluginLines(v));
  lines.push(...directionBlock(v, v.egress), ...directionBlock(v, v.ingress));
  for (const n of v.notes) if (!PLUGIN_NOTE_CODES.has(n.code)) lines.push(`note: ${n.message.replace(/\s*\n\s*/gu, ' ')}`);
  return lines.join('\n');
}
