// CI findings: what lint and impact report, in one shape for the CI renderers (SARIF, GitHub
// workflow annotations). A finding has a rule id, a level, a message and, when the object it is
// about was read from a file, where. Lint findings are diagnostics; an impact finding is a lost
// (error) or gained (note) flow, located at the policy rule that allowed it before (lost) or allows
// it now (gained).
import { type Diagnostic, formatDiagnostic, refText } from '../model/diagnostics.ts';
import type { ImpactAnswer, ImpactFlow } from '../query/impact.ts';
import { type Origins, locate } from '../query/origins.ts';
import type { RuleRef } from '../engine/verdict.ts';
import { renderPortRanges } from './ports-text.ts';

export type FindingLevel = 'error' | 'warning' | 'note';

export interface CiFinding {
  readonly ruleId: string;
  readonly level: FindingLevel;
  readonly message: string;
  /** `NetworkPolicy shop/web` */
  readonly object?: string;
  readonly file?: string;
  readonly line?: number;
}

const LEVEL: Record<Diagnostic['severity'], FindingLevel> = { error: 'error', warning: 'warning', info: 'note' };

export function lintFindings(diagnostics: readonly Diagnostic[]): CiFinding[] {
  return diagnostics.map((d) => ({
    ruleId: d.code,
    level: LEVEL[d.severity],
    message: formatDiagnostic({ ...d, file: undefined, line: undefined }),
    ...(d.ref ? { object: refText(d.ref) } : {}),
    ...(d.file !== undefined ? { file: d.file } : {}),
    ...(d.line !== undefined ? { line: d.line } : {}),
  }));
}

function flowText(f: ImpactFlow): string {
  return `${f.from} -> ${f.to} ${renderPortRanges({ [f.protocol]: f.ports })}`;
}

/** The rule that allowed the flow in the given summary (egress first), if one did. */
function allowingRule(f: ImpactFlow, side: 'before' | 'after'): RuleRef | undefined {
  const s = f[side];
  return s.egress.allowedBy[0] ?? s.ingress.allowedBy[0];
}

function located(rule: RuleRef | undefined, origins: readonly (Origins | undefined)[]): { file?: string; line?: number; object?: string } {
  if (!rule) return {};
  const [namespace, name] = rule.policy.split('/');
  const path = `spec.${rule.direction === 'Ingress' ? 'ingress' : 'egress'}[${rule.rule}]`;
  const d: Diagnostic = { severity: 'error', code: 'x', message: '', ref: { kind: 'NetworkPolicy', namespace, name }, path };
  for (const o of origins) {
    const l = locate(d, o);
    if (l.file !== undefined) return { file: l.file, ...(l.line !== undefined ? { line: l.line } : {}), object: refText(d.ref!) };
  }
  return { object: refText(d.ref!) };
}

/** Lost flows (errors) located at the rule that allowed them before; gained ones (notes) at the rule
 * that allows them now. `head` origins first (the file as it is after the change), then `base`. */
export function impactFindings(answer: ImpactAnswer, origins: { readonly head?: Origins; readonly base?: Origins } = {}): CiFinding[] {
  const out: CiFinding[] = [];
  for (const f of answer.lost) {
    const rule = allowingRule(f, 'before');
    const by = rule ? `; was allowed by ${rule.policy} ${rule.direction.toLowerCase()} rule #${rule.rule}` : '';
    out.push({ ruleId: 'flow-lost', level: 'error', message: `lost: ${flowText(f)}${by}`, ...located(rule, [origins.head, origins.base]) });
  }
  for (const f of answer.gained) {
    const rule = allowingRule(f, 'after');
    const by = rule ? `; now allowed by ${rule.policy} ${rule.direction.toLowerCase()} rule #${rule.rule}` : '';
    out.push({
      ruleId: 'flow-gained',
      level: 'note',
      message: `gained: ${flowText(f)}${by}`,
      ...located(rule, [origins.head, origins.base]),
    });
  }
  return out;
}
