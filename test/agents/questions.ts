// Questions an on-call engineer asks an agent, each with the tool calls the agent makes and the
// structured answer it must get on the demo cluster (examples/demo-cluster.yaml; `weave` questions
// on the same cluster under `--cni weave`). `expect` is matched as a subset (see agents.test.ts):
// objects key by key, arrays exactly unless wrapped in includes().
export interface Includes {
  readonly includes: readonly unknown[];
}
export const includes = (...items: unknown[]): Includes => ({ includes: items });

export interface AgentCall {
  readonly tool: string;
  readonly args: Record<string, unknown>;
  readonly expect: Record<string, unknown>;
}

export interface AgentQuestion {
  readonly question: string;
  readonly cluster?: 'demo' | 'weave';
  readonly calls: readonly AgentCall[];
  /** The call is a mistake the agent must be able to read and retry: a tool error matching this. */
  readonly error?: RegExp;
}

const DENY_DNS_EGRESS =
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: lock-down, namespace: default}\n' +
  'spec:\n  podSelector: {}\n  policyTypes: [Egress]\n';
const OPEN_DB =
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: test-network-policy, namespace: default}\n' +
  'spec:\n  podSelector: {matchLabels: {role: db}}\n  policyTypes: [Ingress]\n  ingress: [{}]\n';

