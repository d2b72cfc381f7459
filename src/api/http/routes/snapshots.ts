// Snapshot history: upload (JSON List or YAML), list, one snapshot, diff of two.
import { InputError, hasErrors } from '../../../model/diagnostics.ts';
import { decodeManifestText } from '../../../query/manifest-text.ts';
import { diffSnapshots } from '../../../query/snapshot-diff.ts';
import type { components } from '../openapi-types.ts';
import { servedSnapshot } from '../answer.ts';
import type { Handlers, Params, Query, RouteContext } from './context.ts';

type Summary = components['schemas']['SnapshotSummary'];

export function snapshotRoutes(ctx: RouteContext): Pick<Handlers, 'uploadSnapshot' | 'listSnapshots' | 'getSnapshot' | 'diffSnapshots'> {
  return {
    async uploadSnapshot(request, reply) {
      const query = request.query as Query<'uploadSnapshot'>;
      const text = typeof request.body === 'string' ? request.body : (ctx.rawBody(request) ?? JSON.stringify(request.body));
      const decoded = decodeManifestText(text, { file: 'upload', source: 'upload', strict: query.strict });
      if (decoded.objects === 0) throw new InputError('the body holds no Kubernetes object', decoded.diagnostics);
      if (query.strict && hasErrors(decoded.diagnostics)) throw new InputError('the upload has errors (strict)', decoded.diagnostics);
      const served = ctx.service.accept(decoded.snapshot, 'upload', { objects: decoded.objects, diagnostics: decoded.diagnostics.length });
      return reply.code(201).send({ id: served.meta.id, counts: served.meta.counts, warnings: decoded.diagnostics });
    },
    async listSnapshots(request) {
      const { limit } = request.query as Query<'listSnapshots'>;
      const snapshots: Summary[] = ctx.service
        .list(limit)
        .map((m) => ({ id: m.id, takenAt: m.takenAt, source: m.source, counts: m.counts, ...(m.dataplane ? { dataplane: m.dataplane } : {}) }));
      return { snapshots };
    },
    async getSnapshot(request) {
      const { id } = request.params as Params<'getSnapshot'>;
      return servedSnapshot(ctx.service, id).meta;
    },
    async diffSnapshots(request) {
      const { a, b } = request.params as Params<'diffSnapshots'>;
      const before = servedSnapshot(ctx.service, a);
      const after = servedSnapshot(ctx.service, b);
      return { from: a, to: b, changes: diffSnapshots(before.snapshot, after.snapshot) };
    },
  };
}
