// Cilium's policies as the agent enforces them, table-driven, each case named after its source:
// docs.cilium.io "Layer 3 Examples" / "Layer 4 Examples" / "Deny Policies" (security/policy/language.rst),
// pkg/policy/api/rule_validation.go Rule.Sanitize (default deny), pkg/labelsfilter/filter.go (identity
// labels), pkg/k8s/apis/cilium.io/utils/utils.go (namespace injection). The cluster: shop/api-1
// (app=api, container port http 8080), shop/web-1 (app=web), other/x-1, two nodes; Cilium unless said.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Snapshot } from '../../../src/model/types.ts';
import { check, compile } from '../../../src/engine/index.ts';
import { lintTiers as lint } from '../../../src/engine/tiers/lint-tiers.ts';
import { at, cport, node, ns, pod } from '../../support/build.ts';
import { ccnp, cnp, decodeStrict, np } from '../../support/policy-objects.ts';

const api = { matchLabels: { app: 'api' } };

export function ciliumCluster(objects: readonly unknown[], plugin = 'cilium', settings: Record<string, string> = {}): Snapshot {
  return {
    ...decodeStrict(objects),
    namespaces: [ns('shop', { team: 'shop' }), ns('other', { team: 'other' })],
    pods: [
      pod('shop', 'api-1', { app: 'api', 'pod-template-hash': 'abc' }, { ip: '10.244.1.10', node: 'node-a', ports: [cport('http', 8080)] }),
      pod('shop', 'web-1', { app: 'web' }, { ip: '10.244.1.11', node: 'node-a' }),
      pod('other', 'x-1', { app: 'x' }, { ip: '10.244.2.10', node: 'node-b' }),
    ],
    nodes: [node('node-a', ['192.168.1.10']), node('node-b', ['192.168.1.11'])],
    cni: { plugin, settings },
  };
}

interface Case {
  readonly name: string;
  readonly objects: readonly unknown[];
  readonly plugin?: string;
  readonly settings?: Record<string, string>;
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly want: 'allowed' | 'denied' | 'unknown';
  /** A regular expression the deciding direction's reason must match. */
  readonly reason?: RegExp;
}

const ingressDefaultDeny = cnp('deny-all', { endpointSelector: api, ingress: [{}] });
const fromWeb = cnp('from-web', { endpointSelector: api, ingress: [{ fromEndpoints: [{ matchLabels: { app: 'web' } }] }] });

