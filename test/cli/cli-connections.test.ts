// `netreach connections`: the golden list of examples/shop, the output formats, groupings and errors.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, STACK_FRAME, runCli, spawnCli, tempTree } from './cli-harness.ts';
import { assertGolden } from '../support/golden.ts';

const SHOP = join(REPO_ROOT, 'examples/shop');
const GOLDEN = join(SHOP, 'connections.txt');

describe('netreach connections on examples/shop', () => {
  it('-o txt equals the hand-checked golden examples/shop/connections.txt', async () => {
    const r = await runCli(['connections', '-f', SHOP, '-o', 'txt']);
    assert.equal(r.code, 0);
    assertGolden(GOLDEN, r.stdout);
  });

  it('txt is the default format, and the spawned binary prints the same', () => {
    const r = spawnCli(['connections', '-f', 'examples/shop']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, readFileSync(GOLDEN, 'utf8'));
    assert.match(r.stderr, /Namespace payments: namespace is used but not declared/u);
  });

  it('-o json follows the contract: groupBy, and from/to/ports per connection', async () => {
    const r = await runCli(['connections', '-f', SHOP, '-o', 'json']);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.groupBy, 'workload');
    assert.deepEqual(doc.connections[0], {
      from: { workload: 'deploy:shop/catalog' },
      to: { workload: 'sts:shop/orders-db' },
      ports: { TCP: [[5432, 5432]] },
    });
    assert.ok(
      doc.connections.some(
        (c: { from: unknown; to: unknown; ports: unknown }) =>
          JSON.stringify(c) ===
          JSON.stringify({ from: { cidrs: ['0.0.0.0/0'] }, to: { workload: 'deploy:shop/frontend' }, ports: { TCP: [[8080, 8080]] } }),
      ),
    );
    assert.ok(doc.connections.some((c: { from: { workload?: string } }) => c.from.workload === 'cronjob:shop/sales-report'));
  });

  const formats: { name: string; argv: string[]; expect: (out: string) => void }[] = [
    {
      name: '-o csv: one row per pair and protocol',
      argv: ['-o', 'csv'],
      expect: (o) => {
        const lines = o.trim().split('\n');
        assert.equal(lines[0], 'from,to,protocol,ports,differs');
        assert.equal(lines.filter((l) => l.startsWith('payments/payments-api[Deployment],0.0.0.0/0 ::/0[External],')).length, 3);
      },
    },
    {
      name: '-o md: a Markdown table',
      argv: ['-o', 'md'],
      expect: (o) => assert.match(o, /^\| shop\/frontend\[Deployment\] \| shop\/catalog\[Deployment\] \| TCP 9090 \|$/mu),
    },
    {
      name: '-o dot: a Graphviz digraph clustered by namespace',
      argv: ['-o', 'dot'],
      expect: (o) => {
        assert.match(o, /^digraph connections \{/u);
        assert.match(o, /subgraph cluster_\d+ \{\n {4}label="shop";/u);
        assert.match(o, /"deploy:shop\/frontend" -> "deploy:shop\/catalog" \[label="TCP 9090"\];/u);
      },
    },
    {
      name: '--group-by namespace',
      argv: ['--group-by', 'namespace'],
      expect: (o) => assert.match(o, /^shop\[Namespace\] => payments\[Namespace\] : TCP 8443 \(not every member pair\)$/mu),
    },
    {
      name: '--group-by pod: template endpoints keep their workload name',
      argv: ['--group-by', 'pod', '-o', 'json'],
      expect: (o) => {
        const doc = JSON.parse(o);
        assert.equal(doc.groupBy, 'pod');
        assert.ok(doc.connections.some((c: { from: { workload?: string } }) => c.from.workload === 'deploy:shop/frontend'));
      },
    },
  ];
  for (const f of formats) {
    it(f.name, async () => {
      const r = await runCli(['connections', '-f', SHOP, ...f.argv]);
      assert.equal(r.code, 0, r.stderr);
      f.expect(r.stdout);
    });
  }
});

describe('netreach connections: input and flag errors', () => {
  const cases: { name: string; argv: string[]; stderr: RegExp }[] = [
    { name: 'unknown --group-by', argv: ['--group-by', 'team'], stderr: /--group-by team: expected one of workload, pod, namespace/u },
    { name: 'unknown -o', argv: ['-o', 'yaml'], stderr: /-o yaml: expected one of/u },
    { name: 'no -f', argv: [], stderr: /no input/u },
  ];
  for (const c of cases) {
    it(`exit 2: ${c.name}`, async () => {
      const r = await runCli(['connections', ...(c.name === 'no -f' ? [] : ['-f', SHOP]), ...c.argv]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, c.stderr);
      assert.doesNotMatch(r.stderr, STACK_FRAME);
    });
  }

  it('--strict rejects names the API server would reject; lenient loads them with a warning', async () => {
    const tree = tempTree({
      'np.yaml':
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny_all, namespace: a}\nspec: {podSelector: {}}\n',
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a}\nspec: {containers: [{name: c, image: x}]}\n',
    });
    try {
      const lenient = await runCli(['connections', '-f', tree.dir]);
      assert.equal(lenient.code, 0);
      assert.equal(lenient.stdout, 'a/p[Pod] => 0.0.0.0/0,::/0[External] : All Connections\n');
      assert.match(lenient.stderr, /invalid name/u);
      const strict = await runCli(['connections', '-f', tree.dir, '--strict']);
      assert.equal(strict.code, 2);
    } finally {
      tree.remove();
    }
  });

  it('--help prints the usage', async () => {
    const r = await runCli(['connections', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /netreach connections -f PATH\.\.\. \[--group-by workload\|pod\|namespace\]/u);
  });
});
