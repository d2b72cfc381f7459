// The NPA parity cases where netreach deliberately differs (docs/parity.md), why, and one or two
// flows each whose answers are pinned by test/engine/parity-differences.test.ts.
export type Reason = 'host-network' | 'pod-ips';

export interface Pin {
  /** `A => B`: workload ids (`ds:ns/name`) or an IPv4 address for the outside. */
  readonly flow: string;
  /** Ports as the txt output prints them, `none` for nothing. */
  readonly netreach: string;
  readonly npa: string;
  readonly reason: Reason;
}

export interface Difference {
  readonly reasons: readonly Reason[];
  readonly pins: readonly Pin[];
}

const ALL = 'All Connections';

const ipblocks = (hostPin: Pin): Difference => ({
  reasons: ['host-network', 'pod-ips'],
  pins: [
    hostPin,
    { flow: '172.30.86.137 => rs:kube-system-dummy-to-ignore/kube-dns-amd64-d66bf76db', netreach: 'none', npa: ALL, reason: 'pod-ips' },
  ],
});

const cogAgents = (flow: string, npa = 'none'): Difference => ({
  reasons: ['host-network'],
  pins: [{ flow, netreach: ALL, npa, reason: 'host-network' }],
});

const QUERY_TO_COMMAND = 'ds:demo/cog-agents-account-query => ds:demo/cog-agents-account-command';
const COMMAND_TO_UI = 'ds:demo/cog-agents-account-command => ds:demo/cog-agents-bank-ui';
const AGENTS_TO_COMMAND = 'ds:default/cog-agents => ds:demo/cog-agents-account-command';
const AGENTS_TO_TIER = {
  flow: 'ds:default/cognetive-agents => ds:kube-system/calico-node-tier',
  netreach: ALL,
  npa: 'none',
  reason: 'host-network',
} as const;

export const PARITY_DIFFERENCES: Readonly<Record<string, Difference>> = {
  ipblockstest: ipblocks(AGENTS_TO_TIER),
  ipblockstest_2: ipblocks(AGENTS_TO_TIER),
  ipblockstest_3: ipblocks(AGENTS_TO_TIER),
  ipblockstest_4: ipblocks({
    flow: 'ds:kube-system/calico-node-tier => ds:default/cognetive-agents',
    netreach: ALL,
    npa: 'none',
    reason: 'host-network',
  }),
  minikube_resources: {
    reasons: ['pod-ips'],
    pins: [{ flow: '10.244.120.65 => job:ingress-nginx/ingress-nginx-admission-create', netreach: 'none', npa: ALL, reason: 'pod-ips' }],
  },
  multiple_topology_resources_1: cogAgents(AGENTS_TO_COMMAND),
  multiple_topology_resources_2: cogAgents(AGENTS_TO_COMMAND),
  onlineboutique: {
    reasons: ['pod-ips'],
    pins: [
      { flow: '10.244.120.70 => rs:default/redis-cart-78746d49dc', netreach: 'none', npa: ALL, reason: 'pod-ips' },
      { flow: 'rs:default/redis-cart-78746d49dc => 10.244.120.70', netreach: 'none', npa: ALL, reason: 'pod-ips' },
    ],
  },
  'semanticDiff-same-topologies-new1': {
    reasons: ['host-network'],
    pins: [
      { flow: QUERY_TO_COMMAND, netreach: ALL, npa: 'none', reason: 'host-network' },
      {
        flow: 'ds:demo/cog-agents-bank-ui => ds:demo/cog-agents-account-command',
        netreach: ALL,
        npa: 'TCP 8080,9090,UDP 8080',
        reason: 'host-network',
      },
    ],
  },
  'semanticDiff-same-topologies-new1a': cogAgents(QUERY_TO_COMMAND),
  'semanticDiff-same-topologies-new2': cogAgents(QUERY_TO_COMMAND),
  'semanticDiff-same-topologies-new3': cogAgents(COMMAND_TO_UI),
  'semanticDiff-same-topologies-old1': cogAgents(QUERY_TO_COMMAND),
  'semanticDiff-same-topologies-old2': cogAgents(QUERY_TO_COMMAND),
  'semanticDiff-same-topologies-old3': cogAgents(COMMAND_TO_UI),
};
