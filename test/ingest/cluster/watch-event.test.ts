// Watch lines: what is applied, what is malformed; list items get kind/apiVersion back.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clusterResource } from '../../../src/ingest/cluster/resources.ts';
import { isGone, normaliseObject, objectKey, parseWatchLine } from '../../../src/ingest/cluster/watch-event.ts';

describe('parseWatchLine', () => {
  const cases: [string, string, string][] = [
    ['ADDED with a name', '{"type":"ADDED","object":{"metadata":{"name":"a","namespace":"n"}}}', 'event ADDED'],
    ['DELETED with a name', '{"type":"DELETED","object":{"metadata":{"name":"a"}}}', 'event DELETED'],
    ['BOOKMARK with a resourceVersion', '{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"42"}}}', 'event BOOKMARK'],
    ['ERROR status', '{"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired","message":"too old"}}', 'event ERROR'],
    ['truncated JSON', '{"type":"ADDED","object":{', 'malformed'],
    ['not JSON', 'hello', 'malformed'],
    ['no object', '{"type":"ADDED"}', 'malformed'],
    ['object is a list', '{"type":"ADDED","object":[]}', 'malformed'],
    ['ADDED without a name', '{"type":"ADDED","object":{"metadata":{"namespace":"n"}}}', 'malformed'],
    ['BOOKMARK without a resourceVersion', '{"type":"BOOKMARK","object":{"metadata":{}}}', 'malformed'],
    ['unknown type', '{"type":"RENAMED","object":{"metadata":{"name":"a"}}}', 'malformed'],
  ];
  for (const [name, line, expected] of cases) {
    it(`${name}: ${expected}`, () => {
      const parsed = parseWatchLine(line);
      assert.equal(parsed.kind === 'event' ? `event ${parsed.event.type}` : parsed.kind, expected);
    });
  }
});

describe('isGone', () => {
  const cases: [string, { code?: number; reason?: string }, boolean][] = [
    ['code 410', { code: 410 }, true],
    ['reason Expired without a code', { reason: 'Expired' }, true],
    ['reason Gone', { reason: 'Gone' }, true],
    ['code 500', { code: 500, reason: 'InternalError' }, false],
  ];
  for (const [name, event, expected] of cases) it(`${name}: ${expected}`, () => assert.equal(isGone(event), expected));
});

describe('normaliseObject', () => {
  it('fills kind/apiVersion of a list item from its resource and drops managedFields', () => {
    const item = {
      metadata: { name: 'np', namespace: 'prod', managedFields: [{}] },
      spec: { ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] }] },
    };
    const object = normaliseObject(item, clusterResource('networkpolicies'));
    assert.deepEqual(object, {
      kind: 'NetworkPolicy',
      apiVersion: 'networking.k8s.io/v1',
      metadata: { name: 'np', namespace: 'prod' },
      spec: { ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] }] },
    });
    assert.equal(objectKey(object), 'prod/np');
  });

  it('keeps the kind and apiVersion an object already carries', () => {
    const object = normaliseObject({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'p' } }, clusterResource('pods'));
    assert.equal(`${object.apiVersion} ${object.kind} ${objectKey(object)}`, 'v1 Pod /p');
  });
});
