// The named word operations of bitset.ts, and atom masks built through them (port-atoms.ts):
// each case states which operand is mutated and checks the others are untouched.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { andInto, forEachBit, newBits, orAndInto, orInto, setBit, setRange } from '../../src/engine/bitset.ts';
import { AtomCuts, addRangeToMask, buildAtoms, fullMask, maskHas, newMask } from '../../src/engine/port-atoms.ts';

const bits = (size: number, ids: number[]) => {
  const b = newBits(size);
  for (const i of ids) setBit(b, i);
  return b;
};
const ids = (b: Uint32Array) => {
  const out: number[] = [];
  forEachBit(b, (i) => out.push(i));
  return out;
};

const cases = [
  { name: 'orInto: target |= source', run: (t: Uint32Array, a: Uint32Array) => orInto(t, a), want: [1, 33, 40, 70] },
  { name: 'andInto: target &= source', run: (t: Uint32Array, a: Uint32Array) => andInto(t, a), want: [33] },
  {
    name: 'orAndInto: target |= a & b',
    run: (t: Uint32Array, a: Uint32Array, b: Uint32Array) => orAndInto(t, a, b),
    want: [1, 33, 40, 70],
  },
];
for (const c of cases) {
  test(c.name, () => {
    const target = bits(80, [1, 33, 70]);
    const a = bits(80, [33, 40]);
    const b = bits(80, [33, 40, 79]);
    c.run(target, a, b);
    assert.deepEqual(ids(target), c.want);
    assert.deepEqual(ids(a), [33, 40], 'source untouched');
    assert.deepEqual(ids(b), [33, 40, 79], 'second source untouched');
  });
}

test('setRange sets [from, to) across partial and whole words', () => {
  for (const [from, to] of [
    [0, 0],
    [3, 5],
    [30, 70],
    [0, 64],
    [31, 33],
    [64, 96],
  ]) {
    const b = newBits(100);
    setRange(b, from, to);
    assert.deepEqual(
      ids(b),
      Array.from({ length: to - from }, (_, i) => from + i),
      `[${from}, ${to})`,
    );
  }
});

test('atom masks use the same operations: full mask has every atom and nothing above count', () => {
  const cuts = new AtomCuts();
  cuts.addRange('TCP', 80, 80);
  cuts.addRange('UDP', 53, 53);
  const atoms = buildAtoms(cuts);
  assert.deepEqual(
    ids(fullMask(atoms)),
    Array.from({ length: atoms.count }, (_, i) => i),
  );
  const m = newMask(atoms);
  addRangeToMask(atoms, m, 'TCP', 80, 80);
  assert.equal(ids(m).length, 1);
  assert.ok(maskHas(m, ids(m)[0]));
});
