// The envelope every object shares: identity (for diagnostics, read leniently before anything is
// validated) and metadata (name, namespace, labels, annotations, ownerReferences).
import type { Labels, ObjectRef, OwnerReference } from '../types.ts';
import type { ObjectContext } from './context.ts';
import type { KindInfo } from './kinds.ts';
import { readLabels } from './labels.ts';
import { nameProblem } from './names.ts';
import { child, isMapping, readBool, readEach, readMapping, readString, readStringMap, type Mapping } from './read.ts';

export const DEFAULT_NAMESPACE = 'default';

export interface Meta {
  readonly name: string;
  /** The object's namespace ('default' when omitted); undefined for cluster-scoped kinds. */
  readonly namespace?: string;
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly ownerReferences: readonly OwnerReference[];
}

/** The ref diagnostics name, read without complaints (validation comes later, with this ref). */
export function identify(raw: Mapping, kind: string, namespaced: boolean): ObjectRef {
  const metadata = isMapping(raw.metadata) ? raw.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  if (!namespaced) return { kind, name };
  const namespace = typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : DEFAULT_NAMESPACE;
  return { kind, namespace, name };
}

/**
 * Always returns a Meta, so the rest of the object is still validated when the name is missing
 * (the 'required' error already keeps the object out of the snapshot).
 */
export function readMeta(ctx: ObjectContext, raw: Mapping, info: KindInfo): Meta {
  const metadata = readMapping(ctx, raw.metadata, 'metadata') ?? {};
  const name = readRequiredString(ctx, metadata.name, 'metadata.name');
  if (name !== undefined) checkName(ctx, name, 'metadata.name', info);
  const namespace = info.namespaced ? readNamespace(ctx, metadata.namespace) : undefined;
  const labels = readLabels(ctx, metadata.labels, 'metadata.labels', 'warn');
  const annotations = readStringMap(ctx, metadata.annotations, 'metadata.annotations') ?? {};
  const ownerReferences = readOwnerReferences(ctx, metadata.ownerReferences, 'metadata.ownerReferences');
  return { name: name ?? '', ...(namespace !== undefined ? { namespace } : {}), labels, annotations, ownerReferences };
}

function checkName(ctx: ObjectContext, name: string, path: string, info: KindInfo): void {
  const problem = nameProblem(name, info.nameRule);
  if (problem) ctx.warn('invalid-name', path, `${JSON.stringify(name)} ${problem}`);
}

function readNamespace(ctx: ObjectContext, value: unknown): string {
  const namespace = readString(ctx, value, 'metadata.namespace');
  if (namespace === undefined || namespace === '') return DEFAULT_NAMESPACE;
  const problem = nameProblem(namespace, 'dns1123-label');
  if (problem) ctx.warn('invalid-name', 'metadata.namespace', `${JSON.stringify(namespace)} ${problem}`);
  return namespace;
}

export function readOwnerReferences(ctx: ObjectContext, value: unknown, path: string): OwnerReference[] {
  return (
    readEach(ctx, value, path, (entry, p): OwnerReference | undefined => {
      const ref = readMapping(ctx, entry, p);
      if (!ref) return undefined;
      // Real-world manifests (hand-written test clusters) carry owners without kind: loaded with a
      // warning (an error when strict); such an owner groups its pods but names no workload kind.
      const kind = readString(ctx, ref.kind, child(p, 'kind')) ?? '';
      if (kind === '') ctx.warn('owner-reference-without-kind', child(p, 'kind'));
      const name = readRequiredString(ctx, ref.name, child(p, 'name'));
      const uid = readString(ctx, ref.uid, child(p, 'uid'));
      const controller = readBool(ctx, ref.controller, child(p, 'controller')) ?? false;
      if (name === undefined) return undefined;
      return { kind, name, ...(uid ? { uid } : {}), controller };
    }) ?? []
  );
}

/** A string that must be present and non-empty ('required' otherwise). */
export function readRequiredString(ctx: ObjectContext, value: unknown, path: string): string | undefined {
  const text = readString(ctx, value, path);
  if (text === undefined && (value === undefined || value === null)) ctx.error('required', path);
  else if (text === '') ctx.error('required', path);
  return text === '' ? undefined : text;
}
