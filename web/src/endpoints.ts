// The CLI spelling of an endpoint (ns/name, svc:ns/name, deploy:ns/name, ns:name, node:name, an IP
// or a CIDR) as the REST Endpoint object (DESIGN.md, interface contracts), and a graph group's name
// (`pod:ns/name`, `deploy:ns/name`, a namespace, a CIDR) as an endpoint.
const WORKLOAD_PREFIXES = ['deploy:', 'sts:', 'ds:', 'rs:', 'job:', 'cronjob:'];
const IP = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)$/i;

export type Endpoint = Record<'pod' | 'service' | 'workload' | 'namespace' | 'node' | 'ip' | 'cidr', string>;

export function endpointFromSpelling(text: string): Partial<Endpoint> {
  const t = text.trim();
  if (t.startsWith('svc:')) return { service: t.slice(4) };
  if (t.startsWith('ns:')) return { namespace: t.slice(3) };
  if (t.startsWith('node:')) return { node: t.slice(5) };
  if (t.startsWith('pod:')) return { pod: t.slice(4) };
  if (WORKLOAD_PREFIXES.some((p) => t.startsWith(p))) return { workload: t };
  const [addr, prefix] = t.split('/');
  if (IP.test(addr) && (prefix === undefined || /^\d+$/.test(prefix))) return prefix === undefined ? { ip: t } : { cidr: t };
  return { pod: t };
}

/** A graph node id as the CLI spells it: `pod:ns/name` → `ns/name`; a namespace node → `ns:name`. */
export function spellingOfGroup(group: string, kind: 'workload' | 'namespace' | 'cidr'): string {
  if (kind === 'namespace') return `ns:${group}`;
  if (kind === 'cidr') return group;
  return group.startsWith('pod:') ? group.slice(4) : group;
}
