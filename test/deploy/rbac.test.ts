// deploy/rbac.yaml (and the optional deploy/optional/rbac-plugin-namespaces.yaml) grant read-only
// access to exactly what the cluster source reads: the six resources and CRDs cluster-wide, and per
// plugin namespace its DaemonSets and the plugin ConfigMaps by name. Never Secrets, never a write.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { CLUSTER_RESOURCES, CRD_RESOURCE, FELIX_RESOURCE, pluginTargetsIn } from '../../src/ingest/cluster/resources.ts';
import { POLICY_RESOURCES } from '../../src/ingest/cluster/policy-resources.ts';
import { PLUGIN_NAMESPACES } from '../../src/model/dataplane.ts';

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
  roleRef?: { apiGroup: string; kind: string; name: string };
  subjects?: { kind: string; name: string; namespace?: string }[];
}

const docs = (file: string): Doc[] =>
  parseAllDocuments(readFileSync(new URL(`../../deploy/${file}`, import.meta.url), 'utf8')).map((d) => d.toJSON() as Doc);
const rbac = docs('rbac.yaml');
const optional = docs('optional/rbac-plugin-namespaces.yaml');
const account = rbac[0]!;
const role = rbac.find((d) => d.kind === 'ClusterRole');
const roles = [...rbac, ...optional].filter((d) => d.kind === 'Role');
const subject = { kind: 'ServiceAccount', name: account.metadata.name, namespace: account.metadata.namespace };

/** `group/resource:name` per grant (`:*` without resourceNames), sorted. */
function grants(rules: readonly Rule[]): string[] {
  return rules
    .flatMap((r) =>
      (r.apiGroups ?? []).flatMap((g) => (r.resources ?? []).flatMap((res) => (r.resourceNames ?? ['*']).map((n) => `${g}/${res}:${n}`))),
    )
    .sort();
}

describe('deploy/rbac.yaml', () => {
  it('has a ServiceAccount, a ClusterRole and its binding, and the kube-system Role and its binding', () => {
    assert.deepEqual(
      rbac.map((d) => d.kind),
      ['ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
    );
    const binding = rbac[2]!;
    assert.deepEqual(binding.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role?.metadata.name });
    assert.deepEqual(binding.subjects, [subject]);
    assert.deepEqual(
      rbac.filter((d) => d.kind === 'Role').map((d) => d.metadata.namespace),
      ['kube-system'],
    );
  });

  it('every rule, in either file, allows only get, list and watch, with no wildcards, Secrets or URLs', () => {
    for (const doc of [...rbac, ...optional]) {
      for (const rule of doc.rules ?? []) {
        assert.deepEqual([...(rule.verbs ?? [])].sort(), ['get', 'list', 'watch']);
        assert.equal(rule.nonResourceURLs, undefined);
        const words = [...(rule.apiGroups ?? []), ...(rule.resources ?? []), ...(rule.resourceNames ?? [])];
        assert.ok(!words.includes('*') && !words.includes('secrets'), words.join(','));
      }
    }
  });

  it(
    'the ClusterRole grants exactly the cluster-wide targets of src/ingest/cluster/resources.ts and ' + 'policy-resources.ts, none by name',
    () => {
      const read = [...CLUSTER_RESOURCES, CRD_RESOURCE, FELIX_RESOURCE, ...POLICY_RESOURCES].map((r) => `${r.group}/${r.name}:*`).sort();
      assert.deepEqual(grants(role?.rules ?? []), read);
    },
  );

  it('each Role grants exactly the plugin targets of its namespace: DaemonSets, and ConfigMaps by name', () => {
    for (const r of roles) {
      const namespace = r.metadata.namespace ?? '';
      const read = pluginTargetsIn(namespace)
        .map((t) => `${t.group}/${t.name}:${t.fieldSelector?.replace(/^metadata\.name=/, '') ?? '*'}`)
        .sort();
      assert.ok(read.length > 0, `${namespace} is not a plugin namespace`);
      assert.deepEqual(grants(r.rules ?? []), read, namespace);
      assert.ok(read.some((g) => g.startsWith('/configmaps:')) && !read.includes('/configmaps:*'), 'ConfigMaps by name only');
    }
  });

  it('the Roles cover every plugin namespace once: kube-system in the main file, the rest in the optional one', () => {
    const covered = roles.map((r) => r.metadata.namespace ?? '');
    assert.deepEqual([...covered].sort(), [...PLUGIN_NAMESPACES].sort());
    assert.ok(!optional.some((d) => d.metadata.namespace === 'kube-system'));
  });

  it('every Role is bound, in its namespace, to the ServiceAccount', () => {
    const bindings = [...rbac, ...optional].filter((d) => d.kind === 'RoleBinding');
    assert.equal(bindings.length, roles.length);
    for (const r of roles) {
      const binding = bindings.find((b) => b.metadata.namespace === r.metadata.namespace);
      assert.deepEqual(
        binding?.roleRef,
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: r.metadata.name },
        r.metadata.namespace,
      );
      assert.deepEqual(binding?.subjects, [subject]);
    }
  });

  it('the Deployment runs as that ServiceAccount', () => {
    const deployment = docs('deployment.yaml').find((d) => d.kind === 'Deployment') as unknown as {
      metadata: { namespace: string };
      spec: { template: { spec: { serviceAccountName: string } } };
    };
    assert.equal(deployment.spec.template.spec.serviceAccountName, account.metadata.name);
    assert.equal(deployment.metadata.namespace, account.metadata.namespace);
  });
});
