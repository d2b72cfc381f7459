// `netreach cni`: what the input shows about the network plugin (or what --cni names), from which
// evidence, and the profile, in text, JSON and Markdown; input from -f or piped stdin; a bad --cni is
// exit 2 with one clear line on every command that takes it. In process through main(argv, io).
import { after, describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { main } from '../../src/cli/main.ts';
import type { Io } from '../../src/cli/io.ts';
import type { DataplaneReport } from '../../src/query/dataplane.ts';
import { DEMO_PATH, STACK_FRAME, podYaml, runCli, tempTree } from './cli-harness.ts';

/** A flannel cluster as kube-flannel.yml installs it (host-gw backend), one policy, no policy controller. */
const FLANNEL = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata: {name: kube-flannel-cfg, namespace: kube-flannel}',
  'data:',
  '  net-conf.json: |',
  '    {"Network": "10.244.0.0/16", "Backend": {"Type": "host-gw"}}',
  '---',
  'apiVersion: apps/v1',
  'kind: DaemonSet',
  'metadata: {name: kube-flannel-ds, namespace: kube-flannel}',
  'spec:',
  '  selector: {matchLabels: {app: flannel}}',
  '  template:',
  '    metadata: {labels: {app: flannel}}',
  '    spec: {containers: [{name: kube-flannel, image: "ghcr.io/flannel-io/flannel:v0.26.1", command: [/opt/bin/flanneld], args: ' +
    '[--ip-masq, --kube-subnet-mgr]}]}',
  '---',
  podYaml('shop', 'web', '10.244.1.5', { app: 'web' }),
  '---',
  podYaml('shop', 'db', '10.244.2.7', { app: 'db' }, '{containerPort: 5432}'),
  '---',
  'apiVersion: networking.k8s.io/v1',
  'kind: NetworkPolicy',
  'metadata: {name: deny-all, namespace: shop}',
  'spec: {podSelector: {}, policyTypes: [Ingress]}',
].join('\n');

const tree = tempTree({ 'flannel.yaml': FLANNEL });
after(() => tree.remove());

