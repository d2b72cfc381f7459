// Every /v1 answer says which snapshot it read and whether the data may be behind its source, in
// headers (so JSON, Markdown and text answers alike carry it, and no answer schema changes):
// `Netreach-Snapshot` (id, 0 when served but not stored yet) and `Netreach-Snapshot-Taken-At` for the
// served snapshot when the request names none; `Netreach-Stale: true|false`, with
// `Netreach-Stale-Since` and `Netreach-Stale-Reason` while stale, always (staleness is the source's).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SnapshotService } from '../../service/snapshots.ts';

/** Header values are one line of visible ASCII; a reason is cut to a length a proxy passes. */
function headerText(text: string): string {
  const flat = text.replace(/[^\x20-\x7e]+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…`.replace(/…$/, '...') : flat;
}

function namesSnapshot(request: FastifyRequest): boolean {
  const body = request.body as { snapshot?: unknown } | undefined;
  const query = request.query as { snapshot?: unknown } | undefined;
  const params = request.params as { id?: unknown; a?: unknown } | undefined;
  return body?.snapshot !== undefined || query?.snapshot !== undefined || params?.id !== undefined || params?.a !== undefined;
}

export function setSnapshotHeaders(service: SnapshotService, request: FastifyRequest, reply: FastifyReply): void {
  if (!request.url.startsWith('/v1/')) return;
  const served = service.current();
  if (served && !namesSnapshot(request)) {
    reply.header('Netreach-Snapshot', String(served.meta.id));
    reply.header('Netreach-Snapshot-Taken-At', served.meta.takenAt);
  }
  const staleness = service.staleness();
  reply.header('Netreach-Stale', String(staleness.stale));
  if (staleness.since) reply.header('Netreach-Stale-Since', staleness.since);
  if (staleness.reason) reply.header('Netreach-Stale-Reason', headerText(staleness.reason));
}
