// The parts of a PodSpec the analysis reads: hostNetwork, nodeName and the containers' ports (init
// containers included: a sidecar's port can be named in a policy). Other fields are not checked.
import type { ContainerPort } from '../types.ts';
import type { ObjectContext } from './context.ts';
import { readPortName, readPortNumber, readProtocol } from './ports.ts';
import { child, readBool, readEach, readEntryMapping, readMapping, readString } from './read.ts';

export interface PodSpecInfo {
  readonly hostNetwork: boolean;
  readonly nodeName?: string;
  readonly containerPorts: readonly ContainerPort[];
}

export function readPodSpec(ctx: ObjectContext, value: unknown, path: string): PodSpecInfo {
  const spec = readMapping(ctx, value, path) ?? {};
  const hostNetwork = readBool(ctx, spec.hostNetwork, child(path, 'hostNetwork')) ?? false;
  const nodeName = readString(ctx, spec.nodeName, child(path, 'nodeName'));
  const containerPorts = [
    ...readContainersPorts(ctx, spec.containers, child(path, 'containers')),
    ...readContainersPorts(ctx, spec.initContainers, child(path, 'initContainers')),
  ];
  return { hostNetwork, ...(nodeName ? { nodeName } : {}), containerPorts };
}

function readContainersPorts(ctx: ObjectContext, value: unknown, path: string): ContainerPort[] {
  const perContainer =
    readEach(ctx, value, path, (entry, p) => {
      const container = readEntryMapping(ctx, entry, p);
      return container ? (readEach(ctx, container.ports, child(p, 'ports'), (e, pp) => readContainerPort(ctx, e, pp)) ?? []) : [];
    }) ?? [];
  return perContainer.flat();
}

function readContainerPort(ctx: ObjectContext, value: unknown, path: string): ContainerPort | undefined {
  const raw = readEntryMapping(ctx, value, path);
  if (!raw) return undefined;
  const portPath = child(path, 'containerPort');
  // A port without a number (often a typo such as `containerport:`) cannot be reached or named by
  // a policy; lenient mode drops the port, not the whole pod or workload.
  if (raw.containerPort === undefined || raw.containerPort === null) return void ctx.warn('container-port-missing', portPath);
  const name = readPortName(ctx, raw.name, child(path, 'name'));
  const containerPort = readPortNumber(ctx, raw.containerPort, portPath);
  const protocol = readProtocol(ctx, raw.protocol, child(path, 'protocol'));
  if (containerPort === undefined) return undefined;
  return { ...(name ? { name } : {}), containerPort, protocol };
}