async function cniJson(argv: string[]): Promise<DataplaneReport> {
  const r = await runCli(['cni', ...argv, '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as DataplaneReport;
}

describe('netreach cni: what was detected, from which evidence, and the profile', () => {
  const cases: {
    name: string;
    argv: string[];
    want: Partial<DataplaneReport>;
    network?: DataplaneReport['network'];
    evidence?: RegExp[];
    deviations?: string[];
  }[] = [
    {
      name: 'a flannel DaemonSet and kube-flannel-cfg: flannel, detected, host-gw underlay, not enforced',
      argv: ['-f', tree.path('flannel.yaml')],
      want: { plugin: 'flannel', source: 'detected', enforcement: 'not-enforced', policies: 1 },
      network: { kind: 'underlay', mode: 'host-gw' },
      evidence: [/kube-flannel\/kube-flannel-ds/u, /kube-flannel-cfg/u],
    },
    {
      name: 'the demo cluster shows no plugin: unknown, nothing recognised',
      argv: ['-f', DEMO_PATH],
      want: { plugin: 'unknown', source: 'none', enforcement: 'unknown' },
    },
    {
      name: '--cni cilium,enable-policy=always overrides detection; every pod isolated, ipBlock ignores pods',
      argv: ['-f', DEMO_PATH, '--cni', 'cilium,enable-policy=always'],
      want: { plugin: 'cilium', source: 'override', enforcement: 'enforced' },
      evidence: [/--cni cilium,enable-policy=always/u],
      deviations: ['identity-label-filter', 'ipblock-ignores-cluster', 'isolates-unselected'],
    },
    {
      name: '--cni flannel on a cluster that shows flannel anyway: the override is the source',
      argv: ['-f', tree.path('flannel.yaml'), '--cni', 'flannel'],
      want: { plugin: 'flannel', source: 'override', enforcement: 'not-enforced' },
    },
  ];
  for (const c of cases) {
    it(`-o json: ${c.name}`, async () => {
      const r = await cniJson(c.argv);
      for (const [k, v] of Object.entries(c.want)) assert.deepEqual(r[k as keyof DataplaneReport], v, k);
      if (c.network) assert.deepEqual(r.network, c.network);
      for (const e of c.evidence ?? [])
        assert.ok(
          r.evidence.some((x) => e.test(`${x.ref} ${x.detail}`)),
          `evidence ${e}: ${JSON.stringify(r.evidence)}`,
        );
      if (c.deviations) assert.deepEqual(r.deviations.map((d) => d.code).sort(), c.deviations);
      for (const d of r.deviations) assert.match(d.source, /^https:\/\//u, 'every deviation names its source');
      assert.ok(r.advice.length > 0, 'the seed guidance is always there');
    });
  }

  it('text: plugin and how chosen first, enforcement with its reason, evidence, advice', async () => {
    const r = await runCli(['cni', '-f', tree.path('flannel.yaml')]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'network plugin: flannel (detected from cluster objects)');
    assert.match(lines[1], /^enforcement: not enforced: /u);
    assert.match(r.stdout, /^policies: 1 NetworkPolicy in the input is not enforced/mu);
    assert.match(r.stdout, /^network: underlay, host-gw$/mu);
    assert.match(r.stdout, /^evidence:\n {2}- DaemonSet kube-flannel\/kube-flannel-ds/mu);
    assert.match(r.stdout, /^node → local pods: a node reaches the pods on it/mu);
    assert.match(r.stdout, /^advice:\n {2}- /mu);
    assert.match(r.stdout, /VXLAN/u, "the seed's guidance: flannel VXLAN as the most portable overlay");
  });

  it('text on the demo cluster: says nothing was recognised and how to name one', async () => {
    const r = await runCli(['cni', '-f', DEMO_PATH]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout.split('\n')[0], /^network plugin: none recognised .*--cni/u);
  });

  it('-o md (and -o markdown): headline, table, deviations linked to their sources', async () => {
    const argv = ['cni', '-f', DEMO_PATH, '--cni', 'cilium,enable-policy=always'];
    const md = await runCli([...argv, '-o', 'md']);
    assert.equal(md.code, 0, md.stderr);
    assert.equal(md.stdout.split('\n')[0], '🛡️ **Network plugin: Cilium**');
    assert.match(md.stdout, /^\| Chosen \| named with --cni \|$/mu);
    assert.match(md.stdout, /\(\[source\]\(https:\/\/docs\.cilium\.io\//u);
    assert.equal((await runCli([...argv, '-o', 'markdown'])).stdout, md.stdout);
  });

  it('no -f: manifests are read from piped stdin', async () => {
    const r = await runCli(['cni', '-o', 'json'], FLANNEL);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as DataplaneReport).plugin, 'flannel');
  });

  it('no -f on a terminal: exit 2 with the usage, nothing on stdout', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const stdin = Object.assign(Readable.from(['']), { isTTY: true });
    const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), stdin };
    assert.equal(await main(['cni'], io), 2);
    assert.deepEqual(out, []);
    assert.match(err.join('\n'), /no input: pass manifests with -f PATH/u);
    assert.match(err.join('\n'), /usage: netreach cni /u);
  });

  it('--help prints the usage; the top-level usage lists the command', async () => {
    assert.match((await runCli(['cni', '--help'])).stdout, /^netreach cni \[-f PATH\.\.\.\] \[--cni NAME/u);
    assert.match((await runCli(['--help'])).stdout, /^ {2}netreach cni /mu);
  });
});

const badCni: { name: string; value: string; stderr: RegExp }[] = [
  { name: 'an unknown plugin', value: 'bogus', stderr: /^netreach: --cni: unknown network plugin "bogus" \(known plugins: flannel, /mu },
  { name: 'a setting without a value', value: 'cilium,enable-policy', stderr: /^netreach: --cni: malformed setting "enable-policy"/mu },
  { name: 'no plugin name', value: '', stderr: /^netreach: --cni: no plugin named/mu },
];

for (const c of badCni) {
  for (const command of [
    ['cni'],
    ['check', '--from', 'default/frontend-1', '--to', 'default/db-0', '--port', '6379'],
    ['matrix', '--port', '80'],
    ['lint'],
    ['connections'],
    ['ports', '--from', 'default/frontend-1', '--to', 'default/db-0'],
  ]) {
    test(`bad --cni (${c.name}) on ${command[0]}: exit 2, one clear line, no stack`, async () => {
      const r = await runCli([...command, '-f', DEMO_PATH, `--cni=${c.value}`]);
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, c.stderr);
      assert.doesNotMatch(r.stderr, STACK_FRAME);
    });
  }
}

test('bad --cni on impact: exit 2 before anything is read', async () => {
  const r = await runCli(['impact', '--base', DEMO_PATH, '--delete', 'other/default-deny-ingress', '--cni', 'bogus']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--cni: unknown network plugin "bogus"/u);
});

test('serve takes --cni (passed to the service as its `cni` option); a bad one is exit 2 before anything starts', async () => {
  assert.match((await runCli(['serve', '--help'])).stdout, /\[--cni NAME\[,key=value\.\.\.\]\]/u);
  const r = await runCli(['serve', '--cni', 'bogus', '--db', '/nonexistent/never-created.db']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^netreach: --cni: unknown network plugin "bogus"/mu);
});
