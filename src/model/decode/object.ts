// One raw object: the envelope (mapping, kind, apiVersion), then the kind's decoder. Every problem
// becomes a diagnostic; an object with an error is not added to the snapshot.
import type { DecodeOptions, SourcedObject } from './input.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { Decoded, SnapshotCollector } from './collect.ts';
import { ObjectContext, makeDiagnostic, type Origin } from './context.ts';
import { decodeConfigMapEvidence, decodeCrdGroup, decodeFelixConfiguration, readDaemonSetEvidence } from './dataplane.ts';
import { decodeEndpointSlice } from './endpointslice.ts';
import { decodeAdminNetworkPolicy } from './admin-policy.ts';
import { decodeClusterNetworkPolicy } from './cluster-network-policy.ts';
import { decodeCiliumPolicy } from './cilium-policy.ts';
import type { UnmodelledPolicy } from '../tier-policy.ts';
import type { UnmodelledKind } from '../unmodelled-kinds.ts';
import { classify, kindInfo, type Classification, type KindInfo } from './kinds.ts';
import { describeType } from './messages.ts';
import { identify, readMeta, type Meta } from './meta.ts';
import { decodeNamespace } from './namespace.ts';
import { decodeNode } from './node.ts';
import { decodePod } from './pod.ts';
import { decodeNetworkPolicy } from './policy.ts';
import { isMapping, type Mapping } from './read.ts';
import { decodeService } from './service.ts';
import { decodeWorkload } from './workload.ts';

export interface ObjectSinks {
  readonly collector: SnapshotCollector;
  readonly diagnostics: Diagnostic[];
  readonly skippedKinds: Record<string, number>;
}

export function decodeOne(source: SourcedObject, options: DecodeOptions, sinks: ObjectSinks): void {
  const origin: Origin = {
    ...(source.file !== undefined ? { file: source.file } : {}),
    ...(source.line !== undefined ? { line: source.line } : {}),
    ...(source.lineOf !== undefined ? { lineOf: source.lineOf } : {}),
  };
  const strict = options.strict ?? false;
  const raw = source.object;
  if (!isMapping(raw)) {
    sinks.diagnostics.push(makeDiagnostic('error', 'invalid-object', describeType(raw), origin));
    return;
  }
  if (typeof raw.kind !== 'string' || raw.kind === '') {
    new ObjectContext(sinks.diagnostics, undefined, origin, strict).warn('missing-kind', 'kind');
    return;
  }
  const kind = raw.kind;
  const apiVersion = typeof raw.apiVersion === 'string' && raw.apiVersion !== '' ? raw.apiVersion : undefined;
  const classification = apiVersion === undefined ? classifyWithoutVersion(kind) : classify(kind, apiVersion);
  switch (classification.kind) {
    case 'skip':
      return countSkipped(sinks, classification.key);
    case 'unsupported': {
      const ctx = new ObjectContext(sinks.diagnostics, identify(raw, kind, true), origin, strict);
      ctx.warn('unsupported-api-version', 'apiVersion', String(apiVersion));
      return;
    }
    case 'unmodelled':
      return decodeUnmodelled(raw, classification.info, origin, strict, sinks);
    case 'decode': {
      const { info } = classification;
      if (info.onlyNames && !info.onlyNames.includes(identify(raw, kind, info.namespaced).name)) return countSkipped(sinks, kind);
      const ctx = new ObjectContext(sinks.diagnostics, identify(raw, kind, info.namespaced), origin, strict);
      if (apiVersion === undefined) ctx.warn('missing-api-version', 'apiVersion', info.defaultApiVersion);
      const meta = readMeta(ctx, raw, info);
      const decoded = decodeByKind(ctx, raw, meta, info);
      if (decoded && !ctx.failed) sinks.collector.add(decoded, refOf(info, meta), origin);
      return;
    }
    default: {
      const unreachable: never = classification;
      throw new Error(`unclassified ${JSON.stringify(unreachable)}`);
    }
  }
}

