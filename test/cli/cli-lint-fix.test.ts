// Lint findings with a mechanical fix carry it (`fix` in -o json; `lint --fix` prints the objects as
// YAML): one golden file per fix (UPDATE_GOLDEN=1 rewrites them), and the proof that each fix works —
// with its objects applied, lint no longer reports the finding and the policy now does what it meant
// (DNS reached; the targetPort admitted; the typo'd and the unlabelled peer matched).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { REPO_ROOT, runCli, tempTree } from './cli-harness.ts';
import { golden } from '../support/golden.ts';

const INPUT = join(REPO_ROOT, 'test/fixtures/lint-fixable.yaml');

interface Finding {
  code: string;
  ref?: { namespace?: string; name: string };
  path?: string;
  fix?: { summary: string; objects: object[] };
}

async function lintJson(files: string[]): Promise<Finding[]> {
  const r = await runCli(['lint', ...files.flatMap((f) => ['-f', f]), '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout).diagnostics;
}

const CASES: { code: string; golden: string; check: string[] }[] = [
  {
    code: 'egress-blocks-dns',
    golden: 'fix-dns',
    check: ['--from', 'shop/db-1', '--to', 'svc:kube-system/kube-dns', '--port', '53', '--protocol', 'UDP'],
  },
  {
    code: 'policy-port-is-service-port',
    golden: 'fix-service-port',
    check: ['--from', 'monitoring/prometheus-1', '--to', 'svc:shop/web', '--port', '80'],
  },
  { code: 'peer-label-typo', golden: 'fix-label-typo', check: ['--from', 'shop/web-1', '--to', 'shop/db-1', '--port', '5432'] },
  {
    code: 'namespace-selector-unlabelled',
    golden: 'fix-namespace-label',
    check: ['--from', 'monitoring/prometheus-1', '--to', 'shop/web-1', '--port', '8080'],
  },
];

describe('lint fixes: each finding with a mechanical fix carries it, and the fix works', () => {
  for (const c of CASES) {
    it(`${c.code}: golden ${c.golden}; applied, the finding is gone and the flow it meant is allowed`, async () => {
      const findings = await lintJson([INPUT]);
      const f = findings.find((x) => x.code === c.code);
      assert.ok(f?.fix, `a ${c.code} finding with a fix`);
      const yaml = f.fix.objects.map((o) => `---\n${stringify(o, { lineWidth: 0 })}`).join('');
      golden('lint', c.golden, 'yaml').assert(yaml);
      const before = await runCli(['check', '-f', INPUT, ...c.check]);
      assert.match(before.stdout, /^DENIED/u, 'denied before the fix');
      const tree = tempTree({ 'fix.yaml': yaml });
      try {
        const after = await lintJson([INPUT, tree.path('fix.yaml')]);
        assert.ok(!after.some((x) => x.code === c.code && x.ref?.name === f.ref?.name && x.path === f.path), `${c.code} is gone`);
        const r = await runCli(['check', '-f', INPUT, '-f', tree.path('fix.yaml'), ...c.check]);
        assert.match(r.stdout, /^ALLOWED/u, r.stdout);
      } finally {
        tree.remove();
      }
    });
  }

  it('lint --fix prints every fix once, as YAML only', async () => {
    const r = await runCli(['lint', '-f', INPUT, '--fix']);
    assert.equal(r.code, 0);
    const names = [...r.stdout.matchAll(/^ {2}name: (.+)$/gmu)].map((m) => m[1]);
    assert.deepEqual(names, ['db-deny-egress-allow-dns', 'web-ingress', 'allow-scrape', 'db-ingress']);
  });

  it("the demo's example policy isolates db-0's egress without DNS: --fix gives it DNS to the CoreDNS pods", async () => {
    const r = await runCli(['lint', '-f', join(REPO_ROOT, 'examples/demo-cluster.yaml'), '--fix']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /name: test-network-policy-allow-dns\n {2}namespace: default\n/u);
    assert.doesNotMatch(r.stdout, /0\.0\.0\.0\/0/u);
  });

  it('lint --fix on input without fixable findings says so on stderr', async () => {
    const tree = tempTree({ 'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n' });
    try {
      const r = await runCli(['lint', '-f', tree.path('ns.yaml'), '--fix']);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /no finding has a mechanical fix/u);
    } finally {
      tree.remove();
    }
  });
});
