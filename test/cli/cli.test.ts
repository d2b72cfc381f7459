// `netreach` as a user runs it: the real binary spawned for exit codes, stdin and what reaches the
// terminal (no stack traces); in process for lenient vs --strict input and the input forms
// (directories, JSON `kind: List`, typed lists whose items have no kind) on real temporary files.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { MatrixResult, Verdict } from '../../src/engine/verdict.ts';
import { BROKEN, DEMO, DEMO_PATH, STACK_FRAME, podYaml, runCli, spawnCli, tempTree } from './cli-harness.ts';

const FRONTEND_TO_DB = ['--from', 'default/frontend-1', '--to', 'default/db-0', '--port', '6379'];

// ---- the real binary ---------------------------------------------------------------------------

test('spawned: check -o json on the demo cluster answers allowed with the rule, exit 0, quiet stderr', () => {
  const r = spawnCli(['check', '-f', DEMO, ...FRONTEND_TO_DB, '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const v = JSON.parse(r.stdout) as Verdict;
  assert.equal(v.allowed, true);
  assert.deepEqual(v.ingress.allowedBy[0], { policy: 'default/test-network-policy', direction: 'Ingress', rule: 0 });
});

test('spawned: -f - reads the manifests from stdin', () => {
  const r = spawnCli(['check', '-f', '-', ...FRONTEND_TO_DB], readFileSync(DEMO_PATH, 'utf8'));
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^ALLOWED\s+default\/frontend-1 -> default\/db-0\s+TCP\/6379/u);
});

const spawnedFailures: { name: string; argv: string[]; stderr: RegExp; oneLine: boolean }[] = [
  { name: 'unknown command', argv: ['bogus'], stderr: /unknown command "bogus"/u, oneLine: false },
  {
    name: 'missing --port',
    argv: ['check', '-f', DEMO, '--from', 'default/frontend-1', '--to', 'default/db-0'],
    stderr: /^netreach: missing --port$/u,
    oneLine: true,
  },
  {
    name: 'unknown pod',
    argv: ['check', '-f', DEMO, '--from', 'default/nope', '--to', 'default/db-0', '--port', '1'],
    stderr: /no pod default\/nope/u,
    oneLine: true,
  },
  { name: 'unknown flag', argv: ['check', '-f', DEMO, ...FRONTEND_TO_DB, '--bogus'], stderr: /--bogus/u, oneLine: true },
  {
    name: 'missing file',
    argv: ['check', '-f', 'does/not/exist.yaml', ...FRONTEND_TO_DB],
    stderr: /does\/not\/exist\.yaml/u,
    oneLine: false,
  },
  { name: 'lint of the broken example', argv: ['lint', '-f', BROKEN], stderr: /^$/u, oneLine: false },
];

for (const c of spawnedFailures) {
  test(`spawned: ${c.name} → exit 2, a message, no stack trace`, () => {
    const r = spawnCli(c.argv);
    assert.equal(r.code, 2, `stdout: ${r.stdout}\nstderr: ${r.stderr}`);
    assert.match(r.stderr.trimEnd(), c.stderr);
    if (c.oneLine) assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.doesNotMatch(r.stderr, STACK_FRAME);
    assert.doesNotMatch(r.stdout, STACK_FRAME);
    assert.doesNotMatch(r.stderr, /internal error/u);
  });
}

// ---- dispatch and input errors, in process -----------------------------------------------------

test('no command: usage, exit 2; --help: usage on stdout, exit 0', async () => {
  const none = await runCli([]);
  assert.equal(none.code, 2);
  assert.match(none.stdout + none.stderr, /Commands:/u);
  const help = await runCli(['--help']);
  assert.equal(help.code, 0);
  for (const command of ['check', 'ports', 'matrix', 'lint']) assert.match(help.stdout, new RegExp(`netreach ${command} `, 'u'));
});

const inputErrors: { name: string; argv: string[]; stderr: RegExp }[] = [
  { name: 'no -f', argv: ['check', ...FRONTEND_TO_DB], stderr: /no input: pass manifests with -f/u },
  { name: 'no -f (matrix)', argv: ['matrix', '--port', '1'], stderr: /no input/u },
  { name: 'missing file', argv: ['matrix', '-f', '/nonexistent/netreach.yaml', '--port', '1'], stderr: /\/nonexistent\/netreach\.yaml/u },
  {
    name: 'bad port 70000',
    argv: ['check', '-f', DEMO_PATH, '--from', 'default/frontend-1', '--to', 'default/db-0', '--port', '70000'],
    stderr: /--port 70000/u,
  },
];

for (const c of inputErrors) {
  test(`input error: ${c.name} → exit 2`, async () => {
    const r = await runCli(c.argv);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, c.stderr);
    assert.doesNotMatch(r.stderr, STACK_FRAME);
  });
}

test('-f - in process: stdin combines with a file given by another -f', async () => {
  const extra = podYaml('default', 'late', '10.0.0.77', { role: 'frontend' });
  const r = await runCli(
    ['check', '-f', DEMO_PATH, '-f', '-', '--from', 'default/late', '--to', 'default/db-0', '--port', '6379', '-o', 'json'],
    extra,
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as Verdict).allowed, true, 'role=frontend in default is admitted');
});

// ---- lenient vs --strict -----------------------------------------------------------------------

