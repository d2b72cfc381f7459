// Unit tests of the engine's building blocks: bitsets, addresses, ipBlock regions, port atoms, port
// ranges, the mask interner and label selectors.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LabelSelector, Labels } from '../../src/model/types.ts';
import * as bits from '../../src/engine/bitset.ts';
import {
  type AddressRange,
  addressText,
  canonicalAddress,
  containsAddress,
  parseAddress,
  parseCidr,
  rangeToCidrs,
} from '../../src/engine/addresses.ts';
import { blockRegions, buildRegions, regionOf, regionRange } from '../../src/engine/regions.ts';
import { AtomCuts, addRangeToMask, atomOf, atomRange, buildAtoms, fullMask, maskToRanges, newMask } from '../../src/engine/port-atoms.ts';
import { ALL_PORTS, equalRanges, isAllPorts, isEmptyRanges, portRanges, unionRanges } from '../../src/engine/port-ranges.ts';
import { MaskInterner } from '../../src/engine/mask-interner.ts';
import { isEmptySelector, matchesSelector, selectorKey, selectorKeys, selectorText } from '../../src/engine/selector.ts';
import { expr, sel } from '../support/build.ts';

const v4 = (text: string) => {
  const a = parseAddress(text);
  assert.ok(a && a.family === 4, `${text} parses as IPv4`);
  return a.n;
};

describe('bitset', () => {
  it('set and test bits across word boundaries', () => {
    const b = bits.newBits(70);
    assert.equal(b.length, 3);
    for (const i of [0, 31, 32, 63, 69]) bits.setBit(b, i);
    assert.deepEqual(
      [0, 1, 30, 31, 32, 33, 63, 64, 69].map((i) => bits.hasBit(b, i)),
      [true, false, false, true, true, false, true, false, true],
    );
    const seen: number[] = [];
    bits.forEachBit(b, (i) => seen.push(i));
    assert.deepEqual(seen, [0, 31, 32, 63, 69]);
    assert.equal(bits.countBits(b), 5);
  });

  it('setRange and fullBits set exactly [from, to)', () => {
    const b = bits.newBits(100);
    bits.setRange(b, 5, 70);
    assert.equal(bits.countBits(b), 65);
    assert.deepEqual(
      [4, 5, 69, 70].map((i) => bits.hasBit(b, i)),
      [false, true, true, false],
    );
    const f = bits.fullBits(70);
    assert.equal(bits.countBits(f), 70);
    assert.equal(bits.hasBit(f, 70), false);
  });

  it('or, and, empty, equal and key', () => {
    const a = bits.newBits(40);
    const b = bits.newBits(40);
    assert.deepEqual([bits.isEmptyBits(a), bits.equalBits(a, b)], [true, true]);
    bits.setBit(a, 1);
    bits.setBit(a, 33);
    bits.setBit(b, 33);
    bits.setBit(b, 2);
    const or = a.slice();
    bits.orInto(or, b);
    const and = a.slice();
    bits.andInto(and, b);
    assert.equal(bits.countBits(or), 3);
    assert.equal(bits.countBits(and), 1);
    assert.equal(bits.hasBit(and, 33), true);
    assert.equal(bits.equalBits(a, b), false);
    assert.notEqual(bits.bitsKey(a), bits.bitsKey(b));
    assert.equal(bits.bitsKey(a), bits.bitsKey(a.slice()));
    assert.equal(bits.equalBits(bits.newBits(40), bits.newBits(70)), false);
  });
});

