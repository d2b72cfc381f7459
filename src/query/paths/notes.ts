// Texts of the composite answer's notes, by code. A note may carry a detail (which pods, which
// nodes), appended after a colon.
import type { PathNote, PathNoteCode } from './types.ts';

const TEXT: Record<PathNoteCode, string> = {
  'members-differ': 'the endpoints this side stands for do not all get the same answer',
  'no-endpoints': 'this side stands for no endpoint of the snapshot: there is nothing to connect',
  'workload-template': 'no pod of the input represents this workload: its pod template was analysed (labels and ports, no address)',
  'node-address': 'a node speaks with its InternalIP; traffic between a node and the pods on it is allowed whatever the policies say',
  'cidr-pieces':
    'the range was split into the pieces the policies tell apart; ' +
    'each piece was evaluated from one address in it that is not a pod or node address',
  'cidr-cluster-addresses-skipped':
    'pieces of the range that hold only pod or node addresses were left out (name those pods or nodes instead)',
  'service-backends':
    'a Service is answered per backend: the connection is allowed to a backend iff the source may reach that pod on its targetPort',
  'service-no-backend': 'the Service has no ready backend: connections to it fail whatever the policies say',
  'service-port-not-exposed': 'the Service does not expose this port',
  'service-protocol-mismatch': 'the Service exposes this port under another protocol only',
  'service-external-name':
    'an ExternalName Service is a DNS alias (a CNAME): it has no cluster backends and kube-proxy does not forward it',
  'service-no-selector': 'the Service has no selector and no EndpointSlice names it: it has no backends',
  'service-headless':
    'a headless Service (clusterIP: None) resolves straight to its pods: clients connect to the pod IPs on the port given',
  'service-target-unresolved': "the Service's named targetPort is not a container port of some backend: kube-proxy cannot forward to it",
  'service-as-source': 'a Service as a source stands for its backends: connections leave from the backend pods',
  'not-exposed-outside':
    'a ClusterIP Service without externalIPs is not reachable from outside the cluster ' +
    '(use a NodePort or LoadBalancer Service, or an Ingress)',
  'node-port-entry': 'the client enters on a node port of one of the nodes',
  'source-ranges':
    'loadBalancerSourceRanges are checked first: a client outside them is dropped by the load balancer ' +
    '(or kube-proxy) before any NetworkPolicy',
  'node-port-skips-source-ranges':
    "loadBalancerSourceRanges filter only the load balancer's address: the node port is open to every client that can reach a node",
  'snat-to-node':
    'externalTrafficPolicy Cluster: the node that receives the connection SNATs the client to its own ' +
    'IP before forwarding, so NetworkPolicy sees a node address ' +
    "(with an overlay it may be the node's tunnel address) " +
    "and ipBlock rules on the client's address do not apply; " +
    "from the backend's own node the node-local rule allows it",
  'client-ip-preserved':
    "externalTrafficPolicy Local: the client's address is kept, so ipBlock rules apply to it; " +
    "only nodes running a backend answer (the others fail the load balancer's health check)",
  'no-node-known': 'the input names no node address, so the SNATed source cannot be evaluated',
  'same-endpoint-skipped': 'pairs of an endpoint with itself were left out (a pod may always reach itself)',
  'service-ports':
    "ports through a Service are the Service's ports (what clients dial); a path lists those whose targetPort the backend admits",
};

export function pathNote(code: PathNoteCode, detail?: string): PathNote {
  return { code, message: detail ? `${TEXT[code]}: ${detail}` : TEXT[code] };
}
