// `--cni` on check, ports, matrix, connections, impact and lint: the answer is given under the named
// plugin, and every rendering says so. flannel enforces nothing: a pair the Kubernetes API denies is
// allowed, with `enforced: false`, the upstream answer and the caveat. Cilium's ipBlock never matches
// pod IPs (a deviation), and its SCTP handling is undocumented (unknown). In process on the demo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MatrixResult, Verdict } from '../../src/engine/verdict.ts';
import type { PathsVerdict } from '../../src/query/paths/types.ts';
import { DEMO_PATH, runCli, tempTree } from './cli-harness.ts';

const CAVEAT = 'policies exist but flannel does not enforce them: this traffic is not restricted';
const FLANNEL_LINE = 'network plugin: flannel (named with --cni): does not enforce NetworkPolicy';
/** Denied by the API (a frontend-labelled pod in the wrong namespace), allowed on flannel. */
const DENIED_UPSTREAM = ['--from', 'other/intruder', '--to', 'default/db-0', '--port', '6379'];
/** Admitted by the API through ipBlock 172.17.0.0/16 matching a pod IP: denied on Cilium. */
const IPBLOCK_POD = ['--from', 'other/legacy-vm-proxy', '--to', 'default/db-0', '--port', '6379'];

async function run(argv: string[], code = 0): Promise<string> {
  const r = await runCli(argv);
  assert.equal(r.code, code, r.stderr);
  return r.stdout;
}

async function json<T>(argv: string[]): Promise<T> {
  return JSON.parse(await run([...argv, '-o', 'json'])) as T;
}

