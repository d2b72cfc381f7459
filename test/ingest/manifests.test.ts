import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { readManifests, STDIN_NAME } from '../../src/ingest/manifests.ts';
import { decodeObjects } from '../../src/model/decode.ts';

let dir = '';
const path = (...parts: string[]) => join(dir, ...parts);
const write = async (name: string, text: string) => {
  await mkdir(join(dir, name, '..'), { recursive: true });
  await writeFile(path(name), text);
  return path(name);
};

/** `kind/name@line` per object: compact and shows the line each object was found on. */
const summary = (objects: { object: unknown; line?: number }[]) =>
  objects.map(({ object, line }) => {
    const o = object as { kind?: string; metadata?: { name?: string } };
    return `${o.kind}/${o.metadata?.name}@${line}`;
  });

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netreach-manifests-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readManifests: YAML streams', () => {
  it('reads multi-document YAML with helm `# Source:` comments, skipping empty documents', async () => {
    const file = await write(
      'helm.yaml',
      [
        '---',
        '# Source: chart/templates/ns.yaml',
        'apiVersion: v1',
        'kind: Namespace',
        'metadata:',
        '  name: shop',
        '---',
        '# Source: chart/templates/empty.yaml',
        '---',
        '---',
        '# Source: chart/templates/pod.yaml',
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: web, namespace: shop}',
        '...',
      ].join('\n'),
    );
    const read = await readManifests([file]);
    assert.deepEqual(read.diagnostics, []);
    assert.equal(read.files, 1);
    assert.deepEqual(summary(read.objects), ['Namespace/shop@3', 'Pod/web@12']);
    assert.ok(read.objects.every((o) => o.file === file));
  });

  it('an empty file or one with only comments gives no objects', async () => {
    const read = await readManifests([await write('empty.yaml', ''), await write('comments.yaml', '# nothing\n---\n# here\n')]);
    assert.deepEqual(read, { objects: [], diagnostics: [], files: 2 });
  });

  it('a syntax error in one document keeps the others, and reports file and line', async () => {
    const file = await write(
      'broken.yaml',
      ['kind: Pod', 'metadata: {name: a}', '---', 'kind: Pod', 'metadata: {name: [b}', '---', 'kind: Pod', 'metadata: {name: c}'].join(
        '\n',
      ),
    );
    const read = await readManifests([file]);
    assert.deepEqual(summary(read.objects), ['Pod/a@1', 'Pod/c@7']);
    assert.ok(read.diagnostics.length >= 1);
    assert.ok(read.diagnostics.every((d) => d.code === 'syntax-error' && d.severity === 'error' && d.file === file));
    assert.equal(read.diagnostics[0].line, 5);
  });

  it('a duplicate key is a syntax error', async () => {
    const file = await write('dup.yaml', 'kind: NetworkPolicy\nspec:\n  ingress: []\n  ingress: [{}]\n');
    const read = await readManifests([file]);
    assert.deepEqual(read.objects, []);
    assert.deepEqual(
      read.diagnostics.map((d) => [d.code, d.line]),
      [['syntax-error', 4]],
    );
  });

  it('unquoted yes/no/on/off are booleans, as kubectl reads them', async () => {
    const file = await write(
      'yes.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    enabled: yes\n    quoted: "yes"\n    flag: off\n',
    );
    const read = await readManifests([file]);
    const labels = (read.objects[0].object as { metadata: { labels: unknown } }).metadata.labels;
    assert.deepEqual(labels, { enabled: true, quoted: 'yes', flag: false });
    const decoded = decodeObjects(read.objects, { source: 'manifests' });
    assert.deepEqual(
      decoded.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.path, d.line]),
      [
        ['invalid-type', 'metadata.labels.enabled', 6],
        ['invalid-type', 'metadata.labels.flag', 8],
      ],
    );
  });
});

