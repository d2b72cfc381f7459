// Each documented plugin deviation, as a case whose verdict differs from the upstream (API) answer in
// exactly the documented way; plus the plugins that enforce nothing, the conformant ones, and the
// matrix agreeing with check under every profile.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, compile, matrix } from '../../../src/engine/index.ts';
import type { Snapshot, Service } from '../../../src/model/types.ts';
import type { Protocol } from '../../../src/model/types.ts';
import { checkAnswerQuery } from '../../../src/query/queries.ts';
import { parseEndpointSpec } from '../../../src/query/endpoint-spec.ts';
import { at, cport, ipBlock, named, node, ns, pod, podPeer, policy, rule, sctp, sel, snapshot, tcp } from '../../support/build.ts';

const NODES = [node('n1', ['10.0.0.1']), node('n2', ['10.0.0.2'])];
const PODS = [
  pod('shop', 'frontend', { app: 'frontend' }, { ip: '10.244.1.10', node: 'n1', ports: [cport('http', 8080)] }),
  pod('shop', 'backend', { app: 'backend' }, { ip: '10.244.1.11', node: 'n1', ports: [cport('http', 8080)] }),
  pod('shop', 'db', { app: 'db' }, { ip: '10.244.2.12', node: 'n2', ports: [cport('pg', 5432), cport('sctp-feed', 9899, 'SCTP')] }),
];

function cluster(
  policies = [
    policy('shop', 'db-ingress', { podSelector: sel({ app: 'db' }), ingress: [rule([podPeer(sel({ app: 'backend' }))], [tcp(5432)])] }),
  ],
): Snapshot {
  return snapshot({ namespaces: [ns('shop')], pods: PODS, nodes: NODES, policies });
}

function on(s: Snapshot, plugin: string, settings: Record<string, string> = {}): Snapshot {
  return { ...s, cni: { plugin, settings } };
}

interface Case {
  readonly name: string;
  readonly snap: Snapshot;
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol?: Protocol;
  readonly verdict: 'allowed' | 'denied' | 'unknown';
  readonly enforced: boolean | null;
  /** The API's answer; omitted: the same as the plugin's. */
  readonly upstream?: boolean;
  readonly deviations?: readonly string[];
  readonly notes?: readonly string[];
  readonly isolatedBy?: readonly string[];
}

const dbOnlyFromBackendByName = policy('shop', 'db-named', {
  podSelector: sel({ app: 'db' }),
  ingress: [rule([podPeer(sel({ app: 'backend' }))], [named('pg')])],
});
const dbFromFrontendByName = policy('shop', 'db-named', {
  podSelector: sel({ app: 'db' }),
  ingress: [rule([podPeer(sel({ app: 'frontend' }))], [named('pg')])],
});
const dbRange = policy('shop', 'db-range', {
  podSelector: sel({ app: 'db' }),
  ingress: [rule([podPeer(sel({ app: 'backend' }))], [tcp(5000, 5500)])],
});
const dbFromPodCidr = policy('shop', 'db-cidr', {
  podSelector: sel({ app: 'db' }),
  ingress: [rule([ipBlock('10.244.0.0/16')], [tcp(5432)])],
});
const dbFromNodes = policy('shop', 'db-nodes', { podSelector: sel({ app: 'db' }), ingress: [rule([ipBlock('10.0.0.0/24')], [tcp(5432)])] });
const dbFromWorld = policy('shop', 'db-world', { podSelector: sel({ app: 'db' }), ingress: [rule([ipBlock('0.0.0.0/0')], [tcp(5432)])] });
const dbSctp = policy('shop', 'db-sctp', {
  podSelector: sel({ app: 'db' }),
  ingress: [rule([podPeer(sel({ app: 'backend' }))], [sctp(9899)])],
});