const verdictCases: {
  name: string;
  argv: string[];
  want: Pick<Verdict, 'allowed' | 'verdict' | 'enforced'> & { upstream?: boolean; deviations: string[]; unknownReason?: RegExp };
  text: (string | RegExp)[];
  md: (string | RegExp)[];
}[] = [
  {
    name: 'flannel enforces nothing: denied upstream → allowed, enforced false, caveat',
    argv: [...DENIED_UPSTREAM, '--cni', 'flannel'],
    want: { allowed: true, verdict: 'allowed', enforced: false, upstream: false, deviations: [] },
    text: [
      /^ALLOWED {2}other\/intruder -> default\/db-0 {2}TCP\/6379\n/u,
      `\n${FLANNEL_LINE}\n`,
      `\ncaveat: ${CAVEAT}`,
      '\nupstream (Kubernetes API): denied\n',
    ],
    md: [
      /^✅ \*\*Allowed\*\*/u,
      `> ⚠️ ${CAVEAT}`,
      'Upstream (Kubernetes API): **denied**',
      '_Network plugin: **flannel** (named with `--cni`)',
    ],
  },
  {
    name: 'Cilium: an ipBlock meant to match a pod does not: allowed upstream → denied, the deviation named',
    argv: [...IPBLOCK_POD, '--cni', 'cilium'],
    want: { allowed: false, verdict: 'denied', enforced: true, upstream: true, deviations: ['ipblock-ignores-cluster'] },
    text: [
      /^DENIED {2}/u,
      '\nnetwork plugin: Cilium (named with --cni): enforces NetworkPolicy\n',
      '\nupstream (Kubernetes API): allowed\n',
      /\ndeviation: Cilium never matches pod IPs with ipBlock .*\(https:\/\/docs\.cilium\.io\/[^)]*\)\n/u,
    ],
    md: [
      /^⛔ \*\*Denied\*\*/u,
      'Upstream (Kubernetes API): **allowed**',
      /^- Deviation: Cilium never matches pod IPs .*\(\[source\]\(https:/mu,
    ],
  },
  {
    name: 'Cilium without enable-sctp: SCTP to an isolated pod is unknown, with the reason',
    argv: ['--from', 'default/frontend-1', '--to', 'default/db-0', '--port', '6379', '--protocol', 'SCTP', '--cni', 'cilium'],
    want: { allowed: false, verdict: 'unknown', enforced: true, upstream: false, deviations: [], unknownReason: /SCTP/u },
    text: [/^UNKNOWN {2}default\/frontend-1 -> default\/db-0 {2}SCTP\/6379\n/u, /\nunknown: .*SCTP/u],
    md: [/^❔ \*\*Unknown\*\*/u, /^❔ \*\*Unknown\*\*: .*SCTP/mu],
  },
  {
    name: 'a plugin that agrees with the API: no upstream, no deviation, only the plugin line',
    argv: [...DENIED_UPSTREAM, '--cni', 'calico'],
    want: { allowed: false, verdict: 'denied', enforced: true, deviations: [] },
    text: [/^DENIED /u, /\nnetwork plugin: Calico \(named with --cni\): enforces NetworkPolicy\n/u],
    md: [/^⛔ \*\*Denied\*\*/u],
  },
];

for (const c of verdictCases) {
  test(`check --cni: ${c.name}`, async () => {
    const base = ['check', '-f', DEMO_PATH, ...c.argv];
    const v = await json<Verdict>(base);
    assert.equal(v.allowed, c.want.allowed);
    assert.equal(v.verdict, c.want.verdict);
    assert.equal(v.enforced, c.want.enforced);
    assert.equal(v.dataplane.source, 'override');
    assert.equal(v.upstream?.allowed, c.want.upstream);
    assert.deepEqual(
      v.deviations.map((d) => d.code),
      c.want.deviations,
    );
    if (c.want.unknownReason) assert.match(v.unknownReason ?? '', c.want.unknownReason);
    const text = await run(base);
    for (const t of c.text) {
      if (typeof t === 'string') assert.ok(text.includes(t), `${t}\n---\n${text}`);
      else assert.match(text, t);
    }
    if (c.want.upstream === undefined) assert.doesNotMatch(text, /upstream/u);
    const md = await run([...base, '-o', 'md']);
    for (const t of c.md) {
      if (typeof t === 'string') assert.ok(md.includes(t), `${t}\n---\n${md}`);
      else assert.match(md, t);
    }
  });
}

test('check --cni flannel, composite answer: the plugin line at the top, the upstream answer per path, dataplane in JSON', async () => {
  const base = ['check', '-f', DEMO_PATH, '--from', 'ns:other', '--to', 'default/db-0', '--port', '6379', '--cni', 'flannel'];
  const lines = (await run(base)).trimEnd().split('\n');
  assert.match(lines[0], /^ALLOWED {2}ns:other -> default\/db-0 {2}TCP\/6379 {2}\(3 of 3 paths allowed\)$/u);
  assert.equal(lines[1], FLANNEL_LINE);
  assert.ok(lines[2].startsWith(`caveat: ${CAVEAT}`), lines[2]);
  const intruder = lines.findIndex((l) => l.includes('other/intruder -> default/db-0'));
  assert.equal(lines[intruder + 1], '      upstream (Kubernetes API): denied');
  assert.equal(lines.filter((l) => l.includes(CAVEAT)).length, 1, 'the caveat once, not per path');
  const a = await json<PathsVerdict & { dataplane: { plugin: string }; enforced: boolean | null }>(base);
  assert.equal(a.enforced, false);
  assert.equal(a.dataplane.plugin, 'flannel');
  assert.equal(a.paths.find((p) => p.from === 'other/intruder')?.verdict?.upstream?.allowed, false);
  const md = await run([...base, '-o', 'md']);
  assert.ok(md.includes(`> ⚠️ ${CAVEAT}`));
  assert.match(md, /\| ✅ \| `other\/intruder` \| .*upstream \(Kubernetes API\): denied \|$/mu);
});

test('check: a flannel cluster in the manifests is detected without --cni', async () => {
  const pods = (ns: string, name: string, ip: string, app: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: ${ns}, labels: {app: ${app}}}\nspec: {containers: [{name: c, image: ` +
    `x}]}\nstatus: {phase: Running, podIP: ${ip}}`;
  const t = tempTree({
    'cluster.yaml': [
      'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: kube-flannel-ds, namespace: kube-flannel}\nspec: {selector: {matchLabels: ' +
        '{app: flannel}}, template: {metadata: {labels: {app: flannel}}, spec: {containers: [{name: kube-flannel, image: flannel}]}}}',
      pods('a', 'web', '10.244.0.5', 'web'),
      pods('a', 'db', '10.244.0.6', 'db'),
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: a}\nspec: {podSelector: {}, policyTypes: ' +
        '[Ingress]}',
    ].join('\n---\n'),
  });
  try {
    const argv = ['check', '-f', t.path('cluster.yaml'), '--from', 'a/web', '--to', 'a/db', '--port', '80'];
    const v = await json<Verdict>(argv);
    assert.deepEqual([v.allowed, v.enforced, v.dataplane.source, v.upstream?.allowed], [true, false, 'detected', false]);
    assert.match(await run(argv), /^network plugin: flannel \(detected\): does not enforce NetworkPolicy$/mu);
  } finally {
    t.remove();
  }
});

test('matrix --cni flannel: every cell 1, enforced false; text and CSV say so', async () => {
  const base = ['matrix', '-f', DEMO_PATH, '--port', '6379', '--cni', 'flannel'];
  const m = await json<MatrixResult>(base);
  assert.deepEqual(Object.keys(m).slice(0, 4), ['port', 'protocol', 'pods', 'rows'], 'the contract keys come first, unchanged');
  assert.equal(m.enforced, false);
  assert.equal(m.dataplane?.plugin, 'flannel');
  for (const row of m.rows) assert.equal(row, '1'.repeat(m.pods.length));
  const text = (await run(base)).split('\n');
  assert.deepEqual(text.slice(1, 2), [FLANNEL_LINE]);
  assert.ok(text[2].startsWith(`caveat: ${CAVEAT}`));
  const csv = (await run([...base, '-o', 'csv'])).split('\n');
  assert.equal(csv[0], `# ${FLANNEL_LINE}`);
  assert.match(csv[2], /^from,default\/backend-1,/u);
});

test("matrix --cni cilium on SCTP: '?' cells, the reason in JSON and a legend line in text", async () => {
  const base = ['matrix', '-f', DEMO_PATH, '--port', '6379', '--protocol', 'SCTP', '--cni', 'cilium'];
  const m = await json<MatrixResult>(base);
  assert.ok(m.rows.some((r) => r.includes('?')));
  assert.match(m.unknownReason ?? '', /SCTP/u);
  assert.match(await run(base), /^\? = unknown: .*SCTP/mu);
});

test('ports --cni flannel: every port, the plugin lines after the answer, enforced false in JSON', async () => {
  const base = ['ports', '-f', DEMO_PATH, '--from', 'other/intruder', '--to', 'default/db-0', '--cni', 'flannel'];
  const lines = (await run(base)).trimEnd().split('\n');
  assert.deepEqual(lines.slice(0, 2), ['all ports (TCP, UDP, SCTP)', FLANNEL_LINE]);
  assert.ok(lines[2].startsWith(`caveat: ${CAVEAT}`));
  const j = await json<{ ports: unknown; enforced: boolean; dataplane: { plugin: string } }>(base);
  assert.deepEqual([j.enforced, j.dataplane.plugin], [false, 'flannel']);
});

const connectionFormats: { format: string; check: (out: string) => void }[] = [
  { format: 'txt', check: (o) => assert.equal(o.split('\n')[0], `# ${FLANNEL_LINE}`) },
  {
    format: 'csv',
    check: (o) => assert.deepEqual([o.split('\n')[0], o.split('\n')[2]], [`# ${FLANNEL_LINE}`, 'from,to,protocol,ports,differs']),
  },
  { format: 'md', check: (o) => assert.ok(o.includes(`> ⚠️ ${CAVEAT}`)) },
  { format: 'dot', check: (o) => assert.match(o, /^digraph connections \{\n {2}\/\/ network plugin: flannel/u) },
  {
    format: 'json',
    check: (o) => {
      const doc = JSON.parse(o);
      assert.deepEqual([doc.groupBy, doc.enforced, doc.dataplane.plugin], ['workload', false, 'flannel']);
    },
  },
];

for (const f of connectionFormats) {
  test(`connections --cni flannel -o ${f.format}: names the plugin and the caveat`, async () => {
    const out = await run(['connections', '-f', DEMO_PATH, '--cni', 'flannel', '-o', f.format]);
    f.check(out);
    if (f.format !== 'json') assert.ok(out.includes(CAVEAT), out.slice(0, 400));
  });
}

test('impact --cni flannel: the override applies to base and change, so a default deny loses nothing, and says why', async () => {
  const t = tempTree({
    'deny.yaml':
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: monitoring}\nspec: {podSelector: {}, ' +
      'policyTypes: [Ingress]}\n',
  });
  try {
    const base = ['impact', '--base', DEMO_PATH, '--proposed', t.path('deny.yaml')];
    await run(base, 1);
    const text = await run([...base, '--cni', 'flannel']);
    assert.match(text, /^0 flow\(s\) lost, 0 gained/u);
    assert.ok(text.includes(`\n${FLANNEL_LINE}\n`) && text.includes(CAVEAT), text);
    const md = await run([...base, '--cni', 'flannel', '-o', 'markdown']);
    assert.ok(md.includes(`> ⚠️ ${CAVEAT}`));
    const j = await json<{ summary: { lost: number }; enforced: boolean; dataplane: { plugin: string } }>([...base, '--cni', 'flannel']);
    assert.deepEqual([j.summary.lost, j.enforced, j.dataplane.plugin], [0, false, 'flannel']);
  } finally {
    t.remove();
  }
});

test('lint --cni flannel: warns that the policies are not enforced (exit 0; --strict exit 2)', async () => {
  const doc = JSON.parse(await run(['lint', '-f', DEMO_PATH, '--cni', 'flannel', '-o', 'json'])) as {
    diagnostics: { code: string; message: string }[];
  };
  const finding = doc.diagnostics.find((d) => d.code === 'policies-not-enforced');
  assert.ok(finding, JSON.stringify(doc.diagnostics));
  assert.match(finding.message, /flannel does not enforce them/u);
  await run(['lint', '-f', DEMO_PATH, '--cni', 'flannel', '--strict'], 2);
});

const unchanged: { name: string; argv: string[] }[] = [
  { name: 'check text', argv: ['check', '-f', DEMO_PATH, ...DENIED_UPSTREAM] },
  { name: 'check composite text', argv: ['check', '-f', DEMO_PATH, '--from', 'ns:other', '--to', 'default/db-0', '--port', '6379'] },
  { name: 'matrix text', argv: ['matrix', '-f', DEMO_PATH, '--port', '6379'] },
  { name: 'matrix csv', argv: ['matrix', '-f', DEMO_PATH, '--port', '6379', '-o', 'csv'] },
  { name: 'ports text', argv: ['ports', '-f', DEMO_PATH, '--from', 'other/intruder', '--to', 'default/db-0'] },
  { name: 'connections txt', argv: ['connections', '-f', DEMO_PATH] },
];

for (const c of unchanged) {
  test(`no plugin recognised and no --cni: ${c.name} has no plugin line (the API's meaning, as before)`, async () => {
    assert.doesNotMatch(await run(c.argv), /network plugin:|caveat:|upstream \(Kubernetes API\)/u);
  });
}
