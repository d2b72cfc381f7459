// Workloads: the pod template of a Deployment, ReplicaSet, StatefulSet, DaemonSet,
// ReplicationController, Job (spec.template) or CronJob (spec.jobTemplate.spec.template).
import type { LabelSelector, Workload, WorkloadKind } from '../types.ts';
import type { ObjectContext } from './context.ts';
import { readLabels } from './labels.ts';
import type { Meta } from './meta.ts';
import { readPodSpec } from './podspec.ts';
import { child, readInt, readMapping, readStringMap, type Mapping } from './read.ts';
import { readSelector } from './selector.ts';

export function decodeWorkload(ctx: ObjectContext, raw: Mapping, meta: Meta, kind: WorkloadKind): Workload | undefined {
  const spec = readMapping(ctx, raw.spec, 'spec') ?? {};
  // A CronJob's pod template sits one Job spec deeper; so do its parallelism and selector.
  const jobSpecPath = kind === 'CronJob' ? 'spec.jobTemplate.spec' : 'spec';
  const jobSpec = kind === 'CronJob' ? readCronJobSpec(ctx, spec) : spec;
  const templatePath = child(jobSpecPath, 'template');
  const template = readMapping(ctx, jobSpec.template, templatePath);
  if (!template) {
    if (jobSpec.template === undefined || jobSpec.template === null) ctx.error('required', templatePath);
    return undefined;
  }
  const templateMeta = readMapping(ctx, template.metadata, child(templatePath, 'metadata')) ?? {};
  const labels = readLabels(ctx, templateMeta.labels, child(child(templatePath, 'metadata'), 'labels'), 'warn');
  const podSpec = readPodSpec(ctx, template.spec, child(templatePath, 'spec'));
  const selector = readWorkloadSelector(ctx, kind, spec, labels);
  const replicas = readReplicas(ctx, kind, jobSpec, jobSpecPath);
  if (ctx.failed) return undefined;
  return {
    kind,
    namespace: meta.namespace ?? 'default',
    name: meta.name,
    labels,
    ...(selector ? { selector } : {}),
    containerPorts: podSpec.containerPorts,
    hostNetwork: podSpec.hostNetwork,
    ...(replicas !== undefined ? { replicas } : {}),
    ownerReferences: meta.ownerReferences,
  };
}

function readCronJobSpec(ctx: ObjectContext, spec: Mapping): Mapping {
  const jobTemplate = readMapping(ctx, spec.jobTemplate, 'spec.jobTemplate') ?? {};
  return readMapping(ctx, jobTemplate.spec, 'spec.jobTemplate.spec') ?? {};
}

function readWorkloadSelector(
  ctx: ObjectContext,
  kind: WorkloadKind,
  spec: Mapping,
  templateLabels: Readonly<Record<string, string>>,
): LabelSelector | undefined {
  switch (kind) {
    case 'CronJob':
      return undefined;
    case 'ReplicationController': {
      // A plain label map; the API server defaults it to the template's labels.
      const matchLabels = readStringMap(ctx, spec.selector, 'spec.selector') ?? templateLabels;
      return { matchLabels, matchExpressions: [] };
    }
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      return readSelector(ctx, spec.selector, 'spec.selector');
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

function readReplicas(ctx: ObjectContext, kind: WorkloadKind, spec: Mapping, specPath: string): number | undefined {
  switch (kind) {
    case 'DaemonSet':
      return undefined;
    case 'Job':
    case 'CronJob':
      return readInt(ctx, spec.parallelism, child(specPath, 'parallelism'));
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'ReplicationController':
      return readInt(ctx, spec.replicas, child(specPath, 'replicas'));
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}
