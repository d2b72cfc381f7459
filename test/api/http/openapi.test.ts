// The OpenAPI document is the source of truth: the generated types are current, every operation is
// a route with its schemas, and the document's schemas load into Fastify as they are.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { TYPES_PATH, generateDocumentJson, generateTypes } from '../../../openapi/generate.ts';
import { OPENAPI_JSON_PATH, OPENAPI_PATH, deref, loadApiDocument } from '../../../src/api/http/openapi.ts';
import { preferredFormat } from '../../../src/api/http/answer.ts';
import { validatorCompiler } from '../../../src/api/http/validation.ts';
import { parseListen } from '../../../src/cli/args.ts';
import { tokenFrom, tokenMatches } from '../../../src/service/auth.ts';
import { tempTree } from '../../cli/cli-harness.ts';

describe('openapi/netreach.yaml', () => {
  test('src/api/http/gen/openapi-types.ts is what `npm run gen:api` generates (not stale)', async () => {
    assert.equal(readFileSync(TYPES_PATH, 'utf8'), await generateTypes(), 'run npm run gen:api');
  });

  test('src/api/http/gen/openapi-document.json is what `npm run gen:api` generates (not stale), and the server reads it', () => {
    assert.equal(readFileSync(OPENAPI_JSON_PATH, 'utf8'), generateDocumentJson(), 'run npm run gen:api');
    assert.deepEqual(loadApiDocument(), loadApiDocument(OPENAPI_PATH), 'the JSON and the YAML give the same routes');
  });

  test('operations become Fastify routes with body, params, query and response schemas', () => {
    const api = loadApiDocument();
    const byId = new Map(api.operations.map((o) => [o.operationId, o]));
    assert.deepEqual([...byId.keys()].sort(), [
      'assertions',
      'check',
      'diffSnapshots',
      'events',
      'exposure',
      'fix',
      'flowDiff',
      'flowHistory',
      'getDataplane',
      'getSnapshot',
      'getSnapshotObjects',
      'healthz',
      'impact',
      'lint',
      'listSnapshots',
      'matrix',
      'mattermostCommand',
      'metrics',
      'podPolicies',
      'ports',
      'readyz',
      'slackCommand',
      'uploadSnapshot',
    ]);
    assert.equal(byId.get('diffSnapshots')!.url, '/v1/snapshots/:a/diff/:b');
    assert.equal(byId.get('podPolicies')!.url, '/v1/pods/:namespace/:name/policies');
    const check = byId.get('check')!.schema as { body: { properties: Record<string, unknown>; additionalProperties: boolean } };
    assert.equal(check.body.additionalProperties, false);
    assert.deepEqual(check.body.properties.protocol, { type: 'string', enum: ['TCP', 'UDP', 'SCTP'], default: 'TCP' });
    const upload = byId.get('uploadSnapshot')!.schema as { body: { content: Record<string, unknown> } };
    assert.deepEqual(Object.keys(upload.body.content).sort(), ['application/json', 'application/yaml']);
    assert.deepEqual([byId.get('healthz')!.public, byId.get('readyz')!.public, byId.get('check')!.public], [true, true, false]);
  });

  test('deref inlines $refs and keeps siblings, refuses recursion', () => {
    const doc = {
      components: { schemas: { A: { type: 'integer' }, R: { type: 'object', properties: { r: { $ref: '#/components/schemas/R' } } } } },
    };
    assert.deepEqual(deref({ $ref: '#/components/schemas/A', default: 1 }, doc), { type: 'integer', default: 1 });
    assert.throws(() => deref({ $ref: '#/components/schemas/R' }, doc), /recursive/);
    assert.throws(() => deref({ $ref: '#/components/schemas/Nope' }, doc), /dangling/);
  });
});

