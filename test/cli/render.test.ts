// Renderers are pure: value in, string out. Text renderings are compared with golden files under
// test/render/golden/ (test/support/golden.ts); run with UPDATE_GOLDEN=1 to rewrite them after an
// intended change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DirectionVerdict, MatrixResult, PortRanges, Verdict } from '../../src/engine/verdict.ts';
import type { Diagnostic } from '../../src/model/diagnostics.ts';
import { renderVerdictText } from '../../src/render/verdict-text.ts';
import { renderVerdictMarkdown } from '../../src/render/verdict-markdown.ts';
import { render } from '../../src/render/presenter.ts';
import { golden } from '../support/golden.ts';
import { PRESENTERS } from '../../src/render/presenters.ts';
import { renderMatrixText } from '../../src/render/matrix-text.ts';
import { csvField, renderMatrixCsv } from '../../src/render/matrix-csv.ts';
import { renderPortRanges } from '../../src/render/ports-text.ts';
import { renderDiagnosticsText } from '../../src/render/diagnostics-text.ts';

const verdictJson = (verdict: Verdict) => render(PRESENTERS.check, { value: { kind: 'verdict', verdict } }, 'json');

const notIsolatedEgress: DirectionVerdict = {
  direction: 'Egress',
  allowed: true,
  policed: true,
  isolated: false,
  isolatedBy: [],
  allowedBy: [],
  reason: 'No NetworkPolicy with Egress selects default/frontend-1.',
};

/** No plugin recognised: the answer is the API's meaning, nothing about the plugin is rendered. */
const NO_PLUGIN = (allowed: boolean) =>
  ({
    verdict: allowed ? 'allowed' : 'denied',
    enforced: null,
    dataplane: { plugin: 'unknown', name: 'unknown', enforcement: 'unknown', source: 'none' },
    deviations: [],
  }) as const;

const pluginNote = {
  code: 'enforcement-depends-on-plugin',
  message: 'No network plugin detected: the answer follows the NetworkPolicy API; enforcement depends on the plugin.',
} as const;

const allowedByRule: Verdict = {
  allowed: true,
  ...NO_PLUGIN(true),
  from: { kind: 'pod', name: 'default/frontend-1', ips: ['10.0.0.20'] },
  to: { kind: 'pod', name: 'default/db-0', ips: ['10.0.0.10'] },
  port: 6379,
  protocol: 'TCP',
  egress: notIsolatedEgress,
  ingress: {
    direction: 'Ingress',
    allowed: true,
    policed: true,
    isolated: true,
    isolatedBy: ['default/test-network-policy'],
    allowedBy: [{ policy: 'default/test-network-policy', direction: 'Ingress', rule: 0 }],
    reason: 'Rule #0 admits pods labelled role=frontend in default on TCP/6379.',
  },
  notes: [pluginNote],
};

const deniedByTwoPolicies: Verdict = {
  allowed: false,
  ...NO_PLUGIN(false),
  from: { kind: 'pod', name: 'other/intruder', ips: ['10.0.2.5'] },
  to: { kind: 'pod', name: 'default/db-0', ips: ['10.0.0.10'] },
  port: 6379,
  protocol: 'TCP',
  egress: { ...notIsolatedEgress, reason: 'No NetworkPolicy with Egress selects other/intruder.' },
  ingress: {
    direction: 'Ingress',
    allowed: false,
    policed: true,
    isolated: true,
    isolatedBy: ['default/deny-all', 'default/test-network-policy'],
    allowedBy: [],
    reason: 'other/intruder is labelled role=frontend, but namespace other is not default and lacks project=myproject.',
  },
  notes: [],
};

const selfTraffic: Verdict = {
  allowed: true,
  ...NO_PLUGIN(true),
  from: { kind: 'pod', name: 'default/db-0', ips: ['10.0.0.10'] },
  to: { kind: 'pod', name: 'default/db-0', ips: ['10.0.0.10'] },
  port: 8080,
  protocol: 'TCP',
  egress: {
    direction: 'Egress',
    allowed: false,
    policed: true,
    isolated: true,
    isolatedBy: ['default/test-network-policy'],
    allowedBy: [],
    reason: '',
  },
  ingress: {
    direction: 'Ingress',
    allowed: false,
    policed: true,
    isolated: true,
    isolatedBy: ['default/test-network-policy'],
    allowedBy: [],
    reason: '',
  },
  override: 'self-traffic',
  notes: [{ code: 'self-traffic', message: 'Traffic of a pod to itself is always allowed; policies do not apply.' }],
};