const CASES: readonly Case[] = [
  {
    name: 'language.rst "Ingress Default Deny": ingress: [{}] denies (the opposite of NetworkPolicy)',
    objects: [ingressDefaultDeny],
    from: 'shop/web-1',
    to: 'shop/api-1',
    port: 80,
    want: 'denied',
    reason: /default deny: CiliumNetworkPolicy `shop\/deny-all` selects shop\/api-1 for ingress/,
  },
  {
    name: 'Rule.Sanitize: a deny-only CNP isolates the endpoint (default deny once a deny rule selects it)',
    objects: [
      cnp('deny-other', {
        endpointSelector: api,
        ingressDeny: [{ fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'other' } }] }],
      }),
    ],
    from: 'shop/web-1',
    to: 'shop/api-1',
    port: 80,
    want: 'denied',
    reason: /default deny/,
  },
  {
    name: 'Rule.Sanitize: the deny-only CNP denies its peer by its rule',
    objects: [
      cnp('deny-other', {
        endpointSelector: api,
        ingressDeny: [{ fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'other' } }] }],
      }),
    ],
    from: 'other/x-1',
    to: 'shop/api-1',
    port: 80,
    want: 'denied',
    reason: /denied by CiliumNetworkPolicy `shop\/deny-other` ingressDeny rule 0/,
  },
  {
    name: 'language.rst "Labels Based": fromEndpoints app=web allows web',
    objects: [fromWeb],
    from: 'shop/web-1',
    to: 'shop/api-1',
    port: 80,
    want: 'allowed',
    reason: /allowed by CiliumNetworkPolicy `shop\/from-web` ingress rule 0/,
  },
  {
    name: 'utils.go getEndpointSelector: fromEndpoints of a CNP only look in its namespace',
    objects: [cnp('from-any-app', { endpointSelector: api, ingress: [{ fromEndpoints: [{}] }] })],
    from: 'other/x-1',
    to: 'shop/api-1',
    port: 80,
    want: 'denied',
  },
  {
    name: 'utils.go: a namespace named in fromEndpoints is kept',
    objects: [
      cnp('from-other', {
        endpointSelector: api,
        ingress: [{ fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'other' } }] }],
      }),
    ],
    from: 'other/x-1',
    to: 'shop/api-1',
    port: 80,
    want: 'allowed',
  },
  {
    name: 'identity labels: namespace labels as io.cilium.k8s.namespace.labels.*',
    objects: [
      cnp('from-team', {
        endpointSelector: api,
        ingress: [
          { fromEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'other', 'io.cilium.k8s.namespace.labels.team': 'other' } }] },
        ],
      }),
    ],
    from: 'other/x-1',
    to: 'shop/api-1',
    port: 80,
    want: 'allowed',
  },
  {
    name: 'deny docs: deny over allow across CNP and CCNP',
    objects: [
      cnp('allow-all', { endpointSelector: api, ingress: [{ fromEndpoints: [{}] }] }),
      ccnp('block-web', { endpointSelector: {}, ingressDeny: [{ fromEndpoints: [{ matchLabels: { app: 'web' } }] }] }),
    ],
    from: 'shop/web-1',
    to: 'shop/api-1',
    port: 80,
    want: 'denied',
    reason: /denied by CiliumClusterwideNetworkPolicy `block-web` ingressDeny rule 0/,
  },
  {
    name: 'deny docs: a deny beats a Kubernetes NetworkPolicy allow',
    objects: [
      np('allow-all', { podSelector: {}, ingress: [{}] }),
      cnp('deny-8080', { endpointSelector: api, ingressDeny: [{ toPorts: [{ ports: [{ port: '8080' }] }] }] }),
    ],
    from: 'shop/web-1',
    to: 'shop/api-1',
    port: 8080,
    want: 'denied',
    reason: /ingressDeny rule 0/,
  },
  {
    name: 'deny docs: the NetworkPolicy allow stands on other ports (merged with Cilium allow rules)',
    objects: [
      np('allow-all', { podSelector: {}, ingress: [{}] }),
      cnp('deny-8080', { endpointSelector: api, ingressDeny: [{ toPorts: [{ ports: [{ port: '8080' }] }] }] }),
    ],
    from: 'shop/web-1',
    to: 'shop/api-1',
    port: 9090,
    want: 'allowed',
    reason: /NetworkPolicy `shop\/allow-all`/,
  },
  {
    name: 'one policy repository: a CNP allow and a NetworkPolicy allow add up',
    objects: [
      fromWeb,
      np('from-other', {
        podSelector: api,
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'other' } } }], ports: [{ port: 90 }] }],
      }),
    ],
    from: 'other/x-1',
    to: 'shop/api-1',
    port: 90,
    want: 'allowed',
  },
  {
    name: 'one policy repository: … and nothing more',
    objects: [
      fromWeb,
      np('from-other', {
        podSelector: api,
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'other' } } }], ports: [{ port: 90 }] }],
      }),
    ],
    from: 'other/x-1',
    to: 'shop/api-1',
    port: 80,
    want: 'denied',
  },
  {
    name: 'language.rst "Layer 4 Examples": a toPorts-only rule admits every peer on those ports',
    objects: [cnp('l4', { endpointSelector: api, ingress: [{ toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] }] })],
    from: '203.0.113.7',
    to: 'shop/api-1',
    port: 80,
    want: 'allowed',
  },
  {
    name: 'Layer 4: … and only those ports',
    objects: [cnp('l4', { endpointSelector: api, ingress: [{ toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] }] })],
    from: 'shop/web-1',
    to: 'shop/api-1',
    port: 81,
    want: 'denied',
  },
  {
    name: 'language.rst "Entities Based": fromEntities world admits an outside address',
    objects: [cnp('world', { endpointSelector: api, ingress: [{ fromEntities: ['world'] }] })],
    from: '203.0.113.7',
    to: 'shop/api-1',
    port: 80,
    want: 'allowed',
  },
  {
    name: 'Entities: world is not a pod',
    objects: [cnp('world', { endpointSelector: api, ingress: [{ fromEntities: ['world'] }] })],
    from: 'shop/web-1',
    to: 'shop/api-1',
    port: 80,
    want: 'denied',
  },
  {
    name: 'Entities: cluster is every pod',
    objects: [cnp('cluster', { endpointSelector: api, ingress: [{ fromEntities: ['cluster'] }] })],
    from: 'other/x-1',
    to: 'shop/api-1',
    port: 80,
    want: 'allowed',
  },
  {
    name: 'language.rst "Entities based": cluster includes the nodes (host, remote-node), by their addresses too',
    objects: [cnp('to-cluster', { endpointSelector: api, egress: [{ toEntities: ['cluster'] }] })],
    from: 'shop/api-1',
    to: '192.168.1.11',
    want: 'allowed',
    port: 80,
  },
  {
    name: 'language.rst "CIDR based": … while a toCIDR never matches a node address',
    objects: [cnp('to-cidr', { endpointSelector: api, egress: [{ toCIDR: ['192.168.0.0/16'] }] })],
    from: 'shop/api-1',
    to: '192.168.1.11',
    want: 'denied',
    port: 80,
  },
  {
    name: 'language.rst "CIDR based": fromCIDR 10.0.0.0/8 does not match pods',
    objects: [cnp('cidr', { endpointSelector: api, ingress: [{ fromCIDR: ['10.0.0.0/8'] }] })],
    from: 'shop/web-1',
    to: 'shop/api-1',
    port: 80,
    want: 'denied',
  },
  {
    name: 'CIDR based: … but an outside address in it',
    objects: [cnp('cidr', { endpointSelector: api, ingress: [{ fromCIDRSet: [{ cidr: '10.0.0.0/8', except: ['10.9.0.0/16'] }] }] })],
    from: '10.1.2.3',
    to: 'shop/api-1',
    port: 80,
    want: 'allowed',
  },
  {
    name: 'CIDR based: … never its except',
    objects: [cnp('cidr', { endpointSelector: api, ingress: [{ fromCIDRSet: [{ cidr: '10.0.0.0/8', except: ['10.9.0.0/16'] }] }] })],
    from: '10.9.1.1',
    to: 'shop/api-1',
    port: 80,
    want: 'denied',
  },
  {
    name: 'Cilium caveats: a NetworkPolicy ipBlock 10.0.0.0/8 does not cover pods',
    objects: [np('ipblock', { podSelector: api, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] })],
    from: 'shop/web-1',
    to: 'shop/api-1',
    port: 80,
    want: 'denied',
  },
  {
    name: 'filter.go: a selector on pod-template-hash selects nothing (api is not isolated)',
    objects: [cnp('by-hash', { endpointSelector: { matchLabels: { 'pod-template-hash': 'abc' } }, ingress: [{}] })],
    from: 'shop/web-1',
    to: 'shop/api-1',
    port: 80,
    want: 'allowed',
  },
  {
    name: 'named ports: toPorts port http resolves on the selected endpoint',
    objects: [cnp('named', { endpointSelector: api, ingress: [{ toPorts: [{ ports: [{ port: 'http', protocol: 'TCP' }] }] }] })],
    from: 'shop/web-1',
    to: 'shop/api-1',
    port: 8080,
    want: 'allowed',
  },
  {
    name: 'named ports: … and no other port',
    objects: [cnp('named', { endpointSelector: api, ingress: [{ toPorts: [{ ports: [{ port: 'http', protocol: 'TCP' }] }] }] })],
    from: 'shop/web-1',
    to: 'shop/api-1',
    port: 80,
    want: 'denied',
  },
  {
    name: 'L7 (language.rst "Layer 7 Examples"): an HTTP rule is decided per request: unknown',
    objects: [
      cnp('http', {
        endpointSelector: api,
        ingress: [
          {
            fromEndpoints: [{ matchLabels: { app: 'web' } }],
            toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }], rules: { http: [{ method: 'GET' }] } }],
          },
        ],
      }),
    ],
    from: 'shop/web-1',
    to: 'shop/api-1',
    port: 80,
    want: 'unknown',
    reason: /L7 rules \(http\)/,
  },
  {
    name: 'L7: an L3/L4-only allow of the same traffic decides it',
    objects: [
      fromWeb,
      cnp('http', {
        endpointSelector: api,
        ingress: [
          {
            fromEndpoints: [{ matchLabels: { app: 'web' } }],
            toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }], rules: { http: [{ method: 'GET' }] } }],
          },
        ],
      }),
    ],
    from: 'shop/web-1',
    to: 'shop/api-1',
    port: 80,
    want: 'allowed',
  },
  {
    name: 'toFQDNs: an outside address may be the name (unknown)',
    objects: [cnp('fqdn', { endpointSelector: api, egress: [{ toFQDNs: [{ matchName: 'api.example.com' }] }] })],
    from: 'shop/api-1',
    to: '203.0.113.7',
    port: 443,
    want: 'unknown',
    reason: /toFQDNs api\.example\.com/,
  },
  {
    name: 'toFQDNs: never a pod (and the egress default deny holds)',
    objects: [cnp('fqdn', { endpointSelector: api, egress: [{ toFQDNs: [{ matchName: 'api.example.com' }] }] })],
    from: 'shop/api-1',
    to: 'shop/web-1',
    port: 443,
    want: 'denied',
    reason: /default deny/,
  },
  {
    name: 'enableDefaultDeny.ingress false: an allow rule does not isolate',
    objects: [
      cnp('soft', {
        endpointSelector: api,
        ingress: [{ fromEndpoints: [{ matchLabels: { app: 'web' } }] }],
        enableDefaultDeny: { ingress: false },
      }),
    ],
    from: 'other/x-1',
    to: 'shop/api-1',
    port: 80,
    want: 'allowed',
  },
  {
    name: 'icmps: an ICMP-only rule never admits TCP',
    objects: [cnp('icmp', { endpointSelector: api, ingress: [{ icmps: [{ fields: [{ type: 8, family: 'IPv4' }] }] }] })],
    from: 'shop/web-1',
    to: 'shop/api-1',
    port: 80,
    want: 'denied',
  },
  {
    name: 'CCNP endpointSelector {} selects pods of every namespace',
    objects: [ccnp('lock', { endpointSelector: {}, ingress: [{}] })],
    from: 'shop/web-1',
    to: 'other/x-1',
    port: 80,
    want: 'denied',
    reason: /CiliumClusterwideNetworkPolicy `lock`/,
  },
  {
    name: 'on Calico a CiliumNetworkPolicy is not enforced',
    plugin: 'calico',
    objects: [ingressDefaultDeny],
    from: 'shop/web-1',
    to: 'shop/api-1',
    port: 80,
    want: 'allowed',
  },
  {
    name: 'policy-audit-mode: nothing is dropped',
    settings: { 'policy-audit-mode': 'true' },
    objects: [ingressDefaultDeny],
    from: 'shop/web-1',
    to: 'shop/api-1',
    port: 80,
    want: 'allowed',
  },
  {
    name: 'egress: toEndpoints plus the destination ingress',
    objects: [
      cnp('to-api', {
        endpointSelector: { matchLabels: { app: 'web' } },
        egress: [{ toEndpoints: [api], toPorts: [{ ports: [{ port: '8080' }] }] }],
      }),
    ],
    from: 'shop/web-1',
    to: 'shop/api-1',
    port: 8080,
    want: 'allowed',
  },
  {
    name: 'egress: … and nothing else',
    objects: [
      cnp('to-api', {
        endpointSelector: { matchLabels: { app: 'web' } },
        egress: [{ toEndpoints: [api], toPorts: [{ ports: [{ port: '8080' }] }] }],
      }),
    ],
    from: 'shop/web-1',
    to: 'other/x-1',
    port: 8080,
    want: 'denied',
    reason: /default deny: CiliumNetworkPolicy `shop\/to-api` selects shop\/web-1 for egress/,
  },
];

describe('Cilium verdicts (check)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const v = check(compile(ciliumCluster(c.objects, c.plugin, c.settings)), at(c.from), at(c.to), c.port, 'TCP');
      const reasons = `egress: ${v.egress.reason}; ingress: ${v.ingress.reason}`;
      assert.equal(v.verdict, c.want, reasons);
      if (c.reason) assert.match(reasons, c.reason);
    });
  }
});

describe('Cilium lint', () => {
  it('a CiliumNetworkPolicy on Calico: not enforced, with a warning', () => {
    const findings = lint(compile(ciliumCluster([ingressDefaultDeny], 'calico')));
    assert.ok(
      findings.some((f) => f.code === 'tier-policy-not-enforced' && /CiliumNetworkPolicy/.test(f.message)),
      JSON.stringify(findings),
    );
  });
  it('a selector on a label left out of identities', () => {
    const findings = lint(
      compile(ciliumCluster([cnp('by-hash', { endpointSelector: { matchLabels: { 'pod-template-hash': 'abc' } }, ingress: [{}] })])),
    );
    assert.deepEqual(
      findings.filter((f) => f.code === 'selector-label-not-in-identity').map((f) => f.path),
      ['spec.endpointSelector'],
    );
  });
});
