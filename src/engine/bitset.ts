// Fixed-size bitsets over dense ids, 32 ids per word: bit i is word i>>>5, bit i&31. One vocabulary for
// class bitsets (ids are endpoint classes) and port-atom masks (port-atoms.ts: ids are atoms).
// Word-wide operations are the engine's inner loop: keep them allocation-free.
// Mutation: an operation named `…Into(target, …)` or `set…(b, …)` writes its FIRST operand only and
// reads the others; the operands must have the same length (the target's length bounds the loop).
// Everything else reads only.

export type Bits = Uint32Array;

export function newBits(size: number): Bits {
  return new Uint32Array((size + 31) >>> 5);
}

export function fullBits(size: number): Bits {
  const b = newBits(size);
  setRange(b, 0, size);
  return b;
}

export function hasBit(b: Bits, i: number): boolean {
  return (b[i >>> 5] & (1 << (i & 31))) !== 0;
}

export function setBit(b: Bits, i: number): void {
  b[i >>> 5] |= 1 << (i & 31);
}

/** Sets bits [from, to) of `b` (mutates b); whole words are set a word at a time. */
export function setRange(b: Bits, from: number, to: number): void {
  for (let i = from; i < to;) {
    if ((i & 31) === 0 && i + 32 <= to) {
      b[i >>> 5] = 0xffffffff;
      i += 32;
    } else {
      b[i >>> 5] |= 1 << (i & 31);
      i++;
    }
  }
}

/** target |= source (mutates target). */
export function orInto(target: Bits, source: Bits): void {
  for (let w = 0; w < target.length; w++) target[w] |= source[w];
}

/** target &= source (mutates target). */
export function andInto(target: Bits, source: Bits): void {
  for (let w = 0; w < target.length; w++) target[w] &= source[w];
}

/** target |= a & b (mutates target). */
export function orAndInto(target: Bits, a: Bits, b: Bits): void {
  for (let w = 0; w < target.length; w++) target[w] |= a[w] & b[w];
}

export function isEmptyBits(b: Bits): boolean {
  for (let w = 0; w < b.length; w++) if (b[w] !== 0) return false;
  return true;
}

export function equalBits(a: Bits, b: Bits): boolean {
  if (a.length !== b.length) return false;
  for (let w = 0; w < a.length; w++) if (a[w] !== b[w]) return false;
  return true;
}

/** Calls fn for every set bit, ascending. */
export function forEachBit(b: Bits, fn: (i: number) => void): void {
  for (let w = 0; w < b.length; w++) {
    let word = b[w];
    while (word !== 0) {
      const low = word & -word;
      fn((w << 5) + (31 - Math.clz32(low)));
      word ^= low;
    }
  }
}

export function countBits(b: Bits): number {
  let n = 0;
  for (let w = 0; w < b.length; w++) {
    let v = b[w];
    v = v - ((v >>> 1) & 0x55555555);
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    n += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return n;
}

/** A stable string key of the bits, for interning. */
export function bitsKey(b: Bits): string {
  let s = '';
  for (let w = 0; w < b.length; w++) s += b[w].toString(36) + ',';
  return s;
}
