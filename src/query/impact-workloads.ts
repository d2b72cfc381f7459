// Impact flows grouped for display: pods by their workload (EndpointInfo.group, `deploy:ns/name`,
// `pod:ns/name` for a bare pod), CIDRs as themselves; ports are the union over the member flows and
// `policies` the union of the policies that decide them after the change.
import type { CompiledSnapshot } from '../engine/index.ts';
import { portRanges } from '../engine/port-ranges.ts';
import { PROTOCOLS, type Protocol } from '../model/types.ts';
import { type RuleRefSummary, allowingRules, decisivePolicies } from './impact-summary.ts';

export interface WorkloadFlow {
  readonly from: string;
  readonly to: string;
  /** Whether a side is an outside CIDR (not a workload). */
  readonly fromOutside: boolean;
  readonly toOutside: boolean;
  readonly protocol: Protocol;
  readonly ports: [number, number][];
  /** Pod-level flows folded into this one. */
  readonly flows: number;
  /** Policies deciding the member flows after the change (see decisivePolicies). */
  readonly policies: readonly string[];
  /** Rules that allowed the member flows before the change (`ns/name ingress rule #0`; for lost flows). */
  readonly wasAllowedBy: readonly string[];
}

interface FlowLike {
  readonly from: string;
  readonly to: string;
  readonly protocol: Protocol;
  readonly ports: readonly [number, number][];
  readonly before: RuleRefSummary;
  readonly after: RuleRefSummary;
}

interface Acc {
  from: string;
  to: string;
  fromOutside: boolean;
  toOutside: boolean;
  protocol: Protocol;
  ports: [number, number][];
  flows: number;
  policies: Set<string>;
  wasAllowedBy: Set<string>;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function groupFlowsByWorkload(c: CompiledSnapshot, flows: readonly FlowLike[]): WorkloadFlow[] {
  const groupOf = (side: string): [string, boolean] => {
    const id = c.endpointIndex.get(side);
    return id === undefined ? [side, true] : [c.endpoints[id].group, false];
  };
  const acc = new Map<string, Acc>();
  for (const f of flows) {
    const [from, fromOutside] = groupOf(f.from);
    const [to, toOutside] = groupOf(f.to);
    const key = `${from}\n${to}\n${f.protocol}`;
    let entry = acc.get(key);
    if (!entry)
      acc.set(
        key,
        (entry = {
          from,
          to,
          fromOutside,
          toOutside,
          protocol: f.protocol,
          ports: [],
          flows: 0,
          policies: new Set(),
          wasAllowedBy: new Set(),
        }),
      );
    for (const [a, b] of f.ports) entry.ports.push([a, b]);
    for (const p of decisivePolicies(f.after)) entry.policies.add(p);
    for (const r of allowingRules(f.before)) entry.wasAllowedBy.add(r);
    entry.flows++;
  }
  const order = (p: Protocol) => PROTOCOLS.indexOf(p);
  return [...acc.values()]
    .map((e) => ({
      ...e,
      ports: portRanges({ [e.protocol]: e.ports })[e.protocol] ?? [],
      policies: [...e.policies].sort(),
      wasAllowedBy: [...e.wasAllowedBy].sort(),
    }))
    .sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to) || order(a.protocol) - order(b.protocol));
}