const policy = (name: string, spec: string): string =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: shop}\nspec:\n${spec}`;

const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}';

const tree = tempTree({
  'mixed.yaml': [
    NAMESPACE,
    podYaml('shop', 'a', '10.1.0.1', { app: 'a' }),
    podYaml('shop', 'b', '10.1.0.2', { app: 'b' }),
    policy(
      'good',
      '  podSelector: {matchLabels: {app: b}}\n  ingress:\n  - from: [{podSelector: {matchLabels: {app: a}}}]\n    ports: [{port: 80}]',
    ),
    policy('bad', '  podSelector: {matchLabels: {app: b}}\n  ingress:\n  - from: [{ipBlock: {cidr: 10.0.0.0/33}}]'),
  ].join('\n---\n'),
  'tree/namespaces.yaml': NAMESPACE,
  'tree/pods/b.yaml': podYaml('shop', 'b', '10.1.0.2', { app: 'b' }, '{name: http, containerPort: 8080}'),
  'tree/pods/deeper/list.json': JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: [
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'a', namespace: 'shop', labels: { app: 'a' } },
        spec: { containers: [{ name: 'c', image: 'x' }] },
        status: { phase: 'Running', podIP: '10.1.0.1' },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'b-from-a', namespace: 'shop' },
        spec: {
          podSelector: { matchLabels: { app: 'b' } },
          ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } } }], ports: [{ port: 'http' }] }],
        },
      },
    ],
  }),
  'tree/README.txt': 'not a manifest: ignored',
  'podlist.yaml': [
    NAMESPACE,
    '---',
    'apiVersion: v1',
    'kind: PodList',
    'items:',
    '- metadata: {name: first, namespace: shop, labels: {app: first}}',
    '  spec: {containers: [{name: c, image: x}]}',
    '  status: {phase: Running, podIP: 10.1.0.9}',
    '- metadata: {name: second, namespace: shop, labels: {app: second}}',
    '  spec: {containers: [{name: c, image: x}]}',
    '  status: {phase: Running, podIP: 10.1.0.10}',
  ].join('\n'),
});
after(() => tree.remove());

test('lenient: one invalid policy is reported on stderr and the rest still answers (exit 0)', async () => {
  const allowed = await runCli([
    'check',
    '-f',
    tree.path('mixed.yaml'),
    '--from',
    'shop/a',
    '--to',
    'shop/b',
    '--port',
    '80',
    '-o',
    'json',
  ]);
  assert.equal(allowed.code, 0, allowed.stderr);
  assert.match(allowed.stderr, /^error: NetworkPolicy shop\/bad: spec\.ingress\[0\]\.from\[0\]\.ipBlock\.cidr: /mu);
  const v = JSON.parse(allowed.stdout) as Verdict;
  assert.equal(v.allowed, true);
  assert.deepEqual(v.ingress.isolatedBy, ['shop/good'], 'the invalid policy is left out');
  const denied = await runCli(['check', '-f', tree.path('mixed.yaml'), '--from', 'shop/a', '--to', 'shop/b', '--port', '81', '-o', 'json']);
  assert.equal(denied.code, 0);
  assert.equal((JSON.parse(denied.stdout) as Verdict).allowed, false, 'the good policy still isolates shop/b');
});

for (const command of [
  ['check', '--from', 'shop/a', '--to', 'shop/b', '--port', '80'],
  ['matrix', '--port', '80'],
  ['ports', '--from', 'shop/a', '--to', 'shop/b'],
]) {
  test(`--strict: ${command[0]} on input with an error → exit 2, nothing on stdout`, async () => {
    const r = await runCli([command[0], '-f', tree.path('mixed.yaml'), ...command.slice(1), '--strict']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /invalid CIDR|not a valid CIDR/u);
    assert.match(r.stderr, /--strict/u);
  });
}

// ---- input forms -------------------------------------------------------------------------------

test('a directory: nested YAML and a JSON kind: List are read, other files ignored', async () => {
  const r = await runCli(['matrix', '-f', tree.path('tree'), '--port', '8081', '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const m = JSON.parse(r.stdout) as MatrixResult;
  assert.deepEqual(m.pods, ['shop/a', 'shop/b']);
  assert.deepEqual(m.rows, ['10', '11'], 'the List policy isolates shop/b: a → b 8081 denied');
  const allowed = await runCli(['check', '-f', tree.path('tree'), '--from', 'shop/a', '--to', 'shop/b', '--port', '8080', '-o', 'json']);
  assert.equal((JSON.parse(allowed.stdout) as Verdict).allowed, true, 'named port http on shop/b is 8080');
  const ports = await runCli(['ports', '-f', tree.path('tree'), '--from', 'shop/a', '--to', 'shop/b']);
  assert.equal(ports.stdout, 'TCP 8080\n');
});

test('a typed PodList whose items carry no kind yields those pods', async () => {
  const r = await runCli(['matrix', '-f', tree.path('podlist.yaml'), '--port', '1', '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const m = JSON.parse(r.stdout) as MatrixResult;
  assert.deepEqual(m.pods, ['shop/first', 'shop/second']);
  assert.deepEqual(m.rows, ['11', '11'], 'no policies: everything allowed');
});

test('the same file twice via two -f flags: duplicate warnings, the same answer', async () => {
  const r = await runCli(['check', '-f', DEMO_PATH, '-f', DEMO_PATH, ...FRONTEND_TO_DB, '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^warning: Pod default\/db-0: defined more than once/mu);
  assert.equal((JSON.parse(r.stdout) as Verdict).allowed, true);
});
