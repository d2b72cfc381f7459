import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/engine/index.ts';
import { groupPieces, outsidePieces } from '../../src/engine/outside.ts';
import { type AddressRange, addressText, rangeToCidrs } from '../../src/engine/addresses.ts';
import { ipBlock, ns, pod, policy, rule, snapshot } from '../support/build.ts';
import type { Pod } from '../../src/model/types.ts';

/** `cidr@region` when a piece is one CIDR, `first-last@region` otherwise. */
function pieceText(range: AddressRange, region: number): string {
  const cidrs = rangeToCidrs(range);
  if (cidrs.length === 1) return `${cidrs[0]}@${region}`;
  const [lo, hi] =
    range.family === 4
      ? [addressText({ family: 4, n: range.lo }), addressText({ family: 4, n: range.hi })]
      : [addressText({ family: 6, n: range.lo }), addressText({ family: 6, n: range.hi })];
  return `${lo}-${hi}@${region}`;
}

function piecesText(pods: Pod[], cidrs: string[] = []): string[] {
  const policies = cidrs.length ? [policy('a', 'p', { ingress: [rule(cidrs.map((c) => ipBlock(c)))] })] : [];
  const c = compile(snapshot({ namespaces: [ns('a')], pods, policies }));
  return outsidePieces(c).map((p) => pieceText(p.range, p.region));
}

describe('outside pieces: the address space no endpoint owns, cut at regions', () => {
  const cases: { name: string; pods: Pod[]; cidrs?: string[]; expected: string[] }[] = [
    { name: 'no pods, no ipBlocks: all of IPv4 and IPv6', pods: [], expected: ['0.0.0.0/0@0', '::/0@1'] },
    { name: 'pods without IP own nothing', pods: [pod('a', 'x')], expected: ['0.0.0.0/0@0', '::/0@1'] },
    {
      name: 'a pod IP is cut out',
      pods: [pod('a', 'x', {}, { ip: '10.0.0.1' })],
      expected: ['0.0.0.0-10.0.0.0@0', '10.0.0.2-255.255.255.255@0', '::/0@1'],
    },
    {
      name: 'consecutive pod IPs are cut out as one range',
      pods: [pod('a', 'x', {}, { ip: '10.0.0.1' }), pod('a', 'y', {}, { ip: '10.0.0.2' }), pod('a', 'z', {}, { ip: '10.0.0.3' })],
      expected: ['0.0.0.0-10.0.0.0@0', '10.0.0.4-255.255.255.255@0', '::/0@1'],
    },
    {
      name: 'hostNetwork pods speak with the node IP: it stays outside',
      pods: [pod('a', 'h', {}, { ip: '192.168.1.10', hostNetwork: true })],
      expected: ['0.0.0.0/0@0', '::/0@1'],
    },
    {
      name: 'ipBlock bounds cut regions; a pod IP inside one region splits only it',
      pods: [pod('a', 'x', {}, { ip: '10.0.0.0' })],
      cidrs: ['10.0.0.0/8'],
      expected: ['0.0.0.0-9.255.255.255@0', '10.0.0.1-10.255.255.255@1', '11.0.0.0-255.255.255.255@2', '::/0@3'],
    },
    {
      name: 'IPv6 pod IPs are cut out of IPv6',
      pods: [pod('a', 'x', {}, { ip: ['10.0.0.1', 'fd00::1'] })],
      expected: ['0.0.0.0-10.0.0.0@0', '10.0.0.2-255.255.255.255@0', '::-fd00::@1', 'fd00::2-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff@1'],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(piecesText(c.pods, c.cidrs), c.expected));
});

describe('groupPieces: equal values merge into the fewest CIDRs', () => {
  const pieces = [
    { range: { family: 4 as const, lo: 0, hi: 2 ** 31 - 1 }, region: 0 },
    { range: { family: 4 as const, lo: 2 ** 31, hi: 2 ** 32 - 1 }, region: 1 },
    { range: { family: 6 as const, lo: 0n, hi: (1n << 128n) - 1n }, region: 2 },
  ];
  const cases: { name: string; values: number[]; expected: { value: number; cidrs: string[]; regions: number[] }[] }[] = [
    {
      name: 'adjacent regions with one value are one CIDR',
      values: [5, 5, 5],
      expected: [{ value: 5, cidrs: ['0.0.0.0/0', '::/0'], regions: [0, 1, 2] }],
    },
    {
      name: 'different values stay apart, in address order',
      values: [5, 6, 5],
      expected: [
        { value: 5, cidrs: ['0.0.0.0/1', '::/0'], regions: [0, 2] },
        { value: 6, cidrs: ['128.0.0.0/1'], regions: [1] },
      ],
    },
    { name: 'the skip value is left out', values: [0, 7, 0], expected: [{ value: 7, cidrs: ['128.0.0.0/1'], regions: [1] }] },
  ];
  for (const c of cases)
    it(c.name, () =>
      assert.deepEqual(
        groupPieces(pieces, (r) => c.values[r], 0),
        c.expected,
      ),
    );

  it('pieces separated by an owned address are not merged', () => {
    const split = [
      { range: { family: 4 as const, lo: 0, hi: 9 }, region: 0 },
      { range: { family: 4 as const, lo: 11, hi: 2 ** 32 - 1 }, region: 0 },
    ];
    const [g] = groupPieces(split, () => 1, 0);
    assert.deepEqual(g.cidrs.slice(0, 3), ['0.0.0.0/29', '0.0.0.8/31', '0.0.0.11/32']);
    assert.equal(g.cidrs.includes('0.0.0.10/32'), false);
  });
});
