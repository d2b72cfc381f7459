// Sentences shared by the text and Markdown renderings of a fix answer.
import type { FixAnswer, FixCandidate, FixFlow } from '../query/fix.ts';
import type { ImpactFlow } from '../query/impact.ts';
import { rangeList } from './ports-text.ts';

export function flowLine(f: FixFlow): string {
  return `${f.verdict.toUpperCase()}  ${f.from} -> ${f.to}  ${f.protocol}/${f.port}${f.via ? `  (via ${f.via})` : ''}`;
}

/** The deciding rules of a flow's sides (for "nothing to change" and the flows a fix addresses). */
export function sideLines(f: FixFlow): string[] {
  return [`egress  (from ${f.from}): ${f.egress.reason}`, `ingress (to ${f.to}): ${f.ingress.reason}`];
}

export function impactFlowText(f: ImpactFlow): string {
  return `${f.from} -> ${f.to} ${f.protocol}/${rangeList(f.ports)}`;
}

export function proofLine(answer: FixAnswer, c: FixCandidate): string {
  const wanted = answer.mode === 'deny' ? 'lost' : 'gained';
  const opposite = answer.mode === 'deny' ? c.proof.gained : c.proof.lost;
  if (c.proof.exact)
    return `proof (impact): ${wanted} exactly the requested flow${answer.flows.length === 1 ? '' : 's'}; nothing else changes`;
  const parts = [`${wanted} the requested flow${answer.flows.length === 1 ? '' : 's'}`];
  const replicas = c.proof.replicaFlows > 0 ? ` (${c.proof.replicaFlows} between other replicas of the same workloads)` : '';
  if (c.proof.others.length) parts.push(`also ${wanted} ${c.proof.others.length} other flow(s)${replicas}`);
  if (opposite.length) parts.push(`${answer.mode === 'deny' ? 'gains' : 'loses'} ${opposite.length} flow(s)`);
  return `proof (impact): ${parts.join('; ')}`;
}

export function otherFlows(answer: FixAnswer, c: FixCandidate): { label: string; flows: readonly ImpactFlow[] }[] {
  const opposite = answer.mode === 'deny' ? c.proof.gained : c.proof.lost;
  return [
    { label: answer.mode === 'deny' ? 'also lost' : 'also gained', flows: c.proof.others },
    { label: answer.mode === 'deny' ? 'gained' : 'lost', flows: opposite },
  ].filter((x) => x.flows.length > 0);
}

export function headline(answer: FixAnswer): string {
  const r = answer.request;
  const asked = `${r.from} -> ${r.to} ${r.protocol}/${r.port}`;
  switch (answer.status) {
    case 'nothing-to-change':
      return `nothing to change: ${asked} is already ${answer.mode === 'deny' ? 'denied' : 'allowed'}`;
    case 'unfixable':
      return `cannot fix with a NetworkPolicy: ${answer.reason?.message ?? asked}`;
    case 'fixable':
      return `${answer.candidates.length} candidate change(s) to ${answer.mode === 'deny' ? 'deny' : 'allow'} ${asked}, best first`;
    default: {
      const never: never = answer.status;
      return String(never);
    }
  }
}