const toExternalIp: Verdict = {
  allowed: true,
  ...NO_PLUGIN(true),
  from: { kind: 'pod', name: 'default/db-0', ips: ['10.0.0.10'] },
  to: { kind: 'ip', name: '10.0.0.200', ips: ['10.0.0.200'] },
  port: 5978,
  protocol: 'TCP',
  egress: {
    direction: 'Egress',
    allowed: true,
    policed: true,
    isolated: true,
    isolatedBy: ['default/test-network-policy'],
    allowedBy: [{ policy: 'default/test-network-policy', direction: 'Egress', rule: 0 }],
    reason: 'Rule #0 admits ipBlock 10.0.0.0/24 on TCP/5978.',
  },
  ingress: {
    direction: 'Ingress',
    allowed: true,
    policed: false,
    isolated: false,
    isolatedBy: [],
    allowedBy: [],
    reason: '10.0.0.200 is not a known endpoint; no NetworkPolicy applies at its side.',
  },
  notes: [
    { code: 'external-not-policed', message: 'The destination is outside the cluster model: only egress at the source is checked.' },
    pluginNote,
  ],
};

const verdicts: readonly [string, Verdict][] = [
  ['verdict-allowed-by-rule', allowedByRule],
  ['verdict-denied-two-policies', deniedByTwoPolicies],
  ['verdict-self-traffic', selfTraffic],
  ['verdict-external-ip', toExternalIp],
];

for (const [name, v] of verdicts) {
  test(`verdict text: ${name} matches golden`, () => golden('check', name, 'text').assertRendered(renderVerdictText(v)));
  test(`verdict markdown: ${name} matches golden`, () => golden('check', name, 'markdown').assertRendered(renderVerdictMarkdown(v)));
  test(`verdict json: ${name} round-trips to the same value`, () => {
    assert.deepEqual(JSON.parse(verdictJson(v)), v);
  });
}

test('verdict json: allowed-by-rule matches golden', () => {
  golden('check', 'verdict-allowed-by-rule', 'json').assertRendered(verdictJson(allowedByRule));
});

test('verdict text: first line is the answer', () => {
  const cases: readonly [Verdict, string][] = [
    [allowedByRule, 'ALLOWED  default/frontend-1 -> default/db-0  TCP/6379'],
    [deniedByTwoPolicies, 'DENIED  other/intruder -> default/db-0  TCP/6379'],
  ];
  for (const [v, first] of cases) assert.equal(renderVerdictText(v).split('\n')[0], first);
});

test('verdict text: denial names every isolating policy, the port and the peer', () => {
  assert.match(
    renderVerdictText(deniedByTwoPolicies),
    /denied: no rule of default\/deny-all, default\/test-network-policy admits TCP\/6379 from other\/intruder/u,
  );
});

test('verdict text: a direction without a reason falls back to a structured clause', () => {
  const v: Verdict = { ...allowedByRule, egress: { ...notIsolatedEgress, reason: '' } };
  assert.match(renderVerdictText(v), /^egress {2}\(from default\/frontend-1\): not isolated — no NetworkPolicy with Egress selects it$/mu);
});

test('verdict markdown: headline spells the answer with icon and arrow', () => {
  const cases: readonly [Verdict, string][] = [
    [allowedByRule, '✅ **Allowed**: `default/frontend-1` → `default/db-0` on TCP/6379'],
    [deniedByTwoPolicies, '⛔ **Denied**: `other/intruder` → `default/db-0` on TCP/6379'],
  ];
  for (const [v, first] of cases) assert.equal(renderVerdictMarkdown(v).split('\n')[0], first);
});

test('verdict markdown: a pipe in a reason does not break the table', () => {
  const v: Verdict = { ...deniedByTwoPolicies, ingress: { ...deniedByTwoPolicies.ingress, reason: 'a | b' } };
  assert.match(renderVerdictMarkdown(v), /a \\\| b/u);
});

function matrixOf(n: number, protocol: MatrixResult['protocol'] = 'TCP', port = 80): MatrixResult {
  const pods = Array.from({ length: n }, (_, i) => `ns-${i % 3}/pod-${String(i).padStart(2, '0')}`).sort();
  const rows = pods.map((_, i) => pods.map((__, j) => ((i + j) % 3 === 0 || i === j ? '1' : '0')).join(''));
  return { port, protocol, pods, rows };
}

