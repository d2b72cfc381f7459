// Network-plugin evidence (model/dataplane.ts), collected as written: the containers of a plugin
// DaemonSet, a plugin ConfigMap's data, a CRD's API group. Nothing here decides which plugin runs;
// engine/dataplane/detect.ts does, from these values.
import {
  isPluginDaemonSet,
  type ConfigMapEvidence,
  type ContainerEvidence,
  type DaemonSetEvidence,
  type DataplaneEvidence,
  type FelixConfigurationEvidence,
} from '../dataplane.ts';
import type { ObjectContext } from './context.ts';
import { DEFAULT_NAMESPACE, readRequiredString, type Meta } from './meta.ts';
import {
  child,
  isMapping,
  item,
  readEach,
  readEntryMapping,
  readMapping,
  readString,
  readStringList,
  readStringMap,
  type Mapping,
} from './read.ts';

const CONTAINERS_PATH = 'spec.template.spec.containers';

/**
 * A DaemonSet's evidence when it is a plugin's (by its name or a container's name), else undefined.
 * Init containers are not evidence. The way down to the containers is read leniently: decodeWorkload
 * has already reported a template of the wrong shape, so nothing is reported twice.
 */
export function readDaemonSetEvidence(ctx: ObjectContext, raw: Mapping, meta: Meta): DaemonSetEvidence | undefined {
  const spec = isMapping(raw.spec) ? raw.spec : {};
  const template = isMapping(spec.template) ? spec.template : {};
  const podSpec = isMapping(template.spec) ? template.spec : {};
  const containers = Array.isArray(podSpec.containers) ? podSpec.containers : [];
  const names = containers.map((c) => (isMapping(c) && typeof c.name === 'string' ? c.name : ''));
  if (!isPluginDaemonSet(meta.name, names)) return undefined;
  const read: ContainerEvidence[] = [];
  containers.forEach((c, i) => {
    const container = readContainer(ctx, c, item(CONTAINERS_PATH, i));
    if (container) read.push(container);
  });
  return { namespace: meta.namespace ?? DEFAULT_NAMESPACE, name: meta.name, containers: read };
}

function readContainer(ctx: ObjectContext, value: unknown, path: string): ContainerEvidence | undefined {
  if (!isMapping(value)) return undefined; // readPodSpec has reported it
  const name = readRequiredString(ctx, value.name, child(path, 'name'));
  const image = readString(ctx, value.image, child(path, 'image'));
  const command = readStringList(ctx, value.command, child(path, 'command')) ?? [];
  const args = readStringList(ctx, value.args, child(path, 'args')) ?? [];
  const env = readLiteralEnv(ctx, value.env, child(path, 'env'));
  if (name === undefined) return undefined;
  return { name, ...(image ? { image } : {}), args: [...command, ...args], env };
}

/**
 * `env` entries with a literal value; an entry without `value` is the empty string, as in the
 * container. `valueFrom` (a Secret, a ConfigMap key, a field) is never resolved, so such an entry is
 * left out rather than guessed. A later entry of the same name wins, as it does in the container.
 */
function readLiteralEnv(ctx: ObjectContext, value: unknown, path: string): Record<string, string> {
  const env = new Map<string, string>();
  readEach(ctx, value, path, (entry, p) => {
    const e = readEntryMapping(ctx, entry, p);
    if (!e) return undefined;
    const name = readRequiredString(ctx, e.name, child(p, 'name'));
    if (e.valueFrom !== undefined && e.valueFrom !== null) return undefined;
    const literal = readString(ctx, e.value, child(p, 'value'));
    if (name !== undefined) env.set(name, literal ?? '');
    return undefined;
  });
  return Object.fromEntries([...env].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A plugin ConfigMap (kinds.ts reads only those names): its string data; binaryData is not evidence. */
export function decodeConfigMapEvidence(ctx: ObjectContext, raw: Mapping, meta: Meta): ConfigMapEvidence | undefined {
  const data = readStringMap(ctx, raw.data, 'data') ?? {};
  if (ctx.failed) return undefined;
  return { namespace: meta.namespace ?? DEFAULT_NAMESPACE, name: meta.name, data };
}

/** A CustomResourceDefinition's spec.group (required). Every group is kept: detection filters. */
export function decodeCrdGroup(ctx: ObjectContext, raw: Mapping): string | undefined {
  const spec = raw.spec === undefined || raw.spec === null ? {} : readMapping(ctx, raw.spec, 'spec');
  if (!spec) return undefined;
  const group = readRequiredString(ctx, spec.group, 'spec.group');
  return ctx.failed ? undefined : group;
}

/** A FelixConfiguration: the spec fields detection reads (the rest of the spec is not evidence). */
export function decodeFelixConfiguration(ctx: ObjectContext, raw: Mapping, meta: Meta): FelixConfigurationEvidence | undefined {
  const spec = raw.spec === undefined || raw.spec === null ? {} : readMapping(ctx, raw.spec, 'spec');
  if (!spec) return undefined;
  const action = readString(ctx, spec.defaultEndpointToHostAction, 'spec.defaultEndpointToHostAction');
  if (ctx.failed) return undefined;
  return { name: meta.name, ...(action !== undefined ? { defaultEndpointToHostAction: action } : {}) };
}

/** The snapshot's evidence, sorted; undefined when nothing was read (snapshots without it stay as they were). */
export function assembleEvidence(
  daemonSets: DaemonSetEvidence[],
  configMaps: ConfigMapEvidence[],
  crdGroups: ReadonlySet<string>,
  felixConfigurations: FelixConfigurationEvidence[] = [],
): DataplaneEvidence | undefined {
  if (daemonSets.length + configMaps.length + crdGroups.size + felixConfigurations.length === 0) return undefined;
  const byNamespaceName = (a: { namespace: string; name: string }, b: { namespace: string; name: string }) =>
    compare(a.namespace, b.namespace) || compare(a.name, b.name);
  return {
    daemonSets: daemonSets.sort(byNamespaceName),
    configMaps: configMaps.sort(byNamespaceName),
    crdGroups: [...crdGroups].sort(compare),
    ...(felixConfigurations.length > 0 ? { felixConfigurations: felixConfigurations.sort((a, b) => compare(a.name, b.name)) } : {}),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