export const QUESTIONS: readonly AgentQuestion[] = [
  {
    question: 'Can the frontend reach the backend on 8080, and which policy decides?',
    calls: [
      {
        tool: 'netreach_check',
        args: { from: 'default/frontend-1', to: 'default/backend-1', port: 8080 },
        expect: {
          verdict: 'allowed',
          decidingPolicies: ['default/allow-frontend-to-backend'],
          egress: { verdict: 'allowed' },
          ingress: { verdict: 'allowed', isolatedBy: ['default/allow-frontend-to-backend'] },
          reasons: includes({ code: 'egress-not-isolated', message: 'no NetworkPolicy with Egress selects default/frontend-1' }),
        },
      },
    ],
  },
  {
    question: "Why can't the intruder pod talk to redis on db-0?",
    calls: [
      {
        tool: 'netreach_check',
        args: { from: 'other/intruder', to: 'default/db-0', port: 6379 },
        expect: {
          verdict: 'denied',
          decidingPolicies: ['default/test-network-policy'],
          ingress: { verdict: 'denied', isolatedBy: ['default/test-network-policy'], allowedBy: [] },
        },
      },
    ],
  },
  {
    question: 'Is the client in myproject-ns allowed to the database?',
    calls: [
      {
        tool: 'netreach_check',
        args: { from: 'myproject-ns/client', to: 'default/db-0', port: 6379 },
        expect: {
          verdict: 'allowed',
          ingress: { allowedBy: ['default/test-network-policy ingress rule #0'] },
        },
      },
    ],
  },
  {
    question: 'Can the storefront call the api Service on port 80?',
    calls: [
      {
        tool: 'netreach_check',
        args: { from: 'deploy:store/storefront', to: 'svc:store/api', port: 80 },
        expect: {
          verdict: 'allowed',
          decidingPolicies: ['store/api-ingress', 'store/storefront-public'],
          reasons: includes({ code: 'paths-allowed', message: '4 of 4 path(s) allowed' }),
        },
      },
    ],
  },
  {
    question: 'Can the storefront reach checkout on 443? It says connection refused.',
    calls: [
      {
        tool: 'netreach_check',
        args: { from: 'deploy:store/storefront', to: 'svc:store/checkout', port: 443 },
        expect: {
          verdict: 'denied',
          decidingPolicies: includes('store/storefront-public', 'store/checkout-partners'),
        },
      },
    ],
  },
  {
    question: 'Is the storefront reachable from the internet on 80?',
    calls: [
      {
        tool: 'netreach_check',
        args: { from: '0.0.0.0/0', to: 'svc:store/storefront', port: 80 },
        expect: {
          verdict: 'allowed',
          decidingPolicies: ['store/storefront-public'],
          reasons: includes({ code: 'paths-allowed', message: '4 of 4 path(s) allowed' }),
        },
      },
    ],
  },
  {
    question: 'Can an outside address reach the legacy VM proxy on 80?',
    calls: [
      {
        tool: 'netreach_check',
        args: { from: '203.0.113.7', to: 'other/legacy-vm-proxy', port: 80 },
        expect: {
          verdict: 'denied',
          decidingPolicies: ['other/default-deny-ingress'],
          egress: { verdict: 'allowed' },
          reasons: includes({
            code: 'egress-not-policed',
            message: "203.0.113.7 is outside the cluster's pods: nothing polices its egress",
          }),
        },
      },
    ],
  },
  {
    question: 'Does DNS work from the frontend?',
    calls: [
      {
        tool: 'netreach_check',
        args: { from: 'default/frontend-1', to: 'svc:kube-system/kube-dns', port: 53, protocol: 'UDP' },
        expect: { verdict: 'allowed', protocol: 'UDP' },
      },
    ],
  },
  {
    question: 'Can monitoring scrape everything in default on 8080?',
    calls: [
      {
        tool: 'netreach_check',
        args: { from: 'ns:monitoring', to: 'ns:default', port: 8080 },
        expect: {
          verdict: 'partial',
          reasons: includes({ code: 'paths-partial', message: '4 of 9 path(s) allowed' }),
        },
      },
    ],
  },
  {
    question: 'Which ports can the frontend open to the backend?',
    calls: [
      {
        tool: 'netreach_ports',
        args: { from: 'default/frontend-1', to: 'default/backend-1' },
        expect: { verdict: 'allowed', ports: { TCP: [[8080, 8080]] } },
      },
    ],
  },
  {
    question: 'Frontend to backend, any port at all?',
    calls: [
      {
        tool: 'netreach_check',
        args: { from: 'default/frontend-1', to: 'default/backend-1' },
        expect: { port: null, verdict: 'allowed', openPorts: { TCP: [[8080, 8080]] } },
      },
    ],
  },
  {
    question: 'Who can reach the backend on 8080?',
    calls: [
      {
        tool: 'netreach_who_can_reach',
        args: { endpoint: 'default/backend-1', port: 8080 },
        expect: {
          endpoints: 2,
          workloads: 2,
          truncated: false,
          unknown: [],
          namespaces: [
            { namespace: 'default', workloads: [{ workload: 'pod:default/frontend-1', members: [{ endpoint: 'default/frontend-1' }] }] },
            {
              namespace: 'monitoring',
              workloads: [{ workload: 'ds:monitoring/node-exporter', members: [{ endpoint: 'monitoring/node-exporter-9wd2c' }] }],
            },
          ],
        },
      },
    ],
  },
  {
    question: 'What is the blast radius into the api Service?',
    calls: [
      { tool: 'netreach_who_can_reach', args: { endpoint: 'svc:store/api' }, expect: { endpoints: 6, workloads: 4, truncated: false } },
    ],
  },
  {
    question: 'If prometheus is compromised, what can it reach on 8080?',
    calls: [
      {
        tool: 'netreach_reachable_from',
        args: { endpoint: 'monitoring/prometheus', port: 8080 },
        expect: { direction: 'from', endpoints: 8, workloads: 5 },
      },
    ],
  },
  {
    question: 'Give me the first two workloads that can reach the api (short list).',
    calls: [
      {
        tool: 'netreach_who_can_reach',
        args: { endpoint: 'svc:store/api', limit: 2 },
        expect: {
          truncated: true,
          workloads: 4,
          namespaces: [
            {
              namespace: 'monitoring',
              workloads: [
                {
                  workload: 'ds:monitoring/node-exporter',
                  members: [{ endpoint: 'monitoring/node-exporter-4kq7z' }, { endpoint: 'monitoring/node-exporter-9wd2c' }],
                },
              ],
            },
            { namespace: 'store', workloads: [{ workload: 'deploy:store/api', members: [{ endpoint: 'store/api-7b8c9d6f5-x4n2q' }] }] },
          ],
        },
      },
    ],
  },
  {
    question: 'Which policies apply to db-0?',
    calls: [
      {
        tool: 'netreach_policies_for',
        args: { endpoint: 'default/db-0' },
        expect: {
          pods: [
            {
              pod: 'default/db-0',
              isolated: { ingress: true, egress: true },
              selectedBy: { ingress: ['default/test-network-policy'], egress: ['default/test-network-policy'] },
            },
          ],
        },
      },
    ],
  },
  {
    question: 'What does this PR break? (delete store/default-deny-allow-dns)',
    calls: [
      {
        tool: 'netreach_impact',
        args: { delete: ['store/default-deny-allow-dns'] },
        expect: { verdict: 'loses-flows', lost: 8, gained: 69, changedPolicies: ['store/default-deny-allow-dns'] },
      },
    ],
  },
  {
    question: 'What does this PR newly expose? (db-0 open to everyone)',
    calls: [
      {
        tool: 'netreach_impact',
        args: { yaml: OPEN_DB },
        expect: { verdict: 'gains-only', lost: 0, changedPolicies: ['default/test-network-policy'] },
      },
    ],
  },
  {
    question: 'If I lock down egress in default, what breaks?',
    calls: [
      {
        tool: 'netreach_impact',
        args: { yaml: DENY_DNS_EGRESS },
        expect: { verdict: 'loses-flows', gained: 0, changedPolicies: ['default/lock-down'] },
      },
    ],
  },
  {
    question: 'Is anything wrong with our policies?',
    calls: [
      {
        tool: 'netreach_lint',
        args: {},
        expect: {
          ok: true,
          errors: 0,
          warnings: 1,
          findings: [
            {
              severity: 'warning',
              code: 'egress-blocks-dns',
              message:
                'isolates default/db-0 for egress, and no rule lets it reach the cluster DNS ' +
                '(the Service kube-system/kube-dns) on 53/UDP and 53/TCP',
              object: 'NetworkPolicy default/test-network-policy',
              path: 'spec.egress',
              file: /examples\/demo-cluster\.yaml:277$/,
            },
          ],
        },
      },
    ],
  },
  {
    question: 'Are these answers enforced by our CNI?',
    calls: [
      {
        tool: 'netreach_dataplane',
        args: {},
        expect: { pluginId: 'unknown', source: 'none', enforcement: 'unknown', plugin: { enforced: null } },
      },
    ],
  },
  {
    question: 'On Weave, does SCTP from the client to db-0 get through?',
    cluster: 'weave',
    calls: [
      {
        tool: 'netreach_check',
        args: { from: 'myproject-ns/client', to: 'default/db-0', port: 6379, protocol: 'SCTP' },
        expect: { verdict: 'unknown', missing: 'Weave Net does not document SCTP in NetworkPolicy' },
      },
    ],
  },
  {
    question: 'Which snapshot are these answers from?',
    calls: [
      {
        tool: 'netreach_snapshots',
        args: {},
        expect: { snapshots: [{ id: 1, takenAt: '2026-12-03T16:00:00.000Z', source: 'demo', counts: { pods: 17, policies: 8 } }] },
      },
    ],
  },
  {
    question: 'Can the frontend reach the backend? (the agent misspells the pod)',
    calls: [{ tool: 'netreach_check', args: { from: 'default/frontend', to: 'default/backend-1', port: 8080 }, expect: {} }],
    error: /no pod default\/frontend in the snapshot \(did you mean default\/frontend-1\?\)/,
  },
];