const CASES: Case[] = [
  // Plugins that enforce nothing: allowed, enforced false, the upstream answer beside it.
  {
    name: 'flannel enforces nothing: a denied flow is allowed with enforced false',
    snap: on(cluster(), 'flannel'),
    from: 'shop/frontend',
    to: 'shop/db',
    port: 5432,
    verdict: 'allowed',
    enforced: false,
    upstream: false,
    notes: ['not-enforced'],
  },
  {
    name: 'flannel with no policies: allowed, still says nothing is enforced',
    snap: on(cluster([]), 'flannel'),
    from: 'shop/frontend',
    to: 'shop/db',
    port: 5432,
    verdict: 'allowed',
    enforced: false,
    notes: ['not-enforced'],
  },
  {
    name: 'Cilium enable-policy: never enforces nothing',
    snap: on(cluster(), 'cilium', { 'enable-policy': 'never' }),
    from: 'shop/frontend',
    to: 'shop/db',
    port: 5432,
    verdict: 'allowed',
    enforced: false,
    upstream: false,
    notes: ['not-enforced'],
  },
  {
    name: 'Cilium policy-audit-mode: true enforces nothing',
    snap: on(cluster(), 'cilium', { 'policy-audit-mode': 'true' }),
    from: 'shop/frontend',
    to: 'shop/db',
    port: 5432,
    verdict: 'allowed',
    enforced: false,
    upstream: false,
  },
  {
    name: 'AWS VPC CNI without the controller switch enforces nothing',
    snap: on(cluster(), 'aws-vpc-cni'),
    from: 'shop/frontend',
    to: 'shop/db',
    port: 5432,
    verdict: 'allowed',
    enforced: false,
    upstream: false,
  },
  {
    name: 'k3s with --disable-network-policy enforces nothing',
    snap: on(cluster(), 'k3s', { 'disable-network-policy': 'true' }),
    from: 'shop/frontend',
    to: 'shop/db',
    port: 5432,
    verdict: 'allowed',
    enforced: false,
    upstream: false,
  },
  {
    name: 'Romana (extensions/v1beta1 only) enforces no v1 policy',
    snap: on(cluster(), 'romana'),
    from: 'shop/frontend',
    to: 'shop/db',
    port: 5432,
    verdict: 'allowed',
    enforced: false,
    upstream: false,
  },
  {
    name: 'Weave Net without weave-npc enforces nothing',
    snap: on(cluster(), 'weave', { npc: 'false' }),
    from: 'shop/frontend',
    to: 'shop/db',
    port: 5432,
    verdict: 'allowed',
    enforced: false,
    upstream: false,
  },
  // Conformant plugins and no plugin: the API's answer.
  {
    name: 'Calico is conformant: denied, enforced',
    snap: on(cluster(), 'calico'),
    from: 'shop/frontend',
    to: 'shop/db',
    port: 5432,
    verdict: 'denied',
    enforced: true,
  },
  {
    name: 'k3s default enforces with its embedded controller',
    snap: on(cluster(), 'k3s'),
    from: 'shop/frontend',
    to: 'shop/db',
    port: 5432,
    verdict: 'denied',
    enforced: true,
  },
  {
    name: 'no plugin recognised: the API answer, enforcement unknown',
    snap: cluster(),
    from: 'shop/frontend',
    to: 'shop/db',
    port: 5432,
    verdict: 'denied',
    enforced: null,
    notes: ['enforcement-depends-on-plugin'],
  },
  // Cilium: ipBlock never matches pod IPs; node IPs only with policy-cidr-match-mode: nodes.
  {
    name: 'Cilium: an ipBlock covering pod IPs does not admit a pod',
    snap: on(cluster([dbFromPodCidr]), 'cilium'),
    from: 'shop/backend',
    to: 'shop/db',
    port: 5432,
    verdict: 'denied',
    enforced: true,
    upstream: true,
    deviations: ['ipblock-ignores-cluster'],
    notes: ['plugin-deviation'],
  },
  {
    name: 'Cilium: an ipBlock still admits an address outside the cluster',
    snap: on(cluster([dbFromWorld]), 'cilium'),
    from: '203.0.113.9',
    to: 'shop/db',
    port: 5432,
    verdict: 'allowed',
    enforced: true,
  },
  {
    name: 'Cilium: an ipBlock does not match a node IP by default',
    snap: on(cluster([dbFromNodes]), 'cilium'),
    from: '10.0.0.1',
    to: 'shop/db',
    port: 5432,
    verdict: 'denied',
    enforced: true,
    upstream: true,
    deviations: ['ipblock-ignores-cluster'],
  },
  {
    name: 'Cilium policy-cidr-match-mode: nodes: an ipBlock matches a node IP',
    snap: on(cluster([dbFromNodes]), 'cilium', { 'policy-cidr-match-mode': 'nodes' }),
    from: '10.0.0.1',
    to: 'shop/db',
    port: 5432,
    verdict: 'allowed',
    enforced: true,
  },
  // Cilium enable-policy: always isolates unselected pods.
  {
    name: 'Cilium enable-policy: always denies pods no policy selects',
    snap: on(cluster([]), 'cilium', { 'enable-policy': 'always' }),
    from: 'shop/frontend',
    to: 'shop/backend',
    port: 8080,
    verdict: 'denied',
    enforced: true,
    upstream: true,
    deviations: ['isolates-unselected'],
    isolatedBy: ['shop/(enable-policy=always)'],
  },
  // OVN-Kubernetes: a named port admits every port of its protocol.
  {
    name: 'OVN-Kubernetes: a named port admits every TCP port',
    snap: on(cluster([dbOnlyFromBackendByName]), 'ovn-kubernetes'),
    from: 'shop/backend',
    to: 'shop/db',
    port: 6000,
    verdict: 'allowed',
    enforced: true,
    upstream: false,
    deviations: ['named-port-any-port'],
  },
  {
    name: 'OVN-Kubernetes: the named port itself is admitted as upstream',
    snap: on(cluster([dbOnlyFromBackendByName]), 'ovn-kubernetes'),
    from: 'shop/backend',
    to: 'shop/db',
    port: 5432,
    verdict: 'allowed',
    enforced: true,
  },
  // Weave Net: endPort ignored; policies with named ports rejected; SCTP undocumented.
  {
    name: 'Weave Net ignores endPort: only the first port is admitted',
    snap: on(cluster([dbRange]), 'weave'),
    from: 'shop/backend',
    to: 'shop/db',
    port: 5432,
    verdict: 'denied',
    enforced: true,
    upstream: true,
    deviations: ['endport-ignored'],
  },
  {
    name: 'Weave Net admits the range start port',
    snap: on(cluster([dbRange]), 'weave'),
    from: 'shop/backend',
    to: 'shop/db',
    port: 5000,
    verdict: 'allowed',
    enforced: true,
  },
  {
    name: 'Weave Net rejects a policy with a named port: its pods are not isolated',
    snap: on(cluster([dbFromFrontendByName]), 'weave'),
    from: 'shop/backend',
    to: 'shop/db',
    port: 5432,
    verdict: 'allowed',
    enforced: true,
    upstream: false,
    deviations: ['named-port-policy-rejected'],
  },
  {
    name: 'Weave Net: SCTP to an isolated pod is unknown',
    snap: on(cluster([dbSctp]), 'weave'),
    from: 'shop/backend',
    to: 'shop/db',
    port: 9899,
    protocol: 'SCTP',
    verdict: 'unknown',
    enforced: true,
    upstream: true,
    notes: ['plugin-undocumented'],
  },
  {
    name: 'Cilium without enable-sctp: SCTP to an isolated pod is unknown',
    snap: on(cluster([dbSctp]), 'cilium'),
    from: 'shop/backend',
    to: 'shop/db',
    port: 9899,
    protocol: 'SCTP',
    verdict: 'unknown',
    enforced: true,
    upstream: true,
  },
  {
    name: 'Cilium with enable-sctp: SCTP is answered',
    snap: on(cluster([dbSctp]), 'cilium', { 'enable-sctp': 'true' }),
    from: 'shop/backend',
    to: 'shop/db',
    port: 9899,
    protocol: 'SCTP',
    verdict: 'allowed',
    enforced: true,
  },
  // Every plugin lets a node reach its own pods.
  {
    name: 'Cilium always: a node still reaches its own pods',
    snap: on(cluster([]), 'cilium', { 'enable-policy': 'always' }),
    from: '10.0.0.2',
    to: 'shop/db',
    port: 5432,
    verdict: 'allowed',
    enforced: true,
  },
];

