// Fix: request → the same fixQuery REST calls → FixAnswer (REST POST /v1/fix, `netreach fix -o json`).
// An unfixable request is an answer (`status: unfixable`), not an error.
import type { RuleRef as EngineRuleRef } from '../../engine/verdict.ts';
import { type FixAnswer as QueryFixAnswer, type FixCandidate as QueryFixCandidate, type FixFlow as QueryFixFlow } from '../../query/fix.ts';
import { answerFix } from '../../query/answered.ts';
import type { SnapshotService } from '../../service/snapshots.ts';
import { type PluginMessage, pluginMessage, protocolMessage } from './convert.ts';
import { badField } from '../../query/errors.ts';
import { Direction, type FixAnswer, type FixCandidate, type FixFlow, FixMode, type FixRequest } from './gen/netreach/v1/netreach.ts';
import { flowMessage } from './impact.ts';
import { endpointOf, portOf, protocolOfRequest, servedSnapshot, validated } from './requests.ts';

const direction = (d: 'Ingress' | 'Egress') => (d === 'Ingress' ? Direction.DIRECTION_INGRESS : Direction.DIRECTION_EGRESS);
const ruleRef = (r: EngineRuleRef) => ({ policy: r.policy, direction: direction(r.direction), rule: r.rule });

function modeOf(m: FixMode): 'allow' | 'deny' {
  if (m === FixMode.FIX_MODE_UNSPECIFIED || m === FixMode.FIX_MODE_ALLOW) return 'allow';
  if (m === FixMode.FIX_MODE_DENY) return 'deny';
  throw badField('mode', 'must be FIX_MODE_ALLOW or FIX_MODE_DENY');
}

function fixFlowMessage(f: QueryFixFlow): FixFlow {
  const side = (s: QueryFixFlow['egress']) => ({
    allowed: s.allowed,
    isolatedBy: [...s.isolatedBy],
    allowedBy: s.allowedBy.map(ruleRef),
    reason: s.reason,
  });
  return {
    from: f.from,
    to: f.to,
    protocol: protocolMessage(f.protocol),
    port: f.port,
    verdict: f.verdict,
    egress: side(f.egress),
    ingress: side(f.ingress),
    ...(f.via !== undefined ? { via: f.via } : {}),
  };
}

function candidateMessage(c: QueryFixCandidate): FixCandidate {
  return {
    rank: c.rank,
    strategy: c.strategy,
    summary: c.summary,
    changes: c.changes.map((ch) => ({
      action: ch.action,
      directions: ch.directions.map(direction),
      policy: ch.policy,
      object: ch.object,
      patch: ch.patch.map((p) => ({ op: p.op, path: p.path, ...(p.value !== undefined ? { value: p.value } : {}) })),
      explain: [...ch.explain],
    })),
    proof: {
      achieves: c.proof.achieves,
      gained: c.proof.gained.map(flowMessage),
      lost: c.proof.lost.map(flowMessage),
      others: c.proof.others.map(flowMessage),
      replicaFlows: c.proof.replicaFlows,
      exact: c.proof.exact,
    },
  };
}

export function fixMessage(a: QueryFixAnswer, plugin: PluginMessage): FixAnswer {
  return {
    mode: a.mode,
    request: { ...a.request, protocol: protocolMessage(a.request.protocol) },
    status: a.status,
    flows: a.flows.map(fixFlowMessage),
    candidates: a.candidates.map(candidateMessage),
    ...(a.reason ? { reason: { ...a.reason } } : {}),
    notes: [...a.notes],
    ...plugin,
  };
}

export function fix(service: SnapshotService, r: FixRequest): FixAnswer {
  const [from, to, port, protocol, mode] = validated(
    () => endpointOf(r.from, 'from'),
    () => endpointOf(r.to, 'to'),
    () => portOf(r.port),
    () => protocolOfRequest(r.protocol),
    () => modeOf(r.mode),
  );
  const { compiled } = servedSnapshot(service, r.snapshot);
  const a = answerFix(compiled, { from, to, port, protocol, mode });
  return fixMessage(a.value, pluginMessage(a.plugin));
}
