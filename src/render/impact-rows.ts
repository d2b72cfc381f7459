// Display rows for impact renderers: flows (pod level or by workload) with the outside CIDRs that
// change alike folded into one row, so a default-deny reads as one line per pod, not one per CIDR.
import { type ImpactAnswer, type WorkloadFlow, decisivePolicies } from '../query/impact.ts';
import { allowingRules } from '../query/impact-summary.ts';
import { rangesText } from './ports-text.ts';

export interface ImpactRow {
  readonly from: string[];
  readonly to: string[];
  /** `TCP 80,443; UDP 53`, or `all ports` */
  readonly ports: string;
  flows: number;
  readonly policies: readonly string[];
  /** Rules that allowed the row's flows before the change. */
  readonly wasAllowedBy: readonly string[];
}

const isCidr = (s: string) => /^[0-9a-f:.]+\/\d+$/i.test(s);

/** The answer's flows as workload flows: its workload view, or each pod-level flow alone. */
export function displayFlows(answer: ImpactAnswer, which: 'lost' | 'gained'): readonly WorkloadFlow[] {
  if (answer.workloads) return answer.workloads[which];
  return answer[which].map((f) => ({
    from: f.from,
    to: f.to,
    fromOutside: isCidr(f.from),
    toOutside: isCidr(f.to),
    protocol: f.protocol,
    ports: f.ports,
    flows: 1,
    policies: decisivePolicies(f.after),
    wasAllowedBy: allowingRules(f.before),
  }));
}

function portsText(byProtocol: Map<string, string>): string {
  const all = ['TCP', 'UDP', 'SCTP'].every((p) => byProtocol.get(p) === 'all');
  return all ? 'all ports' : [...byProtocol].map(([p, r]) => `${p} ${r}`).join('; ');
}

/** Protocols of one side pair merged into one row, then outside CIDRs that change alike folded. */
export function impactRows(flows: readonly WorkloadFlow[]): ImpactRow[] {
  const pairs = new Map<string, { f: WorkloadFlow; ports: Map<string, string>; flows: number }>();
  for (const f of flows) {
    const key = JSON.stringify([f.from, f.to, f.policies, f.wasAllowedBy]);
    let pair = pairs.get(key);
    if (!pair) pairs.set(key, (pair = { f, ports: new Map(), flows: 0 }));
    pair.ports.set(f.protocol, rangesText(f.ports));
    pair.flows += f.flows;
  }
  const out = new Map<string, ImpactRow & { from: string[]; to: string[] }>();
  for (const { f, ports: byProtocol, flows } of pairs.values()) {
    const ports = portsText(byProtocol);
    const key = JSON.stringify([f.fromOutside ? '*' : f.from, f.toOutside ? '*' : f.to, ports, f.policies, f.wasAllowedBy]);
    const row = out.get(key);
    if (!row) out.set(key, { from: [f.from], to: [f.to], ports, flows, policies: f.policies, wasAllowedBy: f.wasAllowedBy });
    else {
      if (f.fromOutside) row.from.push(f.from);
      if (f.toOutside) row.to.push(f.to);
      row.flows += flows;
    }
  }
  return [...out.values()];
}

/** A side's names, the first `max` in full. */
export function namesText(names: readonly string[], max: number, quote = (n: string) => n): string {
  if (names.length <= max) return names.map(quote).join(', ');
  return `${names.slice(0, max).map(quote).join(', ')} and ${names.length - max} more CIDRs (-o json lists them)`;
}
