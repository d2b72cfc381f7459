// Cluster config selection: --kubeconfig, $KUBECONFIG, ~/.kube/config, in-cluster, else the demo.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findClusterConfig } from '../../../src/ingest/cluster/kubeconfig.ts';
import { InputError } from '../../../src/model/diagnostics.ts';
import { writeKubeconfig } from '../../support/fake-apiserver.ts';

let dir = '';
const path = (...parts: string[]) => join(dir, ...parts);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netreach-kubeconfig-'));
  await writeKubeconfig(path('flag.yaml'), 'http://127.0.0.1:1001');
  await writeKubeconfig(path('env.yaml'), 'http://127.0.0.1:1002');
  await mkdir(path('home', '.kube'), { recursive: true });
  await writeKubeconfig(path('home', '.kube', 'config'), 'http://127.0.0.1:1003');
  await mkdir(path('empty-home'));
  await mkdir(path('sa'));
  await writeFile(path('sa', 'token'), 'sa-token');
  await writeFile(path('sa', 'namespace'), 'netreach');
  await writeFile(path('broken.yaml'), 'clusters: [unclosed');
  await writeFile(path('no-context.yaml'), 'apiVersion: v1\nkind: Config\nclusters: []\n');
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('findClusterConfig', () => {
  const inCluster = { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' };
  const cases: { name: string; options: () => Parameters<typeof findClusterConfig>[0]; kind: string | undefined; server?: string }[] = [
    {
      name: '--kubeconfig wins over everything',
      options: () => ({
        kubeconfig: path('flag.yaml'),
        env: { KUBECONFIG: path('env.yaml'), ...inCluster },
        home: path('home'),
        serviceAccountDir: path('sa'),
      }),
      kind: 'flag',
      server: 'http://127.0.0.1:1001',
    },
    {
      name: '$KUBECONFIG before ~/.kube/config',
      options: () => ({ env: { KUBECONFIG: path('env.yaml') }, home: path('home') }),
      kind: 'env',
      server: 'http://127.0.0.1:1002',
    },
    {
      name: '$KUBECONFIG entries that do not exist are skipped',
      options: () => ({ env: { KUBECONFIG: [path('missing.yaml'), path('env.yaml')].join(delimiter) }, home: path('home') }),
      kind: 'env',
      server: 'http://127.0.0.1:1002',
    },
    {
      name: '$KUBECONFIG naming no existing file falls through to ~/.kube/config',
      options: () => ({ env: { KUBECONFIG: path('missing.yaml') }, home: path('home') }),
      kind: 'home',
      server: 'http://127.0.0.1:1003',
    },
    {
      name: 'in-cluster when there is no kubeconfig and a service account is mounted',
      options: () => ({ env: inCluster, home: path('empty-home'), serviceAccountDir: path('sa') }),
      kind: 'in-cluster',
      server: 'https://10.96.0.1:443',
    },
    {
      name: 'in-cluster with an IPv6 service host',
      options: () => ({
        env: { KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443' },
        home: path('empty-home'),
        serviceAccountDir: path('sa'),
      }),
      kind: 'in-cluster',
      server: 'https://[fd00::1]:443',
    },
    {
      name: 'nothing at all: undefined (the caller serves the demo)',
      options: () => ({ env: {}, home: path('empty-home'), serviceAccountDir: path('sa') }),
      kind: undefined,
    },
    {
      name: 'KUBERNETES_SERVICE_HOST without a token file is not in-cluster',
      options: () => ({ env: inCluster, home: path('empty-home'), serviceAccountDir: path('no-sa') }),
      kind: undefined,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const found = await findClusterConfig(c.options());
      assert.equal(found?.source.kind, c.kind);
      if (c.server) assert.equal(found?.kubeConfig.getCurrentCluster()?.server, c.server);
    });
  }

  it('the source names the file that was used', async () => {
    assert.deepEqual((await findClusterConfig({ env: {}, home: path('home') }))?.source, {
      kind: 'home',
      path: path('home', '.kube', 'config'),
    });
  });

  it('the in-cluster config authenticates with the service account token', async () => {
    const found = await findClusterConfig({ env: inCluster, home: path('empty-home'), serviceAccountDir: path('sa') });
    const options: { headers: Record<string, string> } = { headers: {} };
    await found?.kubeConfig.applyToHTTPSOptions(options);
    assert.equal(options.headers.Authorization, 'Bearer sa-token');
    assert.equal(found?.kubeConfig.getContextObject(found.kubeConfig.getCurrentContext())?.namespace, 'netreach');
  });

  const refused: [string, () => Parameters<typeof findClusterConfig>[0], RegExp][] = [
    ['--kubeconfig naming a missing file', () => ({ kubeconfig: path('missing.yaml'), env: {} }), /no such file/],
    ['--kubeconfig naming a broken file', () => ({ kubeconfig: path('broken.yaml'), env: {} }), /broken\.yaml/],
    [
      'a kubeconfig without a current cluster',
      () => ({ env: { KUBECONFIG: path('no-context.yaml') }, home: path('home') }),
      /no current context/,
    ],
  ];
  for (const [name, options, message] of refused) {
    it(`${name} is an InputError, not a fall-back to the demo`, async () => {
      await assert.rejects(findClusterConfig(options()), (err: unknown) => err instanceof InputError && message.test(err.message));
    });
  }
});
