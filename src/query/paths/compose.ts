// Paths into one composite answer: a path per concrete pair with a one-sentence reason, and the
// outcome over all of them (allowed: every path; denied: none, or no path at all; partial: some).
import type { RuleRef, Verdict } from '../../engine/verdict.ts';
import { InputError } from '../../model/diagnostics.ts';
import type { Protocol } from '../../model/types.ts';
import { pathNote } from './notes.ts';
import type { Outcome, PathNote, PathVerdict, PathsVerdict } from './types.ts';

/** A query expanding to more pairs than this is refused: name fewer endpoints. */
export const MAX_PATHS = 20_000;

export function guardSize(pairs: number, what: string): void {
  if (pairs > MAX_PATHS)
    throw new InputError(
      `${what} expands to ${pairs} paths (more than ${MAX_PATHS}); name fewer endpoints, or ask for the matrix grouped by ` +
        'workload or namespace',
    );
}

function ruleText(r: RuleRef): string {
  return `${r.policy} ${r.direction.toLowerCase()} rule #${r.rule}`;
}

/** Why a verdict came out as it did, in one sentence. */
export function verdictReason(v: Verdict): string {
  if (v.override) return `allowed by the ${v.override} rule, whatever the policies say`;
  if (!v.egress.allowed) return v.egress.reason;
  if (!v.ingress.allowed) return v.ingress.reason;
  const rules = [...v.egress.allowedBy, ...v.ingress.allowedBy];
  if (rules.length > 0) return `allowed by ${rules.map(ruleText).join(', ')}`;
  return 'no NetworkPolicy isolates either side';
}

export function verdictPath(from: string, to: string, v: Verdict, via?: string): PathVerdict {
  return { from, to, port: v.port, allowed: v.allowed, reason: verdictReason(v), ...(via !== undefined ? { via } : {}), verdict: v };
}

/** A path that stops before any NetworkPolicy is consulted. */
export function blockedPath(from: string, to: string, port: number, reason: string, via?: string): PathVerdict {
  return { from, to, port, allowed: false, reason, ...(via !== undefined ? { via } : {}) };
}

function pairText(p: PathVerdict): string {
  return `${p.from} → ${p.to}`;
}

function listText(paths: readonly PathVerdict[], limit = 8): string {
  const shown = paths.slice(0, limit).map(pairText).join(', ');
  return paths.length > limit ? `${shown} and ${paths.length - limit} more` : shown;
}

function dedupe(notes: readonly PathNote[]): PathNote[] {
  const seen = new Set<string>();
  return notes.filter((n) => {
    const key = `${n.code}\n${n.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function outcomeOf(paths: readonly PathVerdict[]): Outcome {
  const allowed = paths.filter((p) => p.allowed).length;
  if (paths.length === 0 || allowed === 0) return 'denied';
  return allowed === paths.length ? 'allowed' : 'partial';
}

export function composeVerdict(
  from: string,
  to: string,
  port: number,
  protocol: Protocol,
  paths: readonly PathVerdict[],
  notes: readonly PathNote[],
): PathsVerdict {
  const outcome = outcomeOf(paths);
  const all = [...notes];
  if (outcome === 'partial') {
    const allowed = paths.filter((p) => p.allowed);
    const denied = paths.filter((p) => !p.allowed);
    all.unshift(pathNote('members-differ', `allowed: ${listText(allowed)}; denied: ${listText(denied)}`));
  }
  return { allowed: outcome === 'allowed', outcome, from, to, port, protocol, paths, notes: dedupe(all) };
}
