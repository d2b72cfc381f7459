// allPortsRow computes a row at a time from the rules turned around (all-ports.ts); every cell must
// equal pairAtoms(a, b), the one definition of "allowed atoms between two classes" (pair.ts), on
// generated clusters of several shapes and seeds (isolated and open sides, named ports, ipBlocks,
// cross-namespace peers) and on the bundled example clusters.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateCluster } from '../../bench/generate.ts';
import { allPortsMatrix, compile, type CompiledSnapshot } from '../../src/engine/index.ts';
import { pairAtoms } from '../../src/engine/pair-atoms.ts';
import { newMask } from '../../src/engine/port-atoms.ts';
import { loadManifests } from '../../src/query/manifests.ts';
import { DEMO_PATH, REPO_ROOT } from '../cli/cli-harness.ts';

function assertCellsArePairAtoms(c: CompiledSnapshot): void {
  const m = allPortsMatrix(c);
  const out = newMask(c.atoms);
  const scratch = newMask(c.atoms);
  const n = c.classes.length;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      pairAtoms(c, a, b, out, scratch);
      const got = m.table.interner.mask(m.cells[a * n + b]);
      if (!got.every((w, i) => w === out[i])) assert.fail(`class ${a} → class ${b}: row ${[...got]} ≠ pairAtoms ${[...out]}`);
    }
  }
}

describe('allPortsMatrix equals pairAtoms in every cell', () => {
  const generated: [string, number, number][] = [
    ['300 pods, seed 1', 300, 1],
    ['1000 pods, seed 2', 1000, 2],
    ['2000 pods, seed 5', 2000, 5],
  ];
  for (const [name, pods, seed] of generated) {
    it(`generated cluster: ${name}`, () => assertCellsArePairAtoms(compile(generateCluster({ pods, seed }))));
  }
  const examples = ['demo-cluster', 'cilium-cluster', 'cilium-policies', 'flannel-cluster'].map((f) => `examples/${f}.yaml`);
  for (const file of examples) {
    it(file, async () => {
      const path = file === 'examples/demo-cluster.yaml' ? DEMO_PATH : `${REPO_ROOT}${file}`;
      assertCellsArePairAtoms((await loadManifests([path])).compiled);
    });
  }
});
