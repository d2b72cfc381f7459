// The matrices agree with check and reachablePorts on hand-built snapshots: `matrix` cell by cell
// with `check`, `classMatrix` expanded with `matrix` (but for the self and node-local overrides),
// `allPortsMatrix` with `reachablePorts` for distinct pods of every class pair.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Protocol, Snapshot } from '../../src/model/types.ts';
import { PROTOCOLS } from '../../src/model/types.ts';
import { allPortsMatrix, check, classMatrix, compile, matrix, reachablePorts } from '../../src/engine/index.ts';
import type { CompiledSnapshot, EndpointQuery } from '../../src/engine/index.ts';
import { hasBit } from '../../src/engine/bitset.ts';
import { ANY, cport, ipBlock, named, node, ns, nsPeer, pod, podPeer, policy, rule, sel, snapshot, tcp, udp } from '../support/build.ts';

const mixed = snapshot({
  namespaces: [ns('front', { team: 'web' }), ns('back', { team: 'data' }), ns('ops')],
  nodes: [node('n1', ['192.168.0.1']), node('n2', ['192.168.0.2'])],
  pods: [
    pod('front', 'web-1', { app: 'web' }, { ip: '10.0.1.1', node: 'n1', ports: [cport('http', 8080)] }),
    pod('front', 'web-2', { app: 'web' }, { ip: '10.0.1.2', node: 'n2', ports: [cport('http', 8080)] }),
    pod('front', 'web-3', { app: 'web' }, { ip: '10.0.1.3', node: 'n1', ports: [cport('http', 8081)] }),
    pod('front', 'tmpl', { app: 'web' }, { ports: [cport('http', 8080)] }),
    pod('back', 'db', { app: 'db' }, { ip: '10.0.2.1', node: 'n2', ports: [cport('pg', 5432)] }),
    pod('back', 'cache', { app: 'cache' }, { ip: '10.0.2.2', node: 'n1', ports: [cport('redis', 6379), cport('dns', 53, 'UDP')] }),
    pod('ops', 'agent', { app: 'agent' }, { ip: '192.168.0.1', node: 'n1', hostNetwork: true, ports: [cport('http', 9100)] }),
    pod('ops', 'mon', { app: 'mon' }, { ip: '10.0.3.1', node: 'n2' }),
  ],
  policies: [
    policy('front', 'web-in', {
      podSelector: sel({ app: 'web' }),
      ingress: [
        rule([nsPeer(sel({ 'kubernetes.io/metadata.name': 'ops' }))], [named('http')]),
        rule([ipBlock('192.168.0.0/24')], [tcp(9100)]),
      ],
    }),
    policy('front', 'web-out', {
      podSelector: sel({ app: 'web' }),
      egress: [
        rule([nsPeer(sel({ team: 'data' }), sel({ app: 'db' }))], [named('pg')]),
        rule([ipBlock('10.0.0.0/16', ['10.0.2.0/24'])], [tcp(8000, 8100)]),
        rule(null, [udp(53), named('dns', 'UDP')]),
      ],
    }),
    policy('back', 'db-in', { podSelector: sel({ app: 'db' }), ingress: [rule([nsPeer(sel({ team: 'web' }))], [tcp(5432)])] }),
    policy('back', 'stay-home', { policyTypes: ['Egress'], egress: [rule([podPeer(ANY)])] }),
    policy('ops', 'mon-in', { podSelector: sel({ app: 'mon' }), policyTypes: ['Ingress'] }),
  ],
});

const nodeLocal = snapshot({
  namespaces: [ns('x')],
  nodes: [node('n1', ['192.168.0.9'])],
  pods: [
    pod('x', 'p1', { role: 'a' }, { ip: '10.1.0.1', node: 'n1' }),
    pod('x', 'p2', { role: 'a' }, { ip: 'fd00::2', node: 'n1' }),
    pod('x', 'p3', { role: 'a' }, { ip: 'fd00::3', node: 'n2' }),
    pod('x', 'h', { role: 'a' }, { ip: '192.168.0.9', node: 'n1', hostNetwork: true }),
    pod('x', 'q', { role: 'b' }, { ip: '10.1.0.3', node: 'n2' }),
    pod('x', 'q2', { role: 'b' }, { ip: '10.1.0.4', node: 'n2' }),
    pod('x', 'unscheduled', { role: 'b' }),
  ],
  policies: [
    policy('x', 'deny-all', { policyTypes: ['Ingress', 'Egress'] }),
    policy('x', 'v6-in', { podSelector: sel({ role: 'a' }), ingress: [rule([ipBlock('fd00::/8')], [tcp(443)])] }),
    policy('x', 'v6-out', { podSelector: sel({ role: 'a' }), egress: [rule([ipBlock('fd00::/8')], [tcp(443)])] }),
  ],
});

const open = snapshot({
  namespaces: [ns('y')],
  pods: [pod('y', 'a', {}, { ip: '10.9.0.1' }), pod('y', 'b', {}, { ip: '10.9.0.2' }), pod('y', 'c', {})],
});

const SNAPSHOTS: [string, Snapshot][] = [
  ['mixed namespaces, named ports, ipBlocks, hostNetwork, a pod without IP', mixed],
  ['deny-all with a hostNetwork pod on a shared node and IPv6', nodeLocal],
  ['no policies', open],
];