/** A policy-like object of a kind we do not model: only its identity is read, and it is kept. */
function decodeUnmodelled(raw: Mapping, u: UnmodelledKind, origin: Origin, strict: boolean, sinks: ObjectSinks): void {
  const refKind = `${u.kind}.${u.group}`;
  const ctx = new ObjectContext(sinks.diagnostics, identify(raw, refKind, u.namespaced), origin, strict);
  const info = {
    kind: refKind,
    groups: [u.group],
    namespaced: u.namespaced,
    nameRule: 'dns1123-subdomain',
    defaultApiVersion: u.group,
  } as unknown as KindInfo;
  const meta = readMeta(ctx, raw, info);
  if (ctx.failed) return;
  const value: UnmodelledPolicy = {
    kind: u.kind,
    group: u.group,
    ...(meta.namespace !== undefined ? { namespace: meta.namespace } : {}),
    name: meta.name,
  };
  sinks.collector.add(
    { kind: 'Unmodelled', value },
    { kind: refKind, ...(meta.namespace !== undefined ? { namespace: meta.namespace } : {}), name: meta.name },
    origin,
  );
}

function countSkipped(sinks: ObjectSinks, key: string): void {
  sinks.skippedKinds[key] = (sinks.skippedKinds[key] ?? 0) + 1;
}

/** Without apiVersion, a kind we decode is read as its usual version (with a warning). */
function classifyWithoutVersion(kind: string): Classification {
  const info = kindInfo(kind);
  return info ? { kind: 'decode', info } : { kind: 'skip', key: kind };
}

function refOf(info: KindInfo, meta: Meta) {
  return { kind: info.kind, ...(meta.namespace !== undefined ? { namespace: meta.namespace } : {}), name: meta.name };
}

function decodeByKind(ctx: ObjectContext, raw: Mapping, meta: Meta, info: KindInfo): Decoded | undefined {
  const wrap = <K extends Decoded['kind'], V>(kind: K, value: V | undefined) =>
    value === undefined ? undefined : ({ kind, value } as Decoded);
  switch (info.kind) {
    case 'Namespace':
      return wrap('Namespace', decodeNamespace(meta));
    case 'Node':
      return wrap('Node', decodeNode(ctx, raw, meta));
    case 'Pod':
      return wrap('Pod', decodePod(ctx, raw, meta));
    case 'Service':
      return wrap('Service', decodeService(ctx, raw, meta));
    case 'EndpointSlice':
      return wrap('EndpointSlice', decodeEndpointSlice(ctx, raw, meta));
    case 'NetworkPolicy':
      return wrap('NetworkPolicy', decodeNetworkPolicy(ctx, raw, meta));
    case 'ConfigMap':
      return wrap('ConfigMap', decodeConfigMapEvidence(ctx, raw, meta));
    case 'CustomResourceDefinition':
      return wrap('CustomResourceDefinition', decodeCrdGroup(ctx, raw));
    case 'FelixConfiguration':
      return wrap('FelixConfiguration', decodeFelixConfiguration(ctx, raw, meta));
    case 'AdminNetworkPolicy':
    case 'BaselineAdminNetworkPolicy':
      return wrap('TierPolicy', decodeAdminNetworkPolicy(ctx, raw, meta, info.kind));
    case 'ClusterNetworkPolicy':
      return wrap('TierPolicy', decodeClusterNetworkPolicy(ctx, raw, meta));
    case 'CiliumNetworkPolicy':
    case 'CiliumClusterwideNetworkPolicy': {
      const decoded = decodeCiliumPolicy(ctx, raw, meta, info.kind);
      if (!decoded) return undefined;
      return decoded.kind === 'policies' ? { kind: 'CiliumPolicies', value: decoded.value } : { kind: 'Unmodelled', value: decoded.value };
    }
    case 'DaemonSet': {
      const workload = decodeWorkload(ctx, raw, meta, info.kind);
      const daemonSet = readDaemonSetEvidence(ctx, raw, meta);
      return workload && { kind: 'Workload', value: workload, ...(daemonSet ? { daemonSet } : {}) };
    }
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'ReplicationController':
    case 'Job':
    case 'CronJob':
      return wrap('Workload', decodeWorkload(ctx, raw, meta, info.kind));
    default: {
      const unreachable: never = info.kind;
      throw new Error(`no decoder for ${String(unreachable)}`);
    }
  }
}
