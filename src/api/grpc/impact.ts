// Impact: the proposal (objects as Structs, or the files' text) → the same impactQuery REST calls →
// ImpactAnswer. A broken proposed object, or a delete naming nothing, is INVALID_ARGUMENT, as in REST.
import type { RuleRef as EngineRuleRef } from '../../engine/verdict.ts';
import { type Diagnostic as ModelDiagnostic, InputError, hasErrors } from '../../model/diagnostics.ts';
import type { Snapshot } from '../../model/types.ts';
import { compile } from '../../engine/index.ts';
import {
  type ImpactAnswer as QueryImpactAnswer,
  type ImpactFlow as QueryImpactFlow,
  type RuleRefSummary as QueryRuleRefSummary,
  type WorkloadFlow as QueryWorkloadFlow,
  changeSetOf,
} from '../../query/impact.ts';
import { answerImpact } from '../../query/answered.ts';
import { parsePolicyRefs } from '../../query/policy-ref.ts';
import { decodeManifestText } from '../../query/manifest-text.ts';
import type { SnapshotService } from '../../service/snapshots.ts';
import { type PluginMessage, groupByOf, pluginMessage, protocolMessage } from './convert.ts';
import { badField } from '../../query/errors.ts';
import {
  Direction,
  type Diagnostic,
  GroupBy,
  type ImpactAnswer,
  type ImpactFlow,
  type ImpactRequest,
  type RuleRefSummary,
  type WorkloadFlow,
} from './gen/netreach/v1/netreach.ts';
import { servedSnapshot, validated } from './requests.ts';

function decoded(text: string, file: string): Snapshot {
  const result = decodeManifestText(text, { file, source: 'upload', requireIdentity: true, limits: {} });
  if (hasErrors(result.diagnostics)) throw new InputError('the proposed objects have errors', result.diagnostics);
  return result.snapshot;
}

/** `apply` is flattened like a file's List would be: the same decoder as uploads and REST. */
function proposedOf(r: ImpactRequest): Snapshot {
  if (r.apply.length > 0 && r.manifests) throw badField('manifests', 'set apply or manifests, not both');
  if (r.manifests) return decoded(r.manifests, 'manifests');
  return decoded(asList(r.apply), 'apply');
}

const asList = (items: readonly unknown[]) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items });

/** The whole-state form (REST `head`, `base`): both given in full; an overlay field beside `head` is bad input. */
function wholeOf(r: ImpactRequest): { head: Snapshot; base?: Snapshot } | undefined {
  if (r.head === undefined) {
    if (r.base !== undefined) throw badField('base', '`base` goes with `head` (the whole-state form)');
    return undefined;
  }
  if (r.apply.length > 0 || r.manifests || r.delete.length > 0) {
    throw badField('head', '`head` is the whole state after the change: send `apply`/`delete` (an overlay) or `head`, not both');
  }
  return { head: decoded(asList(r.head.items), 'head'), ...(r.base ? { base: decoded(asList(r.base.items), 'base') } : {}) };
}

function impactGroupBy(g: GroupBy): 'pod' | 'workload' {
  const groupBy = groupByOf(g);
  if (groupBy !== 'pod' && groupBy !== 'workload') throw badField('groupBy', 'must be GROUP_BY_POD or GROUP_BY_WORKLOAD');
  return groupBy;
}

const ruleRef = (r: EngineRuleRef) => ({
  policy: r.policy,
  direction: r.direction === 'Ingress' ? Direction.DIRECTION_INGRESS : Direction.DIRECTION_EGRESS,
  rule: r.rule,
});

export function summaryMessage(s: QueryRuleRefSummary): RuleRefSummary {
  const side = (d: QueryRuleRefSummary['egress']) => ({ isolatedBy: [...d.isolatedBy], allowedBy: d.allowedBy.map(ruleRef) });
  return { allowed: s.allowed, egress: side(s.egress), ingress: side(s.ingress) };
}

const ranges = (ports: readonly [number, number][]) => ports.map(([from, to]) => ({ from, to }));

export function flowMessage(f: QueryImpactFlow): ImpactFlow {
  return {
    from: f.from,
    to: f.to,
    protocol: protocolMessage(f.protocol),
    ports: ranges(f.ports),
    before: summaryMessage(f.before),
    after: summaryMessage(f.after),
  };
}

export function workloadFlowMessage(f: QueryWorkloadFlow): WorkloadFlow {
  return {
    from: f.from,
    to: f.to,
    fromOutside: f.fromOutside,
    toOutside: f.toOutside,
    protocol: protocolMessage(f.protocol),
    ports: ranges(f.ports),
    flows: f.flows,
    policies: [...f.policies],
    wasAllowedBy: [...f.wasAllowedBy],
  };
}

function diagnosticMessage(d: ModelDiagnostic): Diagnostic {
  return {
    severity: d.severity,
    code: d.code,
    message: d.message,
    ...(d.ref
      ? { ref: { kind: d.ref.kind, name: d.ref.name, ...(d.ref.namespace !== undefined ? { namespace: d.ref.namespace } : {}) } }
      : {}),
    ...(d.path !== undefined ? { path: d.path } : {}),
    ...(d.file !== undefined ? { file: d.file } : {}),
    ...(d.line !== undefined ? { line: d.line } : {}),
  };
}

export function impactMessage(a: QueryImpactAnswer, plugin: PluginMessage): ImpactAnswer {
  return {
    summary: {
      ...a.summary,
      changedPolicies: [...a.summary.changedPolicies],
      addedEndpoints: [...a.summary.addedEndpoints],
      removedEndpoints: [...a.summary.removedEndpoints],
    },
    lost: a.lost.map(flowMessage),
    gained: a.gained.map(flowMessage),
    groupBy: a.groupBy === 'workload' ? GroupBy.GROUP_BY_WORKLOAD : GroupBy.GROUP_BY_POD,
    ...(a.workloads
      ? { workloads: { lost: a.workloads.lost.map(workloadFlowMessage), gained: a.workloads.gained.map(workloadFlowMessage) } }
      : {}),
    diagnostics: a.diagnostics.map(diagnosticMessage),
    ...plugin,
  };
}

export function impact(service: SnapshotService, r: ImpactRequest): ImpactAnswer {
  const [whole, groupBy] = validated(
    () => wholeOf(r),
    () => impactGroupBy(r.groupBy),
  );
  if (whole) {
    const compiled = whole.base ? compile(whole.base) : servedSnapshot(service, r.snapshot, 'snapshot', r.at).compiled;
    return answered(answerImpact(compiled, { head: whole.head }, { groupBy }));
  }
  const [proposed, deletes] = validated(
    () => proposedOf(r),
    () => parsePolicyRefs(r.delete, (i) => `delete[${i}]`),
  );
  const { compiled } = servedSnapshot(service, r.snapshot, 'snapshot', r.at);
  return answered(answerImpact(compiled, { overlay: changeSetOf(proposed, deletes) }, { groupBy }));
}

function answered(a: ReturnType<typeof answerImpact>): ImpactAnswer {
  if (hasErrors(a.value.diagnostics)) throw new InputError('the change set names objects the snapshot does not hold', a.value.diagnostics);
  // The base snapshot's plugin: the change is applied to it, so both sides answer under it.
  return impactMessage(a.value, pluginMessage(a.plugin));
}
