// Egress to the cluster DNS (issue 3): `lint` warns when a pod isolated for egress cannot reach the
// cluster DNS on 53/UDP and 53/TCP, and `check --to svc:kube-system/kube-dns` answers per backend.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/engine/index.ts';
import { lintDns } from '../../src/engine/lint-dns.ts';
import type { NetworkPolicy, Pod, Service, Snapshot } from '../../src/model/types.ts';
import { parseEndpointSpec } from '../../src/query/endpoint-spec.ts';
import { checkPaths } from '../../src/query/paths/check-paths.ts';
import { ANY, cport, ns, nsPeer, pod, policy, rule, sel, snapshot, tcp, udp } from '../support/build.ts';
import { sport, svc, withParts } from '../query/paths-fixture.ts';

const KUBE_DNS = { 'k8s-app': 'kube-dns' };
const DNS_PORTS = [cport('dns', 53, 'UDP'), cport('dns-tcp', 53, 'TCP')];
const KUBE_SYSTEM = sel({ 'kubernetes.io/metadata.name': 'kube-system' });

const coredns = (name: string, ip: string, ports = DNS_PORTS): Pod => pod('kube-system', name, KUBE_DNS, { ip, ports });
const dnsService = (targetUdp: number | string = 'dns', targetTcp: number | string = 'dns-tcp'): Service =>
  svc('kube-system', 'kube-dns', {
    clusterIP: '10.96.0.10',
    selector: KUBE_DNS,
    ports: [sport(53, targetUdp, { protocol: 'UDP', name: 'dns' }), sport(53, targetTcp, { name: 'dns-tcp' })],
  });

const denyOut = policy('app', 'deny-out', { policyTypes: ['Egress'] });
const allowDns = (...ports: ReturnType<typeof udp>[]): NetworkPolicy =>
  policy('app', 'allow-dns', { policyTypes: ['Egress'], egress: [rule([nsPeer(KUBE_SYSTEM, sel(KUBE_DNS))], ports)] });

interface World {
  readonly policies: NetworkPolicy[];
  readonly dnsPods?: Pod[];
  readonly service?: Service | null;
  readonly appPods?: Pod[];
}

function build(w: World): Snapshot {
  const base = snapshot({
    namespaces: [ns('app'), ns('kube-system')],
    pods: [
      ...(w.appPods ?? [pod('app', 'a', { app: 'a' }, { ip: '10.0.0.1' })]),
      ...(w.dnsPods ?? [coredns('coredns-1', '10.0.0.53'), coredns('coredns-2', '10.0.1.53')]),
    ],
    policies: w.policies,
  });
  return withParts(base, { services: w.service === null ? [] : [w.service ?? dnsService()] });
}

interface DnsCase {
  readonly name: string;
  readonly world: World;
  /** Expected warnings: [policy ref name, message fragment]. */
  readonly warnings: readonly [string, RegExp][];
}

