// Every error mapping over a real grpc-js client: INVALID_ARGUMENT with field violations (in
// google.rpc.BadRequest details and as JSON metadata), NOT_FOUND, FAILED_PRECONDITION, UNAVAILABLE,
// UNAUTHENTICATED, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED and a hidden INTERNAL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BinaryReader } from '@bufbuild/protobuf/wire';
import { Metadata, type ServerUnaryCall, type ServiceError, credentials, makeClientConstructor, status } from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { unary } from '../../../src/api/grpc/call.ts';
import { BAD_REQUEST_TYPE_URL, PROBLEM_KEY, STATUS_DETAILS_KEY, VIOLATIONS_KEY, problemOf } from '../../../src/api/grpc/errors.ts';
import { type CheckRequest, type ImpactRequest, Protocol } from '../../../src/api/grpc/gen/netreach/v1/netreach.ts';
import { DEMO_PATH } from '../../cli/cli-harness.ts';
import { type GrpcTestServer, bearer, call, collect, startGrpcTestServer } from '../../support/grpc-server.ts';
import { readText, request } from '../../support/http-server.ts';

const pod = (value: string) => ({ kind: { $case: 'pod' as const, value } });
const CHECK: CheckRequest = { from: pod('default/frontend-1'), to: pod('default/backend-1'), port: 80, protocol: Protocol.PROTOCOL_TCP };

const NO_CHANGE: ImpactRequest = { apply: [], delete: [], groupBy: 0, manifests: '' };

interface Violation {
  field: string;
  description: string;
}

/** google.rpc.Status → its code and the BadRequest field violations in its details. */
function decodeStatusDetails(bytes: Uint8Array): { code: number; typeUrl: string; violations: Violation[] } {
  const out = { code: -1, typeUrl: '', violations: [] as Violation[] };
  const status = new BinaryReader(bytes);
  while (status.pos < status.len) {
    const [field] = status.tag();
    if (field === 1) out.code = status.int32();
    else if (field === 2) status.string();
    else {
      const any = new BinaryReader(status.bytes());
      while (any.pos < any.len) {
        const [f] = any.tag();
        if (f === 1) out.typeUrl = any.string();
        else {
          const badRequest = new BinaryReader(any.bytes());
          while (badRequest.pos < badRequest.len) {
            badRequest.tag();
            const v = new BinaryReader(badRequest.bytes());
            const violation = { field: '', description: '' };
            while (v.pos < v.len) {
              const [vf] = v.tag();
              if (vf === 1) violation.field = v.string();
              else violation.description = v.string();
            }
            out.violations.push(violation);
          }
        }
      }
    }
  }
  return out;
}

function rejectsWith(p: Promise<unknown>, code: status, problem?: string): Promise<void> {
  return assert.rejects(p, (err: ServiceError) => {
    assert.equal(err.code, code, `${status[err.code]}: ${err.details}`);
    if (problem) assert.equal(err.metadata.get(PROBLEM_KEY)[0], problem);
    return true;
  });
}

