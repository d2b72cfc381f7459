// `netreach lint`, in process through main(argv, io): the documentation example with three mistakes,
// clean input, and the policy findings, on real temporary files.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from '../../src/model/diagnostics.ts';
import { BROKEN_PATH, DEMO_PATH, podYaml, runCli, tempTree } from './cli-harness.ts';

interface LintJson {
  ok: boolean;
  diagnostics: Diagnostic[];
}

const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {kubernetes.io/metadata.name: shop}}';

function policy(name: string, spec: string): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: shop}\nspec:\n${spec}`;
}

const tree = tempTree({
  'clean.yaml': [
    NAMESPACE,
    podYaml('shop', 'web', '10.1.0.1', { app: 'web' }, '{name: http, containerPort: 80}'),
    podYaml('shop', 'api', '10.1.0.2', { app: 'api' }),
    policy(
      'web-from-api',
      '  podSelector: {matchLabels: {app: web}}\n  ingress:\n  - from: [{podSelector: {matchLabels: {app: ' +
        'api}}}]\n    ports: [{port: http}]',
    ),
  ].join('\n---\n'),
  'selects-nothing.yaml': [
    NAMESPACE,
    podYaml('shop', 'web', '10.1.0.1', { app: 'web' }),
    policy('for-nobody', '  podSelector: {matchLabels: {app: nobody}}\n  policyTypes: [Ingress]'),
  ].join('\n---\n'),
  'findings.yaml': [
    NAMESPACE,
    podYaml('shop', 'web', '10.1.0.1', { app: 'web' }),
    policy(
      'odd',
      '  podSelector: {matchLabels: {app: web}}\n  ingress:\n  - from: [{podSelector: {matchLabels: {app: ' +
        'ghost}}}]\n    ports: [{port: grpc}]',
    ),
  ].join('\n---\n'),
  'bad-cidr.yaml': [NAMESPACE, policy('bad', '  podSelector: {}\n  ingress:\n  - from: [{ipBlock: {cidr: 10.0.0.0/33}}]')].join('\n---\n'),
});
after(() => tree.remove());

async function lintJson(file: string, extra: string[] = []): Promise<{ code: number; body: LintJson }> {
  const r = await runCli(['lint', '-f', file, '-o', 'json', ...extra]);
  return { code: r.code, body: JSON.parse(r.stdout) as LintJson };
}

test('lint broken-policy.yaml: exit 2 and each mistake reported with object and field path', async () => {
  const r = await runCli(['lint', '-f', BROKEN_PATH]);
  assert.equal(r.code, 2);
  const all = r.stdout + r.stderr;
  assert.ok(all.includes('NetworkPolicy default/test-network-policy: spec.podSelector.matchLabel: unknown field'), all);
  assert.ok(all.includes('NetworkPolicy default/test-network-policy: spec.podSelector.policyType: unknown field'), all);
  assert.ok(all.includes('NetworkPolicy default/test-network-policy: spec.ingress[0].egress: unknown field'), all);
  assert.match(all, /^error: /mu);
});

test('lint broken-policy.yaml -o json: ok false, three unknown-field errors', async () => {
  const { code, body } = await lintJson(BROKEN_PATH);
  assert.equal(code, 2);
  assert.equal(body.ok, false);
  const errors = body.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(
    errors.map((d) => [d.code, d.path]),
    [
      ['unknown-field', 'spec.podSelector.matchLabel'],
      ['unknown-field', 'spec.podSelector.policyType'],
      ['unknown-field', 'spec.ingress[0].egress'],
    ],
  );
  for (const d of errors) assert.deepEqual(d.ref, { kind: 'NetworkPolicy', namespace: 'default', name: 'test-network-policy' });
});

test("lint demo-cluster.yaml: only the db pod's missing DNS egress (a warning), exit 0, in text and JSON", async () => {
  const text = await runCli(['lint', '-f', DEMO_PATH]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(
    text.stdout,
    /^ok: 0 error\(s\), 1 warning\(s\)\nwarning: NetworkPolicy default\/test-network-policy: spec\.egress: isolates default\/db-0 for egress.*53\/UDP and 53\/TCP \(.*demo-cluster\.yaml:\d+\)\n$/u,
  );
  const { code, body } = await lintJson(DEMO_PATH);
  assert.equal(code, 0);
  assert.equal(body.ok, true);
  assert.deepEqual(
    body.diagnostics.map((d) => [d.severity, d.code, d.ref?.name]),
    [['warning', 'egress-blocks-dns', 'test-network-policy']],
  );
});

test('lint a clean file with a resolvable named port: exit 0, no findings', async () => {
  const { code, body } = await lintJson(tree.path('clean.yaml'));
  assert.equal(code, 0);
  assert.deepEqual(body, { ok: true, diagnostics: [] });
});

test('lint a policy selecting nothing: warning policy-selects-nothing, still exit 0', async () => {
  const { code, body } = await lintJson(tree.path('selects-nothing.yaml'));
  assert.equal(code, 0);
  assert.equal(body.ok, true);
  const found = body.diagnostics.find((d) => d.code === 'policy-selects-nothing');
  assert.ok(found, JSON.stringify(body));
  assert.equal(found.severity, 'warning');
  assert.deepEqual(found.ref, { kind: 'NetworkPolicy', namespace: 'shop', name: 'for-nobody' });
  assert.equal(found.path, 'spec.podSelector');
});

test('lint --strict turns warnings into exit 2', async () => {
  const { code, body } = await lintJson(tree.path('selects-nothing.yaml'), ['--strict']);
  assert.equal(code, 2);
  assert.equal(body.ok, false);
});

test('lint: peers that match nobody and an undefined named port are warnings', async () => {
  const { code, body } = await lintJson(tree.path('findings.yaml'));
  assert.equal(code, 0);
  const codes = body.diagnostics.map((d) => d.code).sort();
  assert.deepEqual(codes, ['named-port-unknown', 'peer-selects-nothing']);
});

test('lint: an invalid CIDR is an error with its field path and file', async () => {
  const { code, body } = await lintJson(tree.path('bad-cidr.yaml'));
  assert.equal(code, 2);
  const d = body.diagnostics.find((x) => x.code === 'invalid-cidr');
  assert.ok(d, JSON.stringify(body));
  assert.equal(d.path, 'spec.ingress[0].from[0].ipBlock.cidr');
  assert.equal(d.file, tree.path('bad-cidr.yaml'));
});

test('lint: a directory lints every manifest in it', async () => {
  const { code, body } = await lintJson(tree.dir);
  assert.equal(code, 2, 'bad-cidr.yaml is in it');
  const codes = new Set(body.diagnostics.map((d) => d.code));
  for (const c of ['invalid-cidr', 'policy-selects-nothing', 'peer-selects-nothing']) assert.ok(codes.has(c), c);
});

test('lint bad input: -o csv → exit 2', async () => {
  const r = await runCli(['lint', '-f', DEMO_PATH, '-o', 'csv']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /-o csv/u);
});

test('lint findings about a policy carry the file and the line of the field (JSON and text)', async () => {
  const t = tempTree({
    'a.yaml': [
      NAMESPACE,
      podYaml('shop', 'web', '10.1.0.1', { app: 'web' }),
      policy('to-nobody', '  podSelector: {matchLabels: {app: web}}\n  ingress:\n  - from: [{podSelector: {matchLabels: {app: ghost}}}]'),
    ].join('\n---\n'),
  });
  try {
    const r = await runCli(['lint', '-f', t.dir, '-o', 'json']);
    const body = JSON.parse(r.stdout) as LintJson;
    const finding = body.diagnostics.find((d) => d.code === 'peer-selects-nothing');
    assert.ok(finding, r.stdout);
    assert.equal(finding.file, t.path('a.yaml'));
    // NAMESPACE (3 lines) + --- + pod (5 lines) + --- + apiVersion, kind, metadata, spec, podSelector, ingress, `- from` = line 17.
    assert.equal(finding.line, 17);
    const text = await runCli(['lint', '-f', t.dir]);
    assert.ok(text.stdout.includes(`${t.path('a.yaml')}:17)`), text.stdout);
  } finally {
    t.remove();
  }
});
