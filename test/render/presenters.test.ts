// The one table of answer kinds and formats (src/render/presenters.ts): what each kind offers, the
// aliases every door accepts, and that the CLI's -o comes from the table (so every format a kind
// has is reachable from the CLI, e.g. `ports -o markdown`, `lint -o markdown`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type Format, formatNamed, formatsOf, render } from '../../src/render/presenter.ts';
import { PRESENTERS } from '../../src/render/presenters.ts';
import { DEMO_PATH, runCli } from '../cli/cli-harness.ts';

const OFFERED: Record<keyof typeof PRESENTERS, Format[]> = {
  check: ['text', 'json', 'markdown'],
  ports: ['text', 'json', 'markdown'],
  matrix: ['text', 'json', 'markdown', 'csv'],
  groupMatrix: ['text', 'json', 'markdown', 'csv'],
  impact: ['text', 'json', 'markdown', 'sarif', 'github'],
  fix: ['text', 'json', 'markdown', 'yaml'],
  connections: ['text', 'json', 'markdown', 'csv', 'dot'],
  lint: ['text', 'json', 'markdown', 'sarif', 'github'],
  cni: ['text', 'json', 'markdown'],
  podPolicies: ['text', 'json', 'markdown'],
  exposure: ['text', 'json', 'markdown'],
  flowHistory: ['text', 'json', 'markdown'],
  snapshotDiff: ['text', 'json', 'markdown'],
  assertions: ['text', 'json', 'markdown', 'junit'],
  assertionMonitor: ['text', 'json', 'markdown'],
  diagnostics: ['text', 'json'],
};

for (const [kind, formats] of Object.entries(OFFERED)) {
  test(`presenter ${kind} offers ${formats.join(', ')}`, () => {
    assert.deepEqual(formatsOf(PRESENTERS[kind as keyof typeof PRESENTERS]), formats);
  });
}

const NAMES: { name: string; kind: keyof typeof PRESENTERS; expected: Format | undefined }[] = [
  { name: 'md', kind: 'check', expected: 'markdown' },
  { name: 'txt', kind: 'connections', expected: 'text' },
  { name: 'yml', kind: 'fix', expected: 'yaml' },
  { name: 'yaml', kind: 'check', expected: undefined },
  { name: 'dot', kind: 'matrix', expected: undefined },
  { name: 'JSON', kind: 'check', expected: undefined },
];

for (const c of NAMES) {
  test(`format name ${c.name} for ${c.kind} → ${c.expected ?? 'not offered'}`, () => {
    assert.equal(formatNamed(PRESENTERS[c.kind], c.name), c.expected);
  });
}

test('json is the body, pretty-printed; a format the presenter lacks throws', () => {
  const a = { value: [] };
  assert.deepEqual(JSON.parse(render(PRESENTERS.diagnostics, a, 'json')), PRESENTERS.diagnostics.body(a));
  assert.throws(() => render(PRESENTERS.diagnostics, a, 'csv'), /no csv rendering/u);
});

const CLI_FORMATS: { name: string; argv: string[]; stdout: RegExp }[] = [
  {
    name: 'ports -o markdown',
    argv: ['ports', '-f', DEMO_PATH, '--from', 'default/frontend-1', '--to', 'default/db-0', '-o', 'markdown'],
    stdout: /^`default\/frontend-1` → `default\/db-0`: \*\*/u,
  },
  { name: 'lint -o md', argv: ['lint', '-f', DEMO_PATH, '-o', 'md'], stdout: /^(✅ no findings|⚠️ ok: \d+ error\(s\), \d+ warning\(s\))/u },
  {
    name: 'matrix -o markdown',
    argv: ['matrix', '-f', DEMO_PATH, '--port', '80', '-o', 'markdown'],
    stdout: /^\*\*TCP\/80\*\* connectivity/u,
  },
];

for (const c of CLI_FORMATS) {
  test(`CLI ${c.name}: the format comes from the presenter table`, async () => {
    const r = await runCli(c.argv);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, c.stdout);
  });
}
