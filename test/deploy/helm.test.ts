// deploy/helm/netreach, validated without helm (Debian does not package it): Chart.yaml is a v2
// chart, values.yaml passes values.schema.json, and the templates rendered with the default values
// (test/support/mini-helm.ts) give the same RBAC rules as deploy/rbac.yaml, the same container
// ports, args and NetworkPolicy as deploy/ — checked by `netreach connections` on the rendered chart.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse, parseAllDocuments } from 'yaml';
import { REPO_ROOT, runCli } from '../cli/cli-harness.ts';
import { defines, renderTemplate } from '../support/mini-helm.ts';

const chartDir = fileURLToPath(new URL('../../deploy/helm/netreach/', import.meta.url));
const read = (rel: string) => readFileSync(join(chartDir, rel), 'utf8');
type Doc = { kind: string; metadata: { name: string; namespace?: string }; rules?: unknown[]; spec?: Record<string, unknown> };

const chart = parse(read('Chart.yaml')) as Record<string, string>;
const values = parse(read('values.yaml')) as Record<string, unknown>;
const helpers = defines(read('templates/_helpers.tpl'));

function renderChart(overrides: Record<string, unknown> = {}): Doc[] {
  const root = {
    Values: { ...values, ...overrides },
    Release: { Name: 'netreach', Namespace: 'netreach' },
    Chart: { Name: chart.name, Version: chart.version, AppVersion: chart.appVersion },
  };
  return readdirSync(join(chartDir, 'templates'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => parseAllDocuments(renderTemplate(read(`templates/${f}`), root, helpers)).map((d) => d.toJSON() as Doc))
    .filter((d) => d !== null);
}

const plain = ['rbac.yaml', 'deployment.yaml', 'service.yaml', 'networkpolicy.yaml'].flatMap((f) =>
  parseAllDocuments(readFileSync(join(REPO_ROOT, 'deploy', f), 'utf8')).map((d) => d.toJSON() as Doc),
);
const byKind = (docs: Doc[], kind: string) => docs.filter((d) => d.kind === kind);

describe('deploy/helm/netreach (structure and schema: no helm on Debian)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netreach-helm-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('Chart.yaml is a v2 application chart with a semver version', () => {
    assert.equal(chart.apiVersion, 'v2');
    assert.equal(chart.name, 'netreach');
    assert.equal(chart.type, 'application');
    assert.match(chart.version, /^\d+\.\d+\.\d+$/);
  });
  it('values.yaml passes values.schema.json, and the schema rejects a bad value', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(read('values.schema.json')));
    assert.ok(validate(values), JSON.stringify(validate.errors));
    assert.equal(validate({ ...values, ports: { http: 0, grpc: 9090 } }), false);
    assert.equal(validate({ ...values, surprise: true }), false);
  });
  it("the RBAC rules are deploy/rbac.yaml's, with the same objects", () => {
    const docs = renderChart();
    for (const kind of ['ClusterRole', 'Role'])
      assert.deepEqual(
        byKind(docs, kind).map((d) => d.rules),
        byKind(plain, kind).map((d) => d.rules),
        kind,
      );
    assert.deepEqual(
      docs.map((d) => d.kind).filter((k) => /Role|ServiceAccount/.test(k)),
      ['ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
    );
  });
  it('pluginNamespaces adds the plugin Role and RoleBinding per namespace', () => {
    const docs = renderChart({ pluginNamespaces: ['cilium', 'calico-system'] });
    assert.deepEqual(
      byKind(docs, 'Role').map((d) => d.metadata.namespace),
      ['kube-system', 'cilium', 'calico-system'],
    );
    assert.equal(byKind(docs, 'RoleBinding').length, 3);
  });
  it('the Deployment serves REST and gRPC like deploy/deployment.yaml', () => {
    const container = (docs: Doc[]) =>
      (byKind(docs, 'Deployment')[0].spec as { template: { spec: { containers: { args: string[]; ports: unknown[] }[] } } }).template.spec
        .containers[0];
    assert.deepEqual(container(renderChart()).args, container(plain).args);
    assert.deepEqual(container(renderChart()).ports, container(plain).ports);
  });
  it('netreach connections on the rendered chart equals deploy/ (its own NetworkPolicy)', async () => {
    const rendered = join(dir, 'chart.yaml');
    writeFileSync(
      rendered,
      renderChart()
        .map((d) => JSON.stringify(d))
        .join('\n---\n'),
    );
    const chartFlows = await runCli(['connections', '-f', rendered]);
    const plainFlows = await runCli(['connections', '-f', join(REPO_ROOT, 'deploy')]);
    assert.equal(chartFlows.code, 0, chartFlows.stderr);
    assert.equal(chartFlows.stdout, plainFlows.stdout);
    assert.match(chartFlows.stdout, /=> netreach\/netreach\[Deployment\] : TCP 8080,9090/);
  });
  it('networkPolicy.enabled=false leaves the policy out', () => {
    assert.equal(
      byKind(renderChart({ networkPolicy: { ...(values.networkPolicy as object), enabled: false } }), 'NetworkPolicy').length,
      0,
    );
  });
});