describe('plugin deviations change exactly the documented answers', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const compiled = compile(c.snap);
      const v = check(compiled, at(c.from), at(c.to), c.port, c.protocol ?? 'TCP');
      const why = `${v.egress.reason}; ${v.ingress.reason}`;
      assert.equal(v.verdict, c.verdict, why);
      assert.equal(v.allowed, c.verdict === 'allowed');
      assert.equal(v.enforced, c.enforced);
      assert.deepEqual(v.upstream, c.upstream === undefined ? undefined : { allowed: c.upstream });
      assert.deepEqual(
        v.deviations.map((d) => d.code),
        c.deviations ?? [],
      );
      const codes = v.notes.map((n) => n.code);
      for (const code of c.notes ?? []) assert.ok(codes.includes(code as never), `note ${code} in [${codes}]`);
      if (c.isolatedBy) assert.deepEqual(v.ingress.isolatedBy, c.isolatedBy);
      if (c.upstream !== undefined) {
        const upstream = check(compile(c.snap, undefined, { upstream: true }), at(c.from), at(c.to), c.port, c.protocol ?? 'TCP');
        assert.equal(upstream.allowed, c.upstream, 'the upstream compile agrees with the upstream field');
      }
    });
  }
});

describe('the matrix answers as check does under every profile', () => {
  const profiles: [string, Snapshot][] = [
    ['flannel', on(cluster(), 'flannel')],
    ['cilium ipBlock', on(cluster([dbFromPodCidr]), 'cilium')],
    ['cilium always', on(cluster([dbFromPodCidr]), 'cilium', { 'enable-policy': 'always' })],
    ['ovn named port', on(cluster([dbOnlyFromBackendByName]), 'ovn-kubernetes')],
    ['weave endPort', on(cluster([dbRange]), 'weave')],
    ['weave named', on(cluster([dbFromFrontendByName]), 'weave')],
  ];
  for (const [name, snap] of profiles) {
    for (const port of [5432, 6000, 8080]) {
      it(`${name}, TCP/${port}`, () => {
        const c = compile(snap);
        const m = matrix(c, port, 'TCP');
        m.pods.forEach((a, i) =>
          m.pods.forEach((b, j) => {
            assert.equal(m.rows[i][j], check(c, at(a), at(b), port, 'TCP').allowed ? '1' : '0', `${a} → ${b}`);
          }),
        );
        assert.equal(m.enforced, c.dataplane.enforced);
      });
    }
  }
  it('cells the plugin does not document are "?"', () => {
    const c = compile(on(cluster([dbSctp]), 'weave'));
    const m = matrix(c, 9899, 'SCTP');
    const i = m.pods.indexOf('shop/backend');
    const j = m.pods.indexOf('shop/db');
    assert.equal(m.rows[i][j], '?');
    assert.equal(m.rows[j][i], '1', 'frontend-side pairs with no isolated side stay answered');
    assert.ok(m.unknownReason);
  });
});

