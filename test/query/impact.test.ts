// impactQuery on hand-built clusters: each case names a change and the exact flows it loses/gains.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/engine/index.ts';
import { type ChangeSet, type ImpactFlow, impactQuery } from '../../src/query/impact.ts';
import { ANY, ipBlock, ns, nsPeer, pod, podPeer, policy, rule, sel, snapshot, tcp } from '../support/build.ts';

const denyAll = policy('app', 'deny-all', { podSelector: ANY, ingress: [] });
const allowWeb = policy('app', 'allow-web', {
  podSelector: sel({ role: 'db' }),
  ingress: [rule([podPeer(sel({ role: 'web' }))], [tcp(5432)])],
});
const egressOut = policy('app', 'egress-out', {
  podSelector: sel({ role: 'web' }),
  egress: [rule([ipBlock('10.0.0.0/8', ['10.1.0.0/16'])], [tcp(443)])],
});
const allowOps = policy('app', 'allow-ops', {
  podSelector: sel({ role: 'db' }),
  ingress: [rule([nsPeer(sel({ team: 'ops' }))], [tcp(9100)])],
});
const pods = [pod('app', 'web', { role: 'web' }, { ip: '192.168.0.1' }), pod('app', 'db', { role: 'db' }, { ip: '192.168.0.2' })];
const base = snapshot({ namespaces: [ns('app')], pods, policies: [allowWeb] });
const withDeny = snapshot({ namespaces: [ns('app')], pods, policies: [allowWeb, denyAll] });
const withEgress = snapshot({ namespaces: [ns('app')], pods, policies: [egressOut] });

/** Pod pairs only, unless `outside` (then outside flows only): a default-deny also cuts the outside. */
const flows = (list: readonly ImpactFlow[], outside = false) =>
  list
    .filter((f) => (/^[0-9a-f:.]+\/\d+$/.test(f.from) || /^[0-9a-f:.]+\/\d+$/.test(f.to) ? outside : !outside))
    .map((f) => `${f.from} -> ${f.to} ${f.protocol} ${JSON.stringify(f.ports)}`);

const cases: { name: string; base: typeof base; change: ChangeSet; lost: string[]; gained: string[]; outside?: boolean }[] = [
  {
    name: 'adding a default-deny loses every ingress to the newly isolated pod',
    base,
    change: { apply: [denyAll], delete: [] },
    lost: ['app/db -> app/web TCP [[1,65535]]', 'app/db -> app/web UDP [[1,65535]]', 'app/db -> app/web SCTP [[1,65535]]'],
    gained: [],
  },
  {
    name: 'deleting the default-deny regains them',
    base: withDeny,
    change: { apply: [], delete: ['app/deny-all'] },
    lost: [],
    gained: ['app/db -> app/web TCP [[1,65535]]', 'app/db -> app/web UDP [[1,65535]]', 'app/db -> app/web SCTP [[1,65535]]'],
  },
  {
    name: 'changing the allowed port loses the old one and gains the new one',
    base,
    change: { apply: [{ ...allowWeb, ingress: [rule([podPeer(sel({ role: 'web' }))], [tcp(5433)])] }], delete: [] },
    lost: ['app/web -> app/db TCP [[5432,5432]]'],
    gained: ['app/web -> app/db TCP [[5433,5433]]'],
  },
  {
    name: 'an ipBlock except reports outside CIDR flows',
    base: withEgress,
    change: { apply: [{ ...egressOut, egress: [rule([ipBlock('10.0.0.0/8', ['10.1.0.0/16', '10.2.0.0/16'])], [tcp(443)])] }], delete: [] },
    lost: ['app/web -> 10.2.0.0/16 TCP [[443,443]]'],
    gained: [],
    outside: true,
  },
  {
    name: 'narrowing a peer selector loses the peers it no longer names',
    base: snapshot({
      namespaces: [ns('app')],
      pods: [...pods, pod('app', 'job', { role: 'job' }, { ip: '192.168.0.3' })],
      policies: [{ ...allowWeb, ingress: [rule([podPeer(sel({}))], [tcp(5432)])] }],
    }),
    change: { apply: [allowWeb], delete: [] },
    lost: ['app/job -> app/db TCP [[5432,5432]]'],
    gained: [],
  },
  {
    name: 'labelling a namespace gains what a namespaceSelector admits',
    base: snapshot({
      namespaces: [ns('app'), ns('ops')],
      pods: [...pods, pod('ops', 'probe', {}, { ip: '192.168.1.1' })],
      policies: [allowWeb, allowOps],
    }),
    change: { apply: [], delete: [], namespaces: { upsert: [ns('ops', { team: 'ops' })] } },
    lost: [],
    gained: ['ops/probe -> app/db TCP [[9100,9100]]'],
  },
  { name: 'a change that touches nothing reports nothing', base, change: { apply: [allowWeb], delete: [] }, lost: [], gained: [] },
];

describe('impactQuery', () => {
  for (const c of cases) {
    it(c.name, () => {
      const answer = impactQuery(compile(c.base), c.change);
      assert.deepEqual(flows(answer.lost, c.outside), c.lost);
      assert.deepEqual(flows(answer.gained, c.outside), c.gained);
    });
  }
  it('a delete that names nothing is an error diagnostic', () => {
    const answer = impactQuery(compile(base), { apply: [], delete: ['app/nope'] });
    assert.deepEqual(
      answer.diagnostics.map((d) => d.code),
      ['impact-delete-unknown'],
    );
  });
  it('names the deciding policies before and after', () => {
    const answer = impactQuery(compile(base), { apply: [denyAll], delete: [] });
    assert.deepEqual([answer.lost[0].before.ingress.isolatedBy, answer.lost[0].after.ingress.isolatedBy], [[], ['app/deny-all']]);
  });
});