describe('gRPC errors on a served snapshot', () => {
  let s: GrpcTestServer;
  before(async () => {
    s = await startGrpcTestServer({ maxReceiveMessageBytes: 2048 });
    const r = await request(s.rest.url, 'POST', '/v1/snapshots', { raw: readText(DEMO_PATH), type: 'application/yaml' });
    assert.equal(r.status, 201);
  });
  after(async () => s.stop());

  test('INVALID_ARGUMENT lists every bad field in google.rpc.BadRequest and in metadata', async () => {
    const err = await call(s.client, s.client.check, {
      from: pod('default'),
      to: undefined,
      port: 70000,
      protocol: Protocol.PROTOCOL_TCP,
    }).then(
      () => assert.fail('expected an error'),
      (e: ServiceError) => e,
    );
    assert.equal(err.code, status.INVALID_ARGUMENT);
    assert.equal(err.metadata.get(PROBLEM_KEY)[0], 'bad-input');
    const details = decodeStatusDetails(err.metadata.get(STATUS_DETAILS_KEY)[0] as Buffer);
    assert.equal(details.code, status.INVALID_ARGUMENT);
    assert.equal(details.typeUrl, BAD_REQUEST_TYPE_URL);
    assert.deepEqual(
      details.violations.map((v) => v.field),
      ['from.pod', 'to', 'port'],
    );
    const json = JSON.parse(String(err.metadata.get(VIOLATIONS_KEY)[0]));
    assert.deepEqual(
      json.map((v: { path: string }) => v.path),
      ['from.pod', 'to', 'port'],
    );
  });

  const invalid: [string, () => Promise<unknown>, string][] = [
    ['Check with an unknown protocol value', () => call(s.client, s.client.check, { ...CHECK, protocol: 7 as Protocol }), 'protocol'],
    [
      'Check with a malformed IP',
      () => call(s.client, s.client.check, { ...CHECK, from: { kind: { $case: 'ip', value: '10.0.0.999' } } }),
      'from.ip',
    ],
    ['Check with snapshot 0', () => call(s.client, s.client.check, { ...CHECK, snapshot: 0 }), 'snapshot'],
    ['Ports without a destination', () => call(s.client, s.client.ports, { from: pod('default/db-0') }), 'to'],
    ['Matrix with port 0', () => collect(s.client.matrix({ port: 0, protocol: 0, groupBy: 0, namespaces: [] })), 'port'],
    [
      'Matrix with an empty namespace',
      () => collect(s.client.matrix({ port: 80, protocol: 0, groupBy: 0, namespaces: [''] })),
      'namespaces[0]',
    ],
    ['ListSnapshots with limit 0', () => call(s.client, s.client.listSnapshots, { limit: 0 }), 'limit'],
    ['GetSnapshot without an id', () => call(s.client, s.client.getSnapshot, { id: 0 }), 'id'],
    ['Impact with a malformed delete', () => call(s.client, s.client.impact, { ...NO_CHANGE, delete: ['nope'] }), 'delete[0]'],
    ['Impact by namespace', () => call(s.client, s.client.impact, { ...NO_CHANGE, groupBy: 3 }), 'groupBy'],
    [
      'Impact with both apply and manifests',
      () => call(s.client, s.client.impact, { ...NO_CHANGE, apply: [{ kind: 'List', items: [] }], manifests: 'kind: List' }),
      'manifests',
    ],
  ];
  for (const [name, run, field] of invalid) {
    test(`INVALID_ARGUMENT: ${name} names ${field}`, async () => {
      await assert.rejects(run(), (err: ServiceError) => {
        assert.equal(err.code, status.INVALID_ARGUMENT, err.details);
        assert.deepEqual(
          JSON.parse(String(err.metadata.get(VIOLATIONS_KEY)[0])).map((v: { path: string }) => v.path),
          [field],
        );
        return true;
      });
    });
  }

  test('NOT_FOUND: an unknown snapshot (Check, Matrix, GetSnapshot)', async () => {
    await rejectsWith(call(s.client, s.client.check, { ...CHECK, snapshot: 999 }), status.NOT_FOUND, 'unknown-snapshot');
    await rejectsWith(
      collect(s.client.matrix({ port: 80, protocol: 0, groupBy: 0, namespaces: [], snapshot: 999 })),
      status.NOT_FOUND,
      'unknown-snapshot',
    );
    await rejectsWith(call(s.client, s.client.getSnapshot, { id: 999 }), status.NOT_FOUND, 'unknown-snapshot');
  });

  test('FAILED_PRECONDITION: a pod the snapshot does not hold (REST 422)', async () => {
    await rejectsWith(
      call(s.client, s.client.check, { ...CHECK, to: pod('default/ghost') }),
      status.FAILED_PRECONDITION,
      'unknown-endpoint',
    );
    await rejectsWith(
      call(s.client, s.client.ports, { from: pod('default/ghost'), to: pod('default/db-0') }),
      status.FAILED_PRECONDITION,
      'unknown-endpoint',
    );
  });

  test('INVALID_ARGUMENT: Impact deleting a policy the snapshot does not hold, or applying a broken one (REST 400)', async () => {
    await rejectsWith(call(s.client, s.client.impact, { ...NO_CHANGE, delete: ['monitoring/nope'] }), status.INVALID_ARGUMENT, 'bad-input');
    const broken = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'x', namespace: 'monitoring' },
      spec: { podSelector: {}, policyTypes: ['Sideways'] },
    };
    await rejectsWith(call(s.client, s.client.impact, { ...NO_CHANGE, apply: [broken] }), status.INVALID_ARGUMENT, 'bad-input');
  });

  test('RESOURCE_EXHAUSTED: a request over the receive limit', async () => {
    await rejectsWith(call(s.client, s.client.check, { ...CHECK, from: pod(`default/${'x'.repeat(4096)}`) }), status.RESOURCE_EXHAUSTED);
  });

  test('DEADLINE_EXCEEDED: a watch past its deadline ends with the deadline status', async () => {
    await rejectsWith(
      collect(s.client.watchSnapshots({ includeCurrent: false }, new Metadata(), { deadline: new Date(Date.now() + 200) })),
      status.DEADLINE_EXCEEDED,
    );
  });
});

