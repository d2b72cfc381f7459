// Content negotiation for query answers: JSON by default; `Accept: text/markdown` or `text/plain`
// get the human answer a chat bot can post as is. Also: which snapshot a query reads.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServedSnapshot, SnapshotService } from '../../service/snapshots.ts';
import { UnknownSnapshotError, snapshotAt } from '../../query/history/at.ts';
import { QueryProblem } from '../../query/errors.ts';
import { type Answered, type Format, type Presenter, render } from '../../render/presenter.ts';

export type AnswerFormat = Extract<Format, 'json' | 'markdown' | 'text'>;

/** The Content-Type of each rendered format. */
export const MEDIA_TYPE: Readonly<Record<Exclude<AnswerFormat, 'json'>, string>> = {
  markdown: 'text/markdown; charset=utf-8',
  text: 'text/plain; charset=utf-8',
};

const MEDIA: Record<string, AnswerFormat> = {
  'application/json': 'json',
  'application/*': 'json',
  '*/*': 'json',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/plain': 'text',
  'text/*': 'text',
};

/** The client's most preferred format we speak (by q, then order); JSON when nothing matches. */
export function preferredFormat(accept: string | undefined): AnswerFormat {
  if (!accept) return 'json';
  const ranked = accept.split(',').map((part, order) => {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return { type: type.trim(), q: q ? Number(q.slice(2)) : 1, order };
  });
  ranked.sort((a, b) => b.q - a.q || a.order - b.order);
  for (const r of ranked) if (r.q > 0 && MEDIA[r.type]) return MEDIA[r.type];
  return 'json';
}

/** Sends the answer's JSON body (through the route's schema, or `sendJson`), or its presenter's
 * rendering when the client asks for text; a REST body stands alone (render/presenter.ts RenderOptions). */
export function answer<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  a: Answered<T>,
  p: Presenter<T>,
  sendJson = (body: unknown) => reply.send(body),
): FastifyReply {
  const format = preferredFormat(request.headers.accept);
  if (format === 'json') return sendJson(p.body(a));
  return reply.type(MEDIA_TYPE[format]).send(`${render(p, a, format, { standalone: true })}\n`);
}

/** The snapshot a query names (`snapshot: ID`, or `at: TIME`: the one in force then), or the one being served. */
export function servedSnapshot(service: SnapshotService, id: number | undefined, at?: string, where = 'at'): ServedSnapshot {
  if (at !== undefined) {
    if (id !== undefined)
      throw new QueryProblem('bad-input', 'give snapshot or at, not both', [{ path: where, message: 'give snapshot or at, not both' }]);
    try {
      return servedSnapshot(service, snapshotAt(service.history().entries(), at, where).id);
    } catch (err) {
      if (err instanceof UnknownSnapshotError) throw new QueryProblem('unknown-snapshot', err.message);
      throw err;
    }
  }
  if (id !== undefined) {
    const s = service.get(id);
    if (!s) throw new QueryProblem('unknown-snapshot', `no snapshot ${id}`);
    return s;
  }
  const current = service.current();
  if (!current) throw new QueryProblem('not-ready', 'no snapshot has been loaded yet (see /readyz)');
  return current;
}
