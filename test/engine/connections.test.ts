import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/engine/index.ts';
import { type ConnectionsResult, type GroupBy, connections } from '../../src/engine/connections.ts';
import { renderConnectionsTxt } from '../../src/render/connections-txt.ts';
import { rangeToCidrs } from '../../src/engine/addresses.ts';
import type { Pod, Snapshot, Workload } from '../../src/model/types.ts';
import { ANY, cport, ipBlock, named, ns, pod, podPeer, policy, rule, sel, snapshot, tcp, udp } from '../support/build.ts';

function owned(p: Pod, kind: string, name: string): Pod {
  return { ...p, ownerReferences: [{ kind, name, controller: true }] };
}

function workload(
  kind: Workload['kind'],
  namespace: string,
  name: string,
  labels: Record<string, string>,
  extra: Partial<Workload> = {},
): Workload {
  return { kind, namespace, name, labels, containerPorts: [], hostNetwork: false, ownerReferences: [], ...extra };
}

function lines(s: Snapshot, groupBy: GroupBy = 'workload'): string[] {
  const r: ConnectionsResult = connections(compile(s), groupBy);
  const text = renderConnectionsTxt(r);
  return text === '' ? [] : text.split('\n');
}

/** IPv4 without 10.0.0.1 and 10.0.0.2 (two pod IPs), as CIDRs. */
const OUTSIDE_BUT_TWO = [
  ...rangeToCidrs({ family: 4, lo: 0, hi: 167772160 }),
  ...rangeToCidrs({ family: 4, lo: 167772163, hi: 2 ** 32 - 1 }),
].join(',');

const denyAll = (namespace: string) => policy(namespace, 'deny', { policyTypes: ['Ingress', 'Egress'] });

