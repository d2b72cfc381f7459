// The REST/gRPC spelling of an endpoint (`{"pod": "ns/name"}`, `{"workload": "deploy:ns/name"}`, ...)
// into the query layer's EndpointSpec. Problems are InputErrors whose diagnostic carries the field
// path, so adapters can point at the offending field.
import ipaddr from 'ipaddr.js';
import { InputError } from '../model/diagnostics.ts';
import { type EndpointSpec, parseEndpointSpec } from './endpoint-spec.ts';

export type EndpointJson =
  | { readonly pod: string }
  | { readonly service: string }
  | { readonly workload: string }
  | { readonly namespace: string }
  | { readonly node: string }
  | { readonly ip: string }
  | { readonly cidr: string };

export const ENDPOINT_JSON_KEYS = ['pod', 'service', 'workload', 'namespace', 'node', 'ip', 'cidr'] as const;
type Key = (typeof ENDPOINT_JSON_KEYS)[number];

function bad(path: string, message: string): InputError {
  return new InputError(`${path}: ${message}`, [{ severity: 'error', code: 'invalid-endpoint', path, message }]);
}

function nsName(value: string, path: string): { namespace: string; name: string } {
  const parts = value.split('/');
  if (parts.length !== 2 || !parts[0] || !parts[1]) throw bad(path, `"${value}": expected namespace/name`);
  return { namespace: parts[0], name: parts[1] };
}

function plainName(value: string, path: string): string {
  if (!value || value.includes('/')) throw bad(path, `"${value}": expected a name without "/"`);
  return value;
}

function workload(value: string, path: string): EndpointSpec {
  let spec: EndpointSpec;
  try {
    spec = parseEndpointSpec(value);
  } catch (err) {
    throw bad(path, (err as Error).message);
  }
  if (spec.kind !== 'workload') throw bad(path, `"${value}": expected kind:namespace/name, e.g. deploy:shop/web`);
  return spec;
}

function fromKey(key: Key, value: string, path: string): EndpointSpec {
  switch (key) {
    case 'pod':
      return { kind: 'pod', ...nsName(value, path) };
    case 'service':
      return { kind: 'service', ...nsName(value, path) };
    case 'workload':
      return workload(value, path);
    case 'namespace':
      return { kind: 'namespace', name: plainName(value, path) };
    case 'node':
      return { kind: 'node', name: plainName(value, path) };
    case 'ip':
      if (!ipaddr.isValid(value)) throw bad(path, `"${value}" is not an IP address`);
      return { kind: 'ip', ip: value };
    case 'cidr':
      try {
        ipaddr.parseCIDR(value);
      } catch {
        throw bad(path, `"${value}" is not a CIDR`);
      }
      return { kind: 'cidr', cidr: value };
    default: {
      const never: never = key;
      throw bad(path, `unknown endpoint kind ${String(never)}`);
    }
  }
}

/** `json` must hold exactly one of the keys, with a string value. `path` names it in errors (`from`). */
export function endpointSpecFromJson(json: unknown, path: string): EndpointSpec {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw bad(path, 'expected an object such as {"pod": "ns/name"}');
  const entries = Object.entries(json);
  if (entries.length !== 1) throw bad(path, `expected exactly one of ${ENDPOINT_JSON_KEYS.join(', ')}`);
  const [key, value] = entries[0];
  if (!(ENDPOINT_JSON_KEYS as readonly string[]).includes(key))
    throw bad(`${path}.${key}`, `unknown endpoint kind; use one of ${ENDPOINT_JSON_KEYS.join(', ')}`);
  if (typeof value !== 'string') throw bad(`${path}.${key}`, 'expected a string');
  return fromKey(key as Key, value.trim(), `${path}.${key}`);
}
