import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectionsResult } from '../../src/engine/connections.ts';
import type { PortRanges } from '../../src/engine/verdict.ts';
import { peerText, portsText, renderConnectionsTxt } from '../../src/render/connections-txt.ts';
import { renderConnectionsCsv } from '../../src/render/connections-csv.ts';
import { renderConnectionsMd } from '../../src/render/connections-md.ts';
import { renderConnectionsJson } from '../../src/render/connections-json.ts';
import { renderConnectionsDot } from '../../src/render/connections-dot.ts';

const FULL: [number, number][] = [[1, 65535]];

describe('connections txt: port sets as netpol-analyzer prints them', () => {
  const cases: { name: string; ports: PortRanges; text: string }[] = [
    { name: 'all three protocols whole: All Connections', ports: { TCP: FULL, UDP: FULL, SCTP: FULL }, text: 'All Connections' },
    { name: 'two protocols whole: spelled out', ports: { TCP: FULL, UDP: FULL }, text: 'TCP 1-65535,UDP 1-65535' },
    {
      name: 'single ports and ranges',
      ports: {
        TCP: [
          [80, 80],
          [8000, 8100],
        ],
        UDP: [[53, 53]],
      },
      text: 'TCP 80,8000-8100,UDP 53',
    },
    { name: 'protocols in name order (SCTP first)', ports: { TCP: [[80, 80]], SCTP: [[7070, 7070]] }, text: 'SCTP 7070,TCP 80' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(portsText(c.ports), c.text));
});

const result: ConnectionsResult = {
  groupBy: 'workload',
  groups: [
    { id: 'deploy:a/web', kind: 'workload', namespace: 'a', name: 'web', workloadKind: 'Deployment', size: 2 },
    { id: 'pod:a/odd|name', kind: 'workload', namespace: 'a', name: 'odd|name', workloadKind: 'Pod', size: 1 },
  ],
  connections: [
    { from: { kind: 'group', group: 0 }, to: { kind: 'group', group: 1 }, ports: { TCP: [[80, 81]] }, differs: true },
    {
      from: { kind: 'outside', cidrs: ['0.0.0.0/1', '::/0'] },
      to: { kind: 'group', group: 0 },
      ports: { UDP: [[53, 53]] },
      differs: false,
    },
  ],
};

describe('connections renderers', () => {
  it('txt: sorted lines, a marked union, the outside as CIDRs', () => {
    assert.equal(
      renderConnectionsTxt(result),
      [
        '0.0.0.0/1,::/0[External] => a/web[Deployment] : UDP 53',
        'a/web[Deployment] => a/odd|name[Pod] : TCP 80-81 (not every member pair)',
      ].join('\n'),
    );
  });
  it('txt peer names: a bare pod as [Pod], the outside with a chosen separator', () => {
    assert.equal(peerText(result, { kind: 'group', group: 1 }), 'a/odd|name[Pod]');
    assert.equal(peerText(result, { kind: 'outside', cidrs: ['1.0.0.0/8', '::/0'] }, ' '), '1.0.0.0/8 ::/0[External]');
  });
  it('json: the contract, differs only when true', () => {
    assert.deepEqual(JSON.parse(renderConnectionsJson(result)), {
      groupBy: 'workload',
      connections: [
        { from: { workload: 'deploy:a/web' }, to: { workload: 'pod:a/odd|name' }, ports: { TCP: [[80, 81]] }, differs: true },
        { from: { cidrs: ['0.0.0.0/1', '::/0'] }, to: { workload: 'deploy:a/web' }, ports: { UDP: [[53, 53]] } },
      ],
    });
  });
  it('json: no connections is an empty list', () => {
    assert.deepEqual(JSON.parse(renderConnectionsJson({ ...result, connections: [] })), { groupBy: 'workload', connections: [] });
  });
  it('csv: one row per protocol, port lists quoted', () => {
    assert.equal(
      renderConnectionsCsv({
        ...result,
        connections: [
          {
            ...result.connections[0],
            ports: {
              TCP: [
                [80, 80],
                [443, 443],
              ],
              UDP: [[53, 53]],
            },
          },
        ],
      }),
      [
        'from,to,protocol,ports,differs',
        'a/web[Deployment],a/odd|name[Pod],TCP,"80,443",true',
        'a/web[Deployment],a/odd|name[Pod],UDP,53,true',
      ].join('\n'),
    );
  });
  it('md: pipes in names are escaped', () =>
    assert.match(
      renderConnectionsMd(result),
      /\| a\/web\[Deployment\] \| a\/odd\\\|name\[Pod\] \| TCP 80-81 \(not every member pair\) \|/u,
    ));
  it('dot: a marked union is a dashed edge; one node per outside set', () => {
    const dot = renderConnectionsDot(result);
    assert.match(dot, /"deploy:a\/web" -> "pod:a\/odd\|name" \[label="TCP 80-81 \(not every member pair\)", style=dashed\];/u);
    assert.match(dot, /"outside-0" \[shape=ellipse, label="0\.0\.0\.0\/1\\n::\/0"\];/u);
  });
});