describe('connections: pairs between groups', () => {
  const cases: { name: string; s: Snapshot; groupBy?: GroupBy; expected: string[] }[] = [
    {
      name: 'no policies: every pair and the whole outside, all connections',
      s: snapshot({ namespaces: [ns('a')], pods: [pod('a', 'x'), pod('a', 'y')] }),
      expected: [
        '0.0.0.0/0,::/0[External] => a/x[Pod] : All Connections',
        '0.0.0.0/0,::/0[External] => a/y[Pod] : All Connections',
        'a/x[Pod] => 0.0.0.0/0,::/0[External] : All Connections',
        'a/x[Pod] => a/y[Pod] : All Connections',
        'a/y[Pod] => 0.0.0.0/0,::/0[External] : All Connections',
        'a/y[Pod] => a/x[Pod] : All Connections',
      ],
    },
    {
      name: 'default deny both ways: nothing, self pairs omitted',
      s: snapshot({ namespaces: [ns('a')], pods: [pod('a', 'x'), pod('a', 'y')], policies: [denyAll('a')] }),
      expected: [],
    },
    {
      name: 'exact port sets per protocol, named ports resolved on the destination',
      s: snapshot({
        namespaces: [ns('a')],
        pods: [pod('a', 'x', { app: 'x' }), pod('a', 'db', { app: 'db' }, { ports: [cport('pg', 5432)] })],
        policies: [
          denyAll('a'),
          policy('a', 'x-out', {
            podSelector: sel({ app: 'x' }),
            egress: [rule([podPeer(ANY)], [tcp(80), tcp(8000, 8100), udp(53), named('pg')])],
            policyTypes: ['Egress'],
          }),
          policy('a', 'db-in', { podSelector: sel({ app: 'db' }), ingress: [rule([podPeer(ANY)], null)] }),
        ],
      }),
      expected: ['a/x[Pod] => a/db[Pod] : TCP 80,5432,8000-8100,UDP 53'],
    },
    {
      name: 'a workload template is an endpoint without IP: ipBlocks do not match it',
      s: {
        ...snapshot({ namespaces: [ns('a')], policies: [policy('a', 'in', { ingress: [rule([ipBlock('0.0.0.0/0')], [tcp(80)])] })] }),
        workloads: [workload('Deployment', 'a', 'web', { app: 'web' }), workload('CronJob', 'a', 'job', { app: 'job' })],
      },
      expected: [
        '0.0.0.0/0[External] => a/job[CronJob] : TCP 80',
        '0.0.0.0/0[External] => a/web[Deployment] : TCP 80',
        'a/job[CronJob] => 0.0.0.0/0,::/0[External] : All Connections',
        'a/web[Deployment] => 0.0.0.0/0,::/0[External] : All Connections',
      ],
    },
    {
      name: 'pods of one owner are one group; a pair of its own pods is a self pair',
      s: snapshot({
        namespaces: [ns('a')],
        pods: [
          owned(pod('a', 'web-1', { app: 'web' }), 'ReplicaSet', 'web-7d'),
          owned(pod('a', 'web-2', { app: 'web' }), 'ReplicaSet', 'web-7d'),
          pod('a', 'c', { app: 'c' }),
        ],
        policies: [
          denyAll('a'),
          policy('a', 'c-out', { podSelector: sel({ app: 'c' }), egress: [rule([podPeer(ANY)], [tcp(80)])], policyTypes: ['Egress'] }),
          policy('a', 'web-in', { podSelector: sel({ app: 'web' }), ingress: [rule([podPeer(ANY)], [tcp(80)])] }),
        ],
      }),
      expected: ['a/c[Pod] => a/web-7d[ReplicaSet] : TCP 80'],
    },
    {
      name: 'pods of one owner that policies tell apart: the union, marked',
      s: snapshot({
        namespaces: [ns('a')],
        pods: [
          owned(pod('a', 'web-1', { app: 'web', canary: 'yes' }), 'ReplicaSet', 'web-7d'),
          owned(pod('a', 'web-2', { app: 'web' }), 'ReplicaSet', 'web-7d'),
          pod('a', 'c', { app: 'c' }),
        ],
        policies: [
          denyAll('a'),
          policy('a', 'c-out', {
            podSelector: sel({ app: 'c' }),
            egress: [rule([podPeer(ANY)], [tcp(80), tcp(81)])],
            policyTypes: ['Egress'],
          }),
          policy('a', 'web-in', { podSelector: sel({ app: 'web' }), ingress: [rule([podPeer(ANY)], [tcp(80)])] }),
          policy('a', 'canary-in', { podSelector: sel({ canary: 'yes' }), ingress: [rule([podPeer(ANY)], [tcp(81)])] }),
        ],
      }),
      expected: ['a/c[Pod] => a/web-7d[ReplicaSet] : TCP 80-81 (not every member pair)'],
    },
    {
      name: 'grouped by pod: each pod alone, marked by nothing',
      groupBy: 'pod',
      s: snapshot({
        namespaces: [ns('a')],
        pods: [owned(pod('a', 'web-1', { app: 'web', canary: 'yes' }), 'ReplicaSet', 'web-7d'), pod('a', 'c', { app: 'c' })],
        policies: [
          denyAll('a'),
          policy('a', 'c-out', { podSelector: sel({ app: 'c' }), egress: [rule([podPeer(ANY)], [tcp(81)])], policyTypes: ['Egress'] }),
          policy('a', 'canary-in', { podSelector: sel({ canary: 'yes' }), ingress: [rule([podPeer(ANY)], [tcp(81)])] }),
        ],
      }),
      expected: ['a/c[Pod] => a/web-1[Pod] : TCP 81'],
    },
    {
      name: 'grouped by namespace: pairs of namespaces, the namespace to itself omitted',
      groupBy: 'namespace',
      s: snapshot({
        namespaces: [ns('a'), ns('b')],
        pods: [pod('a', 'x'), pod('a', 'y'), pod('b', 'z')],
        policies: [
          denyAll('a'),
          policy('b', 'in', {
            ingress: [rule([{ kind: 'pods', namespaces: { kind: 'selector', selector: ANY }, pods: ANY }], [tcp(443)])],
            policyTypes: ['Ingress'],
          }),
        ],
      }),
      expected: ['b[Namespace] => 0.0.0.0/0,::/0[External] : All Connections'],
    },
    {
      name: 'a hostNetwork pod reaches the pods on its node (ingress exemption); they do not reach it under an egress deny',
      s: snapshot({
        namespaces: [ns('a')],
        pods: [
          pod('a', 'agent', {}, { hostNetwork: true, node: 'n1', ip: '192.168.0.1' }),
          pod('a', 'x', {}, { node: 'n1', ip: '10.0.0.1' }),
          pod('a', 'y', {}, { node: 'n2', ip: '10.0.0.2' }),
        ],
        policies: [denyAll('a')],
      }),
      expected: [
        `${OUTSIDE_BUT_TWO},::/0[External] => a/agent[Pod] : All Connections`,
        `a/agent[Pod] => ${OUTSIDE_BUT_TWO},::/0[External] : All Connections`,
        'a/agent[Pod] => a/x[Pod] : All Connections',
      ],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(lines(c.s, c.groupBy), c.expected));
});
