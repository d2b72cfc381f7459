// deploy/rbac.yaml grants read-only access to exactly the resources the cluster source reads.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { CLUSTER_RESOURCES } from '../../src/ingest/cluster/resources.ts';

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  verbs?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}
interface Doc {
  kind: string;
  metadata: { name: string; namespace?: string };
  rules?: Rule[];
  roleRef?: { kind: string; name: string };
  subjects?: { kind: string; name: string; namespace?: string }[];
}

const docs = (file: string): Doc[] =>
  parseAllDocuments(readFileSync(new URL(`../../deploy/${file}`, import.meta.url), 'utf8')).map((d) => d.toJSON() as Doc);
const rbac = docs('rbac.yaml');
const role = rbac.find((d) => d.kind === 'ClusterRole');

describe('deploy/rbac.yaml', () => {
  it('has a ServiceAccount, a ClusterRole and a binding of one to the other', () => {
    assert.deepEqual(rbac.map((d) => d.kind), ['ServiceAccount', 'ClusterRole', 'ClusterRoleBinding']);
    const account = rbac[0]!;
    const binding = rbac[2]!;
    assert.deepEqual(binding.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role?.metadata.name });
    assert.deepEqual(binding.subjects, [{ kind: 'ServiceAccount', name: account.metadata.name, namespace: account.metadata.namespace }]);
  });

  it('every rule allows only get, list and watch, with no wildcards or extras', () => {
    for (const rule of role?.rules ?? []) {
      assert.deepEqual([...(rule.verbs ?? [])].sort(), ['get', 'list', 'watch']);
      assert.equal(rule.resourceNames, undefined);
      assert.equal(rule.nonResourceURLs, undefined);
      assert.ok(![...(rule.apiGroups ?? []), ...(rule.resources ?? [])].includes('*'));
    }
  });

  it('the resources are exactly those of src/ingest/cluster/resources.ts', () => {
    const granted = (role?.rules ?? []).flatMap((r) => (r.apiGroups ?? []).flatMap((g) => (r.resources ?? []).map((res) => `${g}/${res}`)));
    const read = CLUSTER_RESOURCES.map((r) => `${r.group}/${r.name}`);
    assert.deepEqual([...granted].sort(), [...read].sort());
  });

  it('the Deployment runs as that ServiceAccount', () => {
    const deployment = docs('deployment.yaml').find((d) => d.kind === 'Deployment') as unknown as {
      metadata: { namespace: string };
      spec: { template: { spec: { serviceAccountName: string } } };
    };
    assert.equal(deployment.spec.template.spec.serviceAccountName, rbac[0]!.metadata.name);
    assert.equal(deployment.metadata.namespace, rbac[0]!.metadata.namespace);
  });
});