describe('AWS VPC CNI checks egress before Service DNAT', () => {
  const svc: Service = {
    namespace: 'shop',
    name: 'db',
    labels: {},
    type: 'ClusterIP',
    clusterIP: '10.96.0.20',
    clusterIPs: ['10.96.0.20'],
    selector: { app: 'db' },
    ports: [{ protocol: 'TCP', port: 80, targetPort: 5432 }],
    externalTrafficPolicy: 'Cluster',
    externalIPs: [],
    loadBalancerSourceRanges: [],
    loadBalancerIPs: [],
  };
  const egressToDb = (ports: number[]) =>
    policy('shop', 'backend-egress', {
      podSelector: sel({ app: 'backend' }),
      egress: [
        rule(
          [podPeer(sel({ app: 'db' }))],
          ports.map((p) => tcp(p)),
        ),
      ],
    });
  const base = (ports: number[]): Snapshot => ({ ...cluster([egressToDb(ports)]), services: [svc] });
  const aws = { 'enable-network-policy-controller': 'true' };
  const ask = (s: Snapshot) => {
    const a = checkAnswerQuery(compile(s), parseEndpointSpec('shop/backend'), parseEndpointSpec('svc:shop/db'), 80, 'TCP');
    assert.equal(a.kind, 'paths');
    return a.kind === 'paths' ? a.answer.paths[0].verdict! : assert.fail();
  };
  it('egress admitting the targetPort only: allowed upstream, denied on AWS', () => {
    assert.equal(ask(base([5432])).allowed, true);
    const v = ask(on(base([5432]), 'aws-vpc-cni', aws));
    assert.equal(v.verdict, 'denied');
    assert.deepEqual(v.upstream, { allowed: true });
    assert.deepEqual(
      v.deviations.map((d) => d.code),
      ['egress-before-service-dnat'],
    );
  });
  it('egress admitting the Service port only: denied upstream, allowed on AWS (the backend is a selected pod)', () => {
    assert.equal(ask(base([80])).allowed, false);
    const v = ask(on(base([80]), 'aws-vpc-cni', aws));
    assert.equal(v.verdict, 'allowed');
    assert.deepEqual(v.upstream, { allowed: false });
  });
  it('egress admitting both: allowed either way, no deviation named', () => {
    const v = ask(on(base([80, 5432]), 'aws-vpc-cni', aws));
    assert.equal(v.verdict, 'allowed');
    assert.equal(v.upstream, undefined);
    assert.deepEqual(v.deviations, []);
  });
  it('a pod dialled directly is checked on its own IP and port', () => {
    const v = check(compile(on(base([5432]), 'aws-vpc-cni', aws)), at('shop/backend'), at('shop/db'), 5432, 'TCP');
    assert.equal(v.verdict, 'allowed');
  });
});