/** Ports where an answer can change: rule edges and container ports ±1, plus 1 and 65535. */
function probes(s: Snapshot): [Protocol, number][] {
  const out: [Protocol, number][] = [];
  for (const protocol of PROTOCOLS) {
    const ports = new Set([1, 65535]);
    const around = (p: number) => [p - 1, p, p + 1].forEach((x) => x >= 1 && x <= 65535 && ports.add(x));
    for (const p of s.policies)
      for (const r of [...p.ingress, ...p.egress])
        for (const port of r.ports ?? []) {
          if (port.kind === 'range' && port.protocol === protocol) [port.from, port.to].forEach(around);
        }
    for (const p of s.pods) for (const cp of p.containerPorts) around(cp.containerPort);
    for (const port of [...ports].sort((a, b) => a - b)) out.push([protocol, port]);
  }
  return out;
}

const ep = (c: CompiledSnapshot, i: number): EndpointQuery => ({ kind: 'endpoint', key: c.endpoints[i].key });

/** Whether a pod-level override (self, node-local) decides the pair. */
function overridden(c: CompiledSnapshot, i: number, j: number): boolean {
  return check(c, ep(c, i), ep(c, j), 1, 'TCP').override !== undefined;
}

for (const [name, s] of SNAPSHOTS) {
  describe(`matrices: ${name}`, () => {
    const c = compile(s);
    const n = c.endpoints.length;

    it('matrix lists every pod, sorted, with square 0/1 rows', () => {
      const m = matrix(c, 80, 'TCP');
      const keys = s.pods.map((p) => `${p.namespace}/${p.name}`).sort();
      assert.deepEqual(m.pods, keys);
      assert.equal(m.rows.length, keys.length);
      for (const row of m.rows) assert.match(row, new RegExp(`^[01]{${keys.length}}$`));
      assert.deepEqual([m.port, m.protocol], [80, 'TCP']);
    });

    it('matrix and check agree on every pair at every probe port', () => {
      for (const [protocol, port] of probes(s)) {
        const m = matrix(c, port, protocol);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            const v = check(c, ep(c, i), ep(c, j), port, protocol);
            assert.equal(
              m.rows[i][j],
              v.allowed ? '1' : '0',
              `${protocol}/${port} ${m.pods[i]} → ${m.pods[j]}: ${v.egress.reason}; ${v.ingress.reason}`,
            );
          }
        }
      }
    });

    it('classMatrix expanded equals matrix except where an override decides', () => {
      let compared = 0;
      for (const [protocol, port] of probes(s)) {
        const cm = classMatrix(c, port, protocol);
        const m = matrix(c, port, protocol);
        assert.equal(cm.classes, c.classes.length);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            if (overridden(c, i, j)) {
              assert.equal(m.rows[i][j], '1', `override ${m.pods[i]} → ${m.pods[j]}`);
              continue;
            }
            const cell = hasBit(cm.rows[c.endpoints[i].classId], c.endpoints[j].classId) ? '1' : '0';
            assert.equal(cell, m.rows[i][j], `${protocol}/${port} ${m.pods[i]} → ${m.pods[j]}`);
            compared++;
          }
        }
      }
      assert.ok(compared > 0, 'some pairs compared');
    });

    it('allPortsMatrix cells equal reachablePorts for distinct pods of every class pair', () => {
      const apm = allPortsMatrix(c);
      assert.equal(apm.classes, c.classes.length);
      let compared = 0;
      for (let a = 0; a < apm.classes; a++) {
        for (let b = 0; b < apm.classes; b++) {
          for (const i of c.classes[a].members) {
            for (const j of c.classes[b].members) {
              if (i === j || overridden(c, i, j)) continue;
              const want = reachablePorts(c, ep(c, i), ep(c, j));
              assert.deepEqual(apm.table.ranges(apm.cells[a * apm.classes + b]), want, `${c.endpoints[i].key} → ${c.endpoints[j].key}`);
              compared++;
            }
          }
        }
      }
      assert.ok(compared > 0, 'some pairs compared');
    });

    it('reachablePorts agrees with check at every probe port', () => {
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const ranges = reachablePorts(c, ep(c, i), ep(c, j));
          for (const [protocol, port] of probes(s)) {
            const inRanges = (ranges[protocol] ?? []).some(([lo, hi]) => port >= lo && port <= hi);
            assert.equal(
              inRanges,
              check(c, ep(c, i), ep(c, j), port, protocol).allowed,
              `${protocol}/${port} ${c.endpoints[i].key} → ${c.endpoints[j].key}`,
            );
          }
        }
      }
    });
  });
}

describe('matrices: spot checks', () => {
  const c = compile(mixed);
  const classOf = (key: string) => c.endpoints[c.endpointIndex.get(key)!].classId;

  it('pods no policy tells apart share a class; a different named port or a missing IP splits it', () => {
    assert.equal(classOf('front/web-1'), classOf('front/web-2'));
    assert.notEqual(classOf('front/web-1'), classOf('front/web-3'));
    assert.notEqual(classOf('front/web-1'), classOf('front/tmpl'));
  });

  it('IPv6 ipBlocks: x/p2 reaches x/p3 on 443 only', () => {
    const v6 = compile(nodeLocal);
    const cell = (port: number) => {
      const m = matrix(v6, port, 'TCP');
      return m.rows[m.pods.indexOf('x/p2')][m.pods.indexOf('x/p3')];
    };
    assert.deepEqual([cell(443), cell(442), cell(80)], ['1', '0', '0']);
  });

  it('named ingress port: ops/mon reaches web-1 on 8080 and web-3 on 8081 only', () => {
    const m = matrix(c, 8080, 'TCP');
    const at = (a: string, b: string) => m.rows[m.pods.indexOf(a)][m.pods.indexOf(b)];
    assert.deepEqual([at('ops/mon', 'front/web-1'), at('ops/mon', 'front/web-3')], ['1', '0']);
    const m2 = matrix(c, 8081, 'TCP');
    assert.equal(m2.rows[m2.pods.indexOf('ops/mon')][m2.pods.indexOf('front/web-3')], '1');
  });
});
