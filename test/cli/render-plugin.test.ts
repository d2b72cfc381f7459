// The network-plugin lines the renderers share (render/plugin-text.ts), as pure functions: nothing
// when no plugin is recognised, the plugin and the caveat when one is, and what a MatrixResult or a
// Verdict carries when a renderer is called without the CLI's context (the REST adapter does that).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PluginContext } from '../../src/query/plugin-context.ts';
import { renderMatrixText } from '../../src/render/matrix-text.ts';
import { renderMatrixCsv } from '../../src/render/matrix-csv.ts';
import { pluginLine, pluginLines } from '../../src/render/plugin-text.ts';
import type { DataplaneSummary, MatrixResult } from '../../src/engine/verdict.ts';

const NONE: DataplaneSummary = { plugin: 'unknown', name: 'unknown', enforcement: 'unknown', source: 'none' };
const FLANNEL: DataplaneSummary = { plugin: 'flannel', name: 'flannel', enforcement: 'not-enforced', source: 'detected' };
const CILIUM: DataplaneSummary = { plugin: 'cilium', name: 'Cilium', enforcement: 'enforced', source: 'override' };
const DEVIATION = {
  code: 'ipblock-ignores-cluster',
  message: 'Cilium never matches pod IPs with ipBlock',
  source: 'https://docs.cilium.io/x',
} as const;

const ctx = (dataplane: DataplaneSummary, extra: Partial<PluginContext> = {}): PluginContext => ({
  dataplane,
  enforced: dataplane.enforcement === 'enforced' ? true : dataplane.enforcement === 'not-enforced' ? false : null,
  deviations: [],
  undocumented: [],
  ...extra,
});

const lineCases: { name: string; ctx: PluginContext | undefined; want: string[] }[] = [
  { name: 'no context: nothing', ctx: undefined, want: [] },
  { name: 'nothing recognised: nothing (the API meaning, as before)', ctx: ctx(NONE), want: [] },
  {
    name: 'not enforced: the plugin, then the caveat',
    ctx: ctx(FLANNEL, { caveat: 'policies exist but flannel does not enforce them: this traffic is not restricted' }),
    want: [
      'network plugin: flannel (detected): does not enforce NetworkPolicy',
      'caveat: policies exist but flannel does not enforce them: this traffic is not restricted',
    ],
  },
  {
    name: 'a deviation that changed a policy, and an undocumented protocol',
    ctx: ctx(CILIUM, { deviations: [DEVIATION], undocumented: [{ protocol: 'SCTP', reason: 'no enable-sctp' }] }),
    want: [
      'network plugin: Cilium (named with --cni): enforces NetworkPolicy',
      'deviation: Cilium never matches pod IPs with ipBlock (https://docs.cilium.io/x)',
      'unknown for SCTP: no enable-sctp',
    ],
  },
];

for (const c of lineCases) test(`pluginLines: ${c.name}`, () => assert.deepEqual(pluginLines(c.ctx), c.want));

test('pluginLine: the none wording says the answer is the API meaning (kept for callers that want it)', () => {
  assert.match(pluginLine(NONE), /^network plugin: none recognised: answers follow the Kubernetes API/u);
});

const matrix: MatrixResult = { port: 80, protocol: 'SCTP', pods: ['a/x', 'a/y'], rows: ['1?', '?1'] };

const matrixCases: { name: string; m: MatrixResult; want: string[] }[] = [
  { name: 'no dataplane: the legend only', m: { ...matrix, rows: ['11', '11'] }, want: [] },
  { name: 'nothing recognised', m: { ...matrix, rows: ['11', '11'], dataplane: NONE, enforced: null }, want: [] },
  {
    name: 'not enforced, without the CLI context: the short caveat from the result',
    m: { ...matrix, rows: ['11', '11'], dataplane: FLANNEL, enforced: false },
    want: [
      'network plugin: flannel (detected): does not enforce NetworkPolicy',
      'caveat: flannel does not enforce NetworkPolicy: this traffic is not restricted',
    ],
  },
  {
    name: "'?' cells are explained with the result's reason",
    m: { ...matrix, dataplane: CILIUM, enforced: true, unknownReason: 'no enable-sctp' },
    want: ['network plugin: Cilium (named with --cni): enforces NetworkPolicy', '? = unknown: no enable-sctp'],
  },
];

for (const c of matrixCases) {
  test(`matrix text and csv: ${c.name}`, () => {
    const text = renderMatrixText(c.m).split('\n');
    assert.equal(text[0], 'SCTP/80: 1 = the row may open a connection to the column');
    assert.deepEqual(text.slice(1, 1 + c.want.length), c.want);
    assert.equal(text[1 + c.want.length], '[0] a/x');
    const csv = renderMatrixCsv(c.m).split('\n');
    assert.deepEqual(
      csv.slice(0, c.want.length),
      c.want.map((l) => `# ${l}`),
    );
    assert.equal(csv[c.want.length], 'from,a/x,a/y');
  });
}