describe('gRPC errors without a snapshot or with a token', () => {
  test('UNAVAILABLE: no snapshot is being served yet (REST 503)', async () => {
    const s = await startGrpcTestServer();
    try {
      await rejectsWith(call(s.client, s.client.check, CHECK), status.UNAVAILABLE, 'not-ready');
    } finally {
      await s.stop();
    }
  });

  test('UNAUTHENTICATED: missing or wrong bearer token; the right one and health pass', async () => {
    const s = await startGrpcTestServer({ token: 's3cret' });
    try {
      await rejectsWith(call(s.client, s.client.listSnapshots, {}), status.UNAUTHENTICATED, 'unauthorized');
      await rejectsWith(call(s.client, s.client.listSnapshots, {}, bearer('wrong')), status.UNAUTHENTICATED, 'unauthorized');
      await rejectsWith(collect(s.client.watchSnapshots({ includeCurrent: true })), status.UNAUTHENTICATED, 'unauthorized');
      assert.deepEqual(await call(s.client, s.client.listSnapshots, {}, bearer('s3cret')), { snapshots: [] });
      const Health = makeClientConstructor(healthService, 'Health');
      const health = new Health(`127.0.0.1:${s.grpc.port}`, credentials.createInsecure()) as any;
      const res = await new Promise<{ status: string }>((resolve, reject) =>
        health.check({ service: '' }, (e: Error | null, r: { status: string }) => (e ? reject(e) : resolve(r))),
      );
      health.close();
      assert.equal(res.status, 'NOT_SERVING');
    } finally {
      await s.stop();
    }
  });
});

describe('gRPC call wrapper', () => {
  test('DEADLINE_EXCEEDED: a call whose deadline has passed is not answered', async () => {
    let answered = false;
    const handler = unary({ log: () => {} }, () => {
      answered = true;
      return {};
    });
    const fake = {
      request: {},
      metadata: new Metadata(),
      cancelled: false,
      getDeadline: () => Date.now() - 1,
    } as unknown as ServerUnaryCall<object, object>;
    const err = await new Promise<Partial<ServiceError> | null>((resolve) =>
      handler(fake, (e) => resolve(e as Partial<ServiceError> | null)),
    );
    assert.equal(err?.code, status.DEADLINE_EXCEEDED);
    assert.equal(answered, false);
  });

  test('INTERNAL: an unexpected failure hides its message', () => {
    const p = problemOf(new Error('secret database path /var/x'));
    assert.equal(p.code, status.INTERNAL);
    assert.doesNotMatch(p.message, /secret/);
  });
});
