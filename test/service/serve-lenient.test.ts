// `serve --manifests` makes the uploads' choice at start (issue 25): strict refuses a broken file
// (InputError naming the object and field, exit 2 from the CLI); --lenient serves the rest, partial.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { InputError } from '../../src/model/diagnostics.ts';
import { runServe, type ServeOptions } from '../../src/process/serve.ts';

const dirs: string[] = [];
after(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const MANIFESTS = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: broken, namespace: shop}
spec:
  podSelector: {}
  ingress:
  - from:
    - ipBlock: {cidr: not-a-cidr}
`;

async function setup(): Promise<{ dir: string; options: (extra?: Partial<ServeOptions>) => ServeOptions }> {
  const dir = await mkdtemp(join(tmpdir(), 'netreach-lenient-'));
  dirs.push(dir);
  await writeFile(join(dir, 'm.yaml'), MANIFESTS);
  return {
    dir,
    options: (extra = {}) => ({
      manifests: [join(dir, 'm.yaml')],
      db: join(dir, 'netreach.db'),
      listen: { host: '127.0.0.1', port: 0 },
      debounceMs: 20,
      keepSnapshots: 5,
      env: {},
      home: dir,
      log: () => {},
      ...extra,
    }),
  };
}

describe('serve --manifests: strict at start, --lenient on request', () => {
  test('a manifest with a broken object refuses to start, naming the field; the lock is released', async () => {
    const { options } = await setup();
    await assert.rejects(
      runServe(options()),
      (e: unknown) => e instanceof InputError && e.diagnostics.some((d) => d.path?.includes('ipBlock.cidr')),
    );
    const again = await runServe(options({ lenient: true })); // the failed start left no lock behind
    await again.close();
  });

  test('--lenient serves what decodes, marked partial in /readyz and /v1/snapshots', async () => {
    const { options } = await setup();
    const s = await runServe(options({ lenient: true }));
    try {
      const ready = (await (await fetch(`${s.url}/readyz`)).json()) as { ready: boolean; partial: boolean };
      assert.equal(ready.partial, true);
      const list = (await (await fetch(`${s.url}/v1/snapshots`)).json()) as {
        snapshots: { partial?: boolean; counts: { namespaces: number; policies: number } }[];
      };
      assert.equal(list.snapshots[0].partial, true);
      assert.deepEqual([list.snapshots[0].counts.namespaces, list.snapshots[0].counts.policies], [1, 0]);
    } finally {
      await s.close();
    }
  });
});
