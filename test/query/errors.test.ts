// One classification of failures for every door (src/query/errors.ts): what each thrown value is, and
// the status each door answers it with from its one table (REST, gRPC, CLI exit code).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { status } from '@grpc/grpc-js';
import { GRPC_STATUS } from '../../src/api/grpc/errors.ts';
import { HTTP_STATUS } from '../../src/api/http/errors.ts';
import { EXIT_CODE } from '../../src/cli/io.ts';
import { EngineError } from '../../src/engine/errors.ts';
import { InputTooLarge } from '../../src/ingest/limits.ts';
import { InputError } from '../../src/model/diagnostics.ts';
import { ERROR_KINDS, INTERNAL_MESSAGE, QueryProblem, StartupError, badField, classify } from '../../src/query/errors.ts';
import { NotFoundError } from '../../src/query/resolve.ts';
import { StoreError } from '../../src/store/errors.ts';

const np = { kind: 'NetworkPolicy', namespace: 'shop', name: 'web' };

const CASES: { name: string; err: unknown; kind: string; code: string; http: number; grpc: status; message?: string }[] = [
  {
    name: 'a query problem keeps its code',
    err: new QueryProblem('unknown-snapshot', 'no snapshot 9'),
    kind: 'not-found',
    code: 'unknown-snapshot',
    http: 404,
    grpc: status.NOT_FOUND,
    message: 'no snapshot 9',
  },
  {
    name: 'a bad field',
    err: badField('port', 'must be 1-65535'),
    kind: 'bad-request',
    code: 'bad-input',
    http: 400,
    grpc: status.INVALID_ARGUMENT,
    message: 'port: must be 1-65535',
  },
  {
    name: 'bad input with diagnostics',
    err: new InputError('1 error', [
      { severity: 'error', code: 'unknown-field', message: 'unknown field', ref: np, path: 'spec.podSelecter' },
    ]),
    kind: 'bad-request',
    code: 'bad-input',
    http: 400,
    grpc: status.INVALID_ARGUMENT,
  },
  {
    name: 'too large',
    err: new InputTooLarge('body over 64 MiB'),
    kind: 'too-large',
    code: 'too-large',
    http: 413,
    grpc: status.RESOURCE_EXHAUSTED,
  },
  {
    name: 'disk full',
    err: new StoreError('disk-full', 'SQLITE_FULL'),
    kind: 'storage-full',
    code: 'insufficient-storage',
    http: 507,
    grpc: status.RESOURCE_EXHAUSTED,
  },
  {
    name: 'a read-only database is retried',
    err: new StoreError('read-only', 'SQLITE_READONLY'),
    kind: 'unavailable',
    code: 'store-unavailable',
    http: 503,
    grpc: status.UNAVAILABLE,
  },
  {
    name: 'a corrupt snapshot',
    err: new StoreError('corrupt-snapshot', 'sha256 mismatch'),
    kind: 'data-loss',
    code: 'corrupt-snapshot',
    http: 500,
    grpc: status.DATA_LOSS,
  },
  {
    name: 'another store failure hides its cause',
    err: new StoreError('newer-schema', 'schema 9'),
    kind: 'storage',
    code: 'internal',
    http: 500,
    grpc: status.INTERNAL,
    message: INTERNAL_MESSAGE,
  },
  {
    name: 'an unknown endpoint (resolve)',
    err: new NotFoundError('no pod shop/x'),
    kind: 'unprocessable',
    code: 'unknown-endpoint',
    http: 422,
    grpc: status.FAILED_PRECONDITION,
  },
  {
    name: 'an unknown endpoint (engine)',
    err: new EngineError('unknown-endpoint', 'no pod shop/x'),
    kind: 'unprocessable',
    code: 'unknown-endpoint',
    http: 422,
    grpc: status.FAILED_PRECONDITION,
  },
  {
    name: 'an invalid port (engine)',
    err: new EngineError('invalid-port', 'port 0'),
    kind: 'bad-request',
    code: 'bad-input',
    http: 400,
    grpc: status.INVALID_ARGUMENT,
  },
  {
    name: 'a startup failure',
    err: new StartupError('port 8080 in use'),
    kind: 'startup',
    code: 'internal',
    http: 500,
    grpc: status.INTERNAL,
  },
  {
    name: 'anything else is internal, its cause hidden',
    err: new TypeError('x is undefined'),
    kind: 'internal',
    code: 'internal',
    http: 500,
    grpc: status.INTERNAL,
    message: INTERNAL_MESSAGE,
  },
  { name: 'a thrown string', err: 'boom', kind: 'internal', code: 'internal', http: 500, grpc: status.INTERNAL, message: INTERNAL_MESSAGE },
];

describe('classify: one kind per failure, one status per door', () => {
  for (const c of CASES) {
    test(c.name, () => {
      const got = classify(c.err);
      assert.equal(got.kind, c.kind);
      assert.equal(got.code, c.code);
      if (c.message !== undefined) assert.equal(got.message, c.message);
      assert.equal(HTTP_STATUS[got.kind], c.http);
      assert.equal(GRPC_STATUS[got.kind], c.grpc);
      assert.equal(typeof EXIT_CODE[got.kind], 'number');
    });
  }

  test('bad input names the object and the field path of each violation', () => {
    const got = classify(CASES[2].err);
    assert.deepEqual(got.violations, [{ path: 'spec.podSelecter', message: 'NetworkPolicy shop/web: unknown field' }]);
    assert.equal(got.diagnostics.length, 1);
  });

  test('every kind has a status in every door, and the CLI exits non-zero', () => {
    for (const kind of ERROR_KINDS) {
      assert.ok(HTTP_STATUS[kind] >= 400, kind);
      assert.ok(GRPC_STATUS[kind] !== status.OK, kind);
      assert.ok(EXIT_CODE[kind] > 0, kind);
    }
  });

  test('the failure came from the store only for store errors', () => {
    assert.equal(classify(new StoreError('io', 'EIO')).fromStore, true);
    assert.equal(classify(new InputTooLarge('big')).fromStore, false);
  });
});