describe('readManifests: lists', () => {
  it('a diagnostic inside a List item points at the field line in that item', async () => {
    const file = await write(
      'list-lines.yaml',
      [
        'apiVersion: v1',
        'kind: List',
        'items:',
        '- apiVersion: networking.k8s.io/v1',
        '  kind: NetworkPolicy',
        '  metadata: {name: a, namespace: default}',
        '  spec:',
        '    podSelector: {}',
        '    ingress:',
        '    - from:',
        '      - ipBlock:',
        '          cidr: 10.0.0.0/33',
      ].join('\n'),
    );
    const decoded = decodeObjects((await readManifests([file])).objects, { source: 'manifests' });
    assert.deepEqual(
      decoded.diagnostics.map((d) => [d.code, d.path, d.line]),
      [['invalid-cidr', 'spec.ingress[0].from[0].ipBlock.cidr', 12]],
    );
  });

  it('flattens kind: List, each item with its own line', async () => {
    const file = await write(
      'list.yaml',
      [
        'apiVersion: v1',
        'kind: List',
        'items:',
        '- apiVersion: v1',
        '  kind: Namespace',
        '  metadata: {name: a}',
        '- apiVersion: networking.k8s.io/v1',
        '  kind: NetworkPolicy',
        '  metadata: {name: deny}',
        '  spec: {podSelector: {}}',
      ].join('\n'),
    );
    const read = await readManifests([file]);
    assert.deepEqual(read.diagnostics, []);
    assert.deepEqual(summary(read.objects), ['Namespace/a@4', 'NetworkPolicy/deny@7']);
  });

  it('fills kind and apiVersion of typed-list items (PodList from kubectl get -o yaml)', async () => {
    const file = await write(
      'pods.yaml',
      [
        'apiVersion: v1',
        'kind: PodList',
        'metadata: {resourceVersion: "1"}',
        'items:',
        '- metadata: {name: a, namespace: x}',
        '- metadata: {name: b, namespace: x}',
      ].join('\n'),
    );
    const read = await readManifests([file]);
    assert.deepEqual(summary(read.objects), ['Pod/a@5', 'Pod/b@6']);
    assert.equal((read.objects[0].object as { apiVersion: string }).apiVersion, 'v1');
    const decoded = decodeObjects(read.objects, { source: 'manifests' });
    assert.deepEqual(
      decoded.snapshot.pods.map((p) => p.name),
      ['a', 'b'],
    );
  });

  it('NetworkPolicyList items become networking.k8s.io/v1 NetworkPolicies', async () => {
    const file = await write(
      'policies.yaml',
      [
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicyList',
        'items:',
        '- metadata: {name: deny, namespace: x}',
        '  spec: {podSelector: {}}',
      ].join('\n'),
    );
    const read = await readManifests([file]);
    const decoded = decodeObjects(read.objects, { source: 'manifests' });
    assert.deepEqual(
      decoded.diagnostics.filter((d) => d.code !== 'implicit-namespace'),
      [],
    );
    assert.deepEqual(
      decoded.snapshot.policies.map((p) => `${p.namespace}/${p.name}`),
      ['x/deny'],
    );
  });

  it('an item that carries its own kind keeps it', async () => {
    const file = await write(
      'mixed.yaml',
      'apiVersion: apps/v1\nkind: DeploymentList\nitems:\n- kind: StatefulSet\n  metadata: {name: s}\n',
    );
    const read = await readManifests([file]);
    assert.deepEqual(summary(read.objects), ['StatefulSet/s@4']);
  });

  it('a List whose items is not a list is an invalid-type error', async () => {
    const read = await readManifests([await write('badlist.yaml', 'apiVersion: v1\nkind: List\nitems: {a: 1}\n')]);
    assert.deepEqual(read.objects, []);
    assert.deepEqual(
      read.diagnostics.map((d) => [d.code, d.path]),
      [['invalid-type', 'items']],
    );
  });
});

