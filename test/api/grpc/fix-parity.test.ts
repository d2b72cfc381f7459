// REST POST /v1/fix and gRPC Fix give the same answer on the demo cluster (fixable, both sides,
// Service, deny, nothing to change, unfixable), and both doors refuse bad input alike: a real
// Fastify on 127.0.0.1 and a real grpc-js client. The gRPC answer is turned back into REST's JSON
// by an oracle written here, independently of src/api/grpc/fix.ts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { status } from '@grpc/grpc-js';
import type { Endpoint, FixAnswer, FixFlow } from '../../../src/api/grpc/gen/netreach/v1/netreach.ts';
import { FixMode, Protocol } from '../../../src/api/grpc/gen/netreach/v1/netreach.ts';
import { DEMO_PATH } from '../../cli/cli-harness.ts';
import { type GrpcTestServer, call, startGrpcTestServer } from '../../support/grpc-server.ts';
import { readText, request } from '../../support/http-server.ts';
import { flowJson, plugin } from './rest-shape.ts';

type Rest = Record<string, string>;
const PROTOCOL = ['', 'TCP', 'UDP', 'SCTP'];
const DIRECTION = ['', 'Ingress', 'Egress'];
const endpoint = (e: Rest): Endpoint => {
  const [k, v] = Object.entries(e)[0];
  return { kind: { $case: k, value: v } } as Endpoint;
};

function side(s: FixFlow['egress']): object {
  if (!s) throw new Error('side missing');
  return {
    allowed: s.allowed,
    isolatedBy: s.isolatedBy,
    allowedBy: s.allowedBy.map((r) => ({ policy: r.policy, direction: DIRECTION[r.direction], rule: r.rule })),
    reason: s.reason,
  };
}

function fixJson(a: FixAnswer): object {
  return {
    mode: a.mode,
    request: { ...a.request, protocol: PROTOCOL[a.request!.protocol] },
    flows: a.flows.map((f) => ({
      from: f.from,
      to: f.to,
      protocol: PROTOCOL[f.protocol],
      port: f.port,
      verdict: f.verdict,
      egress: side(f.egress),
      ingress: side(f.ingress),
      ...(f.via !== undefined ? { via: f.via } : {}),
    })),
    notes: a.notes,
    status: a.status,
    candidates: a.candidates.map((c) => ({
      rank: c.rank,
      strategy: c.strategy,
      summary: c.summary,
      changes: c.changes.map((ch) => ({
        action: ch.action,
        directions: ch.directions.map((d) => DIRECTION[d]),
        policy: ch.policy,
        object: ch.object,
        patch: ch.patch,
        explain: ch.explain,
      })),
      proof: {
        achieves: c.proof!.achieves,
        gained: c.proof!.gained.map(flowJson),
        lost: c.proof!.lost.map(flowJson),
        others: c.proof!.others.map(flowJson),
        replicaFlows: c.proof!.replicaFlows,
        exact: c.proof!.exact,
      },
    })),
    ...(a.reason ? { reason: a.reason } : {}),
    ...plugin(a),
  };
}

const CASES: [string, Rest, Rest, number, 'TCP' | 'UDP', 'allow' | 'deny', string][] = [
  ['intruder → db-0', { pod: 'other/intruder' }, { pod: 'default/db-0' }, 6379, 'TCP', 'allow', 'fixable'],
  ['checkout → Service api, both sides', { workload: 'deploy:store/checkout' }, { service: 'store/api' }, 80, 'TCP', 'allow', 'fixable'],
  ['db-0 → kube-dns UDP/53', { pod: 'default/db-0' }, { service: 'kube-system/kube-dns' }, 53, 'UDP', 'allow', 'fixable'],
  ['deny frontend → db-0', { pod: 'default/frontend-1' }, { pod: 'default/db-0' }, 6379, 'TCP', 'deny', 'fixable'],
  ['already allowed', { pod: 'default/frontend-1' }, { pod: 'default/db-0' }, 6379, 'TCP', 'allow', 'nothing-to-change'],
  ['host-network source', { pod: 'monitoring/node-exporter-9wd2c' }, { pod: 'default/db-0' }, 6379, 'TCP', 'allow', 'unfixable'],
];

describe('gRPC Fix equals REST POST /v1/fix on the demo cluster', () => {
  let s: GrpcTestServer;
  before(async () => {
    s = await startGrpcTestServer();
    const r = await request(s.rest.url, 'POST', '/v1/snapshots', { raw: readText(DEMO_PATH), type: 'application/yaml' });
    assert.equal(r.status, 201);
  });
  after(async () => s.stop());

  for (const [what, from, to, port, protocol, mode, expected] of CASES) {
    test(what, async () => {
      const rest = await request(s.rest.url, 'POST', '/v1/fix', { body: { from, to, port, protocol, mode } });
      assert.equal(rest.status, 200, rest.text);
      assert.equal((rest.json as { status: string }).status, expected);
      const grpc = await call(s.client, s.client.fix, {
        from: endpoint(from),
        to: endpoint(to),
        port,
        protocol: protocol === 'TCP' ? Protocol.PROTOCOL_TCP : Protocol.PROTOCOL_UDP,
        mode: mode === 'deny' ? FixMode.FIX_MODE_DENY : FixMode.FIX_MODE_UNSPECIFIED,
      });
      assert.deepEqual(fixJson(grpc), rest.json);
    });
  }

  test('REST POST /v1/lint carries the mechanical fix, as `netreach lint -o json` does', async () => {
    const r = await request(s.rest.url, 'POST', '/v1/lint', { raw: readText(DEMO_PATH), type: 'application/yaml' });
    assert.equal(r.status, 200, r.text);
    const dns = (r.json as { diagnostics: { code: string; fix?: { objects: { metadata: { name: string } }[] } }[] }).diagnostics.find(
      (d) => d.code === 'egress-blocks-dns',
    );
    assert.equal(dns?.fix?.objects[0].metadata.name, 'test-network-policy-allow-dns');
  });

  test('REST answers text/plain with the CLI text; a namespace destination is 400 on REST and INVALID_ARGUMENT on gRPC', async () => {
    const text = await request(s.rest.url, 'POST', '/v1/fix', {
      body: { from: { pod: 'other/intruder' }, to: { pod: 'default/db-0' }, port: 6379 },
      accept: 'text/plain',
    });
    assert.equal(text.status, 200);
    assert.match(text.text, /#1 \(best\): create default\/allow-other-intruder-to-db-0-redis/u);
    const bad = await request(s.rest.url, 'POST', '/v1/fix', {
      body: { from: { pod: 'other/intruder' }, to: { namespace: 'default' }, port: 80 },
    });
    assert.equal(bad.status, 400, bad.text);
    await assert.rejects(
      call(s.client, s.client.fix, {
        from: endpoint({ pod: 'other/intruder' }),
        to: endpoint({ namespace: 'default' }),
        port: 80,
        protocol: Protocol.PROTOCOL_TCP,
        mode: FixMode.FIX_MODE_ALLOW,
      }),
      (err: { code: number }) => err.code === status.INVALID_ARGUMENT,
    );
  });
});
