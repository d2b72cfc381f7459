// EndpointSlices (discovery.k8s.io): the addresses behind a Service, with readiness and the pod
// each address belongs to.
import type { EndpointSlice, EndpointSliceEndpoint, EndpointSlicePort, ObjectRef } from '../types.ts';
import { checkIP } from './addresses.ts';
import type { ObjectContext } from './context.ts';
import type { Meta } from './meta.ts';
import { readPortName, readProtocol } from './ports.ts';
import {
  child,
  item,
  readBool,
  readEach,
  readEntryMapping,
  readInt,
  readMapping,
  readString,
  readStringList,
  type Mapping,
} from './read.ts';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

type AddressType = EndpointSlice['addressType'];
const ADDRESS_TYPES: readonly AddressType[] = ['IPv4', 'IPv6', 'FQDN'];

export function decodeEndpointSlice(ctx: ObjectContext, raw: Mapping, meta: Meta): EndpointSlice | undefined {
  const addressType = readAddressType(ctx, raw.addressType);
  const endpoints = readEach(ctx, raw.endpoints, 'endpoints', (entry, p) => readEndpoint(ctx, entry, p, addressType)) ?? [];
  const ports = readEach(ctx, raw.ports, 'ports', (entry, p) => readSlicePort(ctx, entry, p)) ?? [];
  const serviceName = meta.labels[SERVICE_NAME_LABEL];
  if (ctx.failed || addressType === undefined) return undefined;
  return {
    namespace: meta.namespace ?? 'default',
    name: meta.name,
    ...(serviceName ? { serviceName } : {}),
    addressType,
    endpoints,
    ports,
  };
}

function readAddressType(ctx: ObjectContext, value: unknown): AddressType | undefined {
  const text = readString(ctx, value, 'addressType');
  if (text === undefined || text === '') {
    if (text === '' || value === undefined || value === null) ctx.error('required', 'addressType');
    return undefined;
  }
  const found = ADDRESS_TYPES.find((t) => t === text);
  if (!found) ctx.error('invalid-value', 'addressType', `${JSON.stringify(text)} (one of ${ADDRESS_TYPES.join(', ')})`);
  return found;
}

function readEndpoint(
  ctx: ObjectContext,
  value: unknown,
  path: string,
  addressType: AddressType | undefined,
): EndpointSliceEndpoint | undefined {
  const raw = readEntryMapping(ctx, value, path);
  if (!raw) return undefined;
  const addressesPath = child(path, 'addresses');
  const written = readStringList(ctx, raw.addresses, addressesPath) ?? [];
  if (written.length === 0) ctx.error('required', addressesPath, 'an endpoint needs at least one address');
  // FQDN slices hold names; only IP slices are checked and normalised.
  const addresses = written.map((a, i) => (addressType === 'FQDN' ? a : (checkIP(ctx, a, item(addressesPath, i)) ?? a)));
  const conditions = readMapping(ctx, raw.conditions, child(path, 'conditions')) ?? {};
  const ready = readBool(ctx, conditions.ready, child(child(path, 'conditions'), 'ready')) ?? null;
  const targetRef = readTargetRef(ctx, raw.targetRef, child(path, 'targetRef'));
  const nodeName = readString(ctx, raw.nodeName, child(path, 'nodeName'));
  return { addresses, ready, ...(targetRef ? { targetRef } : {}), ...(nodeName ? { nodeName } : {}) };
}

function readTargetRef(ctx: ObjectContext, value: unknown, path: string): ObjectRef | undefined {
  const raw = readMapping(ctx, value, path);
  if (!raw) return undefined;
  const kind = readString(ctx, raw.kind, child(path, 'kind'));
  const namespace = readString(ctx, raw.namespace, child(path, 'namespace'));
  const name = readString(ctx, raw.name, child(path, 'name'));
  if (!kind || !name) return undefined;
  return { kind, ...(namespace ? { namespace } : {}), name };
}

function readSlicePort(ctx: ObjectContext, value: unknown, path: string): EndpointSlicePort | undefined {
  const raw = readEntryMapping(ctx, value, path);
  if (!raw) return undefined;
  const name = readPortName(ctx, raw.name, child(path, 'name'));
  // A slice port may be unset (all ports); 0 is not a port but is what some controllers write.
  const port = readInt(ctx, raw.port, child(path, 'port'));
  const protocol = readProtocol(ctx, raw.protocol, child(path, 'protocol'));
  return { ...(name ? { name } : {}), ...(port ? { port } : {}), protocol };
}
