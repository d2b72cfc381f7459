// Snapshot history: upload (JSON List or YAML), list, one snapshot, diff of two.
// Uploads are atomic and strict by default (decoded as `kubectl apply` would read them): any error
// refuses the whole upload (400, every error listed, capped with a count), nothing is stored and the
// served snapshot stays. `?lenient=true` stores what decodes, leaves the broken objects out, answers
// with the warnings and marks the snapshot `partial`. Either way the answer comes only after the
// store committed: an id given out is durable; a failed write is 507/503 and changes nothing. A large
// body is decoded and written by a worker (service/upload-off-thread.ts), so /healthz keeps answering.
import type { TextLimits } from '../../../ingest/limits.ts';
import { type Diagnostic, InputError, hasErrors } from '../../../model/diagnostics.ts';
import type { Snapshot } from '../../../model/types.ts';
import { type Saver, type UploadDecoded, decodeUpload } from '../../../service/upload-off-thread.ts';
import { diffSnapshots } from '../../../query/snapshot-diff.ts';
import type { components } from '../gen/openapi-types.ts';
import { servedSnapshot } from '../answer.ts';
import { capped } from '../errors.ts';
import type { Handlers, Params, Query, RouteContext } from './context.ts';

type Summary = components['schemas']['SnapshotSummary'];

/** Objects the snapshot holds (what the engine will answer about), plugin evidence aside. */
function decodedObjects(s: Snapshot): number {
  return (
    s.namespaces.length +
    s.pods.length +
    s.workloads.length +
    s.services.length +
    s.endpointSlices.length +
    s.nodes.length +
    s.policies.length +
    s.notAnalysable.length
  );
}

function refuse(message: string, diagnostics: readonly Diagnostic[]): never {
  throw new InputError(
    message,
    diagnostics.filter((d) => d.severity === 'error'),
  );
}

/** Validates a decoded upload and commits it (through `save`, off the event loop, when given); the 201 body. */
async function stored(ctx: RouteContext, decoded: UploadDecoded, lenient: boolean, save: Saver | undefined) {
  if (decoded.objects === 0) throw new InputError('the body holds no Kubernetes object', decoded.diagnostics);
  if (!lenient && hasErrors(decoded.diagnostics)) {
    const errors = decoded.diagnostics.filter((d) => d.severity === 'error').length;
    refuse(
      `the upload has ${errors} error(s); nothing was stored (?lenient=true stores the objects that decode, marked partial)`,
      decoded.diagnostics,
    );
  }
  if (decodedObjects(decoded.snapshot) === 0)
    refuse(`none of the ${decoded.objects} object(s) in the body could be decoded; nothing was stored`, decoded.diagnostics);
  const partial = lenient && hasErrors(decoded.diagnostics);
  const detail = { objects: decoded.objects, diagnostics: decoded.diagnostics.length, ...(partial ? { partial: true } : {}) };
  const served = await ctx.service.commitAsync(decoded.snapshot, 'upload', detail, save);
  const warnings = capped(decoded.diagnostics);
  return {
    id: served.meta.id,
    counts: served.meta.counts,
    warnings: warnings.items,
    ...(warnings.total > warnings.items.length ? { warningsTotal: warnings.total } : {}),
    ...(partial ? { partial: true } : {}),
  };
}

export function snapshotRoutes(
  ctx: RouteContext,
  limits: TextLimits = {},
): Pick<Handlers, 'uploadSnapshot' | 'listSnapshots' | 'getSnapshot' | 'diffSnapshots'> {
  return {
    async uploadSnapshot(request, reply) {
      const query = request.query as Query<'uploadSnapshot'>;
      // `strict=false`, the old spelling of the old default, asks for the lenient form too.
      const lenient = query.strict === false || (query.lenient === true && query.strict !== true);
      const text = typeof request.body === 'string' ? request.body : (ctx.rawBody(request) ?? JSON.stringify(request.body));
      const options = { file: 'upload', source: 'upload' as const, strict: !lenient, requireIdentity: !lenient, limits };
      const upload = await decodeUpload(text, options, ctx.service.writerTarget());
      try {
        return await reply.code(201).send(await stored(ctx, upload.decoded, lenient, upload.save));
      } finally {
        upload.discard();
      }
    },
    async listSnapshots(request) {
      const { limit } = request.query as Query<'listSnapshots'>;
      const snapshots: Summary[] = ctx.service.list(limit).map((m) => ({
        id: m.id,
        takenAt: m.takenAt,
        source: m.source,
        counts: m.counts,
        ...(m.dataplane ? { dataplane: m.dataplane } : {}),
        ...(m.detail?.partial === true ? { partial: true } : {}),
        ...(m.corrupt ? { corrupt: true } : {}),
      }));
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
