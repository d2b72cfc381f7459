// `netreach impact` end to end on the demo cluster: exit codes (0 nothing lost, 1 lost or gained with
// --fail-on gained, 2 bad input) and the three renderings.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DEMO_PATH, runCli } from './cli-harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'netreach-cli-impact-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const policy = (namespace: string, name: string, spec: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: ${name}, namespace: ${namespace} }\nspec: ${spec}\n`;

const DENY = file('deny.yaml', policy('monitoring', 'deny', '{ podSelector: {}, policyTypes: [Ingress] }'));
// Every default pod is already isolated for ingress: a default-deny there changes nothing.
const NOOP = file('noop.yaml', policy('default', 'deny', '{ podSelector: {}, policyTypes: [Ingress] }'));
const BROKEN = file('broken.yaml', policy('monitoring', 'deny', '{ podSelector: {}, policyTypes: [Sideways] }'));
const EMPTY_DIR = mkdtempSync(join(dir, 'empty-'));

after(() => rmSync(dir, { recursive: true, force: true }));

const CASES: { name: string; argv: string[]; code: number; stdout?: RegExp; stderr?: RegExp }[] = [
  { name: 'a change that touches nothing exits 0', argv: ['--proposed', NOOP], code: 0, stdout: /^0 flow\(s\) lost, 0 gained/ },
  { name: 'adding a default-deny loses flows: exit 1', argv: ['--proposed', DENY], code: 1, stdout: /flow\(s\) lost/ },
  { name: '--allow-loss turns lost flows into exit 0', argv: ['--proposed', DENY, '--allow-loss'], code: 0 },
  {
    name: 'deleting a default-deny only gains: exit 0',
    argv: ['--delete', 'other/default-deny-ingress'],
    code: 0,
    stdout: /0 flow\(s\) lost, \d+ gained/,
  },
  { name: '--fail-on gained flags gains: exit 1', argv: ['--delete', 'other/default-deny-ingress', '--fail-on', 'gained'], code: 1 },
  { name: '--fail-on gained without gains exits 0', argv: ['--proposed', NOOP, '--fail-on', 'gained'], code: 0 },
  {
    name: 'a delete naming no policy is bad input',
    argv: ['--delete', 'other/nope'],
    code: 2,
    stderr: /cannot delete NetworkPolicy other\/nope/,
  },
  { name: 'a malformed delete is bad input', argv: ['--delete', 'nope'], code: 2, stderr: /expected namespace\/name/ },
  { name: 'a proposed policy with an error is bad input', argv: ['--proposed', BROKEN], code: 2 },
  { name: 'proposed files that hold nothing are bad input', argv: ['--proposed', EMPTY_DIR], code: 2 },
  { name: 'an unknown output format is bad input', argv: ['--proposed', DENY, '-o', 'yaml'], code: 2 },
  { name: 'an unknown --fail-on is bad input', argv: ['--proposed', DENY, '--fail-on', 'lost'], code: 2 },
  { name: 'an unknown --group-by is bad input', argv: ['--proposed', DENY, '--group-by', 'namespace'], code: 2 },
];

describe('netreach impact exit codes', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const r = await runCli(['impact', '--base', DEMO_PATH, ...c.argv]);
      assert.equal(r.code, c.code, r.stderr);
      if (c.stdout) assert.match(r.stdout, c.stdout);
      if (c.stderr) assert.match(r.stderr, c.stderr);
    });
  }
  it('without --base: bad input', async () => {
    const r = await runCli(['impact', '--proposed', DENY]);
    assert.equal(r.code, 2);
  });
  it('an unreachable --base URL: bad input', async () => {
    const r = await runCli(['impact', '--base', 'http://127.0.0.1:1', '--proposed', DENY]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot connect/);
  });
});

describe('netreach impact renderings', () => {
  it('-o json holds the exact pod-level lists and the summary counts them', async () => {
    const r = await runCli(['impact', '--base', DEMO_PATH, '--proposed', DENY, '-o', 'json']);
    const answer = JSON.parse(r.stdout);
    // Per pod pair and protocol: the outside's CIDR fragments count once.
    assert.ok(answer.summary.lost > 0 && answer.summary.lost <= answer.lost.length);
    assert.ok(answer.lost.some((f: { from: string; to: string }) => f.from === 'default/frontend-1' && f.to === 'monitoring/prometheus'));
    assert.equal(answer.workloads, undefined);
  });
  it('--group-by workload adds the workload view and keeps the pod-level lists', async () => {
    const r = await runCli(['impact', '--base', DEMO_PATH, '--proposed', DENY, '-o', 'json', '--group-by', 'workload']);
    const answer = JSON.parse(r.stdout);
    assert.ok(answer.lost.length > 0);
    assert.ok(answer.workloads.lost.some((f: { from: string }) => f.from === 'deploy:kube-system/coredns'));
  });
  it('-o markdown is a pull-request comment: summary, lost table, deciding policy', async () => {
    const r = await runCli(['impact', '--base', DEMO_PATH, '--proposed', DENY, '-o', 'markdown']);
    const lines = r.stdout.split('\n');
    assert.match(lines[0], /^\*\*netreach impact\*\* 🔴 \d+ flow\(s\) lost, 0 gained \(changed policies: monitoring\/deny\)$/);
    assert.ok(lines.includes('### Lost flows (allowed before, denied after)'));
    assert.ok(
      lines.some(
        (l) =>
          l.startsWith('| `deploy:kube-system/coredns` | `pod:monitoring/prometheus` | all ports |') && l.endsWith('| monitoring/deny |'),
      ),
      r.stdout,
    );
    assert.ok(!lines.some((l) => l.startsWith('### Gained')));
  });
  it('-o text names the policies allowing gained flows', async () => {
    const r = await runCli(['impact', '--base', DEMO_PATH, '--delete', 'other/default-deny-ingress']);
    assert.match(r.stdout, /Gained \(denied before, allowed after; allowed by\):/);
    assert.match(r.stdout, /default\/db-0 -> other\/intruder {2}TCP 5978 {2}\(default\/test-network-policy\)/);
  });
});