describe('request validation (src/api/http/validation.ts)', () => {
  type Part = 'body' | 'querystring' | 'params';
  const api = loadApiDocument();
  const schemas = api.operations.flatMap((op) =>
    (['body', 'querystring', 'params'] as Part[]).flatMap((httpPart) => {
      const schema = (op.schema as Record<string, unknown>)[httpPart] as { content?: unknown } | undefined;
      return schema && !schema.content ? [{ id: `${op.operationId} ${httpPart}`, httpPart, schema }] : [];
    }),
  );
  const compile = (eager: boolean, httpPart: Part, schema: unknown) =>
    validatorCompiler(eager)({ schema, httpPart, method: 'POST', url: '/' } as never) as ((d: unknown) => boolean) & { errors?: unknown };

  // Validators compile on first use at run time; a schema Ajv refuses must still fail here, not at a user's first request.
  test(`every request schema of the document compiles (${schemas.length} schemas)`, () => {
    assert.ok(schemas.length > 10);
    for (const { id, httpPart, schema } of schemas) assert.doesNotThrow(() => compile(true, httpPart, schema), id);
  });

  const check = schemas.find((s) => s.id === 'check body')!;
  const bodies: [string, unknown, boolean][] = [
    ['a pod pair', { from: { pod: 'a/b' }, to: { pod: 'c/d' }, port: 80 }, true],
    ['port as text', { from: { pod: 'a/b' }, to: { pod: 'c/d' }, port: '80' }, false],
    ['an unknown field', { from: { pod: 'a/b' }, to: { pod: 'c/d' }, port: 80, nope: 1 }, false],
    ['no to', { from: { pod: 'a/b' }, port: 80 }, false],
    ['a pod pair again (compiled once, errors cleared)', { from: { pod: 'a/b' }, to: { pod: 'c/d' }, port: 80 }, true],
  ];
  const lazy = compile(false, 'body', check.schema);
  const eager = compile(true, 'body', check.schema);
  for (const [name, body, ok] of bodies)
    test(`check body, compiled on first use as at start: ${name} → ${ok}`, () => {
      const [a, b] = [structuredClone(body), structuredClone(body)];
      assert.equal(lazy(a), ok);
      assert.equal(eager(b), ok);
      assert.deepEqual(lazy.errors, eager.errors);
      assert.deepEqual(a, b, 'defaults applied alike');
    });
});

describe('content negotiation', () => {
  const cases: [string | undefined, string][] = [
    [undefined, 'json'],
    ['*/*', 'json'],
    ['application/json', 'json'],
    ['text/markdown', 'markdown'],
    ['text/plain', 'text'],
    ['text/html, text/markdown;q=0.9, */*;q=0.1', 'markdown'],
    ['text/plain;q=0.5, text/markdown', 'markdown'],
    ['image/png', 'json'],
  ];
  for (const [accept, format] of cases) {
    test(`Accept: ${accept ?? '(none)'} → ${format}`, () => assert.equal(preferredFormat(accept), format));
  }
});

describe('--listen HOST:PORT', () => {
  const cases: [string, { host: string; port: number } | RegExp][] = [
    ['127.0.0.1:8080', { host: '127.0.0.1', port: 8080 }],
    ['0.0.0.0:80', { host: '0.0.0.0', port: 80 }],
    ['[::1]:9000', { host: '::1', port: 9000 }],
    [':8080', { host: '0.0.0.0', port: 8080 }],
    ['localhost', /expected HOST:PORT/],
    ['h:70000', /expected HOST:PORT/],
  ];
  for (const [text, want] of cases) {
    test(`${text}`, () =>
      want instanceof RegExp ? assert.throws(() => parseListen(text), want) : assert.deepEqual(parseListen(text), want));
  }
});

describe('bearer token', () => {
  test('NETREACH_TOKEN, a token file (first line) wins, empty means off', () => {
    const tree = tempTree({ token: '  file-token  \nignored\n', empty: '\n' });
    try {
      assert.equal(tokenFrom({ NETREACH_TOKEN: 'env-token' }), 'env-token');
      assert.equal(tokenFrom({ NETREACH_TOKEN: 'env-token' }, tree.path('token')), 'file-token');
      assert.equal(tokenFrom({ NETREACH_TOKEN: '' }), undefined);
      assert.equal(tokenFrom({}, tree.path('empty')), undefined);
    } finally {
      tree.remove();
    }
  });

  const headers: [string | undefined, boolean][] = [
    ['Bearer t0k', true],
    ['bearer t0k', true],
    ['Bearer t0k2', false],
    ['Basic t0k', false],
    ['t0k', false],
    [undefined, false],
  ];
  for (const [header, ok] of headers) {
    test(`Authorization: ${header ?? '(none)'} → ${ok}`, () => assert.equal(tokenMatches(header, 't0k'), ok));
  }
});
