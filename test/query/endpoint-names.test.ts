// Endpoint names: suggestions for names the snapshot does not hold (the same ns/name as a workload,
// Service or namespace first, then the nearest spellings), and kubectl's spellings accepted
// (`deploy/NAME -n NS`, `deployment.apps/NAME`, `NAME -n NS`).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEndpointSpec, endpointSpecText } from '../../src/query/endpoint-spec.ts';
import { editDistance } from '../../src/query/suggest.ts';
import { REPO_ROOT, runCli } from '../cli/cli-harness.ts';

const SHOP = `${REPO_ROOT}examples/shop`;

describe('kubectl spellings', () => {
  const CASES: [string, { namespace?: string }, string][] = [
    ['deploy/frontend', { namespace: 'shop' }, 'deploy:shop/frontend'],
    ['deployment.apps/frontend', {}, 'deploy:default/frontend'],
    ['deployment.apps/frontend', { namespace: 'shop' }, 'deploy:shop/frontend'],
    ['deployments/frontend', { namespace: 'shop' }, 'deploy:shop/frontend'],
    ['statefulset/orders-db', { namespace: 'shop' }, 'sts:shop/orders-db'],
    ['cronjob.batch/sales-report', { namespace: 'shop' }, 'cronjob:shop/sales-report'],
    ['svc/catalog', { namespace: 'shop' }, 'svc:shop/catalog'],
    ['pod/web-1', { namespace: 'shop' }, 'shop/web-1'],
    ['web-1', { namespace: 'shop' }, 'shop/web-1'],
    // Without -n a short TYPE/NAME stays netreach's pod spelling namespace/name.
    ['deploy/frontend', {}, 'deploy/frontend'],
    ['shop/web-1', {}, 'shop/web-1'],
    ['deploy:shop/frontend', { namespace: 'other' }, 'deploy:shop/frontend'],
    ['10.0.0.1', { namespace: 'shop' }, '10.0.0.1'],
  ];
  for (const [text, options, expected] of CASES) {
    it(`${text}${options.namespace ? ` -n ${options.namespace}` : ''} → ${expected}`, () => {
      assert.equal(endpointSpecText(parseEndpointSpec(text, options)), expected);
    });
  }
});

describe('suggestions for unknown names', () => {
  it('edit distance', () => {
    assert.equal(editDistance('frontend', 'frontnd'), 1);
    assert.equal(editDistance('abc', 'abc'), 0);
    assert.equal(editDistance('a', 'xyz', 1), 2);
  });
  const CASES: { name: string; argv: string[]; message: RegExp }[] = [
    {
      name: 'a Deployment spelled as a pod',
      argv: ['--from', 'shop/frontend', '--to', 'deploy:shop/catalog'],
      message: /no pod shop\/frontend in the snapshot \(did you mean deploy:shop\/frontend/,
    },
    {
      name: 'a typo in a workload',
      argv: ['--from', 'deploy:shop/frontnd', '--to', 'deploy:shop/catalog'],
      message: /no deploy:shop\/frontnd .*did you mean deploy:shop\/frontend/,
    },
    {
      name: 'a typo in a namespace',
      argv: ['--from', 'ns:shp', '--to', 'deploy:shop/catalog'],
      message: /no namespace shp in the snapshot \(did you mean ns:shop\?\)/,
    },
    {
      name: 'nothing close: no suggestion',
      argv: ['--from', 'zzz/qqqqqqqq', '--to', 'deploy:shop/catalog'],
      message: /no pod zzz\/qqqqqqqq in the snapshot$/m,
    },
  ];
  for (const c of CASES) {
    it(c.name, async () => {
      const r = await runCli(['check', '-f', SHOP, ...c.argv, '--port', '9090']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, c.message);
    });
  }
  it("the kubectl spelling answers like netreach's", async () => {
    const kubectl = await runCli([
      'check',
      '-f',
      SHOP,
      '-n',
      'shop',
      '--from',
      'deploy/frontend',
      '--to',
      'deployment.apps/catalog',
      '--port',
      '9090',
      '-o',
      'json',
    ]);
    const native = await runCli([
      'check',
      '-f',
      SHOP,
      '--from',
      'deploy:shop/frontend',
      '--to',
      'deploy:shop/catalog',
      '--port',
      '9090',
      '-o',
      'json',
    ]);
    assert.equal(kubectl.code, 0, kubectl.stderr);
    assert.equal(kubectl.stdout, native.stdout);
  });
});
