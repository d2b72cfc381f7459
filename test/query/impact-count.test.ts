// Impact counts and "was allowed by": flows are counted per pod pair and protocol, the outside's
// CIDR fragments (which the lists keep apart, exact) as one outside flow; every lost flow names the
// rule that allowed it before. Whole-state comparison (impactBetween) on decoded manifests.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compile } from '../../src/engine/index.ts';
import { impactBetween } from '../../src/query/impact.ts';
import { renderImpactText } from '../../src/render/impact-text.ts';
import { decode, networkPolicy, type Raw } from '../fixtures/k8s.ts';

const pod = (name: string, ip: string, app: string): Raw => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'prod', labels: { app } },
  spec: { containers: [{ name: 'c', image: 'x' }] },
  status: { phase: 'Running', podIP: ip },
});
const NS: Raw = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod' } };
// Egress to the internet but three private ranges: the outside splits into several CIDR fragments.
const EGRESS = networkPolicy(
  {
    podSelector: { matchLabels: { app: 'web' } },
    policyTypes: ['Egress'],
    egress: [
      { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } }], ports: [{ port: 443 }] },
    ],
  },
  { name: 'web-egress' },
);
const DENY = networkPolicy({ podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'] }, { name: 'web-egress' });

const snapshot = (...objects: Raw[]) => decode([NS, pod('web', '10.0.0.1', 'web'), pod('db', '10.0.0.2', 'db'), ...objects]).snapshot;

describe('impact counts per pod pair and protocol', () => {
  const answer = impactBetween(compile(snapshot(EGRESS)), snapshot(DENY));
  it('the lists keep every CIDR fragment (exact)', () => {
    assert.ok(answer.lost.length > 1, JSON.stringify(answer.lost.map((f) => f.to)));
    assert.ok(answer.lost.every((f) => f.from === 'prod/web' && f.protocol === 'TCP'));
  });
  it('the summary counts them as one outside flow', () => {
    assert.equal(answer.summary.lost, 1);
    assert.match(renderImpactText(answer), /^1 flow\(s\) lost, 0 gained/);
  });
  it('each lost flow names the rule that allowed it before, in text too', () => {
    assert.ok(answer.lost.every((f) => f.before.egress.allowedBy.some((r) => r.policy === 'prod/web-egress' && r.rule === 0)));
    assert.match(renderImpactText(answer), /was allowed by prod\/web-egress egress rule #0; denied by prod\/web-egress/);
  });
  it('pod pairs count apart', () => {
    const open = networkPolicy({ podSelector: { matchLabels: { app: 'db' } }, ingress: [{}] }, { name: 'db-in' });
    const a = impactBetween(
      compile(snapshot(open)),
      snapshot(networkPolicy({ podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'] }, { name: 'db-in' })),
    );
    // web -> db lost on TCP, UDP and SCTP (one flow each); the outside -> db fragments count once per protocol.
    const pods = new Set(a.lost.filter((f) => f.from === 'prod/web').map((f) => f.protocol));
    const outside = new Set(a.lost.filter((f) => f.from.includes('/') && /^[0-9a-f:.]+\/\d+$/i.test(f.from)).map((f) => f.protocol));
    assert.equal(a.summary.lost, pods.size + outside.size);
  });
});