describe('addresses', () => {
  const parses: [string, string | null][] = [
    ['10.0.0.1', '4:167772161'],
    ['0.0.0.0', '4:0'],
    ['255.255.255.255', '4:4294967295'],
    ['fd00::1', `6:${(0xfd00n << 112n) + 1n}`],
    ['::', '6:0'],
    ['::ffff:10.0.0.1', '4:167772161'], // IPv4-mapped IPv6 is the IPv4 address
    ['10.0.0.256', null],
    ['', null],
    ['pod', null],
    ['10.0.0.1 ', null],
    ['fd00::1::2', null],
  ];
  for (const [text, want] of parses) {
    it(`parseAddress ${JSON.stringify(text)} → ${want ?? 'null'}`, () => {
      const a = parseAddress(text);
      assert.equal(a === null ? null : `${a.family}:${a.n}`, want);
    });
  }

  const notIps = ['10', '1.2.3', '0x0a.0.0.1', 'fd00::1%eth0'];
  for (const text of notIps) {
    it(`parseAddress rejects ${JSON.stringify(text)} as the API server does`, () => {
      assert.equal(parseAddress(text), null);
    });
  }
  it('parseAddress reads 010.0.0.1 as decimal 10.0.0.1, as the API server and the decoder do (never octal)', () => {
    const a = parseAddress('010.0.0.1');
    assert.ok(a !== null && a.family === 4 && a.n === v4('10.0.0.1'), `010.0.0.1 parsed as ${a ? addressText(a) : 'null'}`);
  });

  const canonical: [string, string | null][] = [
    ['FD00:0:0::10', 'fd00::10'],
    ['::ffff:10.0.0.1', '10.0.0.1'],
    ['010.0.0.1', '10.0.0.1'],
    ['pod', null],
  ];
  for (const [text, want] of canonical) it(`canonicalAddress ${text} → ${want}`, () => assert.equal(canonicalAddress(text), want));

  const cidrs: [string, AddressRange | null][] = [
    ['10.0.0.1/24', { family: 4, lo: v4('10.0.0.0'), hi: v4('10.0.0.255') }], // host bits cleared
    ['0.0.0.0/0', { family: 4, lo: 0, hi: 2 ** 32 - 1 }],
    ['10.1.2.3/32', { family: 4, lo: v4('10.1.2.3'), hi: v4('10.1.2.3') }],
    ['fd00::1:2/112', { family: 6, lo: (0xfd00n << 112n) + (1n << 16n), hi: (0xfd00n << 112n) + (1n << 16n) + 0xffffn }],
    ['::/0', { family: 6, lo: 0n, hi: (1n << 128n) - 1n }],
    ['10.0.0.0/33', null],
    ['10.0.0.0', null],
  ];
  for (const [text, want] of cidrs) {
    it(`parseCidr ${text}`, () => assert.deepEqual(parseCidr(text), want));
  }

  it('containsAddress respects the family', () => {
    const r = parseCidr('0.0.0.0/0')!;
    assert.equal(containsAddress(r, parseAddress('1.2.3.4')!), true);
    assert.equal(containsAddress(r, parseAddress('::1')!), false);
    assert.equal(containsAddress(parseCidr('::/0')!, parseAddress('1.2.3.4')!), false);
  });

  it('addressText round-trips', () => {
    for (const t of ['10.0.0.1', '0.0.0.0', '255.255.255.255', 'fd00::1', '2001:db8::8:800:200c:417a'])
      assert.equal(addressText(parseAddress(t)!), t);
  });

  const ranges: [string, AddressRange, string[]][] = [
    ['the whole IPv4 space is one /0', { family: 4, lo: 0, hi: 2 ** 32 - 1 }, ['0.0.0.0/0']],
    ['an aligned block is one CIDR', parseCidr('10.0.0.0/23')!, ['10.0.0.0/23']],
    ['1..6 needs four CIDRs', { family: 4, lo: 1, hi: 6 }, ['0.0.0.1/32', '0.0.0.2/31', '0.0.0.4/31', '0.0.0.6/32']],
    [
      'a /8 minus its first /16',
      { family: 4, lo: v4('10.1.0.0'), hi: v4('10.255.255.255') },
      ['10.1.0.0/16', '10.2.0.0/15', '10.4.0.0/14', '10.8.0.0/13', '10.16.0.0/12', '10.32.0.0/11', '10.64.0.0/10', '10.128.0.0/9'],
    ],
    ['the whole IPv6 space is one /0', { family: 6, lo: 0n, hi: (1n << 128n) - 1n }, ['::/0']],
    ['an IPv6 range across a boundary', { family: 6, lo: 0xffn, hi: 0x100n }, ['::ff/128', '::100/128']],
  ];
  for (const [name, range, want] of ranges) it(`rangeToCidrs is minimal: ${name}`, () => assert.deepEqual(rangeToCidrs(range), want));
});