const cases: DnsCase[] = [
  { name: 'no egress isolation anywhere: nothing to warn about', world: { policies: [] }, warnings: [] },
  {
    name: 'egress default-deny that allows DNS on 53/UDP and 53/TCP: no warning',
    world: { policies: [denyOut, allowDns(udp(53), tcp(53))] },
    warnings: [],
  },
  {
    name: 'egress default-deny without DNS: warns for both protocols',
    world: { policies: [denyOut] },
    warnings: [['deny-out', /isolates app\/a for egress.*kube-system\/kube-dns.*53\/UDP and 53\/TCP$/u]],
  },
  {
    name: 'DNS allowed over UDP only: warns for 53/TCP',
    world: { policies: [denyOut, allowDns(udp(53))] },
    warnings: [['allow-dns', /on 53\/TCP$/u]],
  },
  {
    name: "the policy must admit the backend's targetPort (5353), not the Service port: allowing 53 is not enough",
    world: {
      policies: [allowDns(udp(53), tcp(53))],
      dnsPods: [coredns('coredns-1', '10.0.0.53', [cport('dns', 5353, 'UDP'), cport('dns-tcp', 5353, 'TCP')])],
    },
    warnings: [['allow-dns', /53\/UDP and 53\/TCP/u]],
  },
  {
    name: 'allowing the targetPort 5353 lets the pods resolve through the Service port 53',
    world: {
      policies: [allowDns(udp(5353), tcp(5353))],
      dnsPods: [coredns('coredns-1', '10.0.0.53', [cport('dns', 5353, 'UDP'), cport('dns-tcp', 5353, 'TCP')])],
    },
    warnings: [],
  },
  {
    name: "the DNS pods' own ingress isolation counts too",
    world: { policies: [allowDns(udp(53), tcp(53)), policy('kube-system', 'deny-in', { podSelector: ANY })] },
    warnings: [['allow-dns', /53\/UDP and 53\/TCP/u]],
  },
  {
    name: 'without a kube-dns Service, the k8s-app=kube-dns pods of kube-system are the DNS',
    world: { policies: [denyOut], service: null },
    warnings: [['deny-out', /the k8s-app=kube-dns pods of kube-system/u]],
  },
  {
    name: 'no DNS in the input: a hypothetical CoreDNS pod, and the message says so',
    world: { policies: [denyOut], service: null, dnsPods: [] },
    warnings: [['deny-out', /hypothetical CoreDNS pod.*the input has no DNS pods/u]],
  },
  {
    name: 'no DNS in the input, egress allows kube-system on 53: the hypothetical pod is reachable',
    world: { policies: [allowDns(udp(53), tcp(53))], service: null, dnsPods: [] },
    warnings: [],
  },
  {
    name: 'one warning per class: pods alike are counted, not repeated',
    world: {
      policies: [denyOut],
      appPods: [pod('app', 'a', { app: 'a' }, { ip: '10.0.0.1' }), pod('app', 'b', { app: 'a' }, { ip: '10.0.0.2' })],
    },
    warnings: [['deny-out', /isolates app\/a and 1 more like it for egress/u]],
  },
];

describe('lint: egress to the cluster DNS', () => {
  for (const k of cases) {
    it(k.name, () => {
      const found = lintDns(compile(build(k.world)));
      assert.equal(found.length, k.warnings.length, found.map((d) => d.message).join('\n'));
      found.forEach((d, i) => {
        assert.equal(d.severity, 'warning');
        assert.equal(d.code, 'egress-blocks-dns');
        assert.equal(d.ref?.kind, 'NetworkPolicy');
        assert.equal(d.ref?.name, k.warnings[i][0]);
        assert.equal(d.path, 'spec.egress');
        assert.match(d.message, k.warnings[i][1]);
      });
    });
  }
});

describe('check: a pod → svc:kube-system/kube-dns on 53/UDP', () => {
  const dnsCases: { name: string; policies: NetworkPolicy[]; protocol: 'UDP' | 'TCP'; allowed: boolean }[] = [
    {
      name: 'allowed when egress admits DNS (every backend)',
      policies: [denyOut, allowDns(udp(53), tcp(53))],
      protocol: 'UDP',
      allowed: true,
    },
    { name: 'denied under an egress default-deny (every backend)', policies: [denyOut], protocol: 'UDP', allowed: false },
    { name: 'over TCP, denied when only UDP is admitted', policies: [denyOut, allowDns(udp(53))], protocol: 'TCP', allowed: false },
  ];
  for (const k of dnsCases) {
    it(k.name, () => {
      const c = compile(build({ policies: k.policies }));
      const a = checkPaths(c, parseEndpointSpec('app/a'), parseEndpointSpec('svc:kube-system/kube-dns'), 53, k.protocol);
      assert.equal(a.allowed, k.allowed);
      assert.deepEqual(
        a.paths.map((p) => [p.to, p.port, p.allowed]),
        [
          ['kube-system/coredns-1', 53, k.allowed],
          ['kube-system/coredns-2', 53, k.allowed],
        ],
      );
    });
  }
});
