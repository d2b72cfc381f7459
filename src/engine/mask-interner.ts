// Interns fixed-width atom masks to dense ids without allocating per lookup: an open-addressing
// hash table over a growing pool of words.
export class MaskInterner {
  private readonly words: number;
  private pool: Uint32Array;
  private table: Int32Array;
  private count = 0;

  constructor(words: number) {
    this.words = Math.max(1, words);
    this.pool = new Uint32Array(this.words * 64);
    this.table = new Int32Array(256).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  private hash(mask: Uint32Array): number {
    let h = 0x811c9dc5;
    for (let w = 0; w < this.words; w++) h = Math.imul(h ^ mask[w], 0x01000193);
    return h >>> 0;
  }

  private equalsAt(id: number, mask: Uint32Array): boolean {
    const base = id * this.words;
    for (let w = 0; w < this.words; w++) if (this.pool[base + w] !== mask[w]) return false;
    return true;
  }

  private grow(): void {
    const table = new Int32Array(this.table.length * 2).fill(-1);
    const bits = table.length - 1;
    for (let id = 0; id < this.count; id++) {
      let slot = this.hash(this.pool.subarray(id * this.words, (id + 1) * this.words)) & bits;
      while (table[slot] !== -1) slot = (slot + 1) & bits;
      table[slot] = id;
    }
    this.table = table;
  }

  intern(mask: Uint32Array): number {
    const bits = this.table.length - 1;
    let slot = this.hash(mask) & bits;
    for (;;) {
      const id = this.table[slot];
      if (id === -1) break;
      if (this.equalsAt(id, mask)) return id;
      slot = (slot + 1) & bits;
    }
    const id = this.count++;
    if ((id + 1) * this.words > this.pool.length) {
      const pool = new Uint32Array(this.pool.length * 2);
      pool.set(this.pool);
      this.pool = pool;
    }
    this.pool.set(mask.subarray(0, this.words), id * this.words);
    this.table[slot] = id;
    if (this.count * 2 > this.table.length) this.grow();
    return id;
  }

  mask(id: number): Uint32Array {
    return this.pool.subarray(id * this.words, (id + 1) * this.words);
  }
}
