// Assertions evaluated on one compiled snapshot, under the network plugin in force. A flow holds
// when its verdict is the expected one (a composite side holds only when every path agrees:
// `partial` fails both ways; `unknown` fails, never read as a yes). An isolation assertion holds
// when every pod it names is selected by a policy of that direction (isolated, as the
// NetworkPolicy concept page defines it). Results are {name, ok, message} plus the deciding rules,
// so any report (Markdown, JUnit, SARIF) renders from them.
import type { CompiledSnapshot } from '../../engine/index.ts';
import { endpointSpecText } from '../endpoint-spec.ts';
import { flowState, memberEndpoints } from '../history/flow.ts';
import { NotFoundError } from '../resolve.ts';
import type { Assertion } from './parse.ts';

export interface AssertionResult {
  readonly name: string;
  readonly ok: boolean;
  /** One line: what was expected and what the snapshot says. */
  readonly message: string;
  /** The rules (or policies) that decided it. */
  readonly rules: readonly string[];
  /** `from -> to TCP/8443 expect allowed`, or `isolated ns:payments (ingress)`. */
  readonly assertion: string;
}

export function assertionText(a: Assertion): string {
  return a.kind === 'flow'
    ? `${endpointSpecText(a.from)} -> ${endpointSpecText(a.to)} ${a.protocol}/${a.port} expect ${a.expect}`
    : `isolated ${endpointSpecText(a.target)} (${a.direction})`;
}

function flowResult(c: CompiledSnapshot, a: Extract<Assertion, { kind: 'flow' }>): AssertionResult {
  const s = flowState(c, { spec: a.from }, { spec: a.to }, a.port, a.protocol);
  const ok = s.verdict === a.expect;
  const why = s.verdict === 'absent' ? `: ${s.reason}` : '';
  return { name: a.name, ok, message: `expected ${a.expect}, got ${s.verdict}${why}`, rules: s.rules, assertion: assertionText(a) };
}

function isolatedResult(c: CompiledSnapshot, a: Extract<Assertion, { kind: 'isolated' }>): AssertionResult {
  const base = { name: a.name, assertion: assertionText(a) };
  let members: readonly number[];
  try {
    members = memberEndpoints(c, a.target);
  } catch (err) {
    if (err instanceof NotFoundError) return { ...base, ok: false, message: err.message, rules: [] };
    throw err;
  }
  if (members.length === 0) return { ...base, ok: false, message: `${endpointSpecText(a.target)} has no pods`, rules: [] };
  const directions = a.direction === 'both' ? (['ingress', 'egress'] as const) : ([a.direction] as const);
  const open: string[] = [];
  const by = new Set<string>();
  // Endpoints of one class are selected by the same policies: each class's policies are read once.
  const seen = new Set<number>();
  for (const i of members) {
    const { key, classId: cls } = c.endpoints[i]!;
    const first = !seen.has(cls);
    seen.add(cls);
    for (const d of directions) {
      const ids = (d === 'ingress' ? c.ingressPolicies : c.egressPolicies)[cls];
      if (ids.length === 0) open.push(`${key} (${d})`);
      else if (first) for (const id of ids) by.add(`${c.policies[id].ref} isolates (${d})`);
    }
  }
  const rules = [...by].sort();
  if (open.length === 0) return { ...base, ok: true, message: `all ${members.length} pod(s) isolated`, rules };
  const shown = open.slice(0, 5).join(', ') + (open.length > 5 ? `, and ${open.length - 5} more` : '');
  return { ...base, ok: false, message: `${open.length} not isolated: ${shown}`, rules };
}

export function evaluateAssertions(c: CompiledSnapshot, assertions: readonly Assertion[]): AssertionResult[] {
  return assertions.map((a) => (a.kind === 'flow' ? flowResult(c, a) : isolatedResult(c, a)));
}