describe('regions', () => {
  const regions = buildRegions(['10.0.0.0/8', '10.1.0.0/16', 'bogus', 'fd00::/64', '255.255.255.255/32', '0.0.0.0/0']);

  it('buildRegions cuts at every cidr bound, ignores invalid text, adds no start past the end', () => {
    assert.deepEqual(regions.v4, [0, v4('10.0.0.0'), v4('10.1.0.0'), v4('10.2.0.0'), v4('11.0.0.0'), v4('255.255.255.255')]);
    assert.deepEqual(regions.v6, [0n, 0xfd00n << 112n, (0xfd00n << 112n) + (1n << 64n)]);
    assert.equal(regions.count, 9);
  });

  const cases: [string, number][] = [
    ['9.255.255.255', 0],
    ['10.0.0.1', 1],
    ['10.1.200.1', 2],
    ['10.2.0.0', 3],
    ['11.0.0.0', 4],
    ['255.255.255.255', 5],
    ['::1', 6],
    ['fd00::5', 7],
    ['fd00:0:0:1::', 8],
  ];
  for (const [ip, id] of cases) it(`regionOf ${ip} = ${id}`, () => assert.equal(regionOf(regions, parseAddress(ip)!), id));

  it("regionRange gives each region's bounds", () => {
    assert.deepEqual(regionRange(regions, 2), { family: 4, lo: v4('10.1.0.0'), hi: v4('10.1.255.255') });
    assert.deepEqual(regionRange(regions, 5), { family: 4, lo: 2 ** 32 - 1, hi: 2 ** 32 - 1 });
    assert.deepEqual(regionRange(regions, 8), { family: 6, lo: (0xfd00n << 112n) + (1n << 64n), hi: (1n << 128n) - 1n });
  });

  it('blockRegions: cidr minus except', () => {
    assert.deepEqual([...blockRegions(regions, '10.0.0.0/8', ['10.1.0.0/16'])], [0, 1, 0, 1, 0, 0, 0, 0, 0]);
    assert.deepEqual([...blockRegions(regions, '0.0.0.0/0', ['10.0.0.0/8'])], [1, 0, 0, 0, 1, 1, 0, 0, 0]);
    assert.deepEqual([...blockRegions(regions, 'fd00::/64', [])], [0, 0, 0, 0, 0, 0, 0, 1, 0]);
    assert.deepEqual([...blockRegions(regions, 'bogus', [])], [0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('port atoms', () => {
  const cuts = new AtomCuts();
  cuts.addRange('TCP', 80, 80);
  cuts.addRange('TCP', 81, 90);
  cuts.addRange('TCP', 65000, 65535);
  cuts.addRange('UDP', 53, 53);
  const atoms = buildAtoms(cuts);

  it('cuts before from and after to, never past 65535', () => {
    assert.deepEqual(atoms.starts, { TCP: [1, 80, 81, 91, 65000], UDP: [1, 53, 54], SCTP: [1] });
    assert.deepEqual(atoms.base, { TCP: 0, UDP: 5, SCTP: 8 });
    assert.equal(atoms.count, 9);
    assert.equal(atoms.words, 1);
  });

  const at: [string, 'TCP' | 'UDP' | 'SCTP', number, number][] = [
    ['TCP 1', 'TCP', 1, 0],
    ['TCP 79', 'TCP', 79, 0],
    ['TCP 80', 'TCP', 80, 1],
    ['TCP 90', 'TCP', 90, 2],
    ['TCP 91', 'TCP', 91, 3],
    ['TCP 65535', 'TCP', 65535, 4],
    ['UDP 53', 'UDP', 53, 6],
    ['SCTP 9', 'SCTP', 9, 8],
  ];
  for (const [name, protocol, port, id] of at) it(`atomOf ${name} = ${id}`, () => assert.equal(atomOf(atoms, protocol, port), id));

  it('atomRange is the inverse of atomOf', () => {
    assert.deepEqual(atomRange(atoms, 2), ['TCP', 81, 90]);
    assert.deepEqual(atomRange(atoms, 4), ['TCP', 65000, 65535]);
    assert.deepEqual(atomRange(atoms, 7), ['UDP', 54, 65535]);
  });

  it('maskToRanges merges adjacent atoms and omits empty protocols', () => {
    const m = newMask(atoms);
    addRangeToMask(atoms, m, 'TCP', 80, 90);
    addRangeToMask(atoms, m, 'UDP', 53, 53);
    assert.deepEqual(maskToRanges(atoms, m), { TCP: [[80, 90]], UDP: [[53, 53]] });
    assert.deepEqual(maskToRanges(atoms, newMask(atoms)), {});
    assert.deepEqual(maskToRanges(atoms, fullMask(atoms)), ALL_PORTS);
  });

  it('masks span several words when there are more than 32 atoms', () => {
    const many = new AtomCuts();
    for (let p = 100; p < 140; p++) many.addRange('TCP', p, p);
    const a = buildAtoms(many);
    assert.equal(a.words, Math.ceil(a.count / 32));
    const m = newMask(a);
    addRangeToMask(a, m, 'TCP', 120, 139);
    assert.deepEqual(maskToRanges(a, m), { TCP: [[120, 139]] });
  });
});

describe('port ranges', () => {
  it('portRanges sorts, merges overlapping and adjacent ranges, drops empty and inverted ones', () => {
    assert.deepEqual(
      portRanges({
        TCP: [
          [90, 100],
          [80, 85],
          [86, 89],
          [95, 120],
        ],
        UDP: [],
        SCTP: [[5, 4]],
      }),
      { TCP: [[80, 120]] },
    );
  });
  it('unionRanges', () =>
    assert.deepEqual(unionRanges({ TCP: [[1, 10]] }, { TCP: [[11, 20]], UDP: [[53, 53]] }), { TCP: [[1, 20]], UDP: [[53, 53]] }));
  it('equalRanges compares canonical forms', () =>
    assert.equal(
      equalRanges(
        {
          TCP: [
            [1, 5],
            [6, 9],
          ],
        },
        { TCP: [[1, 9]] },
      ),
      true,
    ));
  it('isEmptyRanges and isAllPorts', () => {
    assert.deepEqual([isEmptyRanges({}), isEmptyRanges({ TCP: [] }), isEmptyRanges({ UDP: [[1, 1]] })], [true, true, false]);
    assert.deepEqual([isAllPorts(ALL_PORTS), isAllPorts({ TCP: [[1, 65535]] })], [true, false]);
  });
});

describe('mask interner', () => {
  it('the same mask twice gets the same id; a different mask a new one', () => {
    const i = new MaskInterner(2);
    const a = i.intern(Uint32Array.of(1, 2));
    assert.equal(i.intern(Uint32Array.of(1, 2)), a);
    assert.notEqual(i.intern(Uint32Array.of(2, 1)), a);
    assert.equal(i.size, 2);
    assert.deepEqual([...i.mask(a)], [1, 2]);
  });

  for (const words of [1, 3]) {
    it(`grows past 1000 masks (${words} word(s)) with dense, stable ids`, () => {
      const i = new MaskInterner(words);
      const mk = (k: number) => Uint32Array.from({ length: words }, (_, w) => (w === words - 1 ? k : k * 7 + w));
      for (let k = 0; k < 1500; k++) assert.equal(i.intern(mk(k)), k);
      assert.equal(i.size, 1500);
      for (let k = 0; k < 1500; k += 37) {
        assert.equal(i.intern(mk(k)), k);
        assert.deepEqual([...i.mask(k)], [...mk(k)]);
      }
      assert.equal(i.size, 1500);
    });
  }
});

describe('selector', () => {
  const L: Labels = { app: 'web', tier: 'front' };
  const table: [string, LabelSelector, Labels, boolean][] = [
    ['{} matches anything', sel(), {}, true],
    ['matchLabels equal', sel({ app: 'web' }), L, true],
    ['matchLabels different value', sel({ app: 'db' }), L, false],
    ['matchLabels missing key', sel({ env: 'prod' }), L, false],
    ['In hit', sel({}, expr('tier', 'In', ['back', 'front'])), L, true],
    ['In miss', sel({}, expr('tier', 'In', ['back'])), L, false],
    ['In key absent', sel({}, expr('env', 'In', ['prod'])), L, false],
    ['NotIn hit', sel({}, expr('tier', 'NotIn', ['front'])), L, false],
    ['NotIn miss', sel({}, expr('tier', 'NotIn', ['back'])), L, true],
    ['NotIn key absent is true', sel({}, expr('env', 'NotIn', ['prod'])), L, true],
    ['Exists', sel({}, expr('app', 'Exists')), L, true],
    ['Exists key absent', sel({}, expr('env', 'Exists')), L, false],
    ['DoesNotExist key absent', sel({}, expr('env', 'DoesNotExist')), L, true],
    ['DoesNotExist key present', sel({}, expr('app', 'DoesNotExist')), L, false],
    ['labels and expressions AND', sel({ app: 'web' }, expr('tier', 'In', ['back'])), L, false],
    ['an inherited property is not a label', sel({}, expr('constructor', 'Exists')), {}, false],
  ];
  for (const [name, selector, labels, want] of table)
    it(`matchesSelector: ${name}`, () => assert.equal(matchesSelector(selector, labels), want));

  it('isEmptySelector, selectorKey is order-insensitive, selectorKeys, selectorText', () => {
    assert.deepEqual([isEmptySelector(sel()), isEmptySelector(sel({ a: '1' }))], [true, false]);
    const a = sel({ a: '1', b: '2' }, expr('c', 'In', ['y', 'x']), expr('d', 'Exists'));
    const b = sel({ b: '2', a: '1' }, expr('d', 'Exists'), expr('c', 'In', ['x', 'y']));
    assert.equal(selectorKey(a), selectorKey(b));
    assert.notEqual(selectorKey(a), selectorKey(sel({ a: '1' })));
    assert.deepEqual(selectorKeys(a), ['a', 'b', 'c', 'd']);
    assert.equal(selectorText(sel()), '{}');
    assert.equal(selectorText(sel({ a: '1' }, expr('c', 'NotIn', ['x']), expr('d', 'DoesNotExist'))), 'a=1, c notin (x), !d');
  });
});
