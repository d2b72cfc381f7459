// The REST spelling of endpoints into EndpointSpec, and its errors with field paths.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InputError } from '../../src/model/diagnostics.ts';
import { endpointSpecFromJson } from '../../src/query/endpoint-json.ts';
import { parseEndpointSpec } from '../../src/query/endpoint-spec.ts';

describe('endpointSpecFromJson', () => {
  const same: [object, string][] = [
    [{ pod: 'default/web' }, 'default/web'],
    [{ service: 'shop/api' }, 'svc:shop/api'],
    [{ workload: 'deploy:shop/api' }, 'deploy:shop/api'],
    [{ workload: 'sts:db/pg' }, 'sts:db/pg'],
    [{ namespace: 'shop' }, 'ns:shop'],
    [{ node: 'node-a' }, 'node:node-a'],
    [{ ip: '203.0.113.7' }, '203.0.113.7'],
    [{ ip: '2001:db8::1' }, '2001:db8::1'],
    [{ cidr: '0.0.0.0/0' }, '0.0.0.0/0'],
  ];
  for (const [json, cli] of same) {
    test(`${JSON.stringify(json)} is the CLI's ${cli}`, () =>
      assert.deepEqual(endpointSpecFromJson(json, 'body.from'), parseEndpointSpec(cli)));
  }

  const bad: [unknown, string][] = [
    [{ pod: 'web' }, 'body.from.pod'],
    [{ pod: 'a/b/c' }, 'body.from.pod'],
    [{ service: '/x' }, 'body.from.service'],
    [{ workload: 'shop/api' }, 'body.from.workload'],
    [{ workload: 'bogus:shop/api' }, 'body.from.workload'],
    [{ namespace: 'a/b' }, 'body.from.namespace'],
    [{ ip: '10.0.0.300' }, 'body.from.ip'],
    [{ cidr: '10.0.0.0/33' }, 'body.from.cidr'],
    [{ host: 'x' }, 'body.from.host'],
    [{ pod: 1 }, 'body.from.pod'],
    [{}, 'body.from'],
    [{ pod: 'a/b', ip: '10.0.0.1' }, 'body.from'],
    ['default/web', 'body.from'],
  ];
  for (const [json, path] of bad) {
    test(`${JSON.stringify(json)} is bad input at ${path}`, () => {
      assert.throws(
        () => endpointSpecFromJson(json, 'body.from'),
        (err: unknown) => err instanceof InputError && err.diagnostics[0]?.path === path && err.diagnostics[0]?.code === 'invalid-endpoint',
      );
    });
  }
});
