// Which stored objects can change a flow's verdict. check reads the two endpoints, their
// namespaces, the policies, the nodes and the network plugin (engine/check.ts, endpoint.ts), and a
// composite side its own members: so a pod side needs only that pod (or, once it is gone, the pods
// of its workload), a workload or namespace side the pods and workloads of its namespace, a Service
// side its namespace's pods, Services and EndpointSlices. Policies, namespaces, nodes and plugin
// evidence are always in scope; an IP, CIDR or node side puts everything in scope (any pod may own
// the address). Flow history compiles a snapshot reduced to its scope, and skips snapshots whose
// changes are all out of scope: both exact, since what is left out is never read.
import type { FlowSide } from './flow.ts';
import type { StoredValue } from './timeline.ts';

const SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Pod',
  'NotAnalysable',
  'Service',
  'EndpointSlice',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'ReplicationController',
  'Job',
  'CronJob',
]);
const ENDPOINT_KINDS: ReadonlySet<string> = new Set([
  'Pod',
  'NotAnalysable',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'ReplicationController',
  'Job',
  'CronJob',
]);

type Keep = (v: StoredValue) => boolean;

function sideKeep(side: FlowSide): Keep | undefined {
  const s = side.spec;
  switch (s.kind) {
    case 'pod':
      return (v) =>
        (v.kind === 'Pod' || v.kind === 'NotAnalysable') &&
        v.namespace === s.namespace &&
        (v.name === s.name || (side.workload !== undefined && v.kind === 'Pod' && v.workload === side.workload));
    case 'workload':
      return (v) => v.namespace === s.namespace && ENDPOINT_KINDS.has(v.kind);
    case 'namespace':
      return (v) => v.namespace === s.name && ENDPOINT_KINDS.has(v.kind);
    case 'service':
      return (v) => v.namespace === s.namespace;
    case 'ip':
    case 'cidr':
    case 'node':
      return undefined;
    default: {
      const never: never = s;
      return never;
    }
  }
}

/** Whether a stored object is in the flow's scope; undefined when everything is. */
export function flowScope(sides: readonly FlowSide[]): ((v: StoredValue) => boolean) | undefined {
  const keeps: Keep[] = [];
  for (const side of sides) {
    const keep = sideKeep(side);
    if (!keep) return undefined;
    keeps.push(keep);
  }
  return (v) => !SCOPED_KINDS.has(v.kind) || keeps.some((k) => k(v));
}