describe('readManifests: JSON', () => {
  it('reads a JSON object, tabs and all', async () => {
    const file = await write('pod.json', '{\n\t"apiVersion": "v1",\n\t"kind": "Pod",\n\t"metadata": {"name": "j"}\n}\n');
    const read = await readManifests([file]);
    assert.deepEqual(read.diagnostics, []);
    assert.deepEqual(summary(read.objects), ['Pod/j@1']);
  });

  it('reads a JSON List with item lines', async () => {
    const file = await write(
      'list.json',
      JSON.stringify(
        { apiVersion: 'v1', kind: 'ServiceList', items: [{ metadata: { name: 's1' } }, { metadata: { name: 's2' } }] },
        null,
        2,
      ),
    );
    const read = await readManifests([file]);
    assert.deepEqual(summary(read.objects), ['Service/s1@5', 'Service/s2@10']);
  });

  it('a JSON syntax error is reported with file and line', async () => {
    const file = await write('bad.json', '{\n  "kind": "Pod",\n  "metadata": {"name": "x"\n');
    const read = await readManifests([file]);
    assert.deepEqual(read.objects, []);
    assert.equal(read.diagnostics[0].code, 'syntax-error');
    assert.equal(read.diagnostics[0].file, file);
    assert.equal(typeof read.diagnostics[0].line, 'number');
  });
});

describe('readManifests: paths', () => {
  it('walks directories recursively in sorted order, reading only .yaml, .yml and .json', async () => {
    const root = 'tree';
    await write(`${root}/b.yaml`, 'kind: Pod\nmetadata: {name: b}\n');
    await write(`${root}/a/z.yml`, 'kind: Pod\nmetadata: {name: a-z}\n');
    await write(`${root}/a/y.json`, '{"kind": "Pod", "metadata": {"name": "a-y"}}');
    await write(`${root}/c/deep/d.YAML`, 'kind: Pod\nmetadata: {name: c-deep-d}\n');
    await write(`${root}/README.md`, '# not a manifest: kind: Pod\n');
    await write(`${root}/values.txt`, 'kind: Pod\n');
    await write(`${root}/.git/config.yaml`, 'kind: Pod\nmetadata: {name: hidden}\n');
    const read = await readManifests([path(root)]);
    assert.deepEqual(read.diagnostics, []);
    assert.equal(read.files, 4);
    assert.deepEqual(summary(read.objects), ['Pod/a-y@1', 'Pod/a-z@1', 'Pod/b@1', 'Pod/c-deep-d@1']);
    assert.deepEqual(
      read.objects.map((o) => o.file),
      [path(root, 'a', 'y.json'), path(root, 'a', 'z.yml'), path(root, 'b.yaml'), path(root, 'c', 'deep', 'd.YAML')],
    );
  });

  it('a file named directly is read whatever its extension', async () => {
    const read = await readManifests([await write('policy.txt', 'kind: Pod\nmetadata: {name: t}\n')]);
    assert.deepEqual(summary(read.objects), ['Pod/t@1']);
  });

  it('a missing path is a file-not-found error and the other paths still load', async () => {
    const good = await write('good.yaml', 'kind: Pod\nmetadata: {name: g}\n');
    const missing = path('does-not-exist.yaml');
    const read = await readManifests([missing, good]);
    assert.deepEqual(
      read.diagnostics.map((d) => [d.severity, d.code, d.file]),
      [['error', 'file-not-found', missing]],
    );
    assert.deepEqual(summary(read.objects), ['Pod/g@1']);
    assert.equal(read.files, 1);
  });

  it('- reads stdin', async () => {
    const stdin = Readable.from([Buffer.from('kind: Pod\nmetadata: {name: s1}\n---\n'), 'kind: Pod\nmetadata: {name: s2}\n']);
    const read = await readManifests(['-'], stdin);
    assert.deepEqual(summary(read.objects), ['Pod/s1@1', 'Pod/s2@4']);
    assert.ok(read.objects.every((o) => o.file === STDIN_NAME));
    assert.equal(read.files, 1);
  });

  it('stdin and files mix in the order given', async () => {
    const file = await write('one.yaml', 'kind: Pod\nmetadata: {name: f}\n');
    const read = await readManifests([file, '-'], Readable.from(['kind: Pod\nmetadata: {name: s}\n']));
    assert.deepEqual(summary(read.objects), ['Pod/f@1', 'Pod/s@1']);
    assert.equal(read.files, 2);
  });
});