const smallMatrix: MatrixResult = {
  port: 6379,
  protocol: 'TCP',
  pods: ['default/db-0', 'default/frontend-1', 'other/intruder'],
  rows: ['100', '110', '001'],
};

test('matrix text: small matrix matches golden', () => golden('matrix', 'small', 'text').assertRendered(renderMatrixText(smallMatrix)));
test('matrix text: two-digit indexes stay aligned (golden)', () => {
  golden('matrix', 'wide', 'text').assertRendered(renderMatrixText(matrixOf(12, 'UDP', 53)));
});
test('matrix text: no pods says so', () => {
  assert.equal(renderMatrixText({ port: 80, protocol: 'TCP', pods: [], rows: [] }), 'TCP/80: no pods');
});
test('matrix text: every row has the same width', () => {
  const lines = renderMatrixText(matrixOf(12)).split('\n');
  const table = lines.slice(lines.indexOf('') + 1);
  assert.equal(new Set(table.map((l) => l.length)).size, 1);
});

test('matrix csv: small matrix matches golden', () => golden('matrix', 'small', 'csv').assertRendered(renderMatrixCsv(smallMatrix)));
test('matrix csv: header is from + pod keys, rows are source + cells', () => {
  const lines = renderMatrixCsv(smallMatrix).split('\n');
  assert.equal(lines[0], 'from,default/db-0,default/frontend-1,other/intruder');
  assert.equal(lines[2], 'default/frontend-1,1,1,0');
  assert.equal(lines.length, 4);
});
test('matrix csv: fields are quoted per RFC 4180 only when needed', () => {
  const cases: readonly [string, string][] = [
    ['default/a', 'default/a'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['', ''],
  ];
  for (const [input, want] of cases) assert.equal(csvField(input), want, input);
});

const full: [number, number][] = [[1, 65535]];
const portCases: readonly [string, PortRanges, string][] = [
  ['empty object is none', {}, 'none'],
  ['protocols with empty lists are none', { TCP: [], UDP: [] }, 'none'],
  [
    'singles and ranges, TCP before UDP',
    {
      UDP: [[53, 53]],
      TCP: [
        [80, 80],
        [443, 443],
        [8000, 8100],
      ],
    },
    'TCP 80,443,8000-8100; UDP 53',
  ],
  ['a full protocol reads all', { TCP: full, SCTP: [[9000, 9000]] }, 'TCP all; SCTP 9000'],
  ['all three full reads all ports', { TCP: full, UDP: full, SCTP: full }, 'all ports (TCP, UDP, SCTP)'],
  ['two full protocols are listed', { TCP: full, UDP: full }, 'TCP all; UDP all'],
  ['a near-full range is a range', { TCP: [[1, 65534]] }, 'TCP 1-65534'],
  ['SCTP alone', { SCTP: [[5000, 5001]] }, 'SCTP 5000-5001'],
];
for (const [name, input, want] of portCases) {
  test(`ports text: ${name}`, () => assert.equal(renderPortRanges(input), want));
}

const diagnostics: readonly Diagnostic[] = [
  {
    severity: 'error',
    code: 'invalid-cidr',
    message: 'not a CIDR: 10.0.0.0/33',
    ref: { kind: 'NetworkPolicy', namespace: 'default', name: 'web' },
    path: 'spec.ingress[0].from[1].ipBlock.cidr',
    file: 'policies.yaml',
    line: 12,
  },
  {
    severity: 'warning',
    code: 'policy-selects-nothing',
    message: 'selects no pod',
    ref: { kind: 'NetworkPolicy', namespace: 'x', name: 'y' },
  },
  { severity: 'error', code: 'unreadable', message: 'cannot read file', file: 'missing.yaml' },
];

test('diagnostics text: one line per diagnostic, severity first, order kept', () => {
  assert.equal(
    renderDiagnosticsText(diagnostics),
    [
      'error: NetworkPolicy default/web: spec.ingress[0].from[1].ipBlock.cidr: not a CIDR: 10.0.0.0/33 (policies.yaml:12)',
      'warning: NetworkPolicy x/y: selects no pod',
      'error: cannot read file (missing.yaml)',
    ].join('\n'),
  );
});
test('diagnostics text: none gives the empty string', () => assert.equal(renderDiagnosticsText([]), ''));
