// Services: type, cluster IPs, selector, ports (targetPort defaults to port), external traffic policy
// and the external addresses clients may use.
import type { Labels, Service, ServicePort, ServiceType } from '../types.ts';
import { readCidrList, readIP, readIPList } from './addresses.ts';
import type { ObjectContext } from './context.ts';
import type { Meta } from './meta.ts';
import { checkPortName, checkPortNumber, readPortName, readPortNumber, readProtocol } from './ports.ts';
import { child, readEach, readEntryMapping, readIntOrString, readMapping, readString, readStringMap, type Mapping } from './read.ts';

const SERVICE_TYPES: readonly ServiceType[] = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'] as const;

export function decodeService(ctx: ObjectContext, raw: Mapping, meta: Meta): Service | undefined {
  const spec = readMapping(ctx, raw.spec, 'spec') ?? {};
  const type = readEnum(ctx, spec.type, 'spec.type', SERVICE_TYPES) ?? 'ClusterIP';
  const clusterIP = readClusterIP(ctx, spec.clusterIP, 'spec.clusterIP');
  const clusterIPs = readClusterIPs(ctx, spec.clusterIPs, clusterIP);
  const selector = readSelectorMap(ctx, spec.selector);
  const ports = readEach(ctx, spec.ports, 'spec.ports', (entry, p) => readServicePort(ctx, entry, p)) ?? [];
  const externalTrafficPolicy = readEnum(ctx, spec.externalTrafficPolicy, 'spec.externalTrafficPolicy', TRAFFIC_POLICIES) ?? 'Cluster';
  const externalIPs = readIPList(ctx, spec.externalIPs, 'spec.externalIPs');
  const loadBalancerSourceRanges = readCidrList(ctx, spec.loadBalancerSourceRanges, 'spec.loadBalancerSourceRanges');
  const loadBalancerIPs = readLoadBalancerIPs(ctx, raw.status);
  if (ctx.failed) return undefined;
  return {
    namespace: meta.namespace ?? 'default',
    name: meta.name,
    labels: meta.labels,
    type,
    ...(clusterIP !== undefined ? { clusterIP } : {}),
    clusterIPs,
    selector,
    ports,
    externalTrafficPolicy,
    externalIPs,
    loadBalancerSourceRanges,
    loadBalancerIPs,
  };
}

function readEnum<T extends string>(ctx: ObjectContext, value: unknown, path: string, allowed: readonly T[]): T | undefined {
  const text = readString(ctx, value, path);
  if (text === undefined || text === '') return undefined;
  const found = allowed.find((a) => a === text);
  if (!found) ctx.error('invalid-value', path, `${JSON.stringify(text)} (one of ${allowed.join(', ')})`);
  return found;
}

/** 'None' marks a headless Service; otherwise an IP. */
function readClusterIP(ctx: ObjectContext, value: unknown, path: string): string | undefined {
  return value === 'None' ? 'None' : readIP(ctx, value, path);
}

/** The Service's IPs (never 'None'); [clusterIP] when only the singular field is written. */
function readClusterIPs(ctx: ObjectContext, value: unknown, clusterIP: string | undefined): string[] {
  const list = Array.isArray(value) ? value.filter((v) => v !== 'None') : value;
  const ips = readIPList(ctx, list, 'spec.clusterIPs');
  if (ips.length === 0 && clusterIP !== undefined && clusterIP !== 'None') return [clusterIP];
  return ips;
}

/** null when absent or empty: the API stores `selector: {}` as no selector, which selects no pods. */
function readSelectorMap(ctx: ObjectContext, value: unknown): Labels | null {
  const selector = readStringMap(ctx, value, 'spec.selector');
  return selector === undefined || Object.keys(selector).length === 0 ? null : selector;
}

function readServicePort(ctx: ObjectContext, value: unknown, path: string): ServicePort | undefined {
  const raw = readEntryMapping(ctx, value, path);
  if (!raw) return undefined;
  const name = readPortName(ctx, raw.name, child(path, 'name'));
  const protocol = readProtocol(ctx, raw.protocol, child(path, 'protocol'));
  const portPath = child(path, 'port');
  if (raw.port === undefined || raw.port === null) ctx.error('required', portPath);
  const port = readPortNumber(ctx, raw.port, portPath);
  const targetPort = readTargetPort(ctx, raw.targetPort, child(path, 'targetPort'));
  const nodePort = readPortNumber(ctx, raw.nodePort, child(path, 'nodePort'));
  if (port === undefined) return undefined;
  return {
    ...(name ? { name } : {}),
    protocol,
    port,
    targetPort: targetPort ?? port,
    ...(nodePort !== undefined ? { nodePort } : {}),
  };
}

function readTargetPort(ctx: ObjectContext, value: unknown, path: string): number | string | undefined {
  const target = readIntOrString(ctx, value, path);
  if (target === undefined || target === 0 || target === '') return undefined;
  return typeof target === 'number' ? checkPortNumber(ctx, target, path) : checkPortName(ctx, target, path);
}

function readLoadBalancerIPs(ctx: ObjectContext, value: unknown): string[] {
  const status = readMapping(ctx, value, 'status') ?? {};
  const loadBalancer = readMapping(ctx, status.loadBalancer, 'status.loadBalancer') ?? {};
  const ips =
    readEach(ctx, loadBalancer.ingress, 'status.loadBalancer.ingress', (entry, p) => {
      const ingress = readEntryMapping(ctx, entry, p);
      return ingress ? readIP(ctx, ingress.ip, child(p, 'ip')) : undefined;
    }) ?? [];
  return ips;
}
