// Users' spelling of an endpoint (CLI `ns/name`, `svc:ns/name`, an IP, ...; REST `{"pod": ...}`)
// parsed into one tagged value. Resolution against a snapshot happens in resolve.ts.
import ipaddr from 'ipaddr.js';
import { InputError } from '../model/diagnostics.ts';

export type EndpointSpec =
  | { readonly kind: 'pod'; readonly namespace: string; readonly name: string }
  | { readonly kind: 'service'; readonly namespace: string; readonly name: string }
  | { readonly kind: 'workload'; readonly workloadKind: string; readonly namespace: string; readonly name: string }
  | { readonly kind: 'namespace'; readonly name: string }
  | { readonly kind: 'node'; readonly name: string }
  | { readonly kind: 'ip'; readonly ip: string }
  | { readonly kind: 'cidr'; readonly cidr: string };

const WORKLOAD_PREFIXES = new Set(['deploy', 'rs', 'sts', 'ds', 'rc', 'job', 'cronjob', 'pod']);

function nsName(text: string, spelling: string): { namespace: string; name: string } {
  const slash = text.indexOf('/');
  if (slash <= 0 || slash === text.length - 1 || text.indexOf('/', slash + 1) !== -1) {
    throw new InputError(`endpoint "${spelling}": expected namespace/name`);
  }
  return { namespace: text.slice(0, slash), name: text.slice(slash + 1) };
}

/** Parses the CLI spelling: `ns/name`, `svc:ns/name`, `deploy:ns/name`, `ns:name`, `node:name`, an IP or a CIDR. */
export function parseEndpointSpec(text: string): EndpointSpec {
  const spelling = text.trim();
  if (spelling === '') throw new InputError('endpoint is empty');
  if (ipaddr.isValid(spelling)) return { kind: 'ip', ip: spelling };
  if (isCidr(spelling)) return { kind: 'cidr', cidr: spelling };
  const colon = spelling.indexOf(':');
  if (colon === -1) return { kind: 'pod', ...nsName(spelling, spelling) };
  const prefix = spelling.slice(0, colon);
  const rest = spelling.slice(colon + 1);
  switch (prefix) {
    case 'svc':
    case 'service':
      return { kind: 'service', ...nsName(rest, spelling) };
    case 'ns':
    case 'namespace':
      if (!rest || rest.includes('/')) throw new InputError(`endpoint "${spelling}": expected ns:NAME`);
      return { kind: 'namespace', name: rest };
    case 'node':
      if (!rest || rest.includes('/')) throw new InputError(`endpoint "${spelling}": expected node:NAME`);
      return { kind: 'node', name: rest };
    default:
      if (WORKLOAD_PREFIXES.has(prefix)) return { kind: 'workload', workloadKind: prefix, ...nsName(rest, spelling) };
      throw new InputError(`endpoint "${spelling}": unknown prefix "${prefix}:" (use ns/name, svc:, deploy:, sts:, ds:, ns:, node:, an IP or a CIDR)`);
  }
}

function isCidr(text: string): boolean {
  try {
    ipaddr.parseCIDR(text);
    return true;
  } catch {
    return false;
  }
}

export function endpointSpecText(spec: EndpointSpec): string {
  switch (spec.kind) {
    case 'pod':
      return `${spec.namespace}/${spec.name}`;
    case 'service':
      return `svc:${spec.namespace}/${spec.name}`;
    case 'workload':
      return `${spec.workloadKind}:${spec.namespace}/${spec.name}`;
    case 'namespace':
      return `ns:${spec.name}`;
    case 'node':
      return `node:${spec.name}`;
    case 'ip':
      return spec.ip;
    case 'cidr':
      return spec.cidr;
    default: {
      const never: never = spec;
      return String(never);
    }
  }
}
