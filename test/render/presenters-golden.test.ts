// Every presenter in every format it offers, one expected file per case × format under
// test/render/golden/<kind>/<case>.<ext> (test/support/golden.ts; UPDATE_GOLDEN=1 rewrites them).
// Answers come from the query layer on the repository's example clusters, so a change anywhere
// from decode to rendering that alters what a user reads shows up here as a diff.
import { describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type Answered,
  answerCheck,
  answerConnections,
  answerFix,
  answerImpact,
  answerMatrix,
  answerPorts,
} from '../../src/query/answered.ts';
import { evaluateAssertions } from '../../src/query/assertions/evaluate.ts';
import { parseAssertions } from '../../src/query/assertions/parse.ts';
import { dataplaneQuery } from '../../src/query/dataplane.ts';
import { parseEndpointSpec } from '../../src/query/endpoint-spec.ts';
import { exposureQuery } from '../../src/query/exposure.ts';
import { loadManifestText } from '../../src/query/manifest-text.ts';
import { podOrTemplateKey, podPolicies } from '../../src/query/pod-policies.ts';
import { lintQuery } from '../../src/query/queries.ts';
import { hasErrors } from '../../src/model/diagnostics.ts';
import { type Presenter, formatsOf, render } from '../../src/render/presenter.ts';
import { PRESENTERS } from '../../src/render/presenters.ts';
import { ASSERTIONS_YAML, clusterManifest } from '../support/assertions-cluster.ts';
import { GOLDEN_EXT, golden } from '../support/golden.ts';

/** A file of the repository, loaded under its repository-relative name (so file:line reads alike everywhere). */
function load(file: string, cni?: 'cilium') {
  const text = readFileSync(fileURLToPath(new URL(`../../${file}`, import.meta.url)), 'utf8');
  return loadManifestText(text, { file, source: 'manifests', ...(cni ? { cni: { plugin: cni, settings: {} } } : {}) });
}

const demo = load('examples/demo-cluster.yaml');
const c = demo.compiled;
const spec = (s: string) => parseEndpointSpec(s);
const matrixOf = (groupBy?: 'workload') => answerMatrix(c, { port: 80, protocol: 'TCP', groupBy }).answer;
const assertionsCluster = loadManifestText(clusterManifest(), { file: 'assertions-cluster.yaml', source: 'manifests' });
const assertionResults = evaluateAssertions(assertionsCluster.compiled, parseAssertions(ASSERTIONS_YAML, 'assertions.yaml'));
const lint = lintQuery(demo);

type Case = { readonly kind: keyof typeof PRESENTERS; readonly name: string; readonly answer: () => Answered<unknown> };
const CASES: Case[] = [
  { kind: 'check', name: 'pod-pair-denied', answer: () => answerCheck(c, spec('other/intruder'), spec('default/db-0'), 6379, 'TCP') },
  { kind: 'check', name: 'service-paths', answer: () => answerCheck(c, spec('deploy:store/storefront'), spec('svc:store/api'), 80, 'TCP') },
  { kind: 'ports', name: 'pod-pair', answer: () => answerPorts(c, spec('default/frontend-1'), spec('default/db-0')) },
  { kind: 'ports', name: 'service-paths', answer: () => answerPorts(c, spec('deploy:store/storefront'), spec('svc:store/api')) },
  { kind: 'matrix', name: 'tcp-80', answer: () => matrixOf() },
  { kind: 'groupMatrix', name: 'tcp-80-by-workload', answer: () => matrixOf('workload') },
  {
    kind: 'impact',
    name: 'delete-default-deny',
    answer: () => {
      const a = answerImpact(c, { overlay: { apply: [], delete: ['other/default-deny-ingress'] } });
      return { ...a, value: { answer: a.value } };
    },
  },
  {
    kind: 'fix',
    name: 'intruder-db',
    answer: () => answerFix(c, { from: spec('other/intruder'), to: spec('default/db-0'), port: 6379, protocol: 'TCP', mode: 'allow' }),
  },
  { kind: 'connections', name: 'by-workload', answer: () => answerConnections(c, 'workload') },
  { kind: 'lint', name: 'demo', answer: () => ({ value: { ok: !hasErrors(lint), diagnostics: lint } }) },
  { kind: 'cni', name: 'demo', answer: () => ({ value: dataplaneQuery(c) }) },
  {
    kind: 'cni',
    name: 'cilium-override',
    answer: () => ({ value: dataplaneQuery(load('examples/demo-cluster.yaml', 'cilium').compiled) }),
  },
  { kind: 'podPolicies', name: 'db-0', answer: () => ({ value: podPolicies(c, podOrTemplateKey(c, 'default', 'db-0')!)! }) },
  { kind: 'exposure', name: 'demo', answer: () => ({ value: exposureQuery(c) }) },
  { kind: 'assertions', name: 'one-failing', answer: () => ({ value: assertionResults }) },
  {
    kind: 'assertionMonitor',
    name: 'one-failing',
    answer: () => ({ value: { configured: true, failing: 1, assertions: assertionResults } }),
  },
  { kind: 'diagnostics', name: 'demo-lint', answer: () => ({ value: lint }) },
];

describe('presenter goldens (every kind × format)', () => {
  for (const k of CASES) {
    const p = PRESENTERS[k.kind] as unknown as Presenter<unknown>;
    for (const format of formatsOf(p)) {
      test(`${k.kind}/${k.name}.${GOLDEN_EXT[format]}`, () => {
        golden(k.kind, k.name, format).assertRendered(render(p, k.answer(), format));
      });
    }
  }
});
