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

/** kubectl's resource spellings (`kubectl get TYPE/NAME`), singular, plural, short and group-qualified,
 * mapped to netreach's prefix. */
const KUBECTL_TYPES: Record<string, string> = {};
for (const [prefix, names] of Object.entries({
  deploy: ['deploy', 'deployment', 'deployments', 'deployment.apps', 'deployments.apps'],
  sts: ['sts', 'statefulset', 'statefulsets', 'statefulset.apps', 'statefulsets.apps'],
  ds: ['ds', 'daemonset', 'daemonsets', 'daemonset.apps', 'daemonsets.apps'],
  rs: ['rs', 'replicaset', 'replicasets', 'replicaset.apps', 'replicasets.apps'],
  rc: ['rc', 'replicationcontroller', 'replicationcontrollers'],
  job: ['job', 'jobs', 'job.batch', 'jobs.batch'],
  cronjob: ['cj', 'cronjob', 'cronjobs', 'cronjob.batch', 'cronjobs.batch'],
  svc: ['svc', 'service', 'services'],
  pod: ['po', 'pod', 'pods'],
}))
  for (const n of names) KUBECTL_TYPES[n] = prefix;

/** Spellings that are also plausible namespace names: read as kubectl's only with `-n`. */
const SHORT_TYPES = new Set(['deploy', 'sts', 'ds', 'rs', 'rc', 'job', 'cj', 'cronjob', 'svc', 'po', 'pod']);

export interface SpecOptions {
  /** `-n NS` (kubectl's flag): the namespace for `TYPE/NAME` and bare `NAME` spellings. */
  readonly namespace?: string;
}

/** kubectl's `TYPE/NAME` (with `-n NS`, or a group-qualified or long TYPE, default namespace
 * `default`) and a bare `NAME` with `-n NS`, rewritten to netreach's spelling; null otherwise.
 * Without `-n`, a short TYPE (`deploy/web`) stays a pod `namespace/name`, as netreach spells pods. */
function kubectlSpelling(text: string, options: SpecOptions): string | null {
  if (text.includes(':')) return null;
  const parts = text.split('/');
  if (parts.length === 1) return options.namespace !== undefined ? `${options.namespace}/${text}` : null;
  if (parts.length !== 2) return null;
  const [type, name] = parts;
  const prefix = KUBECTL_TYPES[type.toLowerCase()];
  if (prefix === undefined || name === '') return null;
  const long = type.includes('.') || !SHORT_TYPES.has(type.toLowerCase());
  if (options.namespace === undefined && !long) return null;
  const ns = options.namespace ?? 'default';
  return prefix === 'pod' ? `${ns}/${name}` : `${prefix}:${ns}/${name}`;
}

function nsName(text: string, spelling: string): { namespace: string; name: string } {
  const slash = text.indexOf('/');
  if (slash <= 0 || slash === text.length - 1 || text.indexOf('/', slash + 1) !== -1) {
    throw new InputError(`endpoint "${spelling}": expected namespace/name`);
  }
  return { namespace: text.slice(0, slash), name: text.slice(slash + 1) };
}

/** Parses the CLI spelling: `ns/name`, `svc:ns/name`, `deploy:ns/name`, `ns:name`, `node:name`, an IP
 * or a CIDR; also kubectl's `deploy/NAME -n NS`, `deployment.apps/NAME`, `NAME -n NS`. */
export function parseEndpointSpec(text: string, options: SpecOptions = {}): EndpointSpec {
  const given = text.trim();
  if (given === '') throw new InputError('endpoint is empty');
  const spelling = ipaddr.isValid(given) || isCidr(given) ? given : (kubectlSpelling(given, options) ?? given);
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
      throw new InputError(
        `endpoint "${spelling}": unknown prefix "${prefix}:" (use ns/name, svc:, deploy:, sts:, ds:, ns:, node:, an IP or a CIDR)`,
      );
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
